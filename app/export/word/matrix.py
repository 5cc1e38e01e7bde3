"""The comment matrix: the team's compilation of a round's submissions as one landscape
table, grouped by section, one row per clause with submissions: the circulated wording,
each party's submissions (a proposal as a redline against the wording) with the team's
replies, and the dispositions. Column widths follow the content; the header row repeats
on every page and no row is split across pages."""
from .base import Builder
from .model import ExportMeta, MatrixCell, MatrixGroup
from .parts import MARGIN, PAGE_H
from .text import bracket_runs, escape, run_xml

_SMALL = 20                     # half-points: 10 pt
_CHAR = 95                      # twips a character of 10 pt Times takes, on average
_FLOOR = {"label": 900, "text": 1700}


def _paragraph(runs: str, style: str = "MatrixText") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _lines(text: str, **style) -> str:
    return "".join(_paragraph(run_xml(line, size=_SMALL, **style)) for line in (text or "").split("\n") if line) \
        or _paragraph("")


def _proposal(ops) -> str:
    """A proposal as plain formatting (struck and underlined words, not revisions)."""
    return _paragraph("".join(run_xml(text, strike=op < 0, underline=op > 0, size=_SMALL) for op, text in ops))


def _cell(width: int, content: str, *, shade: str | None = None, span: int = 1) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + \
        (f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def _party_cell(cell: MatrixCell) -> str:
    out = _lines(cell.notes) if cell.notes else ""
    if cell.proposal:
        out += _proposal(cell.proposal)
    for reply in cell.replies:
        out += _paragraph(run_xml(reply, italic=True, size=_SMALL))
    return out or _paragraph("")


def _cell_chars(cell: MatrixCell) -> int:
    return len(cell.notes) + sum(len(t) for _, t in (cell.proposal or ())) + sum(len(r) for r in cell.replies)


def column_widths(headers: list[str], groups: list[MatrixGroup], total: int) -> list[int]:
    """Widths (twips) by content: the label column as wide as its longest label; the
    others share the rest in proportion to the square root of their text (a column of
    long proposals gets more room without starving the short ones), none below a floor."""
    rows = [row for group in groups for row in group.rows]
    label = max([len(headers[0])] + [len(r.label) for r in rows]) * _CHAR + 240
    label = max(_FLOOR["label"], min(label, total // 6))
    sizes = [len(headers[1]) + sum(len(r.text) for r in rows)]
    for i in range(len(headers) - 3):
        sizes.append(len(headers[2 + i]) + sum(_cell_chars(r.cells[i]) for r in rows if i < len(r.cells)))
    sizes.append(len(headers[-1]) + sum(len(r.disposition or "") for r in rows))
    weights = [max(1.0, s) ** 0.5 for s in sizes]
    rest = total - label
    floor = min(_FLOOR["text"], rest // len(weights))
    widths = [max(floor, int(rest * w / sum(weights))) for w in weights]
    excess = sum(widths) - rest                 # taken back from the widest, keeping the floors
    while excess > 0:
        widest = max(range(len(widths)), key=widths.__getitem__)
        take = min(excess, widths[widest] - floor)
        if take <= 0:
            break
        widths[widest] -= take
        excess -= take
    widths = [label] + widths
    widths[-1] += total - sum(widths)
    return widths


def build_matrix(meta: ExportMeta, headers: list[str], groups: list[MatrixGroup]) -> bytes:
    b = Builder(meta, landscape=True)
    b.paragraph(run_xml("Compilation of submissions"), "Subtitle")
    total = PAGE_H - 2 * MARGIN
    widths = column_widths(headers, groups, total)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
           f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    header = "".join(_cell(w, _paragraph(run_xml(h, bold=True, size=_SMALL), "MatrixHeading"), shade="D9D9D9")
                     for w, h in zip(widths, headers))
    out.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>")
    for group in groups:
        title = _paragraph(run_xml(group.title, bold=True, size=_SMALL), "MatrixHeading")
        out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                   f"{_cell(total, title, shade='F2F2F2', span=len(widths))}</w:tr>")
        for row in group.rows:
            cells = [_cell(widths[0], _paragraph(run_xml(row.label, bold=True, size=_SMALL))),
                     _cell(widths[1], _paragraph(bracket_runs(row.text, f'<w:sz w:val="{_SMALL}"/>')))]
            cells += [_cell(w, _party_cell(c)) for w, c in zip(widths[2:-1], row.cells)]
            cells.append(_cell(widths[-1], _lines(row.disposition)))
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    b.add("".join(out))
    b.paragraph("", "MatrixText")          # a paragraph must follow a table
    return b.save()


__all__ = ["build_matrix", "column_widths", "escape"]
