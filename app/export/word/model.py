"""The data the writers take: plain dataclasses, no Flask, no database."""
from dataclasses import dataclass, field
from datetime import date, datetime


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
    revision_date: datetime | None = None


@dataclass
class ExportClause:
    key: int                      # the clause id: comments anchor on it
    label: str                    # "Article 12"
    text: str                     # the newer text ("" for a removed clause)
    old_text: str | None = None
    change: str = "unchanged"     # added | removed | modified | moved | unchanged
    ops: list | None = None       # word-level diff-match-patch ops, old -> new
    old_label: str | None = None  # the label in the older round, when it differs


@dataclass
class ExportSection:
    number: int
    title: str
    clauses: list[ExportClause]


@dataclass
class ExportComment:
    clause_key: int
    author: str
    initials: str
    date: datetime
    text: str
    replies: list["ExportComment"] = field(default_factory=list)


@dataclass
class MatrixRow:
    label: str
    text: str
    cells: list                   # per party: text, ops (shown as a redline), or (text, ops)
    disposition: str
