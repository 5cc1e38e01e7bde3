"""From Word paragraphs to sections and articles: what is a heading, what starts an
article, what is an article's title, what belongs to it.

The rules (the README's "Importing Word drafts" repeats them for users):

* **Article markers.** A paragraph that reads "Article 12", "ARTICLE XII", "Art. 3 bis",
  "Artículo 4" (typed, or drawn by Word's automatic numbering, e.g. a list whose level
  text is "Article %1.") starts an article, when it stands alone, has a separator after
  the number ("Article 1. Use of terms", "Article 2 – ..."), or looks like a heading (a
  heading style, bold, centred). "Article 5 shall apply ..." is a sentence, not a marker.
* **Articles' titles.** The text after the marker on a heading-like line is the title;
  on an ordinary line it is the article's first paragraph, unless it is short and without
  closing punctuation. Penholder's own exports are read exactly: their article line (style
  "Article", "Article 1." drawn by Word in bold) holds the title in italics, or else the
  text's first line. After a marker that stands alone,
  the next short line set apart (italic, bold, centred, a heading style) or short and
  without closing punctuation is the title (the UN layout: "Article 1" / *Use of terms*).
* **Without article markers,** the numbered paragraphs are the articles: in each
  section, paragraphs whose label (typed or automatic) is of the outermost kind
  (structure.py's levels) start an article, and deeper labels ("(a)", "2.1", "(i)") and
  unnumbered paragraphs belong to the article before them.
* **Headings** are heading styles (any level), outline levels, and lines such as "PART
  I", "CHAPTER II" or "Section A" set apart like headings, with the title on the same
  line or the next line set apart ("CHAPTER I" / "GENERAL PROVISIONS"). ("Section 3."
  starts an article in a draft without "Article" markers.) Penholder has one level of
  sections: every heading that has no deeper heading under it is a section, titled with
  the headings above it ("Part I. Transitional justice — Chapter 1. Truth"); a heading
  that has deeper headings under it is not a section of its own unless articles stand
  directly under it. A section without articles is kept and reported.
* **Preamble.** Paragraphs before the first heading and the first article are the
  preamble, each paragraph a clause of a "Preamble" section; unnumbered paragraphs
  between a heading and its first article are clauses of their own too.
* **Title page.** Title and Subtitle paragraphs, and centred bold or capitalised lines
  before anything else, are the title page: left out and reported.
* **Kept in the article:** continuation paragraphs, tables (rows in structure.py's
  notation), footnotes (``{^N}`` markers with the number Word shows, and their text),
  colleagues' comments (as the team's internal notes, attributed to their Word author).
* **Brackets** may span the paragraphs of an article. A bracket left open at the end of
  an article is closed there and opened again at the start of the next (up to where it
  closes), so that each article's contested text stays marked; the report names them.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from flask_babel import gettext

from ...drafting.brackets import BracketError, check_balanced
from ...drafting.structure import _Levels, bare_label, header_separator, split_label, table_row_text
from .read_package import DocxImportError
from .read_paragraphs import PENHOLDER_NOTE, WordParagraph, WordTable

_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|"
                 "eighth|ninth|tenth|premier|première|primero|única|unique|final")
_NUMBER = rf"(?:\d{{1,6}}(?:\.\d{{1,3}})*[a-z]?|[ivxlcdm]{{1,8}}|{_NUMBER_WORDS})(?:[ -](?:bis|ter|quater))?"
_ARTICLE = re.compile(
    rf"^(?P<kw>article|art\.|artículo|artigo|articolo|artikel|المادة|مادة)\s*(?P<num>{_NUMBER})(?![\w])"
    r"\s*(?P<sep>[.:)\-–—]?)\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_ARTICLE_FALLBACK = re.compile(
    rf"^(?P<kw>section|clause)\s*(?P<num>{_NUMBER})(?![\w])\s*(?P<sep>[.:)\-–—]?)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL)
_GROUP = re.compile(
    rf"^(?P<kw>part|chapter|section|sub-?section|title|book|annex|appendix|schedule|chapitre|partie|titre|"
    rf"capítulo|parte|título)\s+(?P<num>{_NUMBER}|[a-z])(?![\w])\s*(?P<sep>[.:)\-–—]?)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL)
_GROUP_RANK = {"part": 0, "book": 0, "title": 0, "annex": 0, "appendix": 0, "schedule": 0, "partie": 0,
               "titre": 0, "parte": 0, "título": 0, "chapter": 1, "chapitre": 1, "capítulo": 1,
               "section": 2, "subsection": 3, "sub-section": 3}
_NUMBER_PREFIX = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_BRACKET = re.compile(r"[\[\]]")
_PURE_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
_CLOSING = (".", ";", ",", ":")
MAX_SECTION_TITLE = 300
PENHOLDER_ARTICLE = "Article"     # the style of the numbered article line in Penholder's exports


@dataclass
class WordComment:
    author: str
    initials: str
    date: str | None            # ISO 8601 as Word wrote it
    text: str


@dataclass
class ParsedClause:
    title: str | None
    lines: list[str]
    label: str = ""             # the number as the file had it: "Article 3", "3.", "" in a preamble
    where: str = ""             # "paragraph 12 of the file"
    notes: list[WordComment] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)   # every bookmark starting in its paragraphs
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)     # Word authors of tracked changes in it

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def name(self) -> str:
        return self.label or (f"“{self.title}”" if self.title else gettext("the clause at %(where)s", where=self.where))


@dataclass
class ParsedSection:
    title: str
    clauses: list[ParsedClause] = field(default_factory=list)
    where: str = ""
    bookmarks: list[str] = field(default_factory=list)   # bookmarks starting in its headings


@dataclass
class ParsedDraft:
    sections: list[ParsedSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)          # what was read, changed or kept, for the report
    left_out: list[dict] = field(default_factory=list)      # {"what", "why", "where"}
    empty_sections: list[str] = field(default_factory=list)
    bracket_fixes: list[str] = field(default_factory=list)
    properties: dict = field(default_factory=dict)          # the file's custom document properties
    # The notes on tracked changes (also in `notes`): a round trip repeats them, in the
    # reader's language, without picking them out of `notes` by their wording.
    change_notes: list[str] = field(default_factory=list)

    @property
    def clause_count(self) -> int:
        return sum(len(s.clauses) for s in self.sections)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ParsedDraft:
        sections = [ParsedSection(s["title"], [ParsedClause(**{**c, "notes": [WordComment(**n) for n in c["notes"]]})
                                               for c in s["clauses"]], s.get("where", ""),
                                  list(s.get("bookmarks", [])))
                    for s in data["sections"]]
        return cls(sections, list(data["notes"]), list(data["left_out"]), list(data["empty_sections"]),
                   list(data["bracket_fixes"]), dict(data.get("properties", {})), list(data.get("change_notes", [])))


# ---------------------------------------------------------------- classifying lines

@dataclass
class _Token:
    kind: str                     # heading | article | para | table | skip
    paragraph: WordParagraph | None = None
    table: WordTable | None = None
    rank: int = 0
    title: str | None = None      # heading or article title
    label: str = ""               # article marker as found
    first: str | None = None      # an article's first body line, from the marker's line
    display: str = ""             # the paragraph with its automatic label
    auto_label: str = ""
    indices: list = field(default_factory=list)


def _heading_like(p: WordParagraph) -> bool:
    return p.heading_level is not None or p.bold or p.centred


def _short(text: str, words: int) -> bool:
    return len(text.split()) <= words and "\n" not in text


def _marker(regex, p: WordParagraph, display: str, numbered: bool):
    match = regex.match(display)
    if match is None:
        return None
    rest = match.group("rest").strip()
    if rest and not match.group("sep") and not (_heading_like(p) or numbered):
        return None                            # "Article 5 shall apply ...": a sentence
    return match


class OutlineBuilder:
    def __init__(self, numbering, comments: dict, footnote_texts: dict, footnote_numbers: dict):
        self.numbering = numbering
        self.comments = comments                 # id -> WordComment
        self.footnote_texts = footnote_texts     # (kind, id) -> text
        self.marks = {mark: footnote_texts[key] for key, mark in footnote_numbers.items() if key in footnote_texts}
        self.draft = ParsedDraft()
        self.title_lines: list[str] = []
        self.empty_headings = 0
        self.comment_moved = 0

    # -- pass 1: labels and markers -----------------------------------------------------
    def tokens(self, blocks) -> list[_Token]:
        tokens: list[_Token] = []
        for block in blocks:
            if isinstance(block, WordTable):
                tokens.append(_Token("table", table=block, indices=[block.index]))
                continue
            p = block
            auto = ""
            if p.num_id is not None:
                ilvl = p.ilvl if p.ilvl is not None else (self.numbering.level_for_style(p.num_id, p.style) or 0)
                drawn = self.numbering.label(p.num_id, ilvl)
                if drawn is not None:
                    auto = drawn[0]
            display = f"{auto} {p.text}".strip() if auto and p.text else p.text
            if not display and auto and _ARTICLE.match(auto):
                display = auto           # an article drawn by Word whose line is empty (a table follows)
            tokens.append(_Token("para", paragraph=p, display=display, auto_label=auto, indices=[p.index]))
        return tokens

    def classify(self, tokens: list[_Token]) -> list[_Token]:
        has_articles = any(t.kind == "para" and t.display and
                           _marker(_ARTICLE, t.paragraph, t.display, bool(t.auto_label)) for t in tokens)
        article_re = _ARTICLE if has_articles else _ARTICLE_FALLBACK
        started = False
        out: list[_Token] = []
        front = self._front_matter(tokens, article_re)
        i = 0
        while i < len(tokens):
            t = tokens[i]
            i += 1
            if i <= front:
                if t.kind == "para" and t.paragraph.text:
                    self.title_lines.append(t.paragraph.text)
                continue
            if t.kind == "table":
                started = True
                out.append(t)
                continue
            p = t.paragraph
            if p.style == PENHOLDER_NOTE:
                if p.comments:
                    out.append(_Token("skip", paragraph=p, indices=[p.index]))
                continue
            if p.role == "title" and not started:
                if p.text:
                    self.title_lines.append(p.text)
                continue
            if not t.display:
                if p.heading_level is not None:
                    self.empty_headings += 1
                if p.comments:
                    out.append(_Token("skip", paragraph=p, indices=[p.index]))
                continue
            numbered = bool(t.auto_label)
            article = _marker(article_re, p, t.display, numbered)
            group = None if article else _marker(_GROUP, p, t.display, numbered)
            if group is not None and group.group("kw").lower() == "section" and not has_articles:
                group = None
            if article is not None:
                started = True
                rest = article.group("rest").strip()
                label = f"{article.group('kw')} {article.group('num')}"
                token = _Token("article", paragraph=p, label=" ".join(label.split()), indices=[p.index])
                if rest:
                    if p.style == PENHOLDER_ARTICLE:
                        # Penholder's own article line: the title in italics, else the text.
                        if p.italic:
                            token.title = rest
                        else:
                            token.first = rest
                    elif _heading_like(p) or (_short(rest, 12) and not rest.endswith(_CLOSING)):
                        token.title = rest
                    else:
                        token.first = rest
                elif i < len(tokens) and self._title_line(tokens[i]):
                    token.title = tokens[i].display
                    token.indices.append(tokens[i].paragraph.index)
                    i += 1
                out.append(token)
                continue
            if group is not None or p.heading_level is not None:
                rank = p.heading_level if p.heading_level is not None else _GROUP_RANK.get(
                    group.group("kw").lower(), 2)
                title = t.display
                if t.auto_label and p.text:
                    label = t.auto_label
                    if _PURE_NUMBER.match(label):
                        title = p.text                  # sections are numbered by Penholder
                    else:
                        title = f"{label} {p.text}" if label.endswith((".", ":", ")")) else f"{label}: {p.text}"
                elif group is not None and not group.group("rest").strip() and i < len(tokens) \
                        and self._title_line(tokens[i], heading=True):
                    title = f"{t.display}: {tokens[i].display}"     # "CHAPTER I" / "GENERAL PROVISIONS"
                    t.indices.append(tokens[i].paragraph.index)
                    i += 1
                elif group is None:
                    title = _NUMBER_PREFIX.sub("", title) or title
                started = True
                out.append(_Token("heading", paragraph=p, rank=rank, title=" ".join(title.split()),
                                  indices=t.indices))
                continue
            if not started and p.centred and (p.bold or p.caps) and _short(t.display, 25) \
                    and not t.display.endswith((";", ",")) and split_label(t.display) is None:
                self.title_lines.append(t.display)
                continue
            started = True
            out.append(t)
        return out

    def _front_matter(self, tokens: list[_Token], article_re) -> int:
        """How many leading tokens are a title page: everything up to the last Title or
        Subtitle paragraph before the first heading or article (a UN title block puts the
        symbol and distribution lines above the title, in styles of its own)."""
        last = 0
        for n, t in enumerate(tokens, start=1):
            if t.kind != "para":
                break
            p = t.paragraph
            if p.heading_level is not None or (t.display and _marker(article_re, p, t.display, bool(t.auto_label))):
                break
            if p.role == "title":
                last = n
        return last

    def _title_line(self, token: _Token, heading: bool = False) -> bool:
        if token.kind != "para" or not token.display or token.auto_label:
            return False
        p = token.paragraph
        text = token.display
        if split_label(text) is not None or _ARTICLE.match(text) or _GROUP.match(text) or "\n" in text:
            return False
        if not _short(text, 20):
            return False
        set_apart = p.italic or p.bold or p.centred or p.heading_level is not None or (heading and p.caps)
        return set_apart or (_short(text, 10) and not text.endswith(_CLOSING))

    # -- pass 2: sections and articles -----------------------------------------------------
    def build(self, tokens: list[_Token], max_clauses: int) -> ParsedDraft:
        heading_marks: dict = {}                      # a heading's first paragraph -> its bookmarks
        has_articles = any(t.kind == "article" for t in tokens)
        path: list[tuple[int, str, int]] = []         # (rank, title, first paragraph)
        section: ParsedSection | None = None
        section_key = None
        headings_with_children: set = set()
        leaf_headings: list[tuple] = []
        current: ParsedClause | None = None
        levels = _Levels()
        pending_comments: list = []
        count = 0
        anything_yet = False

        def open_section(article: bool):
            nonlocal section, section_key
            if path:
                key = tuple(path)
            else:                        # before any heading: the preamble, then the provisions
                key = "provisions" if (article or anything_yet) else "preamble"
            if section is not None and section_key == key:
                return section
            if path:
                title = " — ".join(title for _, title, _ in path)
                where = gettext("paragraph %(number)s", number=path[-1][2])
            else:
                title = "Provisions" if key == "provisions" else "Preamble"
                where = ""
            if len(title) > MAX_SECTION_TITLE:
                title = title[:MAX_SECTION_TITLE - 1] + "…"
            section = ParsedSection(title, [], where,
                                    [b for _, _, index in path for b in heading_marks.get(index, [])])
            section_key = key
            self.draft.sections.append(section)
            return section

        def new_clause(title, lines, token, label="", article=False):
            nonlocal current, count, anything_yet
            count += 1
            if count > max_clauses:
                raise_too_many(max_clauses)
            p = token.paragraph
            clause = ParsedClause(title, lines, label=label,
                                  where=gettext("paragraph %(number)s of the file", number=token.indices[0]),
                                  bookmarks=list(p.bookmarks) if p else [], tags=list(p.tags) if p else [],
                                  authors=list(p.authors) if p else [])
            open_section(article).clauses.append(clause)
            if article:
                anything_yet = True
            current = clause
            for comment_id in pending_comments:
                self._attach(clause, comment_id)
            pending_comments.clear()
            return clause

        for token in tokens:
            if token.kind == "heading":
                while path and path[-1][0] >= token.rank:
                    path.pop()
                for entry in path:
                    headings_with_children.add(entry)
                entry = (token.rank, token.title, token.indices[0])
                heading_marks[token.indices[0]] = list(token.paragraph.bookmarks)
                path.append(entry)
                leaf_headings.append(entry)
                current = None
                levels = _Levels()
                pending_comments.extend(token.paragraph.comments)
                continue
            if token.kind == "skip":
                pending_comments.extend(token.paragraph.comments)
                continue
            if token.kind == "article":
                lines = [token.first] if token.first else []
                new_clause(token.title, lines, token, label=token.label, article=True)
                for comment_id in token.paragraph.comments:
                    self._attach(current, comment_id)
                levels = _Levels()
                continue
            if token.kind == "table":
                rows = self._table_lines(token.table)
                target = current
                if not rows:
                    continue
                if target is None:           # a table outside any article is a clause of its own
                    target = new_clause(None, rows, _Token("table", indices=token.indices))
                    current = None
                else:
                    target.lines.extend(rows)
                    target.authors += [a for a in token.table.authors if a not in target.authors]
                for comment_id in token.table.comments:
                    self._attach(target, comment_id)
                continue
            # an ordinary paragraph
            p = token.paragraph
            text = token.display
            parts = split_label(text)
            starts_article = False
            if not has_articles and parts is not None and bare_label(parts[0]) not in "•◦▪‣–—-":
                starts_article = levels.level_of(bare_label(parts[0])) == 1
            if starts_article:
                label, _, rest = parts
                bare = bare_label(label)
                # "[2. The Parties ...]": the number goes, the bracket that opens the article stays.
                new_clause(None, [label[:len(label) - len(bare)] + rest], token, label=bare, article=True)
            elif current is not None:
                current.lines.append(text)
                current.bookmarks += p.bookmarks
                current.authors += [a for a in p.authors if a not in current.authors]
            else:
                # Outside any article (a preamble, the words under a heading before its
                # first article, a section without numbered paragraphs): a clause of its own.
                new_clause(None, [text], token)
                current = None
            for comment_id in p.comments:
                self._attach(current or self._last_clause(), comment_id)
        for comment_id in pending_comments:
            last = self._last_clause()
            if last is not None:
                self._attach(last, comment_id)
        # Sections that no article reached: the leaf headings, reported.
        reached = {s.where for s in self.draft.sections}
        for entry in leaf_headings:
            if entry in headings_with_children:
                continue
            if f"paragraph {entry[2]}" in reached:
                continue
            title_path = []
            for rank, title, index in leaf_headings:
                if index > entry[2]:
                    break
                while title_path and title_path[-1][0] >= rank:
                    title_path.pop()
                title_path.append((rank, title, index))
            title = " — ".join(t for _, t, _ in title_path)[:MAX_SECTION_TITLE]
            self._insert_empty(ParsedSection(title, [], f"paragraph {entry[2]}",
                                             [b for _, _, index in title_path for b in heading_marks.get(index, [])]))
            self.draft.empty_sections.append(title)
        self._fill_empty_articles()
        self._add_footnotes()
        self._fix_brackets()
        return self.draft

    # -- helpers --------------------------------------------------------------------------
    def _last_clause(self):
        for section in reversed(self.draft.sections):
            if section.clauses:
                return section.clauses[-1]
        return None

    def _attach(self, clause, comment_id):
        comment = self.comments.get(comment_id)
        if clause is None or comment is None or comment in clause.notes:
            return
        clause.notes.append(comment)

    def _insert_empty(self, empty: ParsedSection):
        """An empty section in its place among the others, by where its heading stood."""
        index = int(empty.where.split()[-1])
        for i, section in enumerate(self.draft.sections):
            first = section.where.split()[-1] if section.where else "0"
            if first.isdigit() and int(first) > index:
                self.draft.sections.insert(i, empty)
                return
        self.draft.sections.append(empty)

    def _table_lines(self, table: WordTable) -> list[str]:
        rows = [r for r in table.rows if any(c.strip() for c in r)]
        if not rows:
            return []
        width = max(len(r) for r in rows)
        lines = [table_row_text(r + [""] * (width - len(r))) for r in rows]
        header = min(table.header_rows, len(rows))
        if header:
            lines.insert(header, header_separator(width))
        return lines

    def _fill_empty_articles(self):
        for section in self.draft.sections:
            for clause in section.clauses:
                if not any(line.strip() for line in clause.lines):
                    if clause.title:
                        clause.lines = [clause.title]
                        self.draft.notes.append(gettext("%(article)s has a title but no text: the title became its text",
                                                        article=clause.name))
                        clause.title = None
                    else:
                        clause.lines = [clause.label or "(no text)"]
                        self.draft.notes.append(gettext("%(article)s has no text: its marker was kept as its text",
                                                        article=clause.name))

    def _add_footnotes(self):
        """Each article gets the text of the footnotes it refers to, as footnote lines."""
        ref = re.compile(r"\{\^([0-9A-Za-z*]{1,6})\}")
        for section in self.draft.sections:
            marks_in_title = ref.findall(section.title)
            if marks_in_title:
                for mark in marks_in_title:
                    self.draft.left_out.append({"what": gettext("footnote %(mark)s: %(text)s", mark=mark,
                                                                text=self.marks.get(mark, "")[:200]),
                                                "why": gettext("it is on a heading, and a section title has no "
                                                               "footnotes"),
                                                "where": section.title[:80]})
                section.title = " ".join(ref.sub("", section.title).split())
            for clause in section.clauses:
                found = []
                for line in [clause.title or ""] + clause.lines:
                    for mark in ref.findall(line):
                        if mark not in found:
                            found.append(mark)
                known = [m for m in found if m in self.marks]
                for mark in found:
                    if mark not in self.marks:           # a reference to nothing: keep the text readable
                        clause.lines = [line.replace("{^" + mark + "}", "") for line in clause.lines]
                        if clause.title:
                            clause.title = clause.title.replace("{^" + mark + "}", "")
                for mark in known:
                    clause.lines.append("{^" + mark + "} " + (" ".join(self.marks[mark].split()) or "(empty footnote)"))

    def _fix_brackets(self):
        """Close a bracket at the end of the article it opens in, and open it again in the
        next ones up to where it closes; report each case."""
        clauses = [c for s in self.draft.sections for c in s.clauses]
        carry_from: ParsedClause | None = None
        carried: list[ParsedClause] = []
        for clause in clauses:
            text = clause.text
            if clause.title:
                try:
                    check_balanced(clause.title)
                except BracketError:
                    depth = _depth(clause.title)
                    clause.title = ("[" * depth[1]) + clause.title + ("]" * depth[0])
                    self.draft.bracket_fixes.append(gettext(
                        "the title of %(article)s had an unbalanced bracket; it was balanced within the title",
                        article=clause.name))
            if carry_from is not None:
                text = "[" + text
            opened, stray = _depth(text)
            if stray and carry_from is None:
                text = "[" * stray + text
                self.draft.bracket_fixes.append(gettext(
                    "%(article)s closes a bracket that was never opened: it was opened at the start of "
                    "%(article)s", article=clause.name))
            if opened:
                text += "]" * opened
                if carry_from is None:
                    carry_from = clause
                    carried = []
                else:
                    carried.append(clause)
            elif carry_from is not None:
                carried.append(clause)
                self.draft.bracket_fixes.append(gettext(
                    "a bracket opened in %(first)s closes in %(last)s: it was closed at the end of %(first)s and "
                    "opened again at the start of %(articles)s", first=carry_from.name, last=clause.name,
                    articles=", ".join(c.name for c in carried)))
                carry_from = None
            clause.lines = text.split("\n")
        if carry_from is not None:
            self.draft.bracket_fixes.append(gettext(
                "a bracket opened in %(first)s is never closed: it was closed at the end of %(articles)s",
                first=carry_from.name, articles=", ".join(c.name for c in [carry_from] + carried)))

    # -- the report ---------------------------------------------------------------------
    def report(self, reader, package) -> None:
        d = self.draft
        if self.title_lines:
            shown = "; ".join(f"“{t[:60]}”" for t in self.title_lines[:3])
            d.left_out.append({"what": gettext("%(count)s title-page line(s): %(lines)s",
                                               count=len(self.title_lines), lines=shown),
                               "why": gettext("the document's title page, not its text"),
                               "where": gettext("start of the file")})
        if self.empty_headings:
            d.left_out.append({"what": gettext("%(count)s empty heading(s)", count=self.empty_headings),
                               "why": gettext("they hold no text"), "where": ""})
        if reader.images:
            d.left_out.append({"what": gettext("%(count)s picture(s)", count=reader.images),
                               "why": gettext("a picture has no text to negotiate"), "where": ""})
        if package.headers_with_text:
            d.left_out.append({"what": gettext("running headers and footers"),
                               "why": gettext("they repeat the document's name and marking, not its text"),
                               "where": ""})
        before = len(d.notes)
        if reader.tracked:
            d.notes.append(gettext("%(count)s paragraph(s) with tracked changes read as if all changes were "
                                   "accepted", count=reader.tracked))
        if reader.deleted_paragraphs:
            d.notes.append(gettext("%(count)s deleted paragraph break(s) joined their paragraphs, as accepting "
                                   "does", count=reader.deleted_paragraphs))
        if reader.moves:
            d.notes.append(gettext("%(count)s passage(s) moved with Track Changes read once, at their new place",
                                   count=reader.moves))
        d.change_notes = d.notes[before:]
        tables = sum(1 for s in d.sections for c in s.clauses for line in c.lines
                     if line.startswith("|") and not set(line) <= set("|-: "))
        if reader.tables:
            d.notes.append(gettext("%(count)s table(s) kept in their articles (%(rows)s rows)", count=reader.tables,
                                   rows=tables))
        if reader.merged_cells:
            d.notes.append(gettext("%(count)s merged table cell(s) written as empty cells", count=reader.merged_cells))
        footnotes = sum(1 for s in d.sections for c in s.clauses for line in c.lines if line.startswith("{^"))
        if footnotes:
            d.notes.append(gettext("%(count)s footnote(s) kept as their articles' footnotes", count=footnotes))
        notes = sum(len(c.notes) for s in d.sections for c in s.clauses)
        if notes:
            d.notes.append(gettext("%(count)s Word comment(s) kept as the team's internal notes (never shown to a "
                                   "party)", count=notes))
        if reader.controls:
            d.notes.append(gettext("the text of %(count)s content control(s) read", count=reader.controls))
        if reader.text_boxes:
            d.notes.append(gettext("the text of %(count)s text box(es) read", count=reader.text_boxes))
        if reader.fields:
            d.notes.append(gettext("%(count)s field(s) read as the text Word shows", count=reader.fields))
        if reader.equations:
            d.notes.append(gettext("%(count)s equation(s) read as plain text", count=reader.equations))
        if package.strict:
            d.notes.append(gettext("read as Strict Open XML"))
        for title in d.empty_sections:
            d.notes.append(gettext("the section “%(title)s” has no articles", title=title[:80]))
        d.notes.extend(d.bracket_fixes)


def _depth(text: str) -> tuple[int, int]:
    """(brackets left open at the end, closing brackets with nothing open)."""
    if "[" not in text and "]" not in text:
        return 0, 0
    depth = stray = 0
    for ch in _BRACKET.findall(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth:
                depth -= 1
            else:
                stray += 1
    return depth, stray


def raise_too_many(limit: int):
    raise DocxImportError(f"the file holds more than {limit} paragraphs")
