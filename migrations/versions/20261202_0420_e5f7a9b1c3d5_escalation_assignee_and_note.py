"""An escalated review names an assignee and carries a note

Revision ID: e5f7a9b1c3d5
Revises: d4e6f8a0b2c4
Create Date: 2026-12-02 04:00:00.000000

Earlier escalations keep no assignee (they went to headquarters unnamed) and no note
(their reason says why).
"""
from alembic import op
import sqlalchemy as sa


revision = 'e5f7a9b1c3d5'
down_revision = 'd4e6f8a0b2c4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('compliance_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assignee_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_compliance_reviews_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_compliance_reviews_assignee_id_users'), 'users',
                                    ['assignee_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('compliance_reviews', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_compliance_reviews_assignee_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_compliance_reviews_assignee_id'))
        batch_op.drop_column('note')
        batch_op.drop_column('assignee_id')
