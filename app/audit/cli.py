"""`flask --app wsgi audit-verify`: check the whole hash chain."""
import sys

import click
from flask.cli import with_appcontext

from .queries import chain_rows
from .verify import verify_entries


def _anchor(value: str | None):
    if not value:
        return None
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise click.BadParameter("use SEQ:HASH, as printed by an earlier audit-verify")
    return int(seq), digest.lower()


@click.command("audit-verify")
@click.option("--anchor", help="SEQ:HASH of an entry recorded earlier (e.g. from a backup "
                               "manifest): also catches entries removed from the end.")
@with_appcontext
def audit_verify_command(anchor):
    """Check the audit log's hash chain; exit 1 naming the first broken entry."""
    report = verify_entries(chain_rows(), anchor=_anchor(anchor))
    if report.ok:
        head = f"; head #{report.head_seq} {report.head_hash}" if report.count else ""
        click.echo(f"Audit chain intact, {report.count} entries{head}.")
        return
    where = f"entry #{report.broken_seq}" if report.broken_seq else f"entry id {report.broken_id}"
    click.echo(f"Audit chain BROKEN at {where}: {report.reason}. "
               f"{report.count} entries before it verified.", err=True)
    sys.exit(1)


def register(cli) -> None:
    cli.add_command(audit_verify_command)
