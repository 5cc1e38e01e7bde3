"""The full-text index, kept in step with the texts by the database itself.

What is indexed: every clause version (title and text), every submission (body and
proposed wording) and every internal note. Who may find what is decided at query time
(permissions.py); the index knows nothing of readers.

- SQLite (the embedded default): one FTS5 table per source, *external content*
  (`content='clause_versions'`: the index stores no second copy of the text), kept in
  step by AFTER INSERT / UPDATE / DELETE triggers. Tokenizer unicode61 with
  `remove_diacritics 0`, so that both backends fold case and nothing else.
- PostgreSQL (production): a stored generated column `search_vector`
  (`to_tsvector('simple', ...)`: the texts are in several languages, so no stemming and
  no stop words) with a GIN index. The database computes it on every write: no
  trigger, no maintenance code, and ranking reads the stored vector instead of parsing
  the text again.

Triggers (and generated columns) were chosen over maintenance in the operations that
write: versions are written by edits, imports, bulk adds, restores, the demo seed and
the benchmarks' generator, and a trigger cannot be forgotten by the next one.

The objects are created by the migration (0521_h21search_search_index) and, for
`db.create_all()` (tests, benchmarks), by the metadata listener `install_listeners`
connects in the app factory. Their names start with `search_`; `include_object` keeps
Alembic's comparison of models and schema away from them. A later *batch* migration
that re-creates one of these tables on SQLite drops its triggers: it must call
`create_sqlite(connection)` again (and rebuild) afterwards.
"""
from sqlalchemy import event, text

PREFIX = "search_"

# source table -> (FTS table, indexed columns, the SQL that gives each column's text)
SOURCES = {
    "clause_versions": ("search_clause_versions", ("title", "text")),
    "submissions": ("search_submissions", ("body", "proposed_text")),
    "internal_notes": ("search_internal_notes", ("body",)),
}
TOKENIZER = "unicode61 remove_diacritics 0"

# PostgreSQL: the vector of each source (the same words the FTS5 table holds). The
# default parser drops what looks like an HTML tag or entity (`<script>`, `&amp;`) whole:
# `<`, `>` and `&` become spaces first, so the words inside are found as on SQLite.
def _pg_vector(expression: str) -> str:
    return f"to_tsvector('simple'::regconfig, translate({expression}, '<>&', '   '))"


PG_VECTORS = {
    "clause_versions": _pg_vector("coalesce(title, '') || ' ' || text"),
    "submissions": _pg_vector("body || ' ' || coalesce(proposed_text, '')"),
    "internal_notes": _pg_vector("body"),
}


def sqlite_statements() -> list[str]:
    out = []
    for source, (fts, columns) in SOURCES.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        out += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{source}', content_rowid='id', "
            f"tokenize='{TOKENIZER}')",
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {source} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {source} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {source} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
            # What the table already holds (a migration of an existing database).
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ]
    return out


def postgresql_statements() -> list[str]:
    out = []
    for source, vector in PG_VECTORS.items():
        out += [f"ALTER TABLE {source} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED",
                f"CREATE INDEX search_{source} ON {source} USING gin (search_vector)"]
    return out


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        # The triggers live on the source tables: dropping the FTS table leaves them.
        return [statement for fts, _ in SOURCES.values()
                for statement in (*(f"DROP TRIGGER IF EXISTS {fts}_{t}" for t in ("ai", "ad", "au")),
                                  f"DROP TABLE IF EXISTS {fts}")]
    if dialect == "postgresql":
        return [f"ALTER TABLE {source} DROP COLUMN IF EXISTS search_vector" for source in PG_VECTORS]
    return []


def create(connection) -> None:
    dialect = connection.dialect.name
    statements = (sqlite_statements() if dialect == "sqlite"
                  else postgresql_statements() if dialect == "postgresql" else [])
    for statement in statements:
        connection.execute(text(statement))


def drop(connection) -> None:
    for statement in drop_statements(connection.dialect.name):
        connection.execute(text(statement))


def _after_create(target, connection, **kw) -> None:
    create(connection)


def _before_drop(target, connection, **kw) -> None:
    drop(connection)


def install_listeners(metadata) -> None:
    """`create_all` builds the index as the migration does; `drop_all` removes it."""
    if not event.contains(metadata, "after_create", _after_create):
        event.listen(metadata, "after_create", _after_create)
        event.listen(metadata, "before_drop", _before_drop)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic: the search index is not in the models (FTS5 tables and their shadow
    tables, the generated column and its index)."""
    return not (name or "").startswith(PREFIX)
