"""`flask --app wsgi circulate DOCUMENT_ID [--deadline ISO] [--confirm-findings]`."""
import sys

import click
from flask.cli import with_appcontext

from ..api.body import parse_deadline
from ..audit.operations import COMMAND_LINE, acting_as_system
from ..commands import fail
from ..drafting.models import Document
from ..errors import DomainError
from ..extensions import db
from .operations import circulate_round


EXIT_UNREVIEWED_FINDINGS = 3


@click.command("circulate")
@click.argument("document_id", type=int)
@click.option("--deadline", default=None, help="Comment deadline, ISO 8601 (UTC if no offset)")
@click.option("--note", default=None, help="A note to the parties")
@click.option("--allow-unchanged", is_flag=True, help="Circulate even if nothing changed")
@click.option("--confirm-findings", is_flag=True,
              help="Circulate even if violations or warnings await a legal review (recorded, advisers told)")
@with_appcontext
def circulate_command(document_id, deadline, note, allow_unchanged, confirm_findings):
    """Circulate the working draft of a document as its next round. A draft holding
    violations or warnings no legal adviser has reviewed is refused (exit code 3) unless
    --confirm-findings."""
    document = db.session.get(Document, document_id)
    if document is None:
        fail(f"No document with id {document_id}.")
    try:
        when = parse_deadline(deadline)
    except DomainError as err:
        fail(err.message)
    try:
        with acting_as_system(COMMAND_LINE):
            round_ = circulate_round(document, actor=None, deadline=when, note=note,
                                     allow_unchanged=allow_unchanged, confirm_findings=confirm_findings)
            db.session.commit()
    except DomainError as err:
        if err.code != "unreviewed_findings":
            fail(err.message)
        db.session.rollback()
        click.echo(f"Refused: {err.message}", err=True)
        for f in err.extra.get("findings", []):
            click.echo(f"  {f['article']}: {f['severity']}, {f['label']} ({f['state']}): {f['clause_text']}", err=True)
        click.echo("Nothing was circulated. Run again with --confirm-findings to circulate anyway.", err=True)
        sys.exit(EXIT_UNREVIEWED_FINDINGS)
    click.echo(f"Circulated {round_.label} of document {document_id} ({document.title}).")
    if confirm_findings and round_.held_findings:
        click.echo(f"Circulated over {round_.held_findings} unreviewed finding"
                   f"{'s' if round_.held_findings != 1 else ''}: recorded in the audit log; the legal "
                   "advisers are told.")


def register(cli) -> None:
    cli.add_command(circulate_command)
