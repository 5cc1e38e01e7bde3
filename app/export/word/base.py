"""The frame every export shares, as a UN negotiating text is laid out: A4, the house
style, a title page with the document symbol, distribution, date and original language
(no header or page number on it), the symbol and the copy's marking in the header of
every other page, the "Nothing is agreed until everything is agreed" notice in the
footer of every page, optional line numbers, and the end-of-document line.

The body is written as XML text (a treaty has tens of thousands of paragraphs) and the
package is assembled by package.py, so that the same input gives the same bytes.

A copy's release identifier is carried three ways: a custom document property and a
document variable (both kept by Word when the file is saved again; LibreOffice keeps the
property), and a watermark in the formatting of the articles (`watermark_bits`): the
spacing after some article paragraphs is 0.1 pt larger, by a pattern drawn from the
identifier. It is invisible, survives saving again in Word or LibreOffice and the
removal of document properties, and is lost when the text is copied out as plain text.
"""
import hashlib
from datetime import date

from flask_babel import gettext as _

from .blocks import Notes
from .model import ExportMeta
from .package import MAIN, REL, XML_HEAD, Package
from .parts import (ARTICLE_LIST, MARGIN, PAGE_FIELD, PAGE_H, PAGE_W, TEXT_W, W_NS, app_xml, core_xml, custom_xml,
                    font_table_xml, header_footer_xml, numbering_xml, settings_xml, styles_xml)
from .text import escape, run, run_xml, xml_safe

NAUEA = "Nothing is agreed until everything is agreed"
# The fixed labels follow the locale service.render forces (the copy's language where
# the interface has it): gettext at build time, never the reader's interface.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WATERMARK_BITS = 32
WATERMARK_BASE, WATERMARK_STEP = 120, 2     # twips of spacing after an article paragraph (6 pt; +0.1 pt)


def un_date(day: date) -> str:
    """The date as UN documents print it: "1 December 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def watermark_bits(release_id: str) -> list[int]:
    digest = hashlib.sha256(f"penholder-watermark:{release_id}".encode()).digest()
    return [(digest[i // 8] >> (7 - i % 8)) & 1 for i in range(WATERMARK_BITS)]


class Builder:
    def __init__(self, meta: ExportMeta, *, landscape: bool = False):
        self.meta = meta
        self.landscape = landscape
        self.body: list[str] = []
        self.comments: list[str] = []               # w:comment elements
        self.comment_links: list[tuple[str, str | None]] = []    # (paraId, parent paraId)
        self._bits = watermark_bits(meta.release_id) if meta.release_id else None
        self._article = 0
        self._bookmarks = 0
        self.notes = Notes()                        # footnotes (blocks.py)
        self._title_page()

    # -- paragraphs -----------------------------------------------------------------
    def paragraph(self, runs: str, style: str | None = None, *, mark: str = "", ppr: str = "") -> None:
        """A w:p at the end of the body: `runs` from text.py, `mark` the w:ins, w:del,
        w:moveFrom or w:moveTo of the paragraph mark, `ppr` more paragraph properties
        (after the style, in schema order)."""
        props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr + (f"<w:rPr>{mark}</w:rPr>" if mark else "")
        self.body.append(f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>" if props else f"<w:p>{runs}</w:p>")

    def article_spacing(self) -> str:
        """The spacing of the next article paragraph: the watermark's bit for it."""
        if self._bits is None:
            return ""
        bit = self._bits[self._article % WATERMARK_BITS]
        self._article += 1
        return f'<w:spacing w:after="{WATERMARK_BASE + WATERMARK_STEP}"/>' if bit else ""

    def bookmark(self, name: str) -> tuple[str, str]:
        """(start, end) of a bookmark: Word and LibreOffice keep both, and their name,
        when the file is edited and saved again."""
        self._bookmarks += 1
        n = self._bookmarks
        return f'<w:bookmarkStart w:id="{n}" w:name="{escape(name)}"/>', f'<w:bookmarkEnd w:id="{n}"/>'

    def add(self, xml: str) -> None:
        self.body.append(xml)

    # -- the title page ----------------------------------------------------------------
    def _title_page(self) -> None:
        m = self.meta
        symbol = m.symbol or m.round_label
        self.paragraph(run_xml(m.process_title) + "<w:r><w:tab/></w:r>" + run_xml(symbol, bold=True, size=28),
                       "TitleSymbol")
        for line in (_("Distr.: %(distribution)s", distribution=_("Restricted") if m.distribution == "Restricted"
                       else m.distribution), m.date_text or un_date(m.date),
                     "", _("Original: %(language)s", language=m.original_language)):
            self.paragraph(run_xml(line) if line else "", "TitleDistribution")
        self.paragraph(run_xml(m.document_title), "Title")
        self.paragraph(run_xml(m.heading or (_("Negotiating text, %(round)s", round=m.round_label)
                                             if not m.working_draft else _("Working draft"))), "Subtitle")
        if m.working_draft:
            self.paragraph(run_xml(_("WORKING DRAFT — not circulated to the parties")), "TitleNote")
        self.paragraph(run_xml(m.marking), "TitleNote")
        if m.recipient:
            self.paragraph(run_xml(_("Copy for: %(party)s", party=m.recipient)), "TitleNote")
        for line in m.summary:
            self.paragraph(run_xml(line), "TitleSummary")
        if m.nauea:
            self.paragraph(run_xml(_("Nothing is agreed until everything is agreed. Clauses marked agreed are "
                                     "provisionally agreed, subject to agreement on the whole text."), italic=True),
                           "Subtitle")
        self.paragraph('<w:r><w:br w:type="page"/></w:r>', "Subtitle")

    def end_of_document(self) -> None:
        """The short line that closes a UN text (and gives every tracked paragraph a
        paragraph after it)."""
        self.paragraph(run("\u00a0"), "EndOfDocument")     # not empty: see redline.py

    # -- headers, footers, section -------------------------------------------------------
    def _header(self) -> str:
        m = self.meta
        left = m.symbol or m.round_label
        right = _("Copy for: %(party)s", party=m.recipient) if m.recipient else m.marking
        return (f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{run_xml(left)}<w:r><w:tab/></w:r>'
                f'<w:r><w:tab/></w:r>{run_xml(right)}</w:p>')

    def _footer(self, *, page_number: bool) -> str:
        m = self.meta
        text = run_xml(_(NAUEA), italic=True) if m.nauea else ""
        number = "<w:r><w:tab/></w:r><w:r><w:tab/></w:r>" + PAGE_FIELD if page_number else ""
        return f'<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{text}{number}</w:p>'

    def _section(self, rids: dict) -> str:
        width, height = (PAGE_H, PAGE_W) if self.landscape else (PAGE_W, PAGE_H)
        orient = ' w:orient="landscape"' if self.landscape else ""
        lines = '<w:lnNumType w:countBy="1" w:distance="284" w:restart="newPage"/>' \
            if self.meta.line_numbering else ""
        return (f'<w:sectPr><w:headerReference w:type="default" r:id="{rids["header"]}"/>'
                f'<w:headerReference w:type="first" r:id="{rids["header_first"]}"/>'
                f'<w:footerReference w:type="default" r:id="{rids["footer"]}"/>'
                f'<w:footerReference w:type="first" r:id="{rids["footer_first"]}"/>'
                f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
                f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
                f'w:header="709" w:footer="709" w:gutter="0"/>{lines}<w:cols w:space="720"/><w:titlePg/></w:sectPr>')

    # -- the package ---------------------------------------------------------------------
    def _properties(self) -> dict[str, str]:
        m = self.meta
        values = {"Document symbol": m.symbol, "Round": m.round_label, "Variant": m.variant}
        if m.recipient:
            values["Copy for"] = m.recipient
        if m.release_id:
            values["Penholder release"] = m.release_id
        if m.anchors:
            values["Penholder document"] = str(m.document_id or "")
            values["Penholder base"] = m.base
            values["Penholder sections"] = ",".join(str(i) for i in m.section_ids)
        return {k: xml_safe(v) for k, v in values.items() if v}

    def save(self) -> bytes:
        m = self.meta
        package = Package(m.revision_date)
        doc = "word/document.xml"
        package.relate("", f"{REL}/officeDocument", doc)
        package.relate("", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                       "docProps/core.xml")
        package.relate("", f"{REL}/extended-properties", "docProps/app.xml")
        package.relate("", f"{REL}/custom-properties", "docProps/custom.xml")
        for name, kind in (("styles", "styles"), ("numbering", "numbering"), ("settings", "settings"),
                           ("fontTable", "fontTable")):
            package.relate(doc, f"{REL}/{kind}", f"{name}.xml")
        rids = {}
        for key, part, kind, xml in (
                ("header", "header1.xml", "header", header_footer_xml("hdr", self._header())),
                ("header_first", "header2.xml", "header", header_footer_xml("hdr", "")),
                ("footer", "footer1.xml", "footer", header_footer_xml("ftr", self._footer(page_number=True))),
                ("footer_first", "footer2.xml", "footer", header_footer_xml("ftr", self._footer(page_number=False)))):
            rids[key] = package.relate(doc, f"{REL}/{kind}", part)
            package.add(f"word/{part}", f"{MAIN}.{kind}+xml", xml)
        if self.notes.xml:
            package.relate(doc, f"{REL}/footnotes", "footnotes.xml")
        if self.comments:
            package.relate(doc, f"{REL}/comments", "comments.xml")
            package.relate(doc, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                           "commentsExtended.xml")
        body = "".join(self.body)
        package.add(doc, f"{MAIN}.document.main+xml",
                    f"{XML_HEAD}<w:document {W_NS}><w:body>{body}{self._section(rids)}</w:body></w:document>")
        package.add("word/styles.xml", f"{MAIN}.styles+xml", styles_xml(m.font, m.language, rtl=m.rtl))
        package.add("word/numbering.xml", f"{MAIN}.numbering+xml", numbering_xml(_("Article")))
        variables = {"PenholderRelease": m.release_id} if m.release_id else {}
        package.add("word/settings.xml", f"{MAIN}.settings+xml", settings_xml(m.language, variables))
        package.add("word/fontTable.xml", f"{MAIN}.fontTable+xml", font_table_xml(m.font))
        if self.notes.xml:
            package.add("word/footnotes.xml", f"{MAIN}.footnotes+xml", self.notes.part(W_NS, XML_HEAD))
        if self.comments:
            package.add("word/comments.xml", f"{MAIN}.comments+xml",
                        f"{XML_HEAD}<w:comments {W_NS}>{''.join(self.comments)}</w:comments>")
            links = "".join(f'<w15:commentEx w15:paraId="{pid}"' + (f' w15:paraIdParent="{parent}"' if parent else "")
                            + ' w15:done="0"/>' for pid, parent in self.comment_links)
            package.add("word/commentsExtended.xml", f"{MAIN}.commentsExtended+xml",
                        f"{XML_HEAD}<w15:commentsEx {W_NS}>{links}</w15:commentsEx>")
        keywords = f"Penholder release {m.release_id}" if m.release_id else ""
        package.add("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
                    core_xml(title=f"{m.document_title} — {m.symbol or m.round_label}", subject=m.process_title,
                             author=m.revision_author, keywords=keywords, language=m.language,
                             when=m.revision_date))
        package.add("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                    app_xml())
        package.add("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                    custom_xml(self._properties()))
        return package.to_bytes()


__all__ = ["ARTICLE_LIST", "Builder", "NAUEA", "TEXT_W", "escape", "un_date", "watermark_bits"]
