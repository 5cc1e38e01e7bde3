"""The body of a Word document as a sequence of paragraphs and tables, each paragraph's
text as if every tracked change were accepted.

Read: runs, insertions (`w:ins`), the new place of a moved passage (`w:moveTo`), content
controls (`w:sdt`, block and inline), fields' results (the text Word shows, not the field
code), smart tags and custom XML, hyperlinks, text boxes (once: the `mc:Fallback` copy
Word keeps for old readers is skipped, and a text box becomes paragraphs of its own after
the one that anchors it), symbols and non-breaking hyphens. Skipped: deletions, the old
place of a moved passage (`w:moveFrom`), field codes, and a paragraph whose mark is
deleted joins the next one, as accepting does. Footnote and endnote references become
``{^N}`` markers (structure.py), with the number Word shows.
"""
import re
from dataclasses import dataclass, field

from .read_numbering import roman
from .read_package import W, w
from .read_styles import Styles, on

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_T, _TAB, _BR, _CR = w("t"), w("tab"), w("br"), w("cr")
_RPR, _RSTYLE, _VAL, _B, _I, _CAPS = w("rPr"), w("rStyle"), w("val"), w("b"), w("i"), w("caps")
PENHOLDER_NOTE = "ToBeUpdated"    # Penholder's mark on a stale language text: not the text

_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), w("delInstrText"), w("pPr"), w("rPr"),
         w("fldData"), f"{{{MC}}}Fallback", w("sdtPr"), w("sdtEndPr"), w("commentRangeStart"),
         w("commentRangeEnd"), w("proofErr"), w("permStart"), w("permEnd"), w("lastRenderedPageBreak")}
_CONTAINERS = {w("r"), w("ins"), w("moveTo"), w("hyperlink"), w("smartTag"), w("customXml"), w("sdt"),
               w("sdtContent"), w("fldSimple"), w("bdo"), w("dir"), f"{{{MC}}}AlternateContent",
               f"{{{MC}}}Choice"}
_TEXT_BOX = w("txbxContent")
_MOVE_RANGES = {w("moveFromRangeStart"), w("moveFromRangeEnd"), w("moveToRangeStart"), w("moveToRangeEnd")}
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"


@dataclass
class WordParagraph:
    index: int                    # 1-based, in document order, counting every paragraph read
    text: str
    style: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    heading_level: int | None = None
    role: str = ""                # "title" for a title-page paragraph
    centred: bool = False
    bold: bool = False            # every character bold
    italic: bool = False          # every character italic
    caps: bool = False            # every character in capitals (typed or by format)
    tracked: bool = False         # had insertions or deletions
    moved: bool = False           # holds the new place of a moved passage
    comments: list = field(default_factory=list)      # comment ids anchored here
    bookmarks: list = field(default_factory=list)     # bookmark names that start here
    tags: list = field(default_factory=list)          # content-control tags around it
    authors: list = field(default_factory=list)       # Word authors of its tracked changes
    in_text_box: bool = False
    images: int = 0
    equations: int = 0


@dataclass
class WordTable:
    index: int
    rows: list                    # [[cell text]]
    header_rows: int = 0
    merged: int = 0               # cells merged across columns or rows (written empty)
    tracked: bool = False
    comments: list = field(default_factory=list)
    authors: list = field(default_factory=list)


@dataclass
class _Run:
    chars: list = field(default_factory=list)
    bold: list = field(default_factory=list)      # one flag per visible piece
    italic: list = field(default_factory=list)
    caps: list = field(default_factory=list)
    neutral: set = field(default_factory=set)     # pieces that say nothing of the formatting (note marks)


class BodyReader:
    def __init__(self, package, styles: Styles, footnote_numbers: dict):
        self.package = package
        self.styles = styles
        self.footnote_numbers = footnote_numbers   # ("footnote"|"endnote", id) -> mark
        self.index = 0
        self.tracked = self.moves = self.deleted_paragraphs = 0
        self.fields = self.controls = self.text_boxes = 0
        self._custom_mark = None
        # Tracked moves: bookmarks in the old place (w:moveFrom) belong at the new one
        # (the w:moveTo range of the same name), where the passage is read.
        self._from_open: dict = {}       # range id -> move name
        self._to_open: dict = {}
        self.moved_bookmarks: dict = {}  # move name -> bookmark names
        self._moved_to: list = []        # (paragraph, move name)

    # -- the body ------------------------------------------------------------------
    def blocks(self, body):
        """Paragraphs and tables in document order (content controls and custom XML
        around blocks are looked through)."""
        carry = ""
        carried: list = []           # bookmarks and authors of joined paragraphs
        for block in self._block_elements(body, []):
            element, tags = block
            if element.tag == w("tbl"):
                yield self.table(element)
                continue
            paragraph, extra = self.paragraph(element, tags)
            if paragraph is None:
                continue
            if carry:
                paragraph.text = (carry + " " + paragraph.text).strip() if paragraph.text else carry
                carry = ""
            if carried:
                paragraph.bookmarks[:0] = [b for b in carried[0] if b not in paragraph.bookmarks]
                paragraph.authors += [a for a in carried[1] if a not in paragraph.authors]
                carried = []
            ppr = element.find(w("pPr"))
            mark = ppr.find(f"{w('rPr')}/{w('del')}") if ppr is not None else None
            moved_mark = ppr.find(f"{w('rPr')}/{w('moveFrom')}") if ppr is not None else None
            if mark is not None or moved_mark is not None:
                # The paragraph mark is deleted (or moved away): accepting joins what is
                # left of this paragraph to the next one.
                self.deleted_paragraphs += 1
                carry = paragraph.text
                _author(paragraph, mark if mark is not None else moved_mark)
                # Its bookmarks go with what is left of it; a paragraph deleted or moved
                # away whole takes them along (a round-trip anchor of a removed article).
                carried = [paragraph.bookmarks if paragraph.text else [], paragraph.authors]
                continue
            yield paragraph
            yield from extra
        if carry:
            self.index += 1
            yield WordParagraph(self.index, carry)

    def _block_elements(self, parent, tags):
        for child in parent:
            tag = child.tag
            if tag in (w("p"), w("tbl")):
                yield child, tags
            elif tag in _MOVE_RANGES:
                self._move_range(child)
            elif tag == w("sdt"):
                self.controls += 1
                tag_el = child.find(f"{w('sdtPr')}/{w('tag')}")
                inner = tags + ([tag_el.get(w("val"), "")] if tag_el is not None else [])
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._block_elements(content, inner)
            elif tag in (w("customXml"), w("ins"), w("moveTo"), f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"):
                yield from self._block_elements(child, tags)

    # -- one paragraph --------------------------------------------------------------
    def paragraph(self, p, tags=(), in_text_box=False):
        """(the paragraph, paragraphs of text boxes anchored in it)."""
        self.index += 1
        ppr = p.find(w("pPr"))
        style = num_id = ilvl = None
        centred = None
        if ppr is not None:
            style_el = ppr.find(w("pStyle"))
            style = style_el.get(w("val")) if style_el is not None else None
            num = ppr.find(w("numPr"))
            if num is not None:
                num_el, ilvl_el = num.find(w("numId")), num.find(w("ilvl"))
                num_id = num_el.get(w("val")) if num_el is not None else None
                if ilvl_el is not None and (ilvl_el.get(w("val")) or "").isdigit():
                    ilvl = int(ilvl_el.get(w("val")))
            jc = ppr.find(w("jc"))
            if jc is not None:
                centred = jc.get(w("val")) == "center"
        info = self.styles.resolve(style)
        if num_id is None:
            num_id, ilvl = info.num_id, ilvl if ilvl is not None else info.ilvl
        paragraph = WordParagraph(self.index, "", style=style, num_id=num_id, ilvl=ilvl,
                                  heading_level=self.styles.heading_level(style),
                                  role=self.styles.role(style), tags=list(tags), in_text_box=in_text_box)
        if ppr is not None:
            outline = ppr.find(w("outlineLvl"))
            if outline is not None and (outline.get(w("val")) or "").isdigit() and int(outline.get(w("val"))) < 9:
                paragraph.heading_level = int(outline.get(w("val")))
        run = _Run()
        boxes: list = []
        self._walk(p, paragraph, run, boxes, base=(info.bold, info.italic, info.caps), in_run=None)
        for name in self._to_open.values():
            self._moved_to.append((paragraph, name))
        text = "".join(run.chars)
        lines = (" ".join(line.split()) for line in text.replace("\u00a0", " ").split("\n"))
        paragraph.text = "\n".join(line for line in lines if line)
        visible = [i for i, c in enumerate(run.chars) if c.strip() and i not in run.neutral]
        paragraph.bold = bool(visible) and all(run.bold[i] for i in visible)
        paragraph.italic = bool(visible) and all(run.italic[i] for i in visible)
        has_letters = text.lower() != text.upper()
        paragraph.caps = has_letters and (all(run.caps[i] for i in visible) or text == text.upper())
        paragraph.centred = bool(centred if centred is not None else info.centred)
        if paragraph.tracked:
            self.tracked += 1
        extra = []
        for box in boxes:
            self.text_boxes += 1
            for inner in box.iter(w("p")):
                if _nested_box(inner, box):
                    continue        # a text box inside a text box: read with its own box
                read, more = self.paragraph(inner, tags, in_text_box=True)
                extra.extend(([read] if read.text else []) + more)
        return paragraph, extra

    def _walk(self, element, paragraph, run, boxes, base, in_run):
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue                       # comments, processing instructions
            if tag in _MOVE_RANGES:
                self._move_range(child)
                continue
            if tag in _SKIP:
                if tag in (w("del"), w("moveFrom")):
                    paragraph.tracked = True        # (a move is counted at its new place)
                    _author(paragraph, child)
                    if tag == w("moveFrom"):
                        for mark in child.iter(w("bookmarkStart")):
                            self._moved_bookmark(mark.get(w("name")))
                elif tag == w("commentRangeStart"):
                    paragraph.comments.append(child.get(w("id")))
                continue
            if tag == w("r"):
                self._walk(child, paragraph, run, boxes, base, self._run_format(child, base))
                continue
            if tag == _T:
                if child is self._custom_mark:
                    continue                       # a footnote's custom mark, read as its marker
                text = child.text or ""
                run.chars.append(text)
                fmt = in_run or base
                run.bold.append(bool(fmt[0]))
                run.italic.append(bool(fmt[1]))
                run.caps.append(bool(fmt[2]))
                continue
            if tag in (_TAB, w("ptab")):
                self._piece(run, " ", in_run or base)
                continue
            if tag in (_BR, _CR):
                if child.get(w("type")) in ("page", "column"):
                    continue
                self._piece(run, "\n", in_run or base)
                continue
            if tag == w("noBreakHyphen"):
                self._piece(run, "-", in_run or base)
                continue
            if tag == w("sym"):
                char = child.get(w("char")) or ""
                if len(char) == 4 and char.upper().startswith("F0"):
                    continue                    # a symbol font's private glyph: no text
                try:
                    self._piece(run, chr(int(char, 16)), in_run or base)
                except ValueError:
                    pass
                continue
            if tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                mark = self.footnote_numbers.get((kind, child.get(w("id"))))
                if _custom(child):
                    self._custom_mark = child.getnext()
                if mark is not None:
                    run.neutral.add(len(run.chars))
                    self._piece(run, "{^" + mark + "}", in_run or base)
                continue
            if tag == w("commentReference"):
                if child.get(w("id")) not in paragraph.comments:
                    paragraph.comments.append(child.get(w("id")))
                continue
            if tag == w("bookmarkStart"):
                name = child.get(w("name"))
                if name and not name.startswith("_"):
                    if self._from_open:
                        self._moved_bookmark(name)
                    else:
                        paragraph.bookmarks.append(name)
                continue
            if tag == _TEXT_BOX:
                boxes.append(child)
                continue
            if tag in (w("drawing"), w("pict"), w("object")):
                found = [box for box in child.iter(_TEXT_BOX) if not _nested_box(box, None)]
                if found:
                    boxes.extend(found)
                else:
                    paragraph.images += 1
                continue
            if tag.startswith(f"{{{_MATH}}}"):
                if tag.endswith("}oMath") or tag.endswith("}oMathPara"):
                    paragraph.equations += 1
                    self._piece(run, "".join(t.text or "" for t in child.iter(f"{{{_MATH}}}t")), in_run or base)
                continue
            if tag == w("ins"):
                paragraph.tracked = True
                _author(paragraph, child)
            elif tag == w("moveTo"):
                paragraph.tracked = paragraph.moved = True
                _author(paragraph, child)
                self.moves += 1
            elif tag == w("fldSimple"):
                self.fields += 1
            elif tag == w("fldChar") and child.get(w("fldCharType")) == "begin":
                self.fields += 1
            elif tag == w("sdt"):
                self.controls += 1
            self._walk(child, paragraph, run, boxes, base, in_run)

    def _move_range(self, marker) -> None:
        tag, rid = marker.tag, marker.get(w("id"))
        if tag == w("moveFromRangeStart"):
            self._from_open[rid] = marker.get(w("name")) or rid
        elif tag == w("moveFromRangeEnd"):
            self._from_open.pop(rid, None)
        elif tag == w("moveToRangeStart"):
            self._to_open[rid] = marker.get(w("name")) or rid
        else:
            self._to_open.pop(rid, None)

    def _moved_bookmark(self, name) -> None:
        if name and not name.startswith("_"):
            for move in self._from_open.values() or ["?"]:
                self.moved_bookmarks.setdefault(move, []).append(name)
                break

    def place_moved_bookmarks(self) -> None:
        """Bookmarks of moved passages at the first paragraph of their new place (called
        once the whole body is read: a passage may move up or down)."""
        done = set()
        for paragraph, name in self._moved_to:
            if name in done or name not in self.moved_bookmarks:
                continue
            done.add(name)
            paragraph.bookmarks[:0] = [b for b in self.moved_bookmarks[name] if b not in paragraph.bookmarks]

    def _run_format(self, r, base):
        rpr = r.find(_RPR)
        if rpr is None:
            return base
        bold, italic, caps = base
        style = rpr.find(_RSTYLE)
        if style is not None:
            info = self.styles.character(style.get(_VAL))
            if info is not None:
                bold = info.bold if info.bold is not None else bold
                italic = info.italic if info.italic is not None else italic
                caps = info.caps if info.caps is not None else caps
        for child in rpr:               # direct formatting wins over the character style
            tag = child.tag
            if tag == _B:
                bold = on(child)
            elif tag == _I:
                italic = on(child)
            elif tag == _CAPS:
                caps = on(child)
        return (bold, italic, caps)

    @staticmethod
    def _piece(run, text, fmt):
        run.chars.append(text)
        run.bold.append(bool(fmt[0]))
        run.italic.append(bool(fmt[1]))
        run.caps.append(bool(fmt[2]))

    # -- tables ---------------------------------------------------------------------
    def table(self, tbl) -> WordTable:
        self.index += 1
        table = WordTable(self.index, [])
        grid_rows: list[list[str]] = []
        header = True
        for tr in tbl.iterchildren(w("tr")):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                table.tracked = True
                _author(table, trpr.find(w("del")))
                continue                       # a deleted row, as if accepted
            is_header = trpr is not None and on(trpr.find(w("tblHeader")))
            if header and is_header:
                table.header_rows += 1
            else:
                header = False
            cells = []
            for tc in tr.iterchildren(w("tc"), w("sdt"), w("customXml")):
                for cell in ([tc] if tc.tag == w("tc") else tc.iter(w("tc"))):
                    tcpr = cell.find(w("tcPr"))
                    span = 1
                    continued = False
                    if tcpr is not None:
                        grid = tcpr.find(w("gridSpan"))
                        if grid is not None and (grid.get(w("val")) or "").isdigit():
                            span = max(1, int(grid.get(w("val"))))
                        merge = tcpr.find(w("vMerge"))
                        continued = merge is not None and merge.get(w("val")) in (None, "continue")
                    texts = []
                    for p in cell.iter(w("p")):
                        read, _ = self.paragraph(p)
                        self.index -= 1             # cell paragraphs are not body paragraphs
                        if read.tracked:
                            table.tracked = True
                            table.authors += [a for a in read.authors if a not in table.authors]
                        table.comments.extend(read.comments)
                        if read.text and read.style != PENHOLDER_NOTE:     # a mark, not the cell's text
                            texts.append(read.text.replace("\n", " "))
                    cells.append("" if continued else " ".join(texts))
                    if continued:
                        table.merged += 1
                    for _ in range(span - 1):
                        cells.append("")
                        table.merged += 1
            grid_rows.append(cells)
        table.rows = grid_rows
        return table


def footnote_numbers(package) -> tuple[dict, dict]:
    """(reference -> the mark Word shows, reference -> the note's text) for footnotes
    and endnotes: footnotes numbered 1, 2, 3 in the order their references appear,
    endnotes i, ii, iii; a custom mark (`w:customMarkFollows`) is the text after it."""
    texts: dict = {}
    for kind, root in (("footnote", package.footnotes), ("endnote", package.endnotes)):
        if root is None:
            continue
        for note in root.iter(w(kind)):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            reader = BodyReader(package, Styles(None), {})
            parts = []
            for p in note.iter(w("p")):
                read, _ = reader.paragraph(p)
                if read.text:
                    parts.append(read.text.replace("\n", " "))
            texts[(kind, note.get(w("id")))] = " ".join(parts).strip()
    numbers: dict = {}
    counters = {"footnote": 0, "endnote": 0}
    custom: set = set()
    body = package.document.find(w("body"))
    if body is None:
        return numbers, texts
    for ref in body.iter(w("footnoteReference"), w("endnoteReference")):
        kind = "footnote" if ref.tag == w("footnoteReference") else "endnote"
        key = (kind, ref.get(w("id")))
        if key in numbers or key not in texts:
            continue
        if any(a.tag in (w("del"), w("moveFrom")) for a in ref.iterancestors()):
            continue
        if _custom(ref):
            following = ref.getnext()
            typed = (following.text or "") if following is not None and following.tag == w("t") else ""
            mark = "".join(c for c in typed if c.isalnum() or c == "*")[:6]
            if mark:
                numbers[key] = mark
                custom.add(key)
                continue
        counters[kind] += 1
        numbers[key] = str(counters[kind]) if kind == "footnote" else roman(counters[kind])
    for key in custom:
        # A custom mark is typed at the start of its note too (once by Word and Penholder,
        # twice by LibreOffice, which adds its own): the note's text starts after it.
        mark = numbers.get(key)
        if mark and key in texts:
            texts[key] = re.sub(rf"^(?:{re.escape(mark)})+(?:\s+|$)", "", texts[key], count=1)
    return numbers, texts


def _author(paragraph, change) -> None:
    """Who made a tracked change (the round trip records it on the new version)."""
    who = " ".join((change.get(w("author")) or "").split())[:200]
    if who and who not in paragraph.authors:
        paragraph.authors.append(who)


def _custom(reference) -> bool:
    return (reference.get(w("customMarkFollows")) or "").lower() in ("1", "true", "on")


def _nested_box(element, box) -> bool:
    """Whether `element` sits in a text box inside `box` (or inside any text box when
    `box` is None)."""
    for ancestor in element.iterancestors():
        if ancestor is box:
            return False
        if ancestor.tag == _TEXT_BOX:
            return True
    return False


__all__ = ["BodyReader", "WordParagraph", "WordTable", "footnote_numbers", "W"]
