"""The language a party writes a submission in (issue #22)

Revision ID: h22words001
Revises: h22word0001
"""
import sqlalchemy as sa
from alembic import op

revision = "h22words001"
down_revision = "h22word0001"
branch_labels = None
depends_on = None


def upgrade():
    # None: written before languages were chosen, i.e. in the document's lead language.
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))


def downgrade():
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("language")
