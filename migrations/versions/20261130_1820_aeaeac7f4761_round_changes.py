"""round changes

Revision ID: aeaeac7f4761
Revises: f2bcf3a94fb1
Create Date: 2026-11-30 18:20:31.230796

"""
from alembic import op
import sqlalchemy as sa

import app.models_base


# revision identifiers, used by Alembic.
revision = 'aeaeac7f4761'
down_revision = 'f2bcf3a94fb1'
branch_labels = None
depends_on = None


def upgrade():
    # Rounds circulated before this keep null: their diffs compare the pins, as before.
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changes', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('changes')

