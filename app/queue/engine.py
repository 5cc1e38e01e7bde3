"""The task queue's moving parts: which jobs there are, deferring one in the current
transaction, the procrastinate apps of the web process and of a worker, the recovery of
jobs cut off with their worker, and the in-process runner of the SQLite demo."""
import asyncio
import importlib
import logging
import threading

import procrastinate
from flask import Flask, current_app, has_app_context
from procrastinate.schema import SchemaManager

from ..extensions import db
from . import IN_PROCESS, PROCRASTINATE, queue_mode

log = logging.getLogger(__name__)

# name -> (job function "module:function", retries after the first attempt). A job
# function takes its keyword arguments plus `attempt` (0 the first time) and `final`
# (no retry follows if it fails); it raises to ask for a retry.
TASKS = {
    "archive_round": ("app.export.jobs:archive_task", 2),
    "send_notification_email": ("app.notifications.mail:email_task", 4),
}
# What the in-process runner does after a commit that queued work: each runs every
# pending job of its kind (the same job functions, over the same rows).
IN_PROCESS_RUNNERS = ("app.export.jobs:run_pending", "app.notifications.mail:send_pending")
STALLED_CHECK_CRON = "* * * * *"
DIGEST_CRON = "0 7 * * *"          # the daily digest, 07:00 UTC, scheduled by the workers


def _resolve(path: str):
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def conninfo(app: Flask) -> str:
    with app.app_context():
        url = db.engine.url
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _task_body(flask_app: Flask, target: str, retries: int):
    def body(context, **kwargs):
        attempts = context.job.attempts or 0
        with flask_app.app_context():
            try:
                _resolve(target)(**kwargs, attempt=attempts, final=attempts >= retries)
            finally:
                db.session.remove()
    body.__name__ = target.split(":")[1]
    return body


def _register(qapp: procrastinate.App, flask_app: Flask) -> procrastinate.App:
    for name, (target, retries) in TASKS.items():
        qapp.task(name=name, pass_context=True,
                  retry=procrastinate.RetryStrategy(max_attempts=retries, wait=2, exponential_wait=2),
                  )(_task_body(flask_app, target, retries))

    stalled_after = float(flask_app.config.get("WORKER_STALLED_AFTER", 30))

    @qapp.periodic(cron=DIGEST_CRON, periodic_id="daily-digest")
    @qapp.task(name="send_digests", queueing_lock="daily-digest", pass_context=True)
    def _digest(context, timestamp: int):
        with flask_app.app_context():
            try:
                _resolve("app.notifications.mail:digest_task")()
            finally:
                db.session.remove()

    @qapp.periodic(cron=STALLED_CHECK_CRON, periodic_id="recover-stalled")
    @qapp.task(name="recover_stalled", queueing_lock="recover-stalled", pass_context=True)
    async def _recover(context, timestamp: int):
        await recover_stalled(context.app, stalled_after)

    return qapp


def web_queue(flask_app: Flask) -> procrastinate.App:
    """The web process's procrastinate app: it only defers, always on the request's own
    connection, so its connector is never opened."""
    qapp = flask_app.extensions.get("penholder_queue")
    if qapp is None:
        connector = procrastinate.SyncPsycopgConnector(conninfo=conninfo(flask_app))
        qapp = flask_app.extensions["penholder_queue"] = _register(procrastinate.App(connector=connector), flask_app)
    return qapp


def worker_queue(flask_app: Flask) -> procrastinate.App:
    """A worker's procrastinate app, on its own asynchronous connection pool."""
    connector = procrastinate.PsycopgConnector(conninfo=conninfo(flask_app))
    return _register(procrastinate.App(connector=connector), flask_app)


def defer(task: str, *, lock: str, queueing_lock: str, **kwargs) -> None:
    """Queues `task(**kwargs)` in the current transaction. A job with the same
    `queueing_lock` still waiting makes this one superfluous: nothing is queued then.
    Jobs with the same `lock` never run at the same time."""
    if queue_mode() == IN_PROCESS:
        db.session.info["jobs_pending"] = True
        return
    qapp = web_queue(current_app._get_current_object())
    try:
        with db.session.begin_nested():     # a refused duplicate must not abort the transaction
            # Asked for inside the savepoint, which SQLAlchemy begins on first use.
            raw = db.session.connection().connection.driver_connection
            qapp.tasks[task].configure(lock=lock, queueing_lock=queueing_lock,
                                       connection=raw).defer(**kwargs)
    except procrastinate.exceptions.AlreadyEnqueued:
        pass


async def recover_stalled(qapp: procrastinate.App, seconds_since_heartbeat: float) -> int:
    """Jobs whose worker stopped sending heartbeats (killed, machine lost) are queued
    again; the job functions take up a job left half-done."""
    stalled = list(await qapp.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat))
    for job in stalled:
        log.warning("retrying job %s (%s): its worker stopped", job.id, job.task_name)
        await qapp.job_manager.retry_job(job)
    return len(stalled)


def run_worker(flask_app: Flask, *, concurrency: int = 1, burst: bool = False) -> None:
    """Runs a procrastinate worker until stopped (SIGINT/SIGTERM end it after the running
    jobs); `burst` stops it once the queue is empty."""
    qapp = worker_queue(flask_app)
    config = flask_app.config

    async def main():
        async with qapp.open_async():
            await recover_stalled(qapp, float(config.get("WORKER_STALLED_AFTER", 30)))
            await qapp.run_worker_async(
                concurrency=concurrency, wait=not burst, listen_notify=True,
                update_heartbeat_interval=float(config.get("WORKER_HEARTBEAT", 10)),
                stalled_worker_timeout=float(config.get("WORKER_STALLED_AFTER", 30)),
                fetch_job_polling_interval=float(config.get("WORKER_POLL", 5)))

    asyncio.run(main())


def apply_schema(connection) -> None:
    """procrastinate's tables and functions, on a SQLAlchemy connection (migration)."""
    schema = SchemaManager.get_schema()
    connection.exec_driver_sql(schema.replace("%", "%%"))


# ---- the SQLite demo: the same job functions in a thread of the process ----
_lock = threading.Lock()


def start_after_commit(session) -> None:
    if session.info.pop("jobs_pending", False) and has_app_context():
        app = current_app._get_current_object()
        if app.config.get("RUN_JOBS_IN_THREAD") and queue_mode(app) == IN_PROCESS:
            start_thread(app)


def start_thread(app: Flask) -> None:
    threading.Thread(target=_work, args=(app,), name="penholder-jobs", daemon=True).start()


def run_in_process() -> int:
    """Runs every pending job of every kind in this process; returns how many ran."""
    return sum(_resolve(runner)() for runner in IN_PROCESS_RUNNERS)


def _work(app: Flask) -> None:
    if not _lock.acquire(blocking=False):
        return      # a runner is at work; it takes every pending job before it stops
    try:
        with app.app_context():
            while run_in_process():
                pass
    except Exception:       # a runner must never take the server down
        log.exception("in-process job runner stopped")
    finally:
        _lock.release()


def resume_on_first_request(app: Flask) -> None:
    """Jobs left pending by a restart are picked up once the demo serves again."""
    started = {"done": False}

    @app.before_request
    def _resume():
        if not started["done"] and app.config.get("RUN_JOBS_IN_THREAD") and queue_mode(app) == IN_PROCESS:
            started["done"] = True
            start_thread(app)
