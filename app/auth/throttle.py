"""Login throttling per account and per network address, kept in the database so that
every app server counts the same failures.

Over the limit, a login is refused with 429 before the password is even checked, so
a right password gives no signal either. Failures are counted per email string whether
or not the account exists (no hint about which accounts do). A success clears its
account's count, not its address's. The trade-off, written in SECURITY.md: someone who
knows a user's email can keep that account locked for a window at a time; each attempt
is in the audit log with the address it came from.
"""
import math
from datetime import datetime, timedelta

from flask import current_app, has_request_context, request
from flask_babel import ngettext
from sqlalchemy import Index, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from ..errors import DomainError
from ..extensions import db
from ..models_base import UTCDateTime, utcnow

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW_MINUTES = 15
KEEP = timedelta(days=1)


class LoginFailure(db.Model):
    """One failed login attempt (email as typed, normalised; the client's address)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index(None, "email", "created_at"), Index(None, "address", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TooManyLogins(DomainError):
    status = 429
    code = "too_many_requests"


def client_address() -> str:
    """The caller's address (behind a trusted proxy, ProxyFix has set it from X-Forwarded-For)."""
    if has_request_context():
        return (request.remote_addr or "-")[:64]
    return "-"


def _limits() -> tuple[int, int, timedelta]:
    config = current_app.config
    return (config.get("LOGIN_ACCOUNT_LIMIT", ACCOUNT_LIMIT),
            config.get("LOGIN_ADDRESS_LIMIT", ADDRESS_LIMIT),
            timedelta(minutes=config.get("LOGIN_WINDOW_MINUTES", WINDOW_MINUTES)))


def check_login_allowed(email: str, address: str | None = None) -> None:
    """Refuses (429) while the account or the address has too many recent failures."""
    address = address or client_address()
    account_limit, address_limit, window = _limits()
    now = utcnow()
    since = now - window
    for column, value, limit in ((LoginFailure.email, email[:254], account_limit),
                                 (LoginFailure.address, address, address_limit)):
        count, oldest = db.session.execute(
            select(func.count(), func.min(LoginFailure.created_at))
            .where(column == value, LoginFailure.created_at > since)).one()
        if count >= limit:
            wait = max(1, math.ceil(((oldest or since) + window - now).total_seconds() / 60))
            raise TooManyLogins(
                ngettext("Too many failed logins; try again in %(num)s minute.",
                         "Too many failed logins; try again in %(num)s minutes.", wait),
                extra={"retry_after": wait * 60})


def record_login_failure(email: str, address: str | None = None) -> None:
    """Counts one failure (the caller keeps it even though the request is refused) and
    forgets failures older than a day."""
    now = utcnow()
    db.session.add(LoginFailure(email=email[:254], address=address or client_address(), created_at=now))
    db.session.execute(delete(LoginFailure).where(LoginFailure.created_at < now - KEEP))
    db.session.flush()


def clear_login_failures(email: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.email == email[:254]))
