"""Web security across every route: CSRF, cookies, headers, size limits, redirects,
logging and session/token lifetimes."""
import logging
import re
from urllib.parse import urlsplit
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.operations import set_user_active
from app.config import MAX_REQUEST_BYTES, ConfigError, build_config
from app.extensions import db
from tests.conftest import make_test_app
from tests.db_state import tables_whose_counts_changed, db_state
from tests.helpers import PASSWORD, login
from tests.security.routes import write_routes

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


# --- CSRF -------------------------------------------------------------------------

def test_every_state_changing_page_route_needs_a_csrf_token(app, world, client):
    login(client, world.users["mediator"])
    routes = list(write_routes(app, api=False))
    assert any(endpoint == "auth.logout" for endpoint, _, _ in routes)
    before = audit_count()
    for endpoint, method, url in routes:
        for extra in ({}, {"data": {"csrf_token": "forged"}}):
            response = client.open(url, method=method, csrf=False, **extra)
            assert response.status_code == 400, (endpoint, method, url, response.status_code)
            assert "did not come from this site" in response.get_data(as_text=True), endpoint
    assert audit_count() == before
    assert client.get("/account").status_code == 200        # still logged in: logout was refused


def test_session_authenticated_api_writes_need_a_csrf_token_too(app, world, client):
    """A browser session calling the API is as forgeable as a form; only bearer-token
    calls (no ambient credentials) and the token login itself are exempt."""
    login(client, world.users["mediator"])
    before = audit_count()
    for endpoint, method, url in write_routes(app, api=True):
        if url == "/api/v1/tokens":
            continue
        response = client.open(url, method=method, json={}, csrf=False)
        assert response.status_code == 400, (endpoint, method, url, response.status_code)
        assert response.get_json()["error"] == "csrf_failed"
    assert audit_count() == before


# --- Cookies and headers ----------------------------------------------------------

def _session_cookie(response) -> str:
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert cookies, response.headers
    return cookies[-1]


def test_session_cookie_is_httponly_and_samesite(client, world):
    cookie = _session_cookie(login(client, world.users["drafter"]))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_cookies_are_secure_behind_tls_in_production(app, world, database_url):
    secure_app = make_test_app(database_url, SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    client = secure_app.test_client()
    response = client.post("/api/v1/tokens", json={"email": "x@y.z", "password": "nope"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    page = client.get("/login", base_url="https://localhost")
    assert "Secure" in _session_cookie(page) and "HttpOnly" in _session_cookie(page)


def test_production_config_marks_cookies_secure_and_needs_a_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("PENHOLDER_ENV", "production")
    monkeypatch.delenv("PENHOLDER_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        build_config(tmp_path)
    monkeypatch.setenv("PENHOLDER_SECRET_KEY", "s" * 64)
    config = build_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("path", ["/login", "/api/v1/processes", "/api/v1/openapi.json", "/nowhere"])
def test_security_headers_on_pages_api_and_errors(client, world, path):
    headers = client.get(path).headers
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'" and "unsafe" not in headers["Content-Security-Policy"]
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_script_handlers_or_styles():
    """The CSP forbids them; this catches a new template before a browser does."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", source, re.S | re.I):
            if "src=" not in match.group(1) or match.group(2).strip():
                offenders.append(f"{path.name}: inline <script>")
        if re.search(r"<[^>]*\son[a-z]+\s*=", source, re.I):
            offenders.append(f"{path.name}: on*= handler")
        if re.search(r"<[^>]*\sstyle\s*=", source, re.I):
            offenders.append(f"{path.name}: style attribute")
        if re.search(r"javascript:", source, re.I):
            offenders.append(f"{path.name}: javascript: URL")
        if re.search(r"\|\s*safe\b", source):
            offenders.append(f"{path.name}: |safe filter (build Markup in Python, escaped)")
    assert offenders == []


# --- Size limits ------------------------------------------------------------------

def test_oversized_json_is_refused_with_413(client, world):
    body = '{"email": "' + "a" * MAX_REQUEST_BYTES + '", "password": "x"}'
    world.headers("mediator")
    before = db_state()
    response = client.post("/api/v1/tokens", data=body, content_type="application/json")
    assert response.status_code == 413 and response.get_json()["error"] == "too_large"
    response = client.post("/api/v1/processes/testland/audit", data=body,
                           content_type="application/json", headers=world.headers("mediator"))
    assert response.status_code in (405, 413)
    assert db_state() == before


def test_oversized_upload_is_refused_with_413(app, client, world):
    login(client, world.users["mediator"])
    limit = app.config["MAX_CONTENT_LENGTH"]
    before = db_state()
    response = client.post("/login", data={"file": (__import__("io").BytesIO(b"x" * (limit + 1)),
                                                    "big.docx"), "csrf_token": client.csrf_token()},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than this server accepts" in response.get_data(as_text=True)
    assert db_state() == before


# --- Redirects ----------------------------------------------------------------------

@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil.example",
                                    "\\\\evil.example", "javascript:alert(1)", "http:evil.example",
                                    " //evil.example", "/%0d%0aLocation:%20https://evil.example",
                                    "\t//evil.example", "///evil.example"])
def test_login_never_redirects_off_site(client, world, target):
    response = client.post("/login?next=" + target, data={"email": world.users["drafter"].email,
                                                          "password": PASSWORD})
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert response.status_code == 302
    assert not parts.scheme and not parts.netloc and location.startswith("/")
    assert not location.startswith("//") and "\\" not in location and "\n" not in location


def test_login_keeps_a_local_next(client, world):
    response = client.post("/login?next=/p/testland", data={"email": world.users["drafter"].email,
                                                            "password": PASSWORD})
    assert response.headers["Location"] == "/p/testland"


# --- Secrets in logs ------------------------------------------------------------------

def test_passwords_and_tokens_never_reach_the_logs(app, client, world, caplog):
    caplog.set_level(logging.DEBUG)
    secret_new = "brand-new-secret-passphrase"
    login(client, world.users["drafter"])
    client.post("/login", data={"email": world.users["legal"].email, "password": "wrong-secret-guess"})
    raw_token = client.post("/api/v1/tokens", json={"email": world.users["mediator"].email,
                                                    "password": PASSWORD}).get_json()["token"]
    client.post("/account", data={"current_password": PASSWORD, "new_password": secret_new})
    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "cli@testland.test", "--password", "cli-secret-password"])
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in (PASSWORD, "wrong-secret-guess", secret_new, raw_token, "cli-secret-password"):
        assert secret not in logged
    changes = " ".join(db.session.scalars(select(AuditEntry.changes)))
    for secret in (PASSWORD, "wrong-secret-guess", secret_new, raw_token, "cli-secret-password"):
        assert secret not in changes


# --- Session and token lifetimes ---------------------------------------------------------

def test_password_change_ends_other_sessions_and_tokens(client, make_client, world):
    user = world.users["drafter"]
    other = make_client()
    login(client, user)
    login(other, user)
    token = world.headers("drafter")
    assert client.get("/api/v1/me", headers=token).status_code == 200
    response = client.post("/account", data={"current_password": PASSWORD,
                                             "new_password": "another-long-password"})
    assert response.status_code == 302
    assert other.get("/account").status_code == 302                  # sent to log in
    assert client.get("/api/v1/me", headers=token).status_code == 401
    fresh = make_client()
    login(fresh, user, "another-long-password")
    assert fresh.get("/account").status_code == 200


def test_deactivation_ends_sessions_and_tokens(client, world):
    user = world.users["delegate_b"]
    login(client, user)
    token = world.headers("delegate_b")
    set_user_active(user, False, actor=world.users["mediator"])
    db.session.commit()
    assert client.get("/account").status_code == 302
    assert client.get("/api/v1/me", headers=token).status_code == 401
    before = db_state()
    assert client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD}).status_code == 401
    # A refused login records a throttle row and an audit entry by design; nothing else changes.
    assert tables_whose_counts_changed(before, db_state()) == {"login_failures", "audit_entries"}


def test_a_token_can_be_revoked(client, world):
    token = world.headers("observer")
    assert client.delete("/api/v1/tokens/current", headers=token).status_code == 204
    before = db_state()
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert client.delete("/api/v1/tokens/current", headers=token).status_code == 401
    assert db_state() == before
    assert client.get("/api/v1/processes", headers=world.headers("delegate_a")).status_code == 200
