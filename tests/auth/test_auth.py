"""Login, logout and API tokens: clear errors that change nothing."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.auth.models import ApiToken
from app.extensions import db
from app.models_base import utcnow
from tests.db_state import tables_whose_counts_changed, db_state
from tests.helpers import PASSWORD, login


def test_login_and_logout(client, world):
    login(client, world.users["mediator"])
    assert "Testland Talks" in client.get("/").get_data(as_text=True)
    assert client.post("/logout").status_code == 302
    assert client.get("/").headers["Location"].endswith("/login")


@pytest.mark.parametrize("email,password", [("mediator@testland.test", "wrong-password"),
                                            ("nobody@testland.test", PASSWORD)])
def test_wrong_password_and_unknown_email_get_the_same_answer(client, world, email, password):
    before = db_state()
    r = client.post("/login", data={"email": email, "password": password})
    assert r.status_code == 401 and "Invalid email or password." in r.get_data(as_text=True)
    assert f'value="{email}"' in r.get_data(as_text=True)    # the typed email is kept
    api = client.post("/api/v1/tokens", json={"email": email, "password": password})
    assert api.status_code == 401
    assert api.get_json() == {"error": "unauthorized", "message": "Invalid email or password."}
    # A failed login records a throttle row and an audit entry by design; nothing else changes.
    assert tables_whose_counts_changed(before, db_state()) == {"login_failures", "audit_entries"}


def test_login_form_without_csrf_is_refused(client, world):
    before = db_state()
    r = client.post("/login", data={"email": "mediator@testland.test", "password": PASSWORD}, csrf=False)
    assert r.status_code == 400
    assert db_state() == before
    assert client.get("/").status_code == 302          # still logged out


def test_token_issue_use_and_revoke(client, world):
    r = client.post("/api/v1/tokens", json={"email": "drafter@testland.test", "password": PASSWORD})
    assert r.status_code == 201
    headers = {"Authorization": f"Bearer {r.get_json()['token']}"}
    assert client.get("/api/v1/me", headers=headers).get_json()["email"] == "drafter@testland.test"
    stored = db.session.scalars(select(ApiToken.token_hash)).all()
    assert r.get_json()["token"] not in stored          # only the hash is kept
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 204
    before = db_state()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 401
    assert db_state() == before                          # a revoked token can revoke nothing


def test_expired_token_is_refused(client, world):
    headers = world.headers("drafter")
    token = db.session.scalars(select(ApiToken).order_by(ApiToken.id.desc())).first()
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    r = client.get("/api/v1/me", headers=headers)
    assert r.status_code == 401 and r.get_json()["error"] == "unauthorized"


@pytest.mark.parametrize("body,content_type,status", [
    ("{not json", "application/json", 400),
    ("[1, 2]", "application/json", 400),
    ('{"email": 5, "password": "x"}', "application/json", 422),
    ('{"email": "a@b.c"}', "application/json", 422),
    ("email=a", "application/x-www-form-urlencoded", 400),
])
def test_malformed_token_requests_get_clear_errors_and_change_nothing(client, world, body, content_type, status):
    before = db.session.scalar(select(func.count()).select_from(ApiToken))
    r = client.post("/api/v1/tokens", data=body, content_type=content_type)
    assert r.status_code == status
    assert set(r.get_json()) >= {"error", "message"}
    assert db.session.scalar(select(func.count()).select_from(ApiToken)) == before


def test_unknown_api_path_and_page_answer_in_their_format(client, world):
    api = client.get("/api/v1/nothing-here", headers=world.headers("mediator"))
    assert api.status_code == 404 and api.get_json() == {"error": "not_found", "message": "Not found."}
    page = client.get("/nothing-here")
    assert page.status_code == 404 and "text/html" in page.content_type
