"""The frame every export shares: title page, running header, page numbers, core
properties holding nothing but what the caller passed, and fast paragraph building.

python-docx supplies the package, styles and parts; paragraphs are built as lxml
elements and appended in bulk, since `add_paragraph(style=...)` looks the style up on
every call and is slow at treaty scale."""
from io import BytesIO

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from .model import ExportMeta
from .text import make_run, xml_safe

NAUEA = "Nothing is agreed until everything is agreed"


class Builder:
    def __init__(self, meta: ExportMeta):
        self.meta = meta
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self._end = self.body.sectPr
        self._styles = {}
        self._properties()
        self._header_footer()
        self._title_page()

    # -- styles and paragraphs ----------------------------------------------------
    def style_id(self, name: str) -> str:
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name].style_id
        return self._styles[name]

    def paragraph(self, runs, style: str | None = None, *, mark=None) -> etree._Element:
        """A w:p before the final section properties; `mark` is a w:ins/w:del element
        for the paragraph mark (whole added or removed paragraphs)."""
        p = OxmlElement("w:p")
        if style or mark is not None:
            ppr = etree.SubElement(p, qn("w:pPr"))
            if style:
                etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), self.style_id(style))
            if mark is not None:
                etree.SubElement(ppr, qn("w:rPr")).append(mark)
        p.extend(runs)
        self._end.addprevious(p)
        return p

    def heading(self, text: str, level: int = 1) -> etree._Element:
        return self.paragraph([make_run(text)], f"Heading {level}")

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
        self.paragraph([make_run(m.process_title)], "Subtitle")
        self.paragraph([make_run(m.document_title)], "Title")
        self.paragraph([make_run(f"{m.round_label} — {m.date.isoformat()}", bold=True)], "Subtitle")
        if m.working_draft:
            self.paragraph([make_run("WORKING DRAFT — not circulated to the parties", bold=True)], "Subtitle")
        self.paragraph([make_run(m.marking, bold=True)], "Subtitle")
        if m.recipient:
            self.paragraph([make_run(f"Copy for: {m.recipient}", bold=True)], "Subtitle")
        if m.nauea:
            self.paragraph([make_run(NAUEA + ". Clauses marked agreed are provisionally agreed, "
                                     "subject to agreement on the whole text.", italic=True)], "Subtitle")
        breaker = self.paragraph([], "Subtitle")
        run = etree.SubElement(breaker, qn("w:r"))
        etree.SubElement(run, qn("w:br")).set(qn("w:type"), "page")

    def save(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()


__all__ = ["Builder", "NAUEA", "WD_BREAK"]
