"""Authentic texts in several languages (issue #22)

A document's languages (one lead), the clause texts in languages other than the lead,
per version; on a version the language whose edit wrote it and the version its lead text
was last revised for; the process setting that refuses to circulate stale authentic
texts; the language of a compliance finding. Every existing document gets one language,
its process's house language (primary subtag), lead and authentic: nothing else changes.

Revision ID: h22texts01
Revises: h23queue02
"""
import sqlalchemy as sa
from alembic import op

from app.models_base import UTCDateTime

revision = "h22texts01"
down_revision = "h23hooks01"
branch_labels = None
depends_on = None


def _rebuild_search_index():
    """On SQLite the batch re-created clause_versions, which dropped the full-text index's
    triggers on it (app/search/schema.py): re-create the index and rebuild it."""
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        from app.search import schema
        schema.drop(conn)
        schema.create(conn)


def upgrade():
    op.create_table(
        "document_languages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=35), nullable=False),
        sa.Column("authentic", sa.Boolean(), nullable=False),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_languages_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_languages")),
        sa.UniqueConstraint("document_id", "code", name=op.f("uq_document_languages_document_id_code")),
    )
    op.create_index("uq_document_languages_one_lead", "document_languages", ["document_id"], unique=True,
                    sqlite_where=sa.text("lead"), postgresql_where=sa.text("lead"))
    with op.batch_alter_table("clause_versions") as batch:
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))
        batch.add_column(sa.Column("lead_revised_for_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f("fk_clause_versions_lead_revised_for_id_clause_versions"),
                                 "clause_versions", ["lead_revised_for_id"], ["id"])
    _rebuild_search_index()
    op.create_table(
        "clause_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("revised_for_id", sa.Integer(), nullable=False),
        sa.Column("bracket_count", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["clause_versions.id"],
                                name=op.f("fk_clause_texts_version_id_clause_versions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["clause_id"], ["clauses.id"],
                                name=op.f("fk_clause_texts_clause_id_clauses"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["revised_for_id"], ["clause_versions.id"],
                                name=op.f("fk_clause_texts_revised_for_id_clause_versions")),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"],
                                name=op.f("fk_clause_texts_author_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_texts")),
        sa.UniqueConstraint("version_id", "language", name=op.f("uq_clause_texts_version_id_language")),
    )
    with op.batch_alter_table("clause_texts") as batch:
        batch.create_index(batch.f("ix_clause_texts_clause_id"), ["clause_id"], unique=False)
    with op.batch_alter_table("processes") as batch:
        batch.add_column(sa.Column("refuse_stale_texts", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("compliance_findings") as batch:
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))

    # Every existing document: one language, lead and authentic.
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT d.id, p.language FROM documents d JOIN processes p ON p.id = d.process_id")).all()
    table = sa.table("document_languages", sa.column("document_id"), sa.column("code"), sa.column("authentic"),
                     sa.column("lead"), sa.column("position"), sa.column("created_at"))
    from datetime import datetime, timezone
    now = datetime.now(timezone.utc)
    if rows:
        op.bulk_insert(table, [{"document_id": d, "code": (lang or "en").split("-")[0].lower(), "authentic": True,
                                "lead": True, "position": 0, "created_at": now} for d, lang in rows])


def downgrade():
    with op.batch_alter_table("compliance_findings") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("processes") as batch:
        batch.drop_column("refuse_stale_texts")
    with op.batch_alter_table("clause_texts") as batch:
        batch.drop_index(batch.f("ix_clause_texts_clause_id"))
    op.drop_table("clause_texts")
    with op.batch_alter_table("clause_versions") as batch:
        batch.drop_constraint(batch.f("fk_clause_versions_lead_revised_for_id_clause_versions"), type_="foreignkey")
        batch.drop_column("lead_revised_for_id")
        batch.drop_column("language")
    _rebuild_search_index()
    op.drop_index("uq_document_languages_one_lead", table_name="document_languages")
    op.drop_table("document_languages")
