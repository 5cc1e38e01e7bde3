"""Bridging proposals and the record of each recipient's release (issue #21)

Revision ID: h21collide01
Revises: h23queue02
"""
import sqlalchemy as sa
from alembic import op

from app.models_base import UTCDateTime

revision = "h21collide01"
down_revision = "h23groups01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("released_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("released_by_id", sa.Integer(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("items", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_releases_round_id_rounds"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name=op.f("fk_releases_party_id_parties"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["released_by_id"], ["users.id"], name=op.f("fk_releases_released_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_releases")),
    )
    with op.batch_alter_table("releases") as batch:
        batch.create_index(batch.f("ix_releases_round_id_releases_party_id"), ["round_id", "party_id"], unique=False)
    op.create_table(
        "bridging_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("released_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("released_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_bridging_proposals_round_id_rounds"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["clause_id"], ["clauses.id"], name=op.f("fk_bridging_proposals_clause_id_clauses"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["clause_versions.id"],
                                name=op.f("fk_bridging_proposals_version_id_clause_versions")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_bridging_proposals_created_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["released_by_id"], ["users.id"],
                                name=op.f("fk_bridging_proposals_released_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bridging_proposals")),
        sa.UniqueConstraint("public_id", name=op.f("uq_bridging_proposals_public_id")),
    )
    with op.batch_alter_table("bridging_proposals") as batch:
        batch.create_index(batch.f("ix_bridging_proposals_round_id_bridging_proposals_clause_id"), ["round_id", "clause_id"], unique=False)


def downgrade():
    with op.batch_alter_table("bridging_proposals") as batch:
        batch.drop_index(batch.f("ix_bridging_proposals_round_id_bridging_proposals_clause_id"))
    op.drop_table("bridging_proposals")
    with op.batch_alter_table("releases") as batch:
        batch.drop_index(batch.f("ix_releases_round_id_releases_party_id"))
    op.drop_table("releases")
