"""Server-side sessions; a submission's visibility fixed by the phase it was made in;
team replies shared one by one

Revision ID: d4e6f8a0b2c4
Revises: d4e6f8a0b2c3
Create Date: 2026-12-02 04:00:00.000000

Backfill: every existing submission is marked as made in confidence (made_in_joint
false), whatever the process's joint mode is today, so no earlier item opens to other
parties with this migration; every existing reply is unshared (other parties did not read
replies before either). Existing cookie sessions have no server-side row: every user logs
in again once.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd4e6f8a0b2c4'
down_revision = 'd4e6f8a0b2c3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'user_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('end_reason', sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_user_sessions_secret_hash')),
    )
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('made_in_joint', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('submission_replies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shared_with_all', sa.Boolean(), nullable=False, server_default=sa.false()))
    # The backfill, said explicitly: everything made before this revision was made in confidence.
    op.execute(sa.text("UPDATE submissions SET made_in_joint = :no").bindparams(no=False))
    op.execute(sa.text("UPDATE submission_replies SET shared_with_all = :no").bindparams(no=False))


def downgrade():
    with op.batch_alter_table('submission_replies', schema=None) as batch_op:
        batch_op.drop_column('shared_with_all')
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('made_in_joint')
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))
    op.drop_table('user_sessions')
