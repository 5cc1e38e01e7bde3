"""Engine set-up that differs between the embedded SQLite default and PostgreSQL, and
which transactions may write.

Every transaction is either a reading one or a writing one, decided when it begins:

- a request with GET, HEAD or OPTIONS reads; any other method writes, unless its view is
  marked `@reads_first` (it reads and computes first, e.g. parses an upload);
- outside a request (the CLI, seeding) a transaction writes, except inside
  `reading_first()` (the archive job), where each transaction reads;
- `start_writing()` ends a reading transaction (which wrote nothing) so that what
  follows runs in a writing one. A GET that records something (a release, a refresh of
  findings) calls it just before it writes, after its slow reading and building.

On SQLite a writing transaction takes the write lock up front (BEGIN IMMEDIATE), so
concurrent writers queue (busy_timeout) instead of failing with "database is locked",
which is what a deferred transaction that read first and wrote later does whenever
another writer committed in between. A reading transaction takes no lock, so the slow
part of an export, an archive job or an import never holds up writers. With
STRICT_TRANSACTIONS (on in tests) a write inside a reading transaction raises, on both
backends, so that a new GET that writes without `start_writing()` fails its tests.
"""
import functools
import logging
from contextlib import contextmanager

from flask import current_app, g, has_app_context, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .extensions import db

log = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "ANALYZ", "CREATE", "DROP", "ALTER")


class WriteInReadingTransaction(RuntimeError):
    """A statement that writes ran in a transaction begun as a reading one: the code must
    call start_writing() first (see this module's docstring)."""


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    for name, listener in (("before_cursor_execute", _guard_reading_transaction),
                           ("commit", _forget_reading), ("rollback", _forget_reading)):
        if not event.contains(engine, name, listener):
            event.listen(engine, name, listener)
    for name, listener in (("after_begin", _mark_transaction), ("after_transaction_end", _end_transaction)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


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
        connection.exec_driver_sql("BEGIN IMMEDIATE" if transaction_writes() else "BEGIN")


def transaction_writes() -> bool:
    """Whether the transaction beginning now may write (see the module docstring)."""
    if not has_app_context():
        return True
    if g.get("penholder_writing"):
        return True
    if has_request_context():
        if request.method in READ_METHODS:
            return False
        view = current_app.view_functions.get(request.endpoint)
        return not getattr(view, "reads_first", False)
    return not g.get("penholder_reading_first", False)


def reads_first(view):
    """Marks a write view that reads and computes before it writes (an import parses its
    file): its transaction begins as a reading one; it calls start_writing() before its
    first write, so SQLite's write lock is held only while it writes."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)
    wrapper.reads_first = True
    return wrapper


@contextmanager
def reading_first():
    """Outside a request (a job): each transaction begins as a reading one and becomes a
    writing one only through start_writing()."""
    previous = g.get("penholder_reading_first", False)
    g.penholder_reading_first = True
    try:
        yield
    finally:
        g.penholder_reading_first = previous


def start_writing() -> None:
    """The writes begin here. Ends the current reading transaction, which wrote nothing
    (objects loaded in it reload on their next use), so that the next statement begins a
    writing one: on SQLite that takes the write lock, waiting for another writer to finish.
    Does nothing inside a transaction that writes already."""
    if g.get("penholder_writing") or transaction_writes():
        g.penholder_writing = True
        return
    if db.session().in_transaction():
        db.session.rollback()   # read only: nothing is lost, and no snapshot is kept
    g.penholder_writing = True


def _mark_transaction(session, transaction, connection) -> None:
    if transaction.parent is None:
        connection.info["penholder_reading"] = not transaction_writes()


def _end_transaction(session, transaction) -> None:
    # The writing intent lasts one transaction: a job that committed reads again.
    if transaction.parent is None and has_app_context():
        g.pop("penholder_writing", None)


def _forget_reading(connection) -> None:
    connection.info.pop("penholder_reading", None)


def _guard_reading_transaction(conn, cursor, statement, parameters, context, executemany) -> None:
    if not conn.info.get("penholder_reading"):
        return
    head = statement.lstrip()[:6].upper()
    if head.startswith(_WRITE_VERBS) or " FOR UPDATE" in statement:
        if not has_app_context():
            return
        message = f"a write in a reading transaction (call start_writing() first): {statement[:80]}"
        if current_app.config.get("STRICT_TRANSACTIONS"):
            raise WriteInReadingTransaction(message)
        log.warning(message)


def chunks(items: list, size: int = 5000):
    """Slices of `items` small enough to bind as an IN list on either backend."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def column_rows(statement) -> list:
    """All rows of a Core SELECT of columns, in the session's transaction but without
    the ORM's result machinery, which costs several times as much per row (figures in
    docs/performance.md, "Measurements behind the code"). For the hot reads of a treaty;
    the session is flushed first, as its own execute would autoflush."""
    db.session.flush()
    return db.session.connection().execute(statement).all()
