"""The language a mediator's bridging proposal is written in (issue #22)

Revision ID: h22ui00001
Revises: h22circ0001
"""
import sqlalchemy as sa
from alembic import op

revision = "h22ui00001"
down_revision = "h22circ0001"
branch_labels = None
depends_on = None


def upgrade():
    # None: the document's lead language (every bridging proposal made before this).
    with op.batch_alter_table("bridging_proposals") as batch:
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))


def downgrade():
    with op.batch_alter_table("bridging_proposals") as batch:
        batch.drop_column("language")
