"""`flask --app wsgi worker`: a procrastinate worker for this app's jobs (any number, on
any machine that reaches the database and the shared export directory)."""
import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from . import PROCRASTINATE, queue_mode
from ..commands import fail
from .engine import run_worker


@click.command("worker")
@click.option("--concurrency", default=1, show_default=True, help="jobs run at the same time")
@click.option("--burst", is_flag=True, help="stop once the queue is empty")
@with_appcontext
def worker_command(concurrency: int, burst: bool):
    """Run the background jobs (round archives, e-mails, webhook deliveries, the digest and
    reminders) until stopped."""
    app = current_app._get_current_object()
    if queue_mode(app) != PROCRASTINATE:
        fail("The worker needs PostgreSQL (DATABASE_URL): on SQLite the jobs run inside the "
             "app's own process and there is nothing to start.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    run_worker(app, concurrency=concurrency, burst=burst)


def register(cli) -> None:
    cli.add_command(worker_command)
