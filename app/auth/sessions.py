"""Browser sessions the server can end (UserSession rows).

Flask's session is a signed cookie: by itself, logging out only makes the browser forget
it, and a copy taken before keeps working. So a login also stores a random secret in the
cookie and its SHA-256 in `user_sessions`; the user loader accepts the cookie only while
that row is live. At login the whole cookie session is renewed (Flask-WTF's CSRF secret
with it), so that nothing planted or read before the login works after it.
"""
import secrets

from flask import session
from flask_login import login_user, logout_user
from sqlalchemy import select, update

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
        UserSession.ended_at.is_(None)))


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
