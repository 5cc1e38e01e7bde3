"""The lock that lets the compliance check trust "every version up to N" (PostgreSQL).

Version ids come from a sequence when a version is inserted, but a transaction becomes
visible when it commits: an edit given id 10 may commit after an edit given id 11. A
check pass that saw 11 and recorded "checked up to 11" would then never judge 10. So a
transaction that writes a clause version holds its document's version lock *shared*
until it ends (any number of editors at once, taken before the id is drawn), and a pass
records how far it checked only if, at an instant after it read what is current, nobody
held it and the versions it judged are still all there are above its floor (counted
again after that instant): every id drawn before then was committed, or rolled back,
and seen, and every id drawn after is higher. Otherwise the next pass starts again from
the old floor. The pass only probes the lock (taken and dropped in one
statement), so it never waits for an editor and no editor waits for it.

SQLite needs none of this: one writer at a time, and a writer's ids are committed before
the next writer draws any."""
from sqlalchemy import text

from ..extensions import db

# The first key of PostgreSQL's two-key advisory locks: Penholder's document version
# locks ("PV"); the second key is the document id.
_SPACE = 0x5056


def _on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def share_version_lock(document_id: int) -> None:
    """Held until the transaction ends; taken before a version of the document is inserted."""
    if _on_postgresql():
        db.session.execute(text("SELECT pg_advisory_xact_lock_shared(:space, :document)"),
                           {"space": _SPACE, "document": document_id})


def no_version_writers(document_id: int) -> bool:
    """Whether, at this instant, no transaction writing versions of the document is in
    flight (always so on SQLite)."""
    if not _on_postgresql():
        return True
    return bool(db.session.scalar(
        text("SELECT CASE WHEN pg_try_advisory_lock(:space, :document) "
             "THEN pg_advisory_unlock(:space, :document) ELSE false END"),
        {"space": _SPACE, "document": document_id}))
