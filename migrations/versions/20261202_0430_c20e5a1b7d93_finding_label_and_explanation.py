"""Findings carry a human label and an explanation (issue #20)

Revision ID: c20e5a1b7d93
Revises: e5f7a9b1c3d5
Create Date: 2026-12-02 04:00:00.000000

Both nullable: findings stored before keep none until the next check, which runs on its
own because the ruleset version changed with the new rules.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c20e5a1b7d93'
down_revision = 'e5f7a9b1c3d5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('compliance_findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('explanation', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('compliance_findings', schema=None) as batch_op:
        batch_op.drop_column('explanation')
        batch_op.drop_column('label')
