"""An error in the middle of a request leaves nothing half-written: not the change,
not its audit entry, not the tokens it revoked."""
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import ApiToken, User
from app.extensions import db
from tests.helpers import PASSWORD, login


def snapshot(user_id):
    user = db.session.get(User, user_id, populate_existing=True)
    return (user.password_hash, user.session_nonce,
            db.session.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.revoked_at.is_(None))),
            db.session.scalar(select(func.count()).select_from(AuditEntry)))


def test_crash_after_writes_rolls_back_everything(client, world, monkeypatch):
    user = world.users["drafter"]
    world.token("drafter")
    login(client, user)
    before = snapshot(user.id)

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")
    # change_password has already set the hash and revoked tokens when this runs.
    monkeypatch.setattr("app.auth.operations.record_event", crash)
    response = client.post("/account", data={"current_password": PASSWORD,
                                             "new_password": "a-new-long-password"})
    assert response.status_code == 500
    assert "nothing was saved" in response.get_data(as_text=True)
    assert snapshot(user.id) == before


def test_failure_while_sealing_the_audit_entry_at_commit_keeps_nothing(app, client, world, monkeypatch):
    """The commit itself fails (in the request's after_request): a 500, as in production
    where exceptions are not propagated to a test client."""
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    user = world.users["legal"]
    login(client, user)
    before = snapshot(user.id)

    def broken_digest(**fields):
        raise RuntimeError("hash failure")
    monkeypatch.setattr("app.audit.operations.entry_digest", broken_digest)
    response = client.post("/account", data={"current_password": PASSWORD,
                                             "new_password": "a-new-long-password"})
    assert response.status_code == 500
    monkeypatch.undo()
    assert snapshot(user.id) == before
