"""Command-line interface: `flask --app wsgi <command>`.

Features add their own commands in `<feature>/cli.py` with a `register(cli)` function.
"""
import importlib
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from .errors import DomainError
from .extensions import db


def register_cli(app: Flask) -> None:
    from . import FEATURES

    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(serve_demo_command)
    for feature in FEATURES:
        try:
            module = importlib.import_module(f"app.{feature}.cli")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.{feature}.cli":
                raise
            continue
        module.register(app.cli)


def fail(message: str) -> None:
    """Print a clear error and exit non-zero, with nothing written."""
    db.session.rollback()
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def run_operation(func, *args, **kwargs):
    """Runs one operation and commits, or reports its refusal and changes nothing."""
    try:
        result = func(*args, **kwargs)
        db.session.commit()
        return result
    except DomainError as err:
        fail(err.message)


@click.command("create-user")
@click.argument("email")
@click.option("--name", default="", help="Display name")
@click.option("--site-admin", is_flag=True, help="May manage users and processes")
@click.password_option(help="At least 10 characters")
def create_user_command(email, name, site_admin, password):
    """Create a user account."""
    from .auth.operations import create_user

    user = run_operation(create_user, email, name or email, password, site_admin=site_admin)
    click.echo(f"Created user {user.email} (id {user.id}).")


@click.command("seed-demo")
def seed_demo_command():
    """Create the demo process 'northland' and print its logins (idempotent)."""
    from .demo import DEMO_PASSWORD, DEMO_USERS, seed_demo

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
    """Migrate the database, seed the demo and serve it (development server)."""
    from flask import current_app
    from flask_migrate import upgrade

    upgrade()
    seed_demo_command.callback()
    click.echo(f"Serving Penholder on http://{host}:{port}/  (Ctrl+C to stop)")
    current_app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


def command_group(name: str, help_text: str) -> AppGroup:
    return AppGroup(name, help=help_text)
