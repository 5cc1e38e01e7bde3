"""Sessions the server ends: a copy of the cookie is worth nothing after logout, a
password change or a deactivation; a login renews the session and its CSRF secret; the
current-password check of /account is throttled and audited like a login."""
from datetime import timedelta

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import UserSession
from app.auth.operations import set_user_active
from app.auth.sessions import prune_sessions
from app.auth.throttle import LoginFailure
from app.extensions import db
from app.models_base import utcnow
from tests.db_state import tables_whose_counts_changed, db_state
from tests.helpers import PASSWORD, login


def cookie_of(client) -> str:
    return client.get_cookie("session").value


def with_cookie(make_client, value: str):
    thief = make_client()
    thief.set_cookie("session", value)
    return thief


def audit(action: str) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))


def test_a_cookie_copied_before_logout_is_refused_after_it(client, make_client, world):
    login(client, world.users["delegate_a"])
    copied = cookie_of(client)
    assert with_cookie(make_client, copied).get("/api/v1/me").status_code == 200
    before = audit("logout")
    assert client.post("/logout").status_code == 302
    assert audit("logout") == before + 1
    thief = with_cookie(make_client, copied)
    assert thief.get("/api/v1/me").status_code == 401
    assert thief.get("/account").status_code == 302                  # sent to log in
    row = db.session.scalars(select(UserSession).where(UserSession.user_id == world.users["delegate_a"].id)
                             .order_by(UserSession.id.desc())).first()
    assert row.ended_at is not None and row.end_reason == "logout"


def test_logout_ends_only_that_session(client, make_client, world):
    other = make_client()
    login(client, world.users["drafter"])
    login(other, world.users["drafter"])
    client.post("/logout")
    assert other.get("/api/v1/me").status_code == 200


def test_a_password_change_ends_every_other_session(client, make_client, world):
    user = world.users["mediator"]
    other, third = make_client(), make_client()
    login(client, user)
    login(other, user)
    login(third, user)
    copied = cookie_of(other)
    r = client.post("/account", data={"current_password": PASSWORD, "new_password": "a-brand-new-password"})
    assert r.status_code == 302
    for c in (client, other, third, with_cookie(make_client, copied)):
        assert c.get("/api/v1/me").status_code == 401
    assert db.session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None))) == 0
    assert audit("user.password_change") >= 1


def test_deactivation_ends_every_session(client, make_client, world):
    user = world.users["delegate_b"]
    login(client, user)
    copied = cookie_of(client)
    set_user_active(user, False, actor=world.users["mediator"])
    db.session.commit()
    assert client.get("/api/v1/me").status_code == 401
    # Even if the account is activated again, the old session stays ended.
    set_user_active(user, True, actor=world.users["mediator"])
    db.session.commit()
    assert with_cookie(make_client, copied).get("/api/v1/me").status_code == 401


def test_the_pre_login_csrf_token_is_refused_after_login(client, world):
    client.get("/login")
    before = client.csrf_token()                 # the token the login page carried
    with client.session_transaction() as s:
        raw_before = s["csrf_token"]
    login(client, world.users["drafter"])
    with client.session_transaction() as s:
        assert s.get("csrf_token") != raw_before
    state = db_state()
    r = client.post("/api/v1/redline", json={"old": "a", "new": "b"}, headers={"X-CSRFToken": before}, csrf=False)
    assert r.status_code == 400 and r.get_json()["error"] == "csrf_failed"
    r = client.post("/logout", data={"csrf_token": before}, csrf=False)
    assert r.status_code == 400
    assert db_state() == state
    assert client.get("/api/v1/me").status_code == 200                # still logged in
    # The token of the new session works.
    assert client.post("/api/v1/redline", json={"old": "a", "new": "b"}).status_code == 200


def test_a_planted_session_is_not_kept_at_login(client, make_client, world):
    """Session fixation: whatever the cookie held before the login is dropped."""
    with client.session_transaction() as s:
        s["planted"] = "by an attacker"
    login(client, world.users["drafter"])
    with client.session_transaction() as s:
        assert "planted" not in s


def test_wrong_current_passwords_are_throttled_and_audited(client, world):
    user = world.users["legal"]
    login(client, user)
    failures_before = audit("user.password_check_failed")
    before = db_state()
    codes = [client.post("/account", data={"current_password": f"guess-number-{i}",
                                           "new_password": "attacker-password-1"},
                         environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code for i in range(40)]
    assert codes[0] == 422 and 429 in codes
    assert set(codes[codes.index(429):]) == {429}           # once throttled, stays throttled
    assert codes.count(422) <= 5
    # The right password is refused too while throttled: no oracle.
    r = client.post("/account", data={"current_password": PASSWORD, "new_password": "attacker-password-1"},
                    environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert r.status_code == 429 and "try again in" in r.get_data(as_text=True)
    assert audit("user.password_check_failed") == failures_before + codes.count(422)
    # A wrong current password records a throttle row and an audit entry by design; nothing else.
    assert tables_whose_counts_changed(before, db_state()) == {"login_failures", "audit_entries"}
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "user.password_check_failed")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.actor_id == user.id and "203.0.113.9" in entry.changes and "guess" not in entry.changes
    assert db.session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.email == user.email)) == codes.count(422)
    # The password did not change: the old one still logs in elsewhere once the window passes.
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_a_password_change_is_audited(client, world):
    login(client, world.users["drafter"])
    before = audit("user.password_change")
    client.post("/account", data={"current_password": PASSWORD, "new_password": "a-brand-new-password"})
    assert audit("user.password_change") == before + 1


def _age(row: UserSession, **delta) -> None:
    row.created_at = row.created_at - timedelta(**delta)
    db.session.commit()


def _latest_session(user) -> UserSession:
    return db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                              .order_by(UserSession.id.desc())).first()


def test_a_session_ends_session_hours_after_its_login(app, client, world):
    """However busy, a session lives SESSION_HOURS from its login: then its user logs in again."""
    user = world.users["delegate_a"]
    login(client, user)
    row = _latest_session(user)
    hours = app.config["SESSION_HOURS"]
    _age(row, hours=hours - 0.1)
    assert client.get("/api/v1/me").status_code == 200
    _age(row, hours=0.2)
    assert client.get("/api/v1/me").status_code == 401
    r = client.get("/account")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    login(client, user)                                  # a new login is a new session
    assert client.get("/api/v1/me").status_code == 200


def test_pruning_deletes_only_sessions_long_ended_or_expired(app, client, make_client, world):
    keep = timedelta(days=app.config["SESSION_KEEP_DAYS"])
    users = [world.users[name] for name in ("drafter", "legal", "delegate_a", "delegate_b")]
    clients = [client] + [make_client() for _ in users[1:]]
    for c, user in zip(clients, users):
        login(c, user)
    live, ended_long_ago, ended_recently, expired_long_ago = (_latest_session(u) for u in users)
    now = utcnow()
    ended_long_ago.ended_at, ended_long_ago.end_reason = now - keep - timedelta(hours=1), "logout"
    ended_recently.ended_at, ended_recently.end_reason = now - timedelta(days=1), "logout"
    expired_long_ago.created_at = now - keep - timedelta(hours=app.config["SESSION_HOURS"] + 1)
    db.session.commit()
    ids = {row.id for row in (live, ended_long_ago, ended_recently, expired_long_ago)}
    assert prune_sessions() == 2
    left = set(db.session.scalars(select(UserSession.id).where(UserSession.id.in_(ids))))
    assert left == {live.id, ended_recently.id}
    assert clients[0].get("/api/v1/me").status_code == 200      # the live session is untouched
    assert prune_sessions() == 0
