"""Shared fixtures: the app on SQLite and on a throwaway PostgreSQL, one transaction
per test rolled back at the end, a CSRF-aware client and a small world of users."""
import os
import tempfile

import pytest
from flask import request_started
from flask.testing import FlaskClient
from flask_sqlalchemy.session import Session as FlaskSession
from itsdangerous import URLSafeTimedSerializer

from app import create_app
from app.extensions import db

from tests.pg_server import PostgresServer, find_pg_bin

IN_CI = os.environ.get("CI", "").lower() == "true"
BACKENDS = [b.strip() for b in os.environ.get("PENHOLDER_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]


def skip_or_fail(reason: str):
    """Missing tools may skip a developer's run, never CI's."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    pg_bin = find_pg_bin()
    if pg_bin is None:
        skip_or_fail("PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's postgresql")
    server = PostgresServer(pg_bin)
    server.start()
    yield server
    server.stop()


def make_test_app(database_url: str, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "EXPORT_DIR": tempfile.mkdtemp(prefix="penholder-exports-"),
        "RUN_JOBS_IN_THREAD": False,
        # No periodic-job thread: it would outlive its test (tests call Scheduler.tick).
        "RUN_SCHEDULER": False,
        # Jobs run when a test calls run_pending/run_in_process; tests/queue runs real
        # procrastinate workers against their own PostgreSQL database.
        "TASK_QUEUE": "in-process",
        "SOFFICE": "",          # archives without PDFs (LibreOffice is slow); the PDF tests turn it on
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",   # speed; production keeps scrypt
        "SERVER_NAME": None,
        "STRICT_TRANSACTIONS": True,    # a write in a reading transaction raises (app/database.py)
        "VALIDATE_RESPONSES": True,     # every API answer checked against its schema (app/api/contract.py)
    }
    config.update(overrides)
    app = create_app(config)
    request_started.connect(_fresh_request_globals, app)
    return app


def _fresh_request_globals(sender, **extra):
    """Tests send requests inside an app context the fixtures keep pushed, so Flask reuses
    it and its `g` (Flask-Login's cached user, refusal marks, kept writes, caches) would leak
    from one request into the next. In production every request has its own."""
    from flask import g
    g.__dict__.clear()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope="session")
def database_url(backend, request, tmp_path_factory):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    server = request.getfixturevalue("pg_server")
    return server.create_database("penholder_test")


@pytest.fixture(scope="session")
def app(database_url):
    app = make_test_app(database_url)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


class _ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy picks engines itself; in tests every query must use the one
    connection whose outer transaction is rolled back."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return self.bind


@pytest.fixture(autouse=True)
def _db_isolation(request):
    """Each test runs inside a transaction that is rolled back afterwards; the app's
    own commits become savepoint releases (join_transaction_mode="create_savepoint")."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint",
             "class_": _ConnectionBoundSession})
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            if transaction.is_active:
                transaction.rollback()
            connection.close()


class CsrfClient(FlaskClient):
    """A test client that sends the session's CSRF token with every form post, as a
    browser would, so CSRF stays on in tests. Pass csrf=False to leave it out."""

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = os.urandom(20).hex()
                session["csrf_token"] = raw
        return URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token").dumps(raw)

    def open(self, *args, csrf: bool = True, **kwargs):
        method = (kwargs.get("method") or "GET").upper()
        headers = kwargs.get("headers") or {}
        is_bearer = str(dict(headers).get("Authorization", "")).startswith("Bearer ")
        if csrf and method not in ("GET", "HEAD", "OPTIONS") and not is_bearer:
            if kwargs.get("json") is not None:
                headers = dict(headers)
                headers.setdefault("X-CSRFToken", self.csrf_token())
                kwargs["headers"] = headers
            else:
                data = kwargs.get("data")
                if data is None or isinstance(data, dict):
                    data = dict(data or {})
                    data.setdefault("csrf_token", self.csrf_token())
                    kwargs["data"] = data
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = CsrfClient
    return app.test_client()


@pytest.fixture
def make_client(app):
    def factory():
        app.test_client_class = CsrfClient
        return app.test_client()
    return factory


from tests.helpers import doc, world  # noqa: E402,F401  (fixtures every feature's tests use)


def pytest_make_parametrize_id(config, val, argname):
    """Bytes parameters (Word files built at collection, with zip timestamps in them) get a
    short id that is the same in every process: pytest-xdist's workers must collect the
    same test names."""
    if isinstance(val, (bytes, bytearray)):
        return f"{argname}-{len(val)}bytes"
    return None
