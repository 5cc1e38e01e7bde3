"""Small pieces shared by every feature's models."""
import secrets
from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_public_id() -> str:
    """An unguessable id for rows a party may hear of.

    Sequential ids leak counts (a party seeing submission 41 then 47 learns that others
    submitted five); these ids carry nothing.
    """
    return secrets.token_urlsafe(12)


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use app.models_base.utcnow()")
        if value is not None and dialect.name == "sqlite":
            return value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
