"""The languages a document's last compliance pass checked (issue #22)

Revision ID: h22lang0001
Revises: h23load0001
"""
import sqlalchemy as sa
from alembic import op

revision = "h22lang0001"
down_revision = "h23load0001"
branch_labels = None
depends_on = None


def upgrade():
    # "": a pass from before this column; the next reader re-checks the whole document once.
    with op.batch_alter_table("compliance_check_state") as batch:
        batch.add_column(sa.Column("languages", sa.String(length=400), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("compliance_check_state") as batch:
        batch.drop_column("languages")
