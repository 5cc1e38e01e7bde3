"""The data the writers take: plain dataclasses, no Flask, no database.

A clause is a list of blocks; today every block is a paragraph of body text at level 0
(a clause text's lines). Structured articles (a title, sub-paragraphs at levels (a), (i),
1.1, tables, footnotes) add block kinds and levels here, and the writers and the
redline's paragraph alignment dispatch on them.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from ...drafting.numbering import article_label
from ...drafting.structure import is_structured, parse


@dataclass
class ExportMeta:
    process_title: str
    document_title: str
    round_label: str              # "Rev. 3", or "Working draft"
    date: date
    marking: str                  # confidentiality marking
    nauea: bool                   # print "Nothing is agreed until everything is agreed"
    recipient: str | None         # "Copy for: <recipient>" on party copies
    working_draft: bool
    revision_author: str = "Mediation team"
    revision_date: datetime | None = None    # also the file's dates (core properties, zip entries)
    symbol: str = ""              # the document symbol, "NL/CPA/Rev.2"
    distribution: str = "Restricted"
    language: str = "en-GB"       # BCP 47, on the styles (spelling and hyphenation)
    original_language: str = "English"
    rtl: bool = False             # a right-to-left language: w:bidi, w:rtl, complex-script font (styles)
    date_text: str | None = None  # the date as the copy's label locale writes it (None: un_date)
    font: str = "Times New Roman"
    line_numbering: bool = False
    heading: str | None = None    # what the file shows, under the title: "Changes from Rev. 1 to Rev. 2"
    summary: list[str] = field(default_factory=list)     # lines under the heading (the redline's counts)
    # The redline's annex: (earlier number, newer number) per renumbered run of articles,
    # "" where an article is new or gone; empty when no number moved.
    renumbering: list[tuple[str, str]] = field(default_factory=list)
    compared: tuple[str, str] = ("", "")     # the two rounds' labels, the annex's columns
    release_id: str | None = None     # identifies this copy: custom property, document variable, watermark
    variant: str = "clean"
    # The team's clean copies carry round-trip anchors (reimport.py): a bookmark around each
    # article and section heading naming its clause (and version) or section, and the
    # download's base ("draft:<highest version id>" or "round:<number>") as a custom
    # property. Never on a party's copy: the ids are internal.
    anchors: bool = False
    document_id: int | None = None
    base: str = ""
    section_ids: list = field(default_factory=list)     # the sections the copy holds (empty ones too)


@dataclass
class ExportParagraph:
    text: str
    level: int = 0                # 0: the article's body text; 1, 2, 3: sub-paragraphs ((a), (i), 1.1)
    kind: str = "text"            # text | title (the article's title, on its numbered line)


MAX_LEVEL = 3


@dataclass
class ExportClause:
    key: int                      # the clause id: comments and moves are tied to it
    number: int | None            # the article number (Word numbers it; the matrix prints it)
    blocks: list[ExportParagraph]
    version: int | None = None    # the version written (the round trip's base)
    # A language copy's text not revised for this version (or missing): marked in the copy
    # as the pages mark it ("to be updated", drafting/languages.py).
    to_be_updated: bool = False
    missing: bool = False

    @classmethod
    def from_text(cls, key: int, number: int | None, text: str, title: str | None = None,
                  version: int | None = None) -> "ExportClause":
        """A clause's title (if any) and its text's lines are its paragraphs, each line at
        the level its typed label gives it (drafting/structure.py). Blank lines are not
        paragraphs: the spacing after each paragraph separates them (and an empty kept
        paragraph after a tracked one would make LibreOffice merge styles wrongly on accept
        or reject)."""
        text = text or ""
        levels = {}
        if is_structured(text):
            levels = {p.start: min(p.level, MAX_LEVEL) for p in parse(text).paragraphs}
        blocks, at = [], 0
        for line in text.split("\n"):
            if line.strip():
                blocks.append(ExportParagraph(line, levels.get(at, 0)))
            at += len(line) + 1
        if not blocks:
            blocks = [ExportParagraph(text)]
        if title:
            blocks.insert(0, ExportParagraph(title, 0, "title"))
        return cls(key, number, blocks, version)

    @property
    def label(self) -> str:
        return article_label(self.number)

    @property
    def title(self) -> str | None:
        return self.blocks[0].text if self.blocks and self.blocks[0].kind == "title" else None

    @property
    def text(self) -> str:
        """The clause text (without its title)."""
        return "\n".join(b.text for b in self.blocks if b.kind != "title")


@dataclass
class ExportSection:
    key: int                      # the section id
    number: int
    title: str
    clauses: list[ExportClause]


@dataclass
class ExportComment:
    clause_key: int
    author: str
    initials: str
    date: datetime                # when it was submitted (a reply: when it was written)
    text: str
    replies: list["ExportComment"] = field(default_factory=list)


@dataclass
class MatrixCell:
    """One party's submissions on a clause: what it wrote, its proposal as a redline
    (word ops against the circulated wording), and the team's replies."""
    notes: str = ""
    proposal: list | None = None
    replies: list[str] = field(default_factory=list)


@dataclass
class MatrixRow:
    label: str
    text: str
    cells: list[MatrixCell]       # one per party
    disposition: str


@dataclass
class MatrixGroup:
    """The rows of one section, under its heading."""
    title: str
    rows: list[MatrixRow]


# The redline: both rounds as one sequence of paragraphs (built by export/redline.py).
BOTH, INSERTED, DELETED, MOVED_FROM, MOVED_TO = "both", "ins", "del", "moveFrom", "moveTo"
HEADING, ARTICLE, TEXT = "heading", "article", "text"
MARK = "mark"                     # a language's text to be updated (writers.stale_note): after its clause


@dataclass(slots=True)
class RedlineParagraph:
    kind: str                     # heading | article (a clause's first paragraph) | text | mark
    mark: str                     # both | ins | del | moveFrom | moveTo: the paragraph itself
    pieces: list                  # (op, text, rPr content): op 0 kept (moved, in a move), 1 added, -1 removed
    level: int = 0
    move: int | None = None       # the move range this paragraph belongs to
    move_starts: bool = False
    move_ends: bool = False


@dataclass
class Redline:
    paragraphs: list[RedlineParagraph]
    stats: dict = field(default_factory=dict)
