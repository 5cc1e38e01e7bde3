"""clause tallies

Revision ID: b7c41d2e9a10
Revises: aeaeac7f4761
Create Date: 2026-11-30 19:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c41d2e9a10'
down_revision = 'aeaeac7f4761'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('clause_tallies',
    sa.Column('clause_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('agreed', sa.Integer(), nullable=False),
    sa.Column('reserved', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clause_id'], ['clauses.id'], name=op.f('fk_clause_tallies_clause_id_clauses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_clause_tallies_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('clause_id', name=op.f('pk_clause_tallies'))
    )
    with op.batch_alter_table('clause_tallies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clause_tallies_document_id'), ['document_id'], unique=False)
    # Existing documents: tally the latest round's pins from the positions, as
    # app/agreement/tallies.py counts them (current, on the pinned wording, not through a
    # package, by parties rather than observers). A frozen copy of the rule in
    # app/agreement/rule.py, kept as history on purpose: a migration must not import app
    # code, which changes after it; later changes to the rule need a migration of their own.
    op.execute(
        "INSERT INTO clause_tallies (clause_id, document_id, version_id, agreed, reserved) "
        "SELECT p.clause_id, r.document_id, p.version_id, "
        "coalesce(sum(CASE WHEN pos.version_id = p.version_id AND pos.package_agreement_id IS NULL "
        "AND pos.stance = 'agreed' THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN pos.version_id = p.version_id AND pos.package_agreement_id IS NULL "
        "AND pos.stance = 'reservation' THEN 1 ELSE 0 END), 0) "
        "FROM round_pins p JOIN rounds r ON r.id = p.round_id "
        "LEFT JOIN positions pos ON pos.clause_id = p.clause_id AND pos.current "
        "AND pos.party_id IN (SELECT id FROM parties WHERE kind = 'party') "
        "WHERE r.number = (SELECT max(r2.number) FROM rounds r2 WHERE r2.document_id = r.document_id) "
        "GROUP BY p.clause_id, r.document_id, p.version_id")


def downgrade():
    with op.batch_alter_table('clause_tallies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clause_tallies_document_id'))
    op.drop_table('clause_tallies')
