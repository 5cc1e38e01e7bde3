"""`flask --app wsgi compliance-check [PATH|-]`: the engine over JSON lines, no database;
`flask --app wsgi compliance-eval FILE`: its precision and recall on a labelled file."""
import sys

import click

from .engine.evaluate import evaluate, format_report, read_rows
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


@click.command("compliance-eval")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--strict", is_flag=True, help="Exit with status 1 when a threshold is not met.")
def compliance_eval_command(source, strict):
    """Print precision and recall per label for a labelled JSON-lines file: each line
    {"id", "text", "label"} (violates, needs-review, compliant, no-amnesty), optionally
    "lang", "judgment_call" and "acceptable" outcomes (violation, warning, notice, none)."""
    try:
        rows = read_rows(source)
    except ValueError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(1)
    report = evaluate(rows)
    click.echo(format_report(report))
    if strict and not report.passes():
        sys.exit(1)


def register(cli) -> None:
    cli.add_command(compliance_check_command)
    cli.add_command(compliance_eval_command)
