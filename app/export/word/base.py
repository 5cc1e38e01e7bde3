"""The frame every export shares: title page, running header, page numbers, core
properties holding nothing but what the caller passed, and fast paragraph building.

python-docx supplies the package, styles and parts. The body's paragraphs are written
as XML text (see text.py) and kept aside; at each point where python-docx must add
something itself (a table, a paragraph it will comment on) the text so far is marked
by an XML comment in the tree, and `save` puts the text in place of the marks in the
serialised document part. At treaty scale this is what keeps an export near the cost
of serialising and zipping the XML at all."""
import re
import zipfile
from io import BytesIO

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from lxml import etree

from .model import ExportMeta
from .text import elements, escape, make_run, run_xml, xml_safe

_MARK = "penholder-body-"
_MARKS = re.compile(rb"<!--" + _MARK.encode() + rb"(\d+)-->")

NAUEA = "Nothing is agreed until everything is agreed"


class Builder:
    def __init__(self, meta: ExportMeta):
        self.meta = meta
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self._end = self.body.sectPr
        self._styles = {}
        self._pending: list[str] = []       # paragraphs not yet marked in the tree
        self._parts: list[str] = []         # marked ones: the text of mark i
        self._properties()
        self._header_footer()
        self._title_page()

    # -- styles and paragraphs ----------------------------------------------------
    def style_id(self, name: str) -> str:
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name].style_id
        return self._styles[name]

    def _paragraph_xml(self, runs: str, style: str | None, mark: str | None) -> str:
        properties = ""
        if style:
            properties += f'<w:pStyle w:val="{escape(self.style_id(style))}"/>'
        if mark:
            properties += f"<w:rPr>{mark}</w:rPr>"
        return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>" if properties else f"<w:p>{runs}</w:p>"

    def paragraph(self, runs: str, style: str | None = None, *, mark: str | None = None) -> None:
        """Adds a w:p at the end of the body: `runs` from text.run_xml, `mark` a w:ins
        or w:del for the paragraph mark (whole added or removed paragraphs)."""
        self._pending.append(self._paragraph_xml(runs, style, mark))

    def paragraph_element(self, runs: str, style: str | None = None) -> etree._Element:
        """Like `paragraph`, but as an element in the tree, for python-docx to work on."""
        self._mark_pending()
        p = elements(self._paragraph_xml(runs, style, None))[0]
        self._end.addprevious(p)
        return p

    def table(self, rows: int, cols: int):
        self._mark_pending()
        return self.doc.add_table(rows=rows, cols=cols)

    def heading(self, text: str, level: int = 1) -> None:
        self.paragraph(run_xml(text), f"Heading {level}")

    def _mark_pending(self) -> None:
        if self._pending:
            self._end.addprevious(etree.Comment(f"{_MARK}{len(self._parts)}"))
            self._parts.append("".join(self._pending))
            self._pending = []

    # -- frame ----------------------------------------------------------------------
    def _properties(self) -> None:
        core = self.doc.core_properties
        m = self.meta
        core.title = xml_safe(f"{m.document_title} — {m.round_label}")[:250]
        core.author = core.last_modified_by = m.revision_author
        core.subject = xml_safe(m.process_title)[:250]
        core.comments = core.keywords = core.category = ""
        core.revision = 1
        if m.revision_date is not None:
            when = m.revision_date.replace(tzinfo=None)
            core.created = core.modified = when

    def _header_footer(self) -> None:
        m = self.meta
        section = self.doc.sections[0]
        line = f"{m.document_title} — {m.round_label} — {m.date.isoformat()}"
        if m.recipient:
            line += f" — Copy for: {m.recipient}"
        header = section.header.paragraphs[0]
        header.text = xml_safe(line)
        footer = section.footer.paragraphs[0]
        footer.add_run(xml_safe(m.marking + " — page "))
        field = etree.SubElement(footer._p, qn("w:fldSimple"))
        field.set(qn("w:instr"), " PAGE ")
        field.append(make_run("1"))

    def _title_page(self) -> None:
        m = self.meta
        self.paragraph(run_xml(m.process_title), "Subtitle")
        self.paragraph(run_xml(m.document_title), "Title")
        self.paragraph(run_xml(f"{m.round_label} — {m.date.isoformat()}", bold=True), "Subtitle")
        if m.working_draft:
            self.paragraph(run_xml("WORKING DRAFT — not circulated to the parties", bold=True), "Subtitle")
        self.paragraph(run_xml(m.marking, bold=True), "Subtitle")
        if m.recipient:
            self.paragraph(run_xml(f"Copy for: {m.recipient}", bold=True), "Subtitle")
        if m.nauea:
            self.paragraph(run_xml(NAUEA + ". Clauses marked agreed are provisionally agreed, "
                                   "subject to agreement on the whole text.", italic=True), "Subtitle")
        self.paragraph('<w:r><w:br w:type="page"/></w:r>', "Subtitle")

    def save(self) -> bytes:
        self._mark_pending()
        out = BytesIO()
        self.doc.save(out)
        return _filled(out.getvalue(), self._parts)


def _filled(package: bytes, parts: list[str]) -> bytes:
    """The package with each body mark in word/document.xml replaced by its text."""
    if not parts:
        return package
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                pieces = _MARKS.split(data)     # text, mark number, text, ...
                pieces[1::2] = [parts[int(i)].encode("utf-8") for i in pieces[1::2]]
                data = b"".join(pieces)
            target.writestr(info, data)
    return out.getvalue()


__all__ = ["Builder", "NAUEA", "WD_BREAK"]
