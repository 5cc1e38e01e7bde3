"""Writing to the audit log. Every operation that changes state calls record_event()."""
from sqlalchemy import select, text

from ..extensions import db
from ..models_base import utcnow
from .chain import GENESIS_HASH, canonical_json, entry_digest
from .models import AuditEntry

# Any fixed number: the key of the PostgreSQL advisory lock that orders the chain.
_CHAIN_LOCK_KEY = 7_104_211


def _lock_chain() -> None:
    """Serialise appends so two transactions never chain onto the same predecessor.

    On PostgreSQL an advisory lock held until commit; SQLite already allows one writer.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})


def record_event(actor, action: str, obj=None, *, process_id: int | None = None,
                 changes: dict | None = None, object_type: str | None = None,
                 object_id=None) -> AuditEntry:
    """Append one entry: who (a User or None for the system), did what, to which object."""
    _lock_chain()
    last = db.session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.entry_hash) if last else (1, GENESIS_HASH)
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = object_id if object_id is not None else getattr(obj, "id", None)
    fields = dict(
        seq=seq,
        created_at=utcnow(),
        actor_id=getattr(actor, "id", None),
        actor_label=_actor_label(actor),
        process_id=process_id,
        action=action,
        object_type=object_type or "-",
        object_id=str(object_id if object_id is not None else "-"),
        changes=canonical_json(changes or {}),
        prev_hash=prev_hash,
    )
    entry = AuditEntry(**fields, entry_hash=entry_digest(**fields))
    db.session.add(entry)
    db.session.flush()
    return entry


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    email = getattr(actor, "email", None)
    return email or str(actor)
