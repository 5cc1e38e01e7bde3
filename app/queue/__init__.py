"""Background work on a task queue (issue 23).

On PostgreSQL the jobs go to procrastinate: a job is stored by the transaction that asks
for it (`defer` writes it on the request's own connection, so it is committed or rolled
back with the circulation that queued it), workers (`flask --app wsgi worker`, on any
machine) run it, a failed job is retried, a job cut off with its worker is retried by the
next worker (`recover_stalled`), and a job's `lock` keeps two jobs on the same thing from
ever running at once.

The embedded SQLite demo has no worker: the same job functions run in a thread of the
process after the commit that queued them (`in-process`), over the rows they work on
(an archive's `export_jobs` row, a notification's e-mail state).

The mode is `TASK_QUEUE`: "procrastinate" or "in-process" ("auto", the default, picks
procrastinate on PostgreSQL and in-process on SQLite).
"""
from flask import Flask, current_app

PROCRASTINATE, IN_PROCESS = "procrastinate", "in-process"


def queue_mode(app: Flask | None = None) -> str:
    app = app or current_app
    mode = app.config.get("TASK_QUEUE", "auto")
    if mode == "auto":
        url = str(app.config.get("SQLALCHEMY_DATABASE_URI", ""))
        return PROCRASTINATE if url.startswith("postgresql") else IN_PROCESS
    if mode not in (PROCRASTINATE, IN_PROCESS):
        raise RuntimeError(f"TASK_QUEUE must be auto, {PROCRASTINATE} or {IN_PROCESS}, not {mode!r}")
    return mode
