"""Sending once: a periodic job claims a unique key (`sent_once`) in the transaction that
sends, and skips what another run claimed. Two runs at the same time (two workers, a
retry) meet at the primary key: PostgreSQL makes the second wait for the first's commit
and then refuses its insert; SQLite has one writer at a time. The claim is made inside a
savepoint, so a refused one leaves the rest of the transaction as it was."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models_base import utcnow
from .models import SentOnce


def claim(key: str) -> bool:
    """True if this transaction is the first to claim `key`."""
    if db.session.get(SentOnce, key) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(SentOnce(key=key, created_at=utcnow()))
    except IntegrityError:
        return False
    return True


def claimed(prefix: str) -> list[str]:
    return list(db.session.scalars(select(SentOnce.key).where(SentOnce.key.startswith(prefix))))
