"""Notification mail may carry the text its recipient may read, if the process says so
(issue #23): the process's setting, and what each notification is about

Revision ID: h23load0001
Revises: h22words001
"""
import sqlalchemy as sa
from alembic import op

revision = "h23load0001"
down_revision = "h22words001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("processes") as batch:
        batch.add_column(sa.Column("mail_includes_text", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Notifications written before this are about nothing a mail could quote (null).
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("subject", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("subject_id", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("subject_id")
        batch.drop_column("subject")
    with op.batch_alter_table("processes") as batch:
        batch.drop_column("mail_includes_text")
