"""Importing a Word draft as a new document: headings become sections, paragraphs
clauses. All or nothing: a broken file, an unbalanced bracket or an oversized clause
refuses the whole import with a message naming the place, and nothing is written."""
from dataclasses import dataclass

from ..drafting.models import Document
from ..drafting.operations import add_clauses_bulk, add_section, create_document
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


def import_upload(access: Access, data: bytes, title: str, *, actor) -> Imported:
    if not data:
        raise Invalid("The file is empty.")
    try:
        draft = read_docx(data, max_clauses=MAX_CLAUSES)
        sections = draft.sections
    except DocxImportError as err:
        raise Invalid(f"This is not a Word draft Penholder can read: {err}") from None
    if not any(texts for _, texts in sections):
        raise Invalid("The file holds no paragraphs to import.")
    title = (title or "").strip()
    if title.lower().endswith(".docx"):
        title = title[:-5]
    document = create_document(access, title or "Imported draft", actor=actor)
    for number, (section_title, texts) in enumerate(sections, start=1):
        section = add_section(document, (section_title or f"Section {number}")[:500], actor=actor)
        if texts:
            try:
                add_clauses_bulk(document, section, texts, actor=actor)
            except Invalid as err:
                raise Invalid(f"Section {number} ({section.title[:60]}): {err.message}") from None
    return Imported(document, len(sections), sum(len(t) for _, t in sections), draft.notes)
