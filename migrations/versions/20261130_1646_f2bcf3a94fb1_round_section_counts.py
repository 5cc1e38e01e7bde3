"""round section counts

Revision ID: f2bcf3a94fb1
Revises: 9da31fd87e86
Create Date: 2026-11-30 16:46:35.852028

"""
from alembic import op
import sqlalchemy as sa

import app.models_base


# revision identifiers, used by Alembic.
revision = 'f2bcf3a94fb1'
down_revision = '9da31fd87e86'
branch_labels = None
depends_on = None


def upgrade():
    # Counted once per circulated round; existing rounds are counted from their pins.
    with op.batch_alter_table('round_sections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clause_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('bracket_count', sa.Integer(), nullable=False, server_default='0'))
    op.execute(
        "UPDATE round_sections SET "
        "clause_count = (SELECT count(*) FROM round_pins p WHERE p.round_id = round_sections.round_id "
        "AND p.section_id = round_sections.section_id), "
        "bracket_count = (SELECT coalesce(sum(v.bracket_count), 0) FROM round_pins p "
        "JOIN clause_versions v ON v.id = p.version_id WHERE p.round_id = round_sections.round_id "
        "AND p.section_id = round_sections.section_id)")
    with op.batch_alter_table('round_sections', schema=None) as batch_op:
        batch_op.alter_column('clause_count', server_default=None)
        batch_op.alter_column('bracket_count', server_default=None)


def downgrade():
    with op.batch_alter_table('round_sections', schema=None) as batch_op:
        batch_op.drop_column('bracket_count')
        batch_op.drop_column('clause_count')

