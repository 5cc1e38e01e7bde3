"""Importing a Word draft (or an Akoma Ntoso document) as a new document: read it, show
what was read, then create it.

Reading gives a ParsedDraft (word/reader.py); `preview_json` is the outline shown
before anything is created (sections, articles with their titles and sub-paragraphs,
footnotes, tables, notes, what was left out and why); `create_from_draft` writes the
document: sections, clauses (title and text as one version each), and colleagues' Word
comments as internal notes. All or nothing: every article is checked (length, brackets,
structure) before the first row is written, and a refusal names the article and where it
stood in the file. Nothing a party can see changes: the document is a working draft.

The browser's preview keeps the parsed upload on the server (PreviewStore) under a
random token for an hour, so confirming does not upload the file again.
"""
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app
from flask_babel import gettext

from ..comments.operations import import_word_notes
from ..database import start_writing
from ..drafting.models import Document
from ..drafting.operations import (add_clauses_bulk, add_section, checked_clause_text, clean_clause_title,
                                   create_document)
from ..drafting.structure import outline_of
from ..errors import Invalid, NotFound
from ..processes.permissions import Access
from .akoma_ntoso import AknImportError, looks_like_akn, read_akn
from .word import DocxImportError, ParsedDraft, read_docx

MAX_CLAUSES = 60_000
PREVIEW_SECONDS = 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass
class Imported:
    document: Document
    sections: int
    clauses: int
    notes: list
    word_notes: int = 0
    left_out: list = field(default_factory=list)

    def report(self) -> str:
        text = gettext("Imported %(sections)s sections and %(clauses)s clauses", sections=self.sections,
                       clauses=self.clauses)
        notes = self.notes + [gettext("left out: %(what)s (%(why)s)", what=item["what"], why=item["why"])
                              for item in self.left_out]
        return text + (" (" + "; ".join(notes) + ")." if notes else ".")


def read_upload(data: bytes) -> ParsedDraft:
    """The draft as read, or Invalid saying why the file cannot be read."""
    if not data:
        raise Invalid("The file is empty.")
    if looks_like_akn(data):
        try:
            draft = read_akn(data, max_clauses=MAX_CLAUSES)
        except AknImportError as err:
            raise Invalid(gettext("This is not an Akoma Ntoso document Penholder can read: %(reason)s",
                                  reason=err)) from None
    else:
        try:
            draft = read_docx(data, max_clauses=MAX_CLAUSES)
        except DocxImportError as err:
            raise Invalid(gettext("This is not a Word draft Penholder can read: %(reason)s", reason=err)) from None
    if not any(s.clauses for s in draft.sections):
        raise Invalid("The file holds no paragraphs to import.")
    return draft


def check_draft(draft: ParsedDraft) -> list[tuple[str | None, str]]:
    """Every article's (title, text) as it will be written, checked like an edit; the
    first that would be refused is refused here, by name and place in the file."""
    checked = []
    for number, section in enumerate(draft.sections, start=1):
        if not section.title.strip():
            section.title = f"Section {number}"
        for clause in section.clauses:
            try:
                title = clean_clause_title(clause.title)
                checked.append((title, checked_clause_text(clause.text, title)))
            except Invalid as err:
                raise Invalid(gettext("Section %(number)s (%(title)s), %(article)s at %(where)s: %(reason)s",
                                      number=number, title=section.title[:60], article=clause.name,
                                      where=clause.where, reason=err.message), code=err.code) from None
    return checked


def _title(title: str) -> str:
    title = (title or "").strip()
    if title.lower().endswith(".docx"):
        title = title[:-5]
    return title or "Imported draft"


def _when(value: str | None):
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(timezone.utc) if when.tzinfo else when.replace(tzinfo=timezone.utc)


def create_from_draft(access: Access, draft: ParsedDraft, title: str, *, actor) -> Imported:
    checked = iter(check_draft(draft))
    start_writing()         # read and checked: only now take the write lock (app/database.py)
    document = create_document(access, _title(title), actor=actor)
    notes = []
    for section_draft in draft.sections:
        section = add_section(document, section_draft.title[:300], actor=actor)
        if not section_draft.clauses:
            continue
        pairs = [next(checked) for _ in section_draft.clauses]
        ids = add_clauses_bulk(document, section, [text for _, text in pairs], titles=[t for t, _ in pairs],
                               actor=actor, reason="Imported from Word")
        for clause_id, clause in zip(ids, section_draft.clauses):
            notes += [(clause_id, n.text, n.author, _when(n.date)) for n in clause.notes]
    word_notes = import_word_notes(access, document, notes, actor=actor) if notes else 0
    return Imported(document, len(draft.sections), draft.clause_count, list(draft.notes), word_notes,
                    list(draft.left_out))


def import_upload(access: Access, data: bytes, title: str, *, actor) -> Imported:
    return create_from_draft(access, read_upload(data), title, actor=actor)


def preview_json(draft: ParsedDraft, title: str) -> dict:
    """What the file holds, as it would be imported."""
    sections = []
    tables = footnotes = 0
    for section in draft.sections:
        clauses = []
        for clause in section.clauses:
            structure = outline_of(clause.text)
            tables += sum(1 for b in structure if b["type"] == "table")
            footnotes += sum(1 for b in structure if b["type"] == "footnote")
            clauses.append({"label": clause.label, "title": clause.title, "text": clause.text,
                            "where": clause.where, "structure": structure,
                            "notes": [{"author": n.author, "date": n.date, "text": n.text} for n in clause.notes]})
        sections.append({"title": section.title, "where": section.where, "clauses": clauses})
    return {
        "title": _title(title), "sections": sections, "notes": draft.notes, "left_out": draft.left_out,
        "empty_sections": draft.empty_sections, "bracket_fixes": draft.bracket_fixes,
        "counts": {"sections": len(draft.sections), "clauses": draft.clause_count, "tables": tables,
                   "footnotes": footnotes, "notes": sum(len(c["notes"]) for s in sections for c in s["clauses"])},
    }


class PreviewStore:
    """Parsed uploads waiting for confirmation: one JSON file per token, readable only
    by the user who uploaded it, for the same process, for PREVIEW_SECONDS."""
    def __init__(self):
        configured = current_app.config.get("IMPORT_PREVIEW_DIR")
        self.root = Path(configured) if configured else Path(current_app.config["EXPORT_DIR"]) / ".import-previews"

    def _path(self, token: str) -> Path:
        if not isinstance(token, str) or not _TOKEN.match(token):
            raise NotFound()
        return self.root / f"{token}.json"

    def sweep(self) -> int:
        """Deletes the files past their hour (and pieces a crash left half-written), as
        each new upload does and the hourly job `sweep_import_files` does when none comes:
        an upload is confidential text that must not stay on disk. Answers how many went."""
        limit, gone = time.time() - PREVIEW_SECONDS, 0
        for path in [*self.root.glob("*.json"), *self.root.glob("*.part")]:
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    gone += 1
            except FileNotFoundError:
                pass
        return gone

    def put(self, access: Access, draft: ParsedDraft, title: str, *, into: int | None = None) -> str:
        """Keeps a parsed upload; `into` names the document an edited copy goes back into."""
        return self._write({"user_id": access.user_id, "process_id": access.process.id, "title": title,
                            "created": time.time(), "draft": draft.to_dict(), "into": into})

    def _write(self, payload: dict) -> str:
        """Stores the payload under a new token, readable by this process's user only, and
        whole or not at all (written aside, then renamed)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.sweep()
        token = secrets.token_urlsafe(24)
        path = self._path(token)
        partial = path.with_suffix(".part")
        with open(partial, "x", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
        os.chmod(partial, 0o600)
        os.replace(partial, path)
        return token

    def get(self, access: Access, token: str, *, into: int | None = None) -> tuple[ParsedDraft, str]:
        """The stored draft and title; a token of someone else, another process or past
        its hour answers as one that never existed."""
        path = self._path(token)
        try:
            if path.stat().st_mtime < time.time() - PREVIEW_SECONDS:
                raise FileNotFoundError(path)
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            raise NotFound("This import preview has expired or does not exist; upload the file again.") from None
        if payload.get("user_id") != access.user_id or payload.get("process_id") != access.process.id \
                or payload.get("created", 0) < time.time() - PREVIEW_SECONDS or payload.get("into") != into:
            raise NotFound("This import preview has expired or does not exist; upload the file again.")
        return ParsedDraft.from_dict(payload["draft"]), payload.get("title") or ""

    def discard(self, token: str) -> None:
        try:
            self._path(token).unlink()
        except FileNotFoundError:
            pass


class ReportStore(PreviewStore):
    """Reports of a finished import, shown by a GET after the POST that made them
    (post-redirect-get: a reload shows the report again and imports nothing). The same
    files and rules as a preview: one per token, its user's and document's only."""
    def __init__(self):
        super().__init__()
        self.root = self.root / "reports"

    def keep(self, access: Access, into: int, report: dict) -> str:
        return self._write({"user_id": access.user_id, "process_id": access.process.id, "into": into,
                            "created": time.time(), "report": report})

    def read(self, access: Access, into: int, token: str) -> dict:
        path = self._path(token)
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            raise NotFound() from None
        if payload.get("user_id") != access.user_id or payload.get("process_id") != access.process.id \
                or payload.get("into") != into or payload.get("created", 0) < time.time() - PREVIEW_SECONDS:
            raise NotFound()
        return payload["report"]


def read_edited_copy(data: bytes):
    """An edited Word copy, read like any import (an Akoma Ntoso file has no anchors)."""
    if data and looks_like_akn(data):
        raise Invalid("Taking a copy back in reads a Word file (.docx) downloaded from this document.")
    return read_upload(data)


def sweep_import_files(*, attempt: int = 0, final: bool = True) -> None:
    """The hourly job: previews and reports past their hour go even when nobody uploads."""
    PreviewStore().sweep()
    ReportStore().sweep()
