"""`flask --app wsgi backup PATH` and `flask --app wsgi restore PATH [--force]`."""
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..commands import fail
from .backup import BackupError, create_backup, restore_backup


@click.command("backup")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(path):
    """Write a consistent copy of the database and the exports into PATH (a new directory)."""
    try:
        manifest = create_backup(path)
    except BackupError as err:
        fail(str(err))
    audit = manifest["audit"]
    click.echo(f"Backup written to {path}: {sum(manifest['row_counts'].values())} rows, "
               f"{audit['entries']} audit entries (head #{audit['head_seq']} {audit['head_hash']}).")
    if not audit["intact"]:
        click.echo("Warning: the audit chain did not verify when the backup was taken; "
                   "run audit-verify.", err=True)


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database or exports directory that is not empty.")
@with_appcontext
def restore_command(path, force):
    """Restore a backup from PATH into a fresh database and exports directory."""
    try:
        report = restore_backup(path, force=force)
    except BackupError as err:
        fail(str(err))
    click.echo(f"Restored {sum(report.tables.values())} rows; audit chain intact, "
               f"{report.entries} entries.")


def register(cli) -> None:
    cli.add_command(backup_command)
    cli.add_command(restore_command)
