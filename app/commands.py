"""What every command of the command line uses, the app's (cli.py) and the features'
(`<feature>/cli.py`): below both, so that neither imports the other for it."""
import sys

import click

from .audit.operations import COMMAND_LINE, acting_as_system
from .errors import DomainError
from .extensions import db


def fail(message: str) -> None:
    """Print a clear error and exit non-zero, with nothing written."""
    db.session.rollback()
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def run_operation(func, *args, **kwargs):
    """Runs one operation and commits, or reports its refusal and changes nothing. What it
    records with no user is the system's, at the command line."""
    try:
        with acting_as_system(COMMAND_LINE):
            result = func(*args, **kwargs)
            db.session.commit()
        return result
    except DomainError as err:
        fail(err.message)
