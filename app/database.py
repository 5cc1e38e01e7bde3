"""Engine set-up that differs between the embedded SQLite default and PostgreSQL."""
from sqlalchemy import event
from sqlalchemy.engine import Engine


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL for readers beside one writer, and real transactions.

    pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT, which the
    test fixtures and nested operations rely on; SQLAlchemy's documented recipe is to
    switch it off and emit BEGIN ourselves.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql(_sqlite_begin_statement())


def _sqlite_begin_statement() -> str:
    """Requests that may write take SQLite's write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes fails at once with SQLITE_BUSY
    when another writer committed in between; taking the lock first makes concurrent
    writers queue (busy_timeout) instead. Reads stay deferred so they never block.
    """
    from flask import has_request_context, request

    if has_request_context() and request.method in ("GET", "HEAD", "OPTIONS"):
        return "BEGIN"
    return "BEGIN IMMEDIATE"


def chunks(items: list, size: int = 5000):
    """Slices of `items` small enough to bind as an IN list on either backend."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def column_rows(statement) -> list:
    """All rows of a Core SELECT of columns, in the session's transaction but without
    the ORM's result machinery, which costs four times as much per row (measured on
    PostgreSQL: 30,000 round pins in 0.05 s instead of 0.2 s). For the hot reads of a
    treaty; the session is flushed first, as its own execute would autoflush."""
    from .extensions import db
    db.session.flush()
    return db.session.connection().execute(statement).all()
