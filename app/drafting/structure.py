"""The structure of an article, read from its plain text: the one place that decides it.

A clause's wording stays one plain, diffable string (`ClauseVersion.text`): positions,
the NAUEA status, brackets, the compliance engine and search keep reading text, and a
word diff of two wordings covers everything in them. Its structure is a reading of that
text, done here for the pages, the diffs, the exports and the importers alike.

The notation (README, "Structured articles"):

* **Paragraphs.** Each line is a paragraph. A paragraph may start with a typed label
  followed by a space: ``1.``, ``1)``, ``(1)``, ``1.1`` / ``1.1.1``, ``(a)``, ``a)``,
  ``(i)``, ``i)``, ``(A)``, ``A.``, ``(I)``, ``I.``, ``(aa)``, or a bullet (``•``, ``–``,
  ``-``). The label is part of the wording (a drafter types and negotiates it).
* **Levels** come from the labels alone, by `_Levels`: the first kind of label met opens
  level 1, a new kind under it opens the next level, and meeting a kind already open
  closes the deeper ones (so ``1.`` / ``(a)`` / ``(i)`` / ``(b)`` / ``2.`` is 1, 2, 3, 2, 1
  whichever kind comes first). Dotted numbers nest by their depth (``2.1`` under ``2.``).
  ``(i)`` is a roman numeral unless it continues a letter list (``(h)`` before it); the
  same holds for ``(v)``, ``(x)``, ``(l)``, ``(c)``, ``(d)``, ``(m)``. A paragraph without a
  label continues the one before it, at its level (level 0 before any label).
* **Tables.** Consecutive lines that start with ``|`` are the rows of one table; cells are
  separated by ``|`` (a ``|`` inside a cell is written ``\\|``). A row of dashes
  (``|---|---|``) makes the rows above it header rows.
* **Footnotes.** ``{^1}`` in the text (or the title) is a footnote reference; a line that
  starts with ``{^1}`` and a space is footnote 1's text. Marks are digits, letters or
  ``*``. Curly braces, not square ones: square brackets are the drafters' mark for
  contested language, and a footnote may contain brackets of its own.

Everything else is text. Parsing never fails; `problems` lists what a team's edit must
fix (a reference to a footnote that has no text, a footnote defined twice).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from flask_babel import gettext

__all__ = ["Body", "Footnote", "Paragraph", "Table", "parse", "problems", "is_structured",
           "label_kind", "FOOTNOTE_REF", "table_line", "footnote_line", "split_label"]

FOOTNOTE_REF = re.compile(r"\{\^([0-9A-Za-z*]{1,6})\}")
_FOOTNOTE_LINE = re.compile(r"^\{\^([0-9A-Za-z*]{1,6})\}[ \t]+")
_SEPARATOR_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")

_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_LABEL = re.compile(          # used with .match: anchored where the match starts
    r"(?:"
    r"(?P<dotted>\d{1,3}(?:\.\d{1,3})+)\.?"        # 1.1  1.1.1  2.3.
    r"|(?P<num>\d{1,3})(?P<num_end>[.)])"          # 1.  1)
    r"|\((?P<pnum>\d{1,3})\)"                      # (1)
    r"|\((?P<plow>[a-z]{1,4})\)"                   # (a) (i) (aa) (iv)
    r"|(?P<low>[a-z]{1,4})(?P<low_end>[.)])"       # a)  a.  i)  iv.
    r"|\((?P<pup>[A-Z]{1,4})\)"                    # (A) (I)
    r"|(?P<up>[A-Z]{1,4})(?P<up_end>[.)])"         # A.  I.  IV)
    r"|(?P<bullet>[•◦▪‣–—-])"                     # bullets
    r")[ \t]+(?=\S)")


@dataclass(frozen=True)
class Paragraph:
    level: int            # 0 before any label; 1 for the first kind of label ...
    label: str            # "(a)", "1.1", "" when unlabelled
    text: str             # the paragraph after its label and the space after it
    start: int            # offsets of the whole line in the clause text
    end: int
    body_start: int       # where `text` starts in the clause text


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]   # cell texts, unescaped
    header_rows: int
    start: int
    end: int
    # (start, end) of every cell in the clause text, row by row, for highlighting
    cell_spans: tuple[tuple[tuple[int, int], ...], ...] = ()


@dataclass(frozen=True)
class Footnote:
    mark: str
    text: str
    start: int
    end: int
    body_start: int


@dataclass
class Body:
    blocks: list = field(default_factory=list)       # Paragraph | Table, in order
    footnotes: list = field(default_factory=list)    # Footnote, in order of their lines

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# ---------------------------------------------------------------- labels and levels

def _roman_value(letters: str) -> int | None:
    letters = letters.lower()
    if not letters or not _ROMAN.match(letters):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for a, b in zip(letters, letters[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _alpha_value(letters: str) -> int | None:
    """a=1 ... z=26, aa=27, bb=28 ... (a doubled letter continues the alphabet)."""
    letters = letters.lower()
    if len(set(letters)) != 1:
        return None
    return 26 * (len(letters) - 1) + ord(letters[0]) - ord("a") + 1


def split_label(line: str) -> tuple[str, str, str] | None:
    """(label, separator, rest) of a labelled line, or None. A label may stand inside
    the opening bracket of a contested paragraph ("[2. The Parties ...]"): the bracket
    is then the start of the label as returned ("[2."), see `bare_label`."""
    prefix = len(line) - len(line.lstrip("["))
    match = _LABEL.match(line, prefix) if prefix else _LABEL.match(line)
    if match is None:
        return None
    label = line[:match.end()].rstrip(" \t")
    if not label_kind(bare_label(label)):
        return None                       # "also) ..." is a word, not a label
    return label, line[len(label):match.end()], line[match.end():]


def bare_label(label: str) -> str:
    """The label without the brackets that open a contested paragraph before it."""
    return label.lstrip("[")


def label_kind(label: str) -> list[tuple[str, int]]:
    """The kinds a label may be, each with its value, most likely first. A kind names
    the numbering style and its punctuation ("alpha()", "roman.", "dotted", "arabic)")."""
    match = _LABEL.match(bare_label(label) + " x")
    if match is None:
        return []
    g = match.groupdict()
    if g["dotted"]:
        parts = g["dotted"].split(".")
        return [(f"dotted{len(parts)}", int(parts[-1]))]
    if g["num"]:
        return [("dotted1" if g["num_end"] == "." else "arabic)", int(g["num"]))]
    if g["pnum"]:
        return [("(arabic)", int(g["pnum"]))]
    if g["bullet"]:
        return [("bullet" + g["bullet"], 0)]
    for name, end, case in (("plow", ")", "lower"), ("low", None, "lower"),
                            ("pup", ")", "upper"), ("up", None, "upper")):
        letters = g[name]
        if not letters:
            continue
        punct = "()" if name.startswith("p") else g[name + "_end"]
        kinds = []
        roman, alpha = _roman_value(letters), _alpha_value(letters)
        if roman is not None:
            kinds.append((f"roman-{case}{punct}", roman))
        if alpha is not None:
            kinds.append((f"alpha-{case}{punct}", alpha))
        if len(kinds) == 2 and len(letters) == 1 and letters.lower() != "i":
            kinds.reverse()      # a lone v, x, l, c, d or m is a letter unless a numeral list goes on
        return kinds
    return []


class _Levels:
    """The open kinds of label, outermost first, each with the last value met."""

    def __init__(self):
        self.stack: list[list] = []        # [kind, last value]

    def level_of(self, label: str) -> int:
        kinds = label_kind(label)
        if not kinds:
            return len(self.stack)
        kind, value = self._choose(kinds)
        if kind.startswith("dotted"):
            depth = int(kind[6:])
            # Pop deeper or equal dotted levels, then anything opened under them.
            for i in range(len(self.stack) - 1, -1, -1):
                k = self.stack[i][0]
                if k.startswith("dotted") and int(k[6:]) <= depth:
                    if int(k[6:]) == depth:
                        del self.stack[i + 1:]
                        self.stack[i][1] = value
                        return i + 1
                    del self.stack[i + 1:]
                    break
            else:
                if any(k[0].startswith("dotted") for k in self.stack):
                    # Only deeper dotted levels are open: this one is their parent.
                    first = next(i for i, k in enumerate(self.stack) if k[0].startswith("dotted"))
                    del self.stack[first:]
            self.stack.append([kind, value])
            return len(self.stack)
        for i, (open_kind, _) in enumerate(self.stack):
            if open_kind == kind:
                del self.stack[i + 1:]
                self.stack[i][1] = value
                return i + 1
        self.stack.append([kind, value])
        return len(self.stack)

    def _choose(self, kinds: list[tuple[str, int]]) -> tuple[str, int]:
        if len(kinds) == 1:
            return kinds[0]
        # Ambiguous (i, v, x ...): the kind whose open list it continues wins.
        for kind, value in kinds:
            for open_kind, last in self.stack:
                if open_kind == kind and value == last + 1:
                    return kind, value
        return kinds[0]


# ---------------------------------------------------------------- parsing

def table_line(line: str) -> bool:
    return line.startswith("|")


def footnote_line(line: str) -> re.Match | None:
    return _FOOTNOTE_LINE.match(line)


def _cells(line: str, start: int) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    inner_start = 1
    inner_end = len(line) - 1 if line.endswith("|") and not line.endswith("\\|") and len(line) > 1 else len(line)
    inner = line[inner_start:inner_end]
    cells, spans, at = [], [], inner_start
    for piece in _CELL_SPLIT.split(inner):
        cells.append(piece.strip().replace("\\|", "|"))
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + at + lead, start + at + lead + len(piece.strip())))
        at += len(piece) + 1
    return tuple(cells), tuple(spans)


def is_structured(text: str) -> bool:
    """Whether the text needs more than one plain paragraph to show (the fast path of
    a page of a thousand one-line clauses)."""
    return "\n" in text or "{^" in text or text.startswith("|") or _LABEL.match(text) is not None


@lru_cache(maxsize=4096)
def parse(text: str) -> Body:
    """The blocks and footnotes of a clause text (cached: versions are immutable, and a
    page shows the same wording beside its redline)."""
    body = Body()
    levels = _Levels()
    current_level = 0
    table_rows: list = []
    table_spans: list = []
    table_start = header = 0
    at = 0
    lines = text.split("\n")

    def close_table(end: int):
        nonlocal table_rows, table_spans, header
        if table_rows:
            body.blocks.append(Table(tuple(table_rows), header, table_start, end, tuple(table_spans)))
        table_rows, table_spans, header = [], [], 0

    previous_end = 0
    for line in lines:
        start, end = at, at + len(line)
        at = end + 1
        if table_line(line):
            if not table_rows:
                table_start = start
            cells, spans = _cells(line, start)
            if cells and all(_SEPARATOR_CELL.match(c) for c in cells) and table_rows and not header:
                header = len(table_rows)
            else:
                table_rows.append(cells)
                table_spans.append(spans)
            previous_end = end
            continue
        close_table(previous_end)
        previous_end = end
        note = footnote_line(line)
        if note is not None:
            body.footnotes.append(Footnote(note.group(1), line[note.end():], start, end, start + note.end()))
            continue
        if not line.strip():
            continue
        parts = split_label(line)
        if parts is None:
            body.blocks.append(Paragraph(current_level, "", line, start, end, start))
            continue
        label, separator, rest = parts
        current_level = levels.level_of(bare_label(label))
        body.blocks.append(Paragraph(current_level, label, rest, start, end,
                                     start + len(label) + len(separator)))
    close_table(previous_end)
    return body


def references(text: str) -> list[str]:
    """Footnote marks referred to in a text (title or body lines), in order."""
    return [m.group(1) for m in FOOTNOTE_REF.finditer(text)] if "{^" in text else []


def problems(text: str, title: str = "") -> list[str]:
    """What a team's wording must fix before it is saved: footnotes referred to but
    never given, given twice, or given but never referred to."""
    if "{^" not in text and "{^" not in title:
        return []
    body = parse(text)
    defined: dict[str, int] = {}
    found = []
    for note in body.footnotes:
        defined[note.mark] = defined.get(note.mark, 0) + 1
    referred = []
    for line in [title] + text.split("\n"):
        if footnote_line(line):
            continue
        referred += references(line)
    for mark, count in defined.items():
        if count > 1:
            found.append(gettext("footnote %(mark)s is given %(count)s times", mark=f"{{^{mark}}}", count=count))
    for mark in dict.fromkeys(referred):
        if mark not in defined:
            found.append(gettext("footnote %(mark)s is referred to but has no line \"%(mark)s text\"",
                                 mark=f"{{^{mark}}}"))
    for mark in defined:
        if mark not in referred:
            found.append(gettext("footnote %(mark)s is given but never referred to", mark=f"{{^{mark}}}"))
    return found


def outline_of(text: str) -> list[dict]:
    """A compact reading of the structure for previews and the API: one entry per block."""
    body = parse(text)
    out = []
    for block in body.blocks:
        if isinstance(block, Paragraph):
            out.append({"type": "paragraph", "level": block.level, "label": block.label, "text": block.text})
        else:
            out.append({"type": "table", "rows": [list(r) for r in block.rows], "header_rows": block.header_rows})
    for note in body.footnotes:
        out.append({"type": "footnote", "mark": note.mark, "text": note.text})
    return out


def table_row_text(cells) -> str:
    """One table row in the notation (the importers write rows with it)."""
    return "| " + " | ".join(" ".join(c.replace("|", "\\|").split()) for c in cells) + " |"


def header_separator(columns: int) -> str:
    return "|" + "|".join(["---"] * max(columns, 1)) + "|"
