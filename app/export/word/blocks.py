"""An article's tables and footnotes as Word writes them: a real table (w:tbl, header rows
repeated on each page) where the clause text has table rows, and a real footnote where it
has a ``{^1}`` reference and a ``{^1} text`` line (drafting/structure.py).

A footnote keeps the clause's own mark: Penholder numbers footnotes per article
("{^1}" in Article 1 and in Article 2), so each is written as a custom mark
(`w:customMarkFollows`) showing that mark, which the reader takes back as it was. A mark
referred to twice is two Word footnotes with the same mark and text (Word ties one note
to one reference). Footnote lines are not paragraphs of the article: the note holds them.

Used by the clean text and the comments copy. The redline keeps tables and footnotes in
the notation, as text, so that every word of them can be a tracked change.
"""
from ...drafting.structure import FOOTNOTE_REF, footnote_line, parse, table_line
from .text import bracket_runs, escape, run, xml_safe

FOOTNOTE_RPR = '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
CELL_STYLE = "TableText"


class Notes:
    """The footnotes part being written: one w:footnote per reference."""

    def __init__(self):
        self.xml: list[str] = []

    def add(self, mark: str, text: str) -> int:
        nid = len(self.xml) + 1
        body = bracket_runs(text)
        self.xml.append(f'<w:footnote w:id="{nid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                        f'{run(mark, FOOTNOTE_RPR)}{run(" ")}{body}</w:p></w:footnote>')
        return nid

    def part(self, namespaces: str, head: str) -> str:
        separators = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                      '<w:r><w:separator/></w:r></w:p></w:footnote>'
                      '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
                      '</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
        return f"{head}<w:footnotes {namespaces}>{separators}{''.join(self.xml)}</w:footnotes>"


def footnotes_of(lines: list[str]) -> dict[str, str]:
    """mark -> text of the footnote lines among a clause's lines."""
    found = {}
    for line in lines:
        match = footnote_line(line)
        if match is not None:
            found.setdefault(match.group(1), line[match.end():])
    return found


def runs_with_notes(text: str, rpr: str, *, offset: int, spans, notes: dict, book: Notes | None) -> str:
    """Runs for a piece of text, each footnote reference it makes (to a footnote the
    clause gives) a Word footnote reference showing the same mark."""
    if book is None or "{^" not in text or not notes:
        return bracket_runs(text, rpr, offset=offset, spans=spans)
    out, at = [], 0
    for match in FOOTNOTE_REF.finditer(text):
        mark = match.group(1)
        if mark not in notes:
            continue
        out.append(bracket_runs(text[at:match.start()], rpr, offset=offset + at, spans=spans))
        nid = book.add(mark, notes[mark])
        out.append(f'<w:r>{FOOTNOTE_RPR}<w:footnoteReference w:customMarkFollows="1" w:id="{nid}"/>'
                   f'<w:t>{escape(xml_safe(mark))}</w:t></w:r>')
        at = match.end()
    out.append(bracket_runs(text[at:], rpr, offset=offset + at, spans=spans))
    return "".join(out)


def table_rows(lines: list[str]) -> tuple[list[list[str]], int]:
    """The cells and header rows of consecutive table lines (structure.py reads them)."""
    body = parse("\n".join(lines))
    [table] = body.tables or [None]
    if table is None:
        return [[line] for line in lines], 0
    return [list(r) for r in table.rows], table.header_rows


def table_xml(rows: list[list[str]], header_rows: int, width: int, notes: dict, book: Notes | None) -> str:
    """A w:tbl as wide as the text, columns equal, the header rows repeated on each page."""
    columns = max((len(r) for r in rows), default=1)
    column = width // max(columns, 1)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{column * columns}" w:type="dxa"/>'
           f'<w:tblLook w:val="04A0" w:firstRow="{1 if header_rows else 0}" w:lastRow="0" w:firstColumn="0" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{column}"/>' for _ in range(columns)) + "</w:tblGrid>"]
    for n, row in enumerate(rows):
        header = n < header_rows
        out.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if header else ""))
        for cell in row + [""] * (columns - len(row)):
            rpr = "<w:b/><w:bCs/>" if header else ""
            runs = runs_with_notes(cell, rpr, offset=0, spans=None, notes=notes, book=book)
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{column}" w:type="dxa"/></w:tcPr>'
                       f'<w:p><w:pPr><w:pStyle w:val="{CELL_STYLE}"/></w:pPr>{runs}</w:p></w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def is_table(text: str) -> bool:
    return table_line(text)


def is_footnote(text: str) -> bool:
    return footnote_line(text) is not None
