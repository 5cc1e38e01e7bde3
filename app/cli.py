"""Command-line interface: `flask --app wsgi <command>`.

Features add their own commands in `<feature>/cli.py` with a `register(cli)` function.
"""

import click
from flask import current_app, Flask
from flask.cli import AppGroup
from flask_migrate import upgrade
from gunicorn.app.base import BaseApplication

from .auth.operations import create_user
from .commands import fail, run_operation  # noqa: F401  (re-exported: feature commands used to import them here)
from .demo import DEMO_PASSWORD, DEMO_USERS, seed_demo
from .extensions import db
from .features import feature_modules
from .queue import cli as queue_cli


def register_cli(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(serve_demo_command)
    queue_cli.register(app.cli)
    for module in feature_modules("cli"):
        module.register(app.cli)


@click.command("create-user")
@click.argument("email")
@click.option("--name", default="", help="Display name")
@click.option("--site-admin", is_flag=True, help="May manage users and processes")
@click.password_option(help="At least 10 characters")
def create_user_command(email, name, site_admin, password):
    """Create a user account."""
    user = run_operation(create_user, email, name or email, password, site_admin=site_admin)
    click.echo(f"Created user {user.email} (id {user.id}).")


@click.command("seed-demo")
def seed_demo_command():
    """Create the demo process 'northland' and print its logins (idempotent)."""

    created = run_operation(seed_demo)
    if created:
        click.echo("Created the demo process 'northland'.")
    else:
        click.echo("The demo process 'northland' exists already; nothing changed.")
    click.echo(f"Logins (password for all: {DEMO_PASSWORD}):")
    for email, name, role, party in DEMO_USERS:
        click.echo(f"  {email:<22} {role}{' (' + party + ')' if party else ''}")


@click.command("serve-demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def serve_demo_command(host, port):
    """Migrate the database, seed the demo and serve it (gunicorn; Ctrl+C stops it)."""
    app = current_app._get_current_object()
    upgrade()
    # Nothing may touch the database in this process once gunicorn forks its worker:
    # SQLite keeps its lock bookkeeping in process memory, and a worker forked while an
    # archive thread here held a lock saw the database locked for good ("database is
    # locked" on the first login). So the seeded rounds' archives stay queued, and the
    # worker runs them from its first request on (app/queue/engine.py).
    in_thread, app.config["RUN_JOBS_IN_THREAD"] = app.config.get("RUN_JOBS_IN_THREAD"), False
    try:
        seed_demo_command.callback()
    finally:
        app.config["RUN_JOBS_IN_THREAD"] = in_thread
    db.session.remove()
    db.engine.dispose()
    click.echo(f"Serving Penholder on http://{host}:{port}/  (Ctrl+C to stop)")
    DemoServer(app, host, port).run()


class DemoServer(BaseApplication):
    """gunicorn, through its documented embedding API: Flask ignores app.run() inside a
    `flask` command, so the demo is served by a production server's own entry point."""
    def __init__(self, app: Flask, host: str, port: int):
        self.application = app
        self.options = {
            "bind": f"{host}:{port}",
            # One process with threads: the embedded SQLite has one writer at a time
            # anyway, and the archive job's thread runs beside the requests.
            "workers": 1, "worker_class": "gthread", "threads": 8,
            "timeout": 300, "graceful_timeout": 10,
            "accesslog": "-", "errorlog": "-", "loglevel": "info",
            # No runtime-management socket in the home directory (two demos would share it).
            "control_socket_disable": True,
        }
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def command_group(name: str, help_text: str) -> AppGroup:
    return AppGroup(name, help=help_text)
