"""Importing a Word draft as a new document: headings become sections, paragraphs
clauses. All or nothing: a broken file, an unbalanced bracket or an oversized clause
refuses the whole import with a message naming the place, and nothing is written.

The file is read and every text checked before anything is written (and, through
start_writing, before SQLite's write lock is taken): a refusal never leaves a
half-built document, and a slow parse never holds up other writers."""
from dataclasses import dataclass

from ..drafting.models import Document
from ..database import start_writing
from ..drafting.operations import add_clauses_bulk, add_section, checked_clause_text, create_document
from ..errors import Invalid
from ..processes.permissions import Access
from .word import DocxImportError, read_docx

MAX_CLAUSES = 60_000


@dataclass
class Imported:
    document: Document
    sections: int
    clauses: int
    notes: list

    def report(self) -> str:
        text = f"Imported {self.sections} sections and {self.clauses} clauses"
        return text + (" (" + "; ".join(self.notes) + ")." if self.notes else ".")


def read_upload(data: bytes):
    """The parsed draft, every clause text checked as the import will write it; or a
    refusal naming the section. Reads no database."""
    if not data:
        raise Invalid("The file is empty.")
    try:
        draft = read_docx(data, max_clauses=MAX_CLAUSES)
    except DocxImportError as err:
        raise Invalid(f"This is not a Word draft Penholder can read: {err}") from None
    if not any(texts for _, texts in draft.sections):
        raise Invalid("The file holds no paragraphs to import.")
    for number, (section_title, texts) in enumerate(draft.sections, start=1):
        try:
            for text in texts:
                checked_clause_text(text)
        except Invalid as err:
            name = (section_title or f"Section {number}")[:60]
            raise Invalid(f"Section {number} ({name}): {err.message}") from None
    return draft


def import_upload(access: Access, data: bytes, title: str, *, actor) -> Imported:
    draft = read_upload(data)
    sections = draft.sections
    start_writing()         # read and checked: only now take the write lock
    title = (title or "").strip()
    if title.lower().endswith(".docx"):
        title = title[:-5]
    document = create_document(access, title or "Imported draft", actor=actor)
    for number, (section_title, texts) in enumerate(sections, start=1):
        section = add_section(document, (section_title or f"Section {number}")[:500], actor=actor)
        if texts:
            add_clauses_bulk(document, section, texts, actor=actor)
    return Imported(document, len(sections), sum(len(t) for _, t in sections), draft.notes)
