"""`flask --app wsgi compliance-check [PATH|-]`: the engine over JSON lines, no database."""
import sys

import click

from .engine.jsonl import JsonlError, run_jsonl


@click.command("compliance-check")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def compliance_check_command(source):
    """Check clauses given as JSON lines {"id", "text"} (from PATH or standard input) and
    write one JSON line of findings per clause. Lines that also carry "number", "section"
    or "label" are read as one document, so cross-references resolve."""
    try:
        count = run_jsonl(source, sys.stdout)
    except JsonlError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(1)
    click.echo(f"Checked {count} clause{'s' if count != 1 else ''}.", err=True)


def register(cli) -> None:
    cli.add_command(compliance_check_command)
