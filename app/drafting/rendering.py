"""Articles as HTML: paragraphs at their levels with hanging labels, tables, footnotes,
contested [brackets] marked; and redlines of two wordings drawn the same way.

Both read the text through structure.py, so a page, a redline and an export agree on
what a paragraph, a table or a footnote is. The markup has no inline styles (the CSP
allows none): levels are classes `lvl-0` ... `lvl-8`. Block elements are written
without whitespace between them, because `.clause-text` keeps white space.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .brackets import bracket_spans
from .structure import FOOTNOTE_REF, Paragraph, is_structured, parse

DELETE, EQUAL, INSERT = -1, 0, 1
_MAX_LEVEL = 8
_BR = Markup("<br>")


def _level(level: int) -> str:
    return f"lvl-{min(level, _MAX_LEVEL)}"


# ---------------------------------------------------------------- plain wording

def _highlighted(text: str, a: int, b: int, spans) -> Markup:
    """text[a:b] escaped, with the parts inside bracket spans marked."""
    out, at = [], a
    for start, end in spans:
        if end <= at or start >= b:
            continue
        lo, hi = max(start, at), min(end, b)
        if lo > at:
            out.append(escape(text[at:lo]))
        out.append(Markup('<span class="bracket">%s</span>') % text[lo:hi])
        at = hi
    if at < b:
        out.append(escape(text[at:b]))
    return Markup("").join(out)


def _inline(text: str, a: int, b: int, spans) -> Markup:
    """A run of the text with footnote references as superscripts."""
    piece = text[a:b]
    if "{^" not in piece:
        return _highlighted(text, a, b, spans)
    out, at = [], a
    for match in FOOTNOTE_REF.finditer(piece):
        start, end = a + match.start(), a + match.end()
        out.append(_highlighted(text, at, start, spans))
        out.append(Markup('<sup class="fn-ref">%s</sup>') % match.group(1))
        at = end
    out.append(_highlighted(text, at, b, spans))
    return Markup("").join(out)


def title_html(title: str | None) -> Markup:
    """An article title with its brackets and footnote references marked."""
    if not title:
        return Markup("")
    return _inline(title, 0, len(title), bracket_spans(title))


def body_html(text: str) -> Markup:
    """A clause body as HTML. A one-paragraph text is the text itself, marked."""
    text = text or ""
    spans = bracket_spans(text)
    if not is_structured(text):
        return _highlighted(text, 0, len(text), spans)
    body = parse(text)
    out = []
    for block in body.blocks:
        if isinstance(block, Paragraph):
            out.append(_paragraph(Markup(f'<div class="para {_level(block.level)}">'),
                                  block.label and _inline(text, block.start, block.start + len(block.label), spans),
                                  _inline(text, block.body_start, block.end, spans)))
        else:
            out.append(_table([[_inline(text, a, b, spans).replace("\\|", "|") for a, b in row]
                               for row in block.cell_spans],
                              block.header_rows))
    if body.footnotes:
        out.append(Markup('<div class="footnotes">'))
        for note in body.footnotes:
            out.append(Markup('<div class="footnote"><sup>%s</sup> ') % note.mark)
            out.append(_inline(text, note.body_start, note.end, spans))
            out.append(Markup("</div>"))
        out.append(Markup("</div>"))
    return Markup("").join(out)


def _paragraph(opening: Markup, label, content) -> Markup:
    label_html = Markup('<span class="plabel">%s</span> ') % label if label else Markup("")
    return opening + label_html + content + Markup("</div>")


def _table(rows: list[list[Markup]], header_rows: int) -> Markup:
    out = [Markup('<table class="clause-table">')]
    for i, cells in enumerate(rows):
        tag = "th" if i < header_rows else "td"
        out.append(Markup("<tr>"))
        out.extend(Markup(f"<{tag}>") + cell + Markup(f"</{tag}>") for cell in cells)
        out.append(Markup("</tr>"))
    out.append(Markup("</table>"))
    return Markup("").join(out)


# ---------------------------------------------------------------- redlines

def _ops_html(ops) -> Markup:
    parts = []
    for op, text in ops:
        if not text:
            continue
        body = _refs(text)
        if op == DELETE:
            parts.append(Markup("<del>%s</del>") % body)
        elif op == INSERT:
            parts.append(Markup("<ins>%s</ins>") % body)
        else:
            parts.append(body)
    return Markup("").join(parts)


def _refs(text: str) -> Markup:
    if "{^" not in text:
        return _BR.join(escape(line) for line in text.split("\n"))
    out, at = [], 0
    for match in FOOTNOTE_REF.finditer(text):
        out.append(escape(text[at:match.start()]))
        out.append(Markup('<sup class="fn-ref">%s</sup>') % match.group(1))
        at = match.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def flat_redline_html(ops) -> Markup:
    """Redline of a one-paragraph wording (or a title): <del>/<ins> around changes."""
    return _ops_html(ops)


def _rows(ops):
    """The ops cut at every line break, whichever side it is on: each row is
    (ops, old line index, new line index, has old text, has new text)."""
    rows, current = [], []
    old_line = new_line = 0
    start_old, start_new = 0, 0
    for op, text in ops:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                rows.append((current, start_old, start_new))
                current = []
                if op != INSERT:
                    old_line += 1
                if op != DELETE:
                    new_line += 1
                start_old, start_new = old_line, new_line
            if piece:
                current.append((op, piece))
    rows.append((current, start_old, start_new))
    return rows


def _line_kinds(text: str) -> list[tuple]:
    """Per line of a text: ("para", level, label length with its space) | ("table", n,
    header?) | ("sep",) | ("note", mark length) | ("blank",)."""
    lines = text.split("\n")
    kinds: list[tuple] = [("blank",)] * len(lines)
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    line_of = {offset: i for i, offset in enumerate(offsets)}
    body = parse(text)
    for n, block in enumerate(body.blocks):
        if isinstance(block, Paragraph):
            kinds[line_of[block.start]] = ("para", block.level, block.body_start - block.start)
        else:
            first = line_of[block.start]
            row = 0
            i = first
            while i < len(lines) and lines[i].startswith("|"):
                if row == block.header_rows and block.header_rows and _is_separator(lines[i]):
                    kinds[i] = ("sep",)
                else:
                    kinds[i] = ("table", n, row < block.header_rows)
                    row += 1
                i += 1
    for note in body.footnotes:
        kinds[line_of[note.start]] = ("note", note.body_start - note.start)
    return kinds


def _is_separator(line: str) -> bool:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return bool(cells) and all(c and set(c) <= set(":-") for c in cells)


def _split_at(ops, side: int, n: int):
    """(head, tail): the head covers the first n characters of one side's text (and
    whatever of the other side comes before them)."""
    head, tail, count = [], [], 0
    for op, text in ops:
        if count >= n:
            tail.append((op, text))
            continue
        if op == -side:              # the other side's text: kept with the head
            head.append((op, text))
            continue
        take = min(len(text), n - count)
        head.append((op, text[:take]))
        if take < len(text):
            tail.append((op, text[take:]))
        count += take
    return head, tail


def _cells_of(ops) -> list[list]:
    """A table row's ops split into cells at each "|" (on either side)."""
    cells, current = [], []
    for op, text in ops:
        piece, escaped = "", False
        for ch in text:
            if ch == "|" and not escaped:
                current.append((op, piece))
                cells.append(current)
                current, piece = [], ""
                continue
            escaped = ch == "\\"
            piece += ch
        current.append((op, piece))
    cells.append(current)
    cells = [[(op, t) for op, t in c if t] for c in cells]
    if cells and not any(t.strip() for _, t in cells[0]):
        cells = cells[1:]
    if cells and not any(t.strip() for _, t in cells[-1]):
        cells = cells[:-1]
    return [[(op, t.replace("\\|", "|")) for op, t in c] for c in cells]


def redline_html(ops) -> Markup:
    """A redline drawn with the article's structure: each row of the merged text as a
    paragraph at its level, a table row or a footnote, changes marked inside it."""
    old = "".join(t for op, t in ops if op != INSERT)
    new = "".join(t for op, t in ops if op != DELETE)
    if not is_structured(old) and not is_structured(new):
        return _ops_html(ops)
    old_kinds, new_kinds = _line_kinds(old), _line_kinds(new)
    out, notes, table = [], [], None       # table: (key, [row html])

    def flush_table():
        nonlocal table
        if table is not None:
            out.append(_table(table[1], table[2]))
            table = None

    rows = []
    for row_ops, old_line, new_line in _rows(ops):
        if row_ops and not any(op == EQUAL for op, _ in row_ops) and \
                {op for op, _ in row_ops} == {DELETE, INSERT}:
            # Nothing kept between two line breaks: a line removed and another added,
            # each drawn as what it was.
            rows.append(([(op, t) for op, t in row_ops if op == DELETE], old_line, -1))
            rows.append(([(op, t) for op, t in row_ops if op == INSERT], old_line, new_line))
        else:
            rows.append((row_ops, old_line, new_line))
    for row_ops, old_line, new_line in rows:
        has_new = any(op != DELETE for op, _ in row_ops)
        side, kinds, line = (INSERT, new_kinds, new_line) if has_new or not row_ops else (DELETE, old_kinds, old_line)
        kind = kinds[line] if line < len(kinds) else ("blank",)
        if kind[0] == "table":
            key = (side, kind[1])
            cells = [_ops_html(c) for c in _cells_of(row_ops)]
            if table is None or table[0] != key:
                flush_table()
                table = [key, [], 0]
            table[1].append(cells)
            if kind[2]:
                table[2] += 1
            continue
        flush_table()
        if kind[0] in ("blank", "sep"):
            if any(t.strip() for _, t in row_ops) and kind[0] == "blank":
                out.append(Markup('<div class="para lvl-0">') + _ops_html(row_ops) + Markup("</div>"))
            continue
        if kind[0] == "note":
            head, tail = _split_at(row_ops, side, kind[1])
            notes.append(Markup('<div class="footnote">') + _ops_html(head) + _ops_html(tail) + Markup("</div>"))
            continue
        _, level, label_length = kind
        head, tail = _split_at(row_ops, side, label_length) if label_length else ([], row_ops)
        label = Markup('<span class="plabel">%s</span>') % _ops_html(head) if head else Markup("")
        out.append(Markup(f'<div class="para {_level(level)}">') + label + _ops_html(tail) + Markup("</div>"))
    flush_table()
    if notes:
        out.append(Markup('<div class="footnotes">') + Markup("").join(notes) + Markup("</div>"))
    return Markup("").join(out)
