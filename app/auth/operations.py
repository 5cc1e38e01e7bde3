"""Writes for users, sessions and API tokens (they flush; the request commits)."""
import functools
import secrets
from datetime import timedelta

from flask_babel import gettext
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ..audit.operations import record_event
from ..errors import Invalid
from ..extensions import db
from ..i18n import LANGUAGES
from ..models_base import utcnow
from ..requests import keep_despite_refusal
from .models import ApiToken, User, hash_token
from .sessions import end_all_sessions
from .throttle import check_login_allowed, clear_login_failures, client_address, record_login_failure
from ..timezones import valid_time_zone

INVALID_LOGIN = "Invalid email or password."   # translated where it is shown
MIN_PASSWORD_LENGTH = 10
# Compared against when the email is unknown, so both failures take the same time.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, name: str, password: str, *, site_admin: bool = False,
                actor=None) -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise Invalid("Give a valid email address.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(gettext("A password needs at least %(num)s characters.", num=MIN_PASSWORD_LENGTH))
    if find_user_by_email(email):
        raise Invalid("A user with this email exists already.")
    user = User(email=email, name=name.strip() or email, is_site_admin=site_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record_event(actor, "user.create", user, changes={"email": email, "site_admin": site_admin})
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None; failures are logged and kept even
    though the request that carries them is refused."""
    check_login_allowed(normalise_email(email))     # 429 over the limits, before any check
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        ok = False
    else:
        ok = user.check_password(password or "") and user.active
    if not ok:
        keep_despite_refusal(functools.partial(_record_login_failure, normalise_email(email),
                                               user.id if user else "-", client_address()))
        return None
    clear_login_failures(user.email)
    record_event(user, "login", user)
    return user


def _record_login_failure(email: str, user_id, address: str) -> None:
    record_login_failure(email, address)
    record_event(None, "login.failed", object_type="users", object_id=user_id,
                 changes={"email": email[:254], "address": address})


def check_current_password(user: User, password: str) -> bool:
    """The password check before a password change, throttled and counted as a login is:
    someone holding a session must not learn the password by guessing here."""
    check_login_allowed(user.email)             # 429 over the limits, before any check
    if user.check_password(password or ""):
        clear_login_failures(user.email)
        return True
    keep_despite_refusal(functools.partial(_record_password_check_failure, user.email, user.id, client_address()))
    return False


def _record_password_check_failure(email: str, user_id: int, address: str) -> None:
    record_login_failure(email, address)
    record_event(db.session.get(User, user_id), "user.password_check_failed", object_type="users",
                 object_id=user_id, changes={"address": address})


def change_password(user: User, new_password: str, *, actor=None) -> None:
    """Sets a new password and ends every session and token of the user."""
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise Invalid(gettext("A password needs at least %(num)s characters.", num=MIN_PASSWORD_LENGTH))
    user.set_password(new_password)
    _revoke_all_tokens(user)
    end_all_sessions(user, "password_change")
    record_event(actor or user, "user.password_change", user)


def set_time_zone(user: User, zone) -> None:
    """The reader's own zone for deadlines (an IANA name), or None/"" for the browser's
    (or the process's) again."""
    zone = zone.strip() if isinstance(zone, str) else zone
    if zone in (None, ""):
        zone = None
    elif not valid_time_zone(zone):
        raise Invalid("Choose an IANA time zone such as Europe/Nicosia, Asia/Beirut or UTC.",
                      extra={"field": "time_zone"})
    if zone != user.time_zone:
        record_event(user, "user.time_zone", user, changes={"time_zone": [user.time_zone, zone]})
        user.time_zone = zone


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise Invalid(gettext("The interface is in %(languages)s.", languages=", ".join(LANGUAGES.values())),
                      code="unknown_language")
    return language


def set_language(user: User, language: str) -> None:
    """The user's interface language (a code of app/i18n.py LANGUAGES)."""
    check_language(language)
    if user.language != language:
        record_event(user, "user.language", user, changes={"language": language})
        user.language = language
    db.session.flush()


def set_user_active(user: User, active: bool, *, actor=None) -> None:
    user.active = active
    if not active:
        user.session_nonce = secrets.token_hex(8)
        _revoke_all_tokens(user)
        end_all_sessions(user, "deactivation")
    record_event(actor, "user.activate" if active else "user.deactivate", user)


def _revoke_all_tokens(user: User) -> None:
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id,
                                              ApiToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()))


def issue_token(user: User, days: int) -> str:
    """A new API token; only its hash is stored, the raw value is shown once."""
    raw = "ph_" + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, token_hash=hash_token(raw),
                     expires_at=utcnow() + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    record_event(user, "token.issue", token)
    return raw


def revoke_token(token: ApiToken, *, actor) -> None:
    token.revoked_at = utcnow()
    record_event(actor, "token.revoke", token)


def token_for(raw: str) -> ApiToken | None:
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(raw)))


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))
