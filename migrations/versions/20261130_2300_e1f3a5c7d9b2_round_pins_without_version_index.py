"""round pins without the index on version_id

Revision ID: e1f3a5c7d9b2
Revises: c5d2e8f1a3b4
Create Date: 2026-11-30 23:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e1f3a5c7d9b2'
down_revision = 'c5d2e8f1a3b4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('round_pins', schema=None) as batch_op:
        batch_op.drop_index('ix_round_pins_version_id')


def downgrade():
    with op.batch_alter_table('round_pins', schema=None) as batch_op:
        batch_op.create_index('ix_round_pins_version_id', ['version_id'], unique=False)
