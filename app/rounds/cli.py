"""`flask --app wsgi circulate DOCUMENT_ID [--deadline ISO]`."""
import click
from flask.cli import with_appcontext

from ..cli import fail, run_operation
from ..drafting.models import Document
from ..errors import DomainError
from ..extensions import db


@click.command("circulate")
@click.argument("document_id", type=int)
@click.option("--deadline", default=None, help="Comment deadline, ISO 8601 (UTC if no offset)")
@click.option("--note", default=None, help="A note to the parties")
@click.option("--allow-unchanged", is_flag=True, help="Circulate even if nothing changed")
@with_appcontext
def circulate_command(document_id, deadline, note, allow_unchanged):
    """Circulate the working draft of a document as its next round."""
    from .api import parse_deadline
    from .operations import circulate_round

    document = db.session.get(Document, document_id)
    if document is None:
        fail(f"No document with id {document_id}.")
    try:
        when = parse_deadline(deadline)
    except DomainError as err:
        fail(err.message)
    round_ = run_operation(circulate_round, document, actor=None, deadline=when, note=note,
                           allow_unchanged=allow_unchanged)
    click.echo(f"Circulated {round_.label} of document {document_id} ({document.title}).")


def register(cli) -> None:
    cli.add_command(circulate_command)
