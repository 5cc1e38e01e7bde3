"""Process setting: share the status of agreement with observer groups

Revision ID: d4e6f8a0b2c3
Revises: a7c3e9f1b5d2
Create Date: 2026-12-02 04:00:00.000000

Existing processes get it off: observers read the circulated text and no longer the
status of agreement until the mediator turns it on.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd4e6f8a0b2c3'
down_revision = 'a7c3e9f1b5d2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_shared_with_observers', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.drop_column('status_shared_with_observers')
