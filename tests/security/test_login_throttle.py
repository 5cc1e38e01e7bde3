"""Login throttling: per account and per address, in the database, on the login page
and on POST /api/v1/tokens, with a clear message and no password oracle."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.throttle import ACCOUNT_LIMIT, ADDRESS_LIMIT, LoginFailure
from app.extensions import db
from tests.helpers import PASSWORD


def token_login(client, email, password, address="10.0.0.1"):
    return client.post("/api/v1/tokens", json={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def page_login(client, email, password, address="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


@pytest.mark.parametrize("attempt", [token_login, page_login])
def test_account_is_throttled_after_repeated_failures(client, world, attempt):
    email = world.users["mediator"].email
    for _ in range(ACCOUNT_LIMIT):
        assert attempt(client, email, "wrong-password").status_code == 401
    # Even the right password is refused now: no oracle for a guesser.
    refused = attempt(client, email, PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed logins; try again in 15 minutes." in refused.get_data(as_text=True)
    # From another address too: the account is what is protected.
    assert attempt(client, email, PASSWORD, address="10.9.9.9").status_code == 429
    # Other accounts are unaffected.
    assert attempt(client, world.users["drafter"].email, PASSWORD).status_code in (201, 302)


def test_json_refusal_says_when_to_retry(client, world):
    for _ in range(ACCOUNT_LIMIT):
        token_login(client, "nobody@nowhere.test", "x")
    body = token_login(client, "nobody@nowhere.test", "x").get_json()
    assert body["error"] == "too_many_requests" and body["retry_after"] == 15 * 60


def test_unknown_and_known_accounts_are_throttled_alike(client, world):
    for email in ("ghost@testland.test", world.users["legal"].email):
        for _ in range(ACCOUNT_LIMIT):
            token_login(client, email, "bad")
        assert token_login(client, email, "bad").status_code == 429


def test_address_is_throttled_across_accounts(client, world):
    # Known accounts (cheap test hashes), fewer tries each than the account limit.
    emails = [u.email for k, u in world.users.items() if k != "drafter"] * 4
    for email in emails[:ADDRESS_LIMIT]:
        assert token_login(client, email, "guess", "192.0.2.7").status_code == 401
    assert token_login(client, world.users["drafter"].email, PASSWORD, "192.0.2.7").status_code == 429
    assert token_login(client, world.users["drafter"].email, PASSWORD, "192.0.2.8").status_code == 201


def test_failures_age_out_and_success_clears_the_account(client, world):
    email = world.users["mediator"].email
    for _ in range(ACCOUNT_LIMIT):
        token_login(client, email, "wrong")
    for failure in db.session.scalars(select(LoginFailure)):
        failure.created_at -= timedelta(minutes=16)
    db.session.commit()
    assert token_login(client, email, PASSWORD).status_code == 201
    for _ in range(ACCOUNT_LIMIT - 1):
        token_login(client, email, "wrong")
    assert token_login(client, email, PASSWORD).status_code == 201
    assert db.session.scalar(select(func.count()).select_from(LoginFailure)
                             .where(LoginFailure.email == email)) == 0


def test_failures_are_kept_and_audited_with_the_address(client, world):
    token_login(client, world.users["observer"].email, "wrong", "198.51.100.4")
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "login.failed")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.seq is not None
    assert '"address":"198.51.100.4"' in entry.changes and "wrong" not in entry.changes
