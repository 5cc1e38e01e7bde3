"""Browser sessions the server can end (UserSession rows).

Flask's session is a signed cookie: by itself, logging out only makes the browser forget
it, and a copy taken before keeps working. So a login also stores a random secret in the
cookie and its SHA-256 in `user_sessions`; the user loader accepts the cookie only while
that row is live. At login the whole cookie session is renewed (Flask-WTF's CSRF secret
with it), so that nothing planted or read before the login works after it.

A session lives at most SESSION_HOURS from its login, however busy (a cookie copied from
an unlocked laptop is worth a working day, not forever); then its user logs in again.
The periodic job `prune_sessions` deletes the rows of sessions that ended or expired more
than SESSION_KEEP_DAYS ago: logins and logouts are in the audit log, so the rows are kept
only as long as someone may ask which sessions were open when.
"""
import secrets
from datetime import timedelta

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, or_, select, update

from ..audit.operations import record_event
from ..extensions import db
from ..models_base import utcnow
from .models import User, UserSession, hash_token

SESSION_KEY = "_penholder_session"


def begin_session(user: User) -> UserSession:
    """Logs `user` in with a fresh cookie session and a new server-side session row."""
    session.clear()                 # the pre-login CSRF secret and everything else go
    raw = secrets.token_urlsafe(32)
    row = UserSession(user_id=user.id, secret_hash=hash_token(raw))
    db.session.add(row)
    db.session.flush()
    login_user(user)
    session[SESSION_KEY] = raw
    return row


def live_session(user: User) -> UserSession | None:
    """The server-side row of this request's cookie session, if it is still live."""
    raw = session.get(SESSION_KEY)
    if not isinstance(raw, str) or not raw:
        return None
    return db.session.scalar(select(UserSession).where(
        UserSession.secret_hash == hash_token(raw), UserSession.user_id == user.id,
        UserSession.ended_at.is_(None), UserSession.created_at > utcnow() - lifetime()))


def lifetime() -> timedelta:
    return timedelta(hours=current_app.config["SESSION_HOURS"])


def end_session(user: User) -> None:
    """Logout: ends this cookie's session on the server and clears the cookie."""
    row = live_session(user)
    if row is not None:
        row.ended_at, row.end_reason = utcnow(), "logout"
        record_event(user, "logout", user)
    logout_user()
    session.clear()


def end_all_sessions(user: User, reason: str) -> None:
    """Password change, deactivation: every session of the user ends."""
    db.session.execute(update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
                       .values(ended_at=utcnow(), end_reason=reason))


def prune_sessions(now=None) -> int:
    """Deletes the rows of sessions that ended, or expired, more than SESSION_KEEP_DAYS
    ago. Answers how many went."""
    now = now or utcnow()
    before = now - timedelta(days=current_app.config["SESSION_KEEP_DAYS"])
    gone = db.session.execute(delete(UserSession).where(or_(
        UserSession.ended_at < before, UserSession.created_at < before - lifetime())))
    db.session.commit()
    return gone.rowcount


def prune_task(*, attempt: int = 0, final: bool = True) -> None:
    prune_sessions()
