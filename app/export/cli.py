"""`import-docx PATH --process SLUG [--title T] [--dry-run]` (and `import-akn`, the same for
Akoma Ntoso), `import-docx PATH --into DOCUMENT_ID [--dry-run] [--skip-conflicts]` (an edited
clean copy taken back into its document), `export DOCUMENT_ID --round N --variant V --out PATH [--party SLUG]`,
`export-akn DOCUMENT_ID --round N --out PATH`, and `run-jobs` (the archive worker, for cron
or after a crash)."""
import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ..audit.operations import COMMAND_LINE
from ..commands import fail, run_operation
from ..drafting.languages import language_of
from ..drafting.models import Document
from ..errors import DomainError
from ..extensions import db
from ..processes.models import Party, Process
from ..processes.permissions import Access, system_access
from ..queue import PROCRASTINATE, queue_mode
from ..queue.engine import run_in_process, run_worker
from ..rounds.models import Round
from .importing import check_draft, import_upload, preview_json, read_edited_copy, read_upload
from .interchange import export_akn
from .reimport import apply, plan
from .releases import describe_in_words, verify
from .service import export


def _cli_access(process: Process) -> Access:
    """The command line acts for the mediation team of the process (server operators)."""
    return system_access(process, COMMAND_LINE)


@click.command("import-docx")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--process", "slug", default=None, help="Slug of the process (a new document)")
@click.option("--into", "into", type=int, default=None,
              help="Take an edited clean copy back into this document (instead of a new one)")
@click.option("--title", default=None, help="Title (default: the file name)")
@click.option("--dry-run", is_flag=True, help="Print what would be imported (or changed) and write nothing")
@click.option("--skip-conflicts", is_flag=True,
              help="With --into: apply the other changes and leave clauses changed since the download as they are")
@click.option("--digest", default=None, help="With --into: apply only if the changes are those a dry run printed")
@with_appcontext
def import_docx_command(path: Path, slug: str | None, title: str | None, dry_run: bool, into: int | None = None,
                        skip_conflicts: bool = False, digest: str | None = None):
    """Import a Word draft as a new document; prints the document id (with --dry-run,
    the outline that would be imported). With --into, take an edited copy back into its
    document: every change and conflict is printed; refused (nothing written) when a clause
    changed since the download, unless --skip-conflicts."""
    if into is not None:
        return _reimport(path, into, dry_run, skip_conflicts, digest)
    if slug is None:
        fail("Give --process SLUG (a new document) or --into DOCUMENT_ID (an edited copy).")
    process = db.session.scalar(select(Process).where(Process.slug == slug))
    if process is None:
        fail(f"No process with the slug '{slug}'.")
    if dry_run:
        draft = run_operation(read_upload, path.read_bytes())
        run_operation(check_draft, draft)
        db.session.rollback()
        click.echo(outline_text(preview_json(draft, title or path.stem)))
        return
    imported = run_operation(import_upload, _cli_access(process), path.read_bytes(), title or path.stem, actor=None)
    click.echo(imported.report(), err=True)
    click.echo(imported.document.id)


@click.command("export-akn")
@click.argument("document_id", type=int)
@click.option("--round", "number", type=int, required=True, help="Round number (Rev. N)")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Where to write the .xml")
@with_appcontext
def export_akn_command(document_id: int, number: int, out: Path):
    """Write a round of a document as Akoma Ntoso 3.0 XML."""

    document = db.session.get(Document, document_id)
    if document is None:
        fail(f"No document {document_id}.")
    round_ = db.session.scalar(select(Round).where(Round.document_id == document.id, Round.number == number))
    if round_ is None:
        fail(f"Document {document_id} has no round {number}.")
    name, data = run_operation(export_akn, _cli_access(document.process), document, round_, actor=None)
    out.write_bytes(data)
    click.echo(f"Wrote {out} ({len(data)} bytes, {name})")


@click.command("import-akn")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--process", "slug", required=True, help="Slug of the process")
@click.option("--title", default=None, help="Title (default: the file name)")
@click.option("--dry-run", is_flag=True, help="Print what would be imported and create nothing")
@click.pass_context
def import_akn_command(context, path: Path, slug: str, title: str | None, dry_run: bool):
    """Import an Akoma Ntoso document as a new document (as import-docx does for Word)."""
    context.invoke(import_docx_command, path=path, slug=slug, title=title, dry_run=dry_run)


def _reimport(path: Path, document_id: int, dry_run: bool, skip: bool, digest: str | None) -> None:
    document = db.session.get(Document, document_id)
    if document is None:
        fail(f"No document {document_id}.")
    draft = run_operation(read_edited_copy, path.read_bytes())
    if dry_run:
        found = run_operation(plan, document, draft)
        db.session.rollback()
        click.echo(changes_text(found.to_json()))
        return
    done = run_operation(apply, _cli_access(document.process), document, draft, digest=digest, actor=None,
                         on_conflict="skip" if skip else "refuse")
    click.echo(changes_text(done.to_json(), applied=True))


def changes_text(report: dict, applied: bool = False) -> str:
    """A round trip's changes and conflicts as lines, for the terminal."""
    def short(wording):
        if not wording:
            return "(none)"
        text = " / ".join(line for line in wording["text"].split("\n") if line.strip())
        return (f"[{wording['title']}] " if wording.get("title") else "") + text[:160]
    head = "Applied" if applied else "Would apply"
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in report["counts"].items() if v) or "no changes"
    lines = [f"{head} to document {report['document_id']} (downloaded from {report['base']}): {counts}.",
             f"Digest: {report['digest']}"]
    for c in report["changes"]:
        op = c["op"]
        if op == "edit":
            who = f" (tracked changes by {', '.join(c['authors'])})" if c.get("authors") else ""
            lines += [f"  edit {c['label']}{who}", f"     was: {short(c['before'])}", f"     now: {short(c['after'])}"]
        elif op == "add":
            lines.append(f"  add in “{c['section']}” after {c.get('placed_after') or 'the start'}: {short(c['after'])}")
        elif op == "remove":
            lines.append(f"  remove {c['label']}: {short(c['before'])}")
        elif op == "move":
            lines.append(f"  move {c['label']} to “{c['section']}” after {c.get('placed_after') or 'the start'}")
        elif op == "rename_section":
            lines.append(f"  rename section “{c['before']}” to “{c['after']}”")
        else:
            lines.append(f"  {op.replace('_', ' ')} “{c.get('title', '')}”")
    for c in report["conflicts"]:
        lines += [f"  CONFLICT {c['label']}: {c['why']}", f"     downloaded: {short(c['downloaded'])}",
                  f"     current:    {short(c['current'])}", f"     the file:   {short(c['file'])}"]
    lines += [f"  kept: {k}" for k in report["kept"]] + [f"Note: {n}" for n in report["notes"]]
    return "\n".join(lines)


def outline_text(preview: dict) -> str:
    """The import preview as indented text, for the terminal."""
    lines = [f"Would import “{preview['title']}”: {preview['counts']['sections']} sections, "
             f"{preview['counts']['clauses']} clauses, {preview['counts']['tables']} tables, "
             f"{preview['counts']['footnotes']} footnotes, {preview['counts']['notes']} Word comments as notes."]
    for number, section in enumerate(preview["sections"], start=1):
        lines.append(f"{number}. {section['title']}" + ("  (no articles)" if not section["clauses"] else ""))
        for clause in section["clauses"]:
            head = clause["label"] or "Clause"
            lines.append(f"   {head}" + (f" — {clause['title']}" if clause["title"] else "") + f"  [{clause['where']}]")
            for block in clause["structure"]:
                indent = "      " + "   " * block.get("level", 0)
                if block["type"] == "paragraph":
                    label = f"{block['label']} " if block["label"] else ""
                    lines.append(f"{indent}{label}{block['text'][:100]}")
                elif block["type"] == "table":
                    lines.append(f"{indent}table: {len(block['rows'])} rows × {max(len(r) for r in block['rows'])} columns")
                else:
                    lines.append(f"{indent}footnote {block['mark']}: {block['text'][:100]}")
            for note in clause["notes"]:
                lines.append(f"      note by {note['author']}: {note['text'][:100]}")
    for note in preview["notes"]:
        lines.append(f"Note: {note}")
    for item in preview["left_out"]:
        lines.append(f"Left out: {item['what']} — {item['why']}")
    return "\n".join(lines)


@click.command("export")
@click.argument("document_id", type=int)
@click.option("--round", "number", type=int, required=True, help="Round number (Rev. N)")
@click.option("--variant", type=click.Choice(["clean", "redline", "comments", "matrix"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Where to write the .docx")
@click.option("--party", default=None, help="Make a party copy for this party slug")
@click.option("--from", "from_number", type=int, default=None, help="For a redline: the older round (default N-1)")
@click.option("--language", default=None, help="The copy in this document language (clean or redline; default: the lead)")
@with_appcontext
def export_command(document_id, number, variant, out: Path, party, from_number, language):
    """Write a round of a document as DOCX."""
    document = db.session.get(Document, document_id)
    if document is None:
        fail(f"No document with id {document_id}.")
    round_ = db.session.scalar(select(Round).where(Round.document_id == document.id, Round.number == number))
    if round_ is None:
        fail(f"Document {document_id} has no round {number}.")
    against = None
    if variant == "redline":
        older = from_number if from_number is not None else number - 1
        if older >= number:
            fail("--from must name an earlier round.")
        against = db.session.scalar(select(Round).where(Round.document_id == document.id, Round.number == older))
        if against is None and older >= 1:
            fail(f"Document {document_id} has no round {older}.")
    recipient = None
    if party:
        recipient = db.session.scalar(select(Party).where(Party.process_id == document.process_id, Party.slug == party))
        if recipient is None:
            fail(f"No party '{party}' in this process.")
        if variant == "matrix":
            fail("The comment matrix has no party copies.")
    tongue = None
    if language:
        tongue = language_of(document, language)
        if tongue is None:
            fail(f"Document {document_id} has no language '{language}'.")
        if variant in ("comments", "matrix"):
            fail("The comments and the matrix are in the lead language only.")
        tongue = None if tongue.lead else tongue
    try:
        name, data = export(_cli_access(document.process), document, round_, variant, recipient,
                            actor=None, against=against, language=tongue)
    except DomainError as err:
        fail(err.message)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    db.session.commit()
    click.echo(f"Wrote {out} ({len(data)} bytes).")


@click.command("run-jobs")
@with_appcontext
def run_jobs_command():
    """Run every queued job now (round archives, e-mails), then stop."""
    app = current_app._get_current_object()
    if queue_mode(app) == PROCRASTINATE:
        run_worker(app, burst=True)         # a worker that stops once the queue is empty
        click.echo("Ran the queued jobs.")
        return
    count = run_in_process()
    click.echo(f"Ran {count} job{'s' if count != 1 else ''}.")


@click.command("verify-release")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON")
@with_appcontext
def verify_release_command(path: Path, as_json: bool):
    """Which release FILE is: to whom it went, when, and whether it was altered.
    Exits 0 when the file is identified, 2 when it is not a known release."""


    answer = verify(path.read_bytes())
    click.echo(json.dumps(answer, indent=2) if as_json else "\n".join(describe_in_words(answer)))
    if answer["status"] == "unknown":
        raise SystemExit(2)


def register(cli) -> None:
    cli.add_command(import_docx_command)
    cli.add_command(import_akn_command)
    cli.add_command(export_command)
    cli.add_command(export_akn_command)
    cli.add_command(run_jobs_command)
    cli.add_command(verify_release_command)
