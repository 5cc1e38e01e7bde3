"""Writing to the audit log. Every operation that changes state calls record_event().

An entry is added to the session at once (so the transaction sees its own history),
and sealed into the hash chain just before the transaction commits: numbered after
the newest committed entry and hashed with it. Sealing takes the chain lock last and
holds it only for the commit, after every row lock the transaction needed, so the
chain never forks, never waits on a row lock, and cannot deadlock with one:

- PostgreSQL: a transaction-scoped advisory lock, released by the commit;
- SQLite: the write lock the transaction already holds (BEGIN IMMEDIATE).

An entry written inside a savepoint that is rolled back leaves the session with it
and is never sealed; a rolled-back transaction seals nothing.
"""
from contextlib import contextmanager

from flask import g, has_app_context
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..extensions import db
from ..models_base import utcnow
from .chain import GENESIS_HASH, canonical_json, entry_digest
from .models import AuditEntry
from .signals import event_recorded

# Any fixed number: the key of the PostgreSQL advisory lock that orders the chain.
_CHAIN_LOCK_KEY = 7_104_211
_PENDING = "audit_pending"


def record_event(actor, action: str, obj=None, *, process_id: int | None = None,
                 changes: dict | None = None, object_type: str | None = None,
                 object_id=None) -> AuditEntry:
    """Adds one entry: who (a User, or None for the system) did what to which object,
    and what changed. It joins the chain when the transaction commits."""
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = object_id if object_id is not None else getattr(obj, "id", None)
    entry = AuditEntry(
        created_at=utcnow(),
        actor_id=getattr(actor, "id", None),
        actor_label=_actor_label(actor),
        process_id=process_id,
        action=action,
        object_type=object_type or "-",
        object_id=str(object_id if object_id is not None else "-")[:64],
        changes=canonical_json(changes or {}),
    )
    session = db.session()
    session.add(entry)
    session.info.setdefault(_PENDING, []).append(entry)
    if event_recorded.receivers:
        event_recorded.send(entry, obj=obj, changes=changes or {})
    return entry


# What the server is doing when it acts with no user of its own: the audit log names it
# ("system: command line"), so an operator's command is told from a background job.
COMMAND_LINE = "command line"
BACKGROUND_JOB = "background job"


@contextmanager
def acting_as_system(what: str):
    """Everything recorded inside is the system's, doing `what` (COMMAND_LINE, BACKGROUND_JOB)."""
    previous = g.get("penholder_system_actor")
    g.penholder_system_actor = what
    try:
        yield
    finally:
        g.penholder_system_actor = previous


def _actor_label(actor) -> str:
    if actor is None:
        what = g.get("penholder_system_actor") if has_app_context() else None
        return f"system: {what}" if what else "system"      # (queries.actor_json reads it back)
    email = getattr(actor, "email", None)
    return (email or str(actor))[:300]


def lock_chain(session: Session) -> None:
    """Serialises sealing so that two transactions never chain onto the same entry."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})


def seal_pending(session: Session) -> int:
    """Numbers and hashes this transaction's entries after the newest committed one."""
    pending = [e for e in session.info.pop(_PENDING, []) if e in session and e.seq is None]
    if not pending:
        return 0
    session.flush()
    lock_chain(session)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).where(AuditEntry.seq.is_not(None))
        .order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq, last.entry_hash) if last else (0, GENESIS_HASH)
    for entry in sorted(pending, key=lambda e: e.id):
        seq += 1
        entry.seq = seq
        entry.prev_hash = prev_hash
        entry.entry_hash = prev_hash = entry_digest(**entry.hash_fields())
    session.flush()
    return len(pending)


def seal_before_commit(session: Session) -> None:
    # Also called when a savepoint is released: seal only at the real commit.
    if session.get_nested_transaction() is None:
        seal_pending(session)


def forget_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_PENDING, None)
