"""A bilingual (or trilingual) side-by-side table of a text (issue #22): the form many UN
negotiating texts take. Pure: plain data in, .docx bytes out.

One table, a column per language (the header row repeats on every page), a row per
article: its label and title, then its paragraphs. A right-to-left language's cells
carry `w:bidi` on each paragraph (right-to-left paragraph order and alignment), `w:rtl`
on each run, a complex-script font (`w:rFonts w:cs`) and the complex-script language
(`w:lang w:bidi`), which is what Word and LibreOffice use to shape Arabic and to keep
numbers and brackets in the right order. A text to be updated is marked in its cell as
the clean copy marks it (its text, in the ToBeUpdated style, after the text).
"""
from dataclasses import dataclass
from datetime import datetime

from .package import MAIN, REL, XML_HEAD, Package
from .parts import W_NS, styles_xml
from .text import escape
from .writers import STALE_STYLE

CS_FONT = "Arial"          # has Arabic, Hebrew and Farsi glyphs on every platform


@dataclass
class Column:
    code: str               # "ar"
    name: str               # the header: "Arabic", "Français (traduction)", in the column's language
    rtl: bool


@dataclass
class Cell:
    label: str              # "Article 12", in the column's language
    title: str | None
    text: str
    note: str | None = None     # the mark of a text to be updated (writers.stale_text), in that language


@dataclass
class Row:
    cells: list[Cell]       # one per column


@dataclass
class Section:
    title: str
    rows: list


def _bcp47(code: str) -> str:
    return {"ar": "ar-SA", "he": "he-IL", "fa": "fa-IR", "ur": "ur-PK", "en": "en-GB", "fr": "fr-FR",
            "es": "es-ES"}.get(code, code)


def _run(text: str, column: Column, *, bold=False, italic=False) -> str:
    props = [f'<w:rFonts w:cs="{CS_FONT}"/>']
    if bold:
        props.append("<w:b/><w:bCs/>")
    if italic:
        props.append("<w:i/><w:iCs/>")
    if column.rtl:
        props.append("<w:rtl/>")
    lang = _bcp47(column.code)
    props.append(f'<w:lang w:val="{escape(lang)}" w:bidi="{escape(lang)}"/>' if column.rtl
                 else f'<w:lang w:val="{escape(lang)}"/>')
    return f'<w:r><w:rPr>{"".join(props)}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(runs: str, column: Column | None, style: str | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + \
        ("<w:bidi/>" if column is not None and column.rtl else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>" if props else f"<w:p>{runs}</w:p>"


def _cell(paragraphs: list[str], width: int, header: bool = False) -> str:
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>' if header else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            + ("".join(paragraphs) or "<w:p/>") + "</w:tc>")


def bilingual_docx(*, title: str, subtitle: str, columns: list[Column], sections: list[Section],
                   when: datetime | None, nauea: str | None = None, font: str = "Times New Roman") -> bytes:
    """`nauea`: the notice (in the first column's language), None for none. Every label
    comes in as text: the caller writes each column's in that column's language."""
    width = 9600 // max(len(columns), 1)
    body = [_para(_run(title, columns[0], bold=True), None), _para(_run(subtitle, columns[0], italic=True), None)]
    if nauea:
        body.append(_para(_run(nauea, columns[0], bold=True), None))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in columns)
    header = "".join(_cell([_para(_run(c.name, c, bold=True), c)], width, header=True) for c in columns)
    rows = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>']
    for section in sections:
        rows.append("<w:tr>" + "".join(_cell([_para(_run(section.title, c, bold=True), c)], width)
                                         for c in columns) + "</w:tr>")
        for row in section.rows:
            cells = []
            for column, cell in zip(columns, row.cells):
                paragraphs = [_para(_run(cell.label + (f". {cell.title}" if cell.title else ""), column,
                                         bold=True), column)]
                paragraphs.extend(_para(_run(line, column), column) for line in (cell.text or "").split("\n")
                                  if line.strip())
                if cell.note:
                    # The clean copy's mark, in its style, after the text: skipped when read back.
                    paragraphs.append(_para(_run(cell.note, column), column, STALE_STYLE))
                cells.append(_cell(paragraphs, width))
            rows.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + "".join(cells) + "</w:tr>")
    table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
             + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                       for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
             + f'</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
             + "".join(rows) + "</w:tbl>")
    body.append(table)
    section_props = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                     '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
                     'w:footer="567" w:gutter="0"/></w:sectPr>')
    package = Package(when)
    package.relate("", f"{REL}/officeDocument", "word/document.xml")
    package.relate("word/document.xml", f"{REL}/styles", "styles.xml")
    package.add("word/document.xml", f"{MAIN}.document.main+xml",
                f"{XML_HEAD}<w:document {W_NS}><w:body>{''.join(body)}{section_props}</w:body></w:document>")
    package.add("word/styles.xml", f"{MAIN}.styles+xml", styles_xml(font, _bcp47(columns[0].code)))
    return package.to_bytes()
