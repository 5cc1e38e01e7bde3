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
from croniter import croniter
from ..models_base import utcnow
import time

log = logging.getLogger(__name__)

# name -> (job function "module:function", retries after the first attempt). A job
# function takes its keyword arguments plus `attempt` (0 the first time) and `final`
# (no retry follows if it fails); it raises to ask for a retry.
TASKS = {
    "archive_round": ("app.export.jobs:archive_task", 2),
    "send_notification_email": ("app.notifications.mail:email_task", 4),
    "deliver_webhook": ("app.webhooks.delivery:deliver_task", 6),
}
# Tasks whose retries and exponential backoff come from the configuration (name ->
# (retries key, base key)): waits of base ** attempt seconds, 4, 16, 64 s, ... by default.
RETRY_CONFIG = {"deliver_webhook": ("WEBHOOK_RETRIES", "WEBHOOK_RETRY_BASE")}
# What the in-process runner does after a commit that queued work: each runs every
# pending job of its kind (the same job functions, over the same rows).
IN_PROCESS_RUNNERS = ("app.export.jobs:run_pending", "app.notifications.mail:send_pending",
                      "app.webhooks.delivery:run_pending")
STALLED_CHECK_CRON = "* * * * *"
DIGEST_CRON = "0 7 * * *"          # the daily digest, 07:00 UTC
REMINDER_CRON = "*/10 * * * *"     # deadlines within 24 hours, looked for every 10 minutes
PRUNE_SESSIONS_CRON = "17 * * * *"  # rows of long-ended sessions, hourly
SWEEP_IMPORTS_CRON = "47 * * * *"   # import previews and reports past their hour
# Periodic jobs: id -> (cron, job function). The workers' procrastinate schedules them on
# PostgreSQL; the in-process runner's Scheduler on SQLite. Each runs under a lock of its
# own id (never two at once) and is queued once per due time (its queueing lock); what
# it sends, it sends once (app/notifications/once.py).
PERIODIC = {"daily-digest": (DIGEST_CRON, "app.notifications.mail:digest_task"),
            "deadline-reminders": (REMINDER_CRON, "app.notifications.reminders:reminder_task"),
            "prune-sessions": (PRUNE_SESSIONS_CRON, "app.auth.sessions:prune_task"),
            "sweep-import-files": (SWEEP_IMPORTS_CRON, "app.export.importing:sweep_import_files")}


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


def _periodic_body(flask_app: Flask, target: str):
    def body(context, timestamp: int):
        with flask_app.app_context():
            try:
                _resolve(target)()
            finally:
                db.session.remove()
    body.__name__ = target.split(":")[1]
    return body


def _register(qapp: procrastinate.App, flask_app: Flask) -> procrastinate.App:
    for name, (target, retries) in TASKS.items():
        wait, exponential = 2, 2
        if name in RETRY_CONFIG:
            retries_key, base_key = RETRY_CONFIG[name]
            retries, wait = int(flask_app.config.get(retries_key, retries)), 0
            exponential = int(flask_app.config.get(base_key, 2))
        qapp.task(name=name, pass_context=True,
                  retry=procrastinate.RetryStrategy(max_attempts=retries, wait=wait, exponential_wait=exponential),
                  )(_task_body(flask_app, target, retries))

    stalled_after = float(flask_app.config.get("WORKER_STALLED_AFTER", 30))

    for periodic_id, (cron, target) in PERIODIC.items():
        qapp.periodic(cron=cron, periodic_id=periodic_id)(
            qapp.task(name=periodic_id, lock=periodic_id, queueing_lock=periodic_id,
                      pass_context=True)(_periodic_body(flask_app, target)))

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
    """Jobs left pending by a restart are picked up once the demo serves again, and the
    scheduler of periodic jobs starts."""
    started = {"done": False}

    @app.before_request
    def _resume():
        if not started["done"] and app.config.get("RUN_JOBS_IN_THREAD") and queue_mode(app) == IN_PROCESS:
            started["done"] = True
            start_thread(app)
            if app.config.get("RUN_SCHEDULER", True):
                Scheduler(app).start()


class Scheduler:
    """The SQLite demo's periodic jobs, in a thread of the process: every SCHEDULER_TICK
    seconds it runs the periodic jobs whose cron time has passed (the same PERIODIC job
    functions the workers' procrastinate schedules) and starts the runner for queued work
    and retries now due. One process serves the demo, so one scheduler runs; the runner's
    lock keeps a periodic job and the runner from working at the same time, and each job
    sends what it sends once whatever runs it (unique keys, app/notifications/once.py).
    A time missed while the demo was stopped is not made up: the next one comes."""

    def __init__(self, app: Flask, start=None):

        self.app = app
        start = start or utcnow()
        self.due = {pid: croniter(cron, start).get_next(type(start)) for pid, (cron, _) in PERIODIC.items()}

    def tick(self, now) -> list[str]:
        """Runs what is due at `now`; answers the periodic ids it ran."""
        ran = []
        for periodic_id, (cron, target) in PERIODIC.items():
            if self.due[periodic_id] <= now:
                self.due[periodic_id] = croniter(cron, now).get_next(type(now))
                with _lock, self.app.app_context():
                    try:
                        _resolve(target)()
                    except Exception:
                        log.exception("periodic job %s failed", periodic_id)
                    finally:
                        db.session.remove()
                ran.append(periodic_id)
        return ran

    def start(self) -> None:
        threading.Thread(target=self._loop, name="penholder-scheduler", daemon=True).start()

    def _loop(self) -> None:

        tick = float(self.app.config.get("SCHEDULER_TICK", 30))
        while self.app.config.get("RUN_SCHEDULER", True):
            time.sleep(tick)
            try:
                self.tick(utcnow())
                start_thread(self.app)      # retries whose time has come
            except Exception:
                log.exception("scheduler tick failed")
