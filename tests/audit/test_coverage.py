"""Every successful write through the web or the API leaves an audit entry. One case
per write endpoint of auth, processes and audit; feature teams test their own
endpoints the same way (count before, act, count after)."""
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db
from tests.helpers import PASSWORD, login


def actions_since(start: int) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.id > start)
                                   .order_by(AuditEntry.id)))


def last_id() -> int:
    return db.session.scalar(select(func.max(AuditEntry.id))) or 0


def test_page_login_logs_in_and_out_and_password_change(client, world):
    start = last_id()
    login(client, world.users["drafter"])
    client.post("/login", data={"email": world.users["drafter"].email, "password": "wrong"})
    client.post("/account", data={"current_password": PASSWORD, "new_password": "another-password-1"})
    assert actions_since(start) == ["login", "user.password_change"]


def test_failed_login_is_recorded(client, world):
    start = last_id()
    client.post("/login", data={"email": world.users["drafter"].email, "password": "wrong"})
    assert actions_since(start) == ["login.failed"]


def test_token_issue_and_revoke(client, world):
    start = last_id()
    token = client.post("/api/v1/tokens", json={"email": world.users["legal"].email,
                                                "password": PASSWORD}).get_json()["token"]
    client.delete("/api/v1/tokens/current", headers={"Authorization": f"Bearer {token}"})
    assert actions_since(start) == ["login", "token.issue", "token.revoke"]


def test_reads_write_nothing(client, world):
    start = last_id()
    for path in ("/api/v1/processes", "/api/v1/processes/testland", "/api/v1/me",
                 "/api/v1/processes/testland/audit"):
        client.get(path, headers=world.headers("mediator"))
    assert actions_since(start) == ["token.issue"]
