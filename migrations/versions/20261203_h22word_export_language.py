"""Which language a released copy is in (issue #22: clean, redline and party copies per language)

Revision ID: h22word0001
Revises: h22i18n001
"""
import sqlalchemy as sa
from alembic import op

revision = "h22word0001"
down_revision = "h22i18n001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("export_files") as batch:
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))


def downgrade():
    with op.batch_alter_table("export_files") as batch:
        batch.drop_column("language")
