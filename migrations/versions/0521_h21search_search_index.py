"""Full-text search index (issue #21): SQLite FTS5 tables kept by triggers, PostgreSQL
stored tsvector columns with GIN indexes

Revision ID: h21search01
Revises: c20e5a1b7d93
Create Date: 2026-12-02 15:20:00.000000

The statements are those of app/search/schema.py (which `db.create_all()` uses too);
the FTS5 tables are filled from the rows already there ('rebuild'), and PostgreSQL
computes the generated column for every existing row. A change of the index needs a new
migration that copies this one's statements as they are now.
"""
from alembic import op

from app.search import schema


revision = 'h21search01'
down_revision = 'c20e5a1b7d93'
branch_labels = None
depends_on = None


def upgrade():
    schema.create(op.get_bind())


def downgrade():
    schema.drop(op.get_bind())
