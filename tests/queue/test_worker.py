"""Round archives on the real task queue: procrastinate workers (`flask --app wsgi worker`,
separate processes) against a throwaway PostgreSQL database migrated as in production.
A circulation queues its archive in its own transaction and a worker builds it; a worker
killed in the middle of a job leaves it to the next worker, which retries it; two jobs on
one round never run at the same time, and one row is never queued twice."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from app.export.jobs import defer_archive
from app.export.models import ExportJob
from app.extensions import db
from tests.conftest import make_test_app

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).parent / "flask")


@pytest.fixture
def queue_app(pg_server, tmp_path):
    url = pg_server.create_database("penholder_queue")
    app = make_test_app(url, TASK_QUEUE="procrastinate", EXPORT_DIR=str(tmp_path / "exports"))
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def workers(queue_app, tmp_path):
    started = []

    def start(**env):
        environment = dict(os.environ, DATABASE_URL=queue_app.config["SQLALCHEMY_DATABASE_URI"],
                           PENHOLDER_SECRET_KEY="test-secret-key", PENHOLDER_TASK_QUEUE="procrastinate",
                           PENHOLDER_EXPORT_DIR=queue_app.config["EXPORT_DIR"], PENHOLDER_SOFFICE="",
                           PENHOLDER_WORKER_HEARTBEAT="1", PENHOLDER_WORKER_STALLED_AFTER="3",
                           PENHOLDER_WORKER_POLL="0.5")
        environment.update(env)
        log = open(tmp_path / f"worker-{len(started)}.log", "w")
        worker = subprocess.Popen([FLASK, "--app", "wsgi", "worker"], cwd=ROOT, env=environment,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)     # the worker and its converter child
            worker.wait(10)


def slow_converter(tmp_path: Path, seconds: int) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\nsleep {seconds}\nexit 1\n")
    script.chmod(0o755)
    return str(script)


def circulated_round(world):
    from app.rounds.operations import circulate_round
    from tests.helpers import build_doc
    document, _, _ = build_doc(world)
    round_ = circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    return round_


def wait_for(predicate, timeout: float = 60.0, what: str = "the job"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()
        db.session.expire_all()
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def archive_rows(round_id):
    return db.session.scalars(select(ExportJob).where(ExportJob.round_id == round_id).order_by(ExportJob.id)).all()


def queue_jobs(task: str | None = "archive_round"):
    """The queue's jobs (the archive's by default; a circulation also queues its mail)."""
    rows = db.session.execute(text("SELECT task_name, status, attempts, lock, queueing_lock "
                                   "FROM procrastinate_jobs ORDER BY id")).all()
    return [row for row in rows if task is None or row[0] == task]


def test_a_circulation_queues_its_archive_and_a_worker_builds_it(queue_app, workers):
    from tests.helpers import build_world
    round_ = circulated_round(build_world())
    (row,) = archive_rows(round_.id)
    # The job was stored by the circulation's own transaction, before any worker ran.
    assert queue_jobs() == [("archive_round", "todo", 0, f"round-archive-{round_.id}", f"archive-{row.id}")]
    workers()
    done = wait_for(lambda: [r for r in archive_rows(round_.id) if r.status == "done"], what="the archive")
    files = done[0].files
    assert "clean" in files and all((Path(queue_app.config["EXPORT_DIR"]) / name).exists() for name in files.values())
    assert done[0].progress == 100
    assert wait_for(lambda: queue_jobs()[0][1] == "succeeded", what="the job's end")


def test_a_job_cut_off_with_its_worker_is_retried_by_the_next(queue_app, workers, tmp_path):
    from tests.helpers import build_world
    round_ = circulated_round(build_world())
    first = workers(PENHOLDER_SOFFICE=slow_converter(tmp_path, 120))
    # The Word files are written; the worker hangs in the PDF converter. Kill it there.
    wait_for(lambda: archive_rows(round_.id)[0].progress == 80, what="the archive's Word files")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(10)
    assert archive_rows(round_.id)[0].status == "running"
    assert queue_jobs()[0][1] == "doing"
    time.sleep(4)       # its heartbeat is older than PENHOLDER_WORKER_STALLED_AFTER
    workers()
    wait_for(lambda: archive_rows(round_.id)[0].status == "done", what="the retried archive")
    row = archive_rows(round_.id)[0]
    assert row.attempts == 2 and "clean" in row.files
    assert wait_for(lambda: queue_jobs()[0][1] == "succeeded", what="the job's end")


def test_two_jobs_on_one_round_never_run_at_once_and_a_row_is_queued_once(queue_app, workers, tmp_path):
    from tests.helpers import build_world
    round_ = circulated_round(build_world())
    first = archive_rows(round_.id)[0]
    defer_archive(first)            # the same row again: its job is still waiting
    second = ExportJob(round_id=round_.id)
    db.session.add(second)
    db.session.flush()
    defer_archive(second)
    db.session.commit()
    assert [job[0] for job in queue_jobs()] == ["archive_round", "archive_round"]
    slow = slow_converter(tmp_path, 2)
    workers(PENHOLDER_SOFFICE=slow)
    workers(PENHOLDER_SOFFICE=slow)
    rows = wait_for(lambda: (rows := archive_rows(round_.id)) and all(r.status == "done" for r in rows) and rows,
                    what="both archives")
    a, b = sorted(rows, key=lambda r: r.started_at)
    assert a.finished_at <= b.started_at, "two archives of one round ran at the same time"
    assert all(r.attempts == 1 for r in rows)


def test_a_worker_mails_the_notifications_of_a_circulation(queue_app, workers):
    """The e-mail job on the queue: a real worker sends through a real SMTP server."""
    from tests.helpers import build_world
    from tests.notifications.test_notifications import Inbox, free_port
    from aiosmtpd.controller import Controller

    port, inbox = free_port(), Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        world = build_world()
        circulated_round(world)
        assert "send_notification_email" in [job[0] for job in queue_jobs(None)]
        workers(PENHOLDER_SMTP_HOST="127.0.0.1", PENHOLDER_SMTP_PORT=str(port), PENHOLDER_SMTP_USER="")
        wait_for(lambda: len(inbox.messages) == 4, what="the four party members' mail")
        assert sorted(r for rcpt, _ in inbox.messages for r in rcpt) == sorted(
            world.users[w].email for w in ("delegate_a", "delegate_a2", "delegate_b", "observer"))
    finally:
        controller.stop()
