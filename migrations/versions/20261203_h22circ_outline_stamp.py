"""The working draft's outline stamp, and the one the last compliance pass saw (issue #22)

Revision ID: h22circ0001
Revises: h22lang0001
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "h22circ0001"
down_revision = "h22lang0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("outline_stamp", sa.BigInteger(), nullable=False, server_default="0"))
    # Every existing document stamped: 0 means "never stamped", which no reader keeps by.
    connection = op.get_bind()
    for (document_id,) in connection.execute(sa.text("SELECT id FROM documents")).all():
        connection.execute(sa.text("UPDATE documents SET outline_stamp = :stamp WHERE id = :id"),
                           {"stamp": secrets.randbits(62), "id": document_id})
    # -1: a pass from before this column, never equal to a document's stamp, so the next
    # reader runs one pass that re-judges the grants against the current numbering.
    with op.batch_alter_table("compliance_check_state") as batch:
        batch.add_column(sa.Column("outline_stamp", sa.BigInteger(), nullable=False, server_default="-1"))


def downgrade():
    with op.batch_alter_table("compliance_check_state") as batch:
        batch.drop_column("outline_stamp")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("outline_stamp")
