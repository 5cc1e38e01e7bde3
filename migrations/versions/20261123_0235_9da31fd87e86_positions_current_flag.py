"""positions current flag

Revision ID: 9da31fd87e86
Revises: f12896b4a228
Create Date: 2026-11-23 02:35:16.197987

"""
from alembic import op
import sqlalchemy as sa

import app.models_base


# revision identifiers, used by Alembic.
revision = '9da31fd87e86'
down_revision = 'f12896b4a228'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows: the latest position of each party on each clause is the current one.
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('current', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE positions SET current = true WHERE id IN "
               "(SELECT max(id) FROM positions GROUP BY clause_id, party_id)")
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.alter_column('current', server_default=None)
        batch_op.create_index(batch_op.f('ix_positions_clause_id_positions_current'), ['clause_id', 'current'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_document_id_positions_party_id_positions_current'), ['document_id', 'party_id', 'current'], unique=False)


def downgrade():
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_document_id_positions_party_id_positions_current'))
        batch_op.drop_index(batch_op.f('ix_positions_clause_id_positions_current'))
        batch_op.drop_column('current')
