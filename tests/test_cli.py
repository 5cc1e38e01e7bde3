"""The command-line contracts: seed-demo (idempotent), create-user, circulate."""
import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.demo import DEMO_PASSWORD, DEMO_USERS
from app.extensions import db
from app.rounds.models import Round


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_seed_demo_creates_the_demo_once_and_its_logins_work(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Created the demo process 'northland'" in result.output
    for email, *_ in DEMO_USERS:
        assert email in result.output
    assert db.session.scalar(select(func.count()).select_from(Round)) == 2
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "exists already; nothing changed" in again.output
    assert db.session.scalar(select(func.count()).select_from(Round)) == 2
    for email, *_ in DEMO_USERS:
        r = client.post("/api/v1/tokens", json={"email": email, "password": DEMO_PASSWORD})
        assert r.status_code == 201 and r.get_json()["token"]
    body = client.get("/api/v1/processes/northland",
                      headers={"Authorization": f"Bearer {r.get_json()['token']}"}).get_json()
    assert {p["slug"] for p in body["parties"]} >= {"government", "nlm", "civil-society"}


def test_create_user(runner):
    result = runner.invoke(args=["create-user", "new@example.org", "--name", "New Person",
                                 "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User).where(User.email == "new@example.org")).name == "New Person"
    short = runner.invoke(args=["create-user", "x@example.org", "--password", "short"])
    assert short.exit_code == 1 and "at least 10 characters" in short.output


def test_circulate_command(runner, doc):
    document, _, _ = doc
    result = runner.invoke(args=["circulate", str(document.id), "--deadline", "2099-05-01T10:00:00"])
    assert result.exit_code == 0 and "Circulated Rev. 1" in result.output
    again = runner.invoke(args=["circulate", str(document.id)])
    assert again.exit_code == 1 and "Nothing changed since Rev. 1" in again.output
    missing = runner.invoke(args=["circulate", "99999"])
    assert missing.exit_code == 1 and "No document with id 99999" in missing.output


def test_serve_demo_leaves_no_database_work_in_the_process_that_forks_the_server(tmp_path, monkeypatch):
    """gunicorn forks its worker from the serving process; SQLite keeps its lock state in
    process memory, so a worker forked while an archive thread there held a lock found the
    database locked for good (CI: "database is locked" on the demo's first login). When
    the server starts, no archive thread may be running and the seeded archives wait for
    the worker."""
    import sqlite3
    import threading

    from app import cli

    from tests.conftest import make_test_app

    database = tmp_path / "demo.db"
    app = make_test_app(f"sqlite:///{database}", RUN_JOBS_IN_THREAD=True)
    seen = {}

    def fake_run(server):
        seen["threads"] = [t.name for t in threading.enumerate()]
        with sqlite3.connect(database) as raw:
            seen["jobs"] = [row[0] for row in raw.execute("SELECT status FROM export_jobs")]

    monkeypatch.setattr(cli.DemoServer, "run", fake_run)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["serve-demo", "--port", "5999"])
        assert result.exit_code == 0, result.output
        assert "penholder-jobs" not in seen["threads"]
        assert seen["jobs"] and set(seen["jobs"]) == {"queued"}
        assert app.config["RUN_JOBS_IN_THREAD"] is True     # the worker runs them
        db.session.remove()
        db.engine.dispose()


def test_the_command_line_is_an_actor_of_its_own_in_the_audit_log(runner, doc):
    """A circulation from the command line is recorded as the system's, at the command line,
    not as a made-up mediator; the log in words says "System"."""
    from app.audit.models import AuditEntry

    document, _, _ = doc
    assert runner.invoke(args=["circulate", str(document.id)]).exit_code == 0
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "round.circulate")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.actor_id is None and entry.actor_label == "system: command line"
