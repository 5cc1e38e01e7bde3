"""Each user's interface language (issue #22)

Revision ID: h22i18n001
Revises: h23queue02
"""
import sqlalchemy as sa
from alembic import op

revision = "h22i18n001"
down_revision = "h22texts01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("language", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
