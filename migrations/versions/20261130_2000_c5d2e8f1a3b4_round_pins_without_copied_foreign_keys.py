"""round pins without foreign keys on the ids circulation copies

Revision ID: c5d2e8f1a3b4
Revises: b7c41d2e9a10
Create Date: 2026-11-30 20:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c5d2e8f1a3b4'
down_revision = 'b7c41d2e9a10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('round_pins', schema=None) as batch_op:
        batch_op.drop_constraint('fk_round_pins_clause_id_clauses', type_='foreignkey')
        batch_op.drop_constraint('fk_round_pins_section_id_sections', type_='foreignkey')
        batch_op.drop_constraint('fk_round_pins_version_id_clause_versions', type_='foreignkey')


def downgrade():
    with op.batch_alter_table('round_pins', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_round_pins_version_id_clause_versions', 'clause_versions',
                                    ['version_id'], ['id'])
        batch_op.create_foreign_key('fk_round_pins_section_id_sections', 'sections',
                                    ['section_id'], ['id'], ondelete='CASCADE')
        batch_op.create_foreign_key('fk_round_pins_clause_id_clauses', 'clauses',
                                    ['clause_id'], ['id'], ondelete='CASCADE')
