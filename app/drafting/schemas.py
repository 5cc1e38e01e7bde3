"""What the drafting API reads and answers, as pydantic models (app/api/contract.py): the
OpenAPI document is written from them and every answer is held to them under tests.
The rounds API answers documents in the same shape (`Document`)."""
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from ..api.contract import Body, DbInt, Error, Query, Schema, absent
from ..config import MAX_CLAUSE_CHARS
from ..public_ids import NOTHING, decode

# Every id the API gives or takes is a public id (app/public_ids.py): an opaque string.
PublicId = Annotated[str, Field(description="A public id (opaque)")]
# One taken in a body: what `body.id_field` accepted (a string of at most 64 characters).
GivenId = Annotated[str, Field(max_length=64, description="A public id (opaque)")]
Reason = Annotated[str, Field(max_length=2000)]
ArticleText = Annotated[str, Field(
    max_length=MAX_CLAUSE_CHARS,
    description="The article's body: one paragraph a line, typed labels ((a), (i), 1.1) for sub-paragraphs, "
                "'|' rows for tables, {^1} footnote references and '{^1} text' footnote lines (see the "
                "README, Structured articles)")]
# A word-level diff: pairs [op, words], op -1 removed, 0 kept, 1 added (a list of two, not
# a tuple: Schemathesis reads OpenAPI 3.1's prefixItems as an invalid schema).
DiffOps = list[Annotated[list[Literal[-1, 0, 1] | str], Field(min_length=2, max_length=2)]]


def named(kind: str, given: str | None) -> int | None:
    """The row a public id from a body names: None when not given, public_ids.NOTHING
    when it names nothing (the operation then answers as for a missing row)."""
    if given is None:
        return None
    found = decode(kind, given)
    return NOTHING if found is None else found


class Stale(Error):
    """Conflict: a stale base version (the current wording comes back) or a locked text"""
    version_id: PublicId | None = Field(None, description="The current version (a stale base version)")
    text: str | None = Field(None, description="The current text (a stale base version)")
    title: str | None = Field(None, description="The current title (a stale base version)")
    is_deleted: bool | None = Field(None, description="Whether the current version is a deletion")


# --- requests -------------------------------------------------------------------------

class TitleBody(Body):
    title: str = Field(max_length=300)


class SectionRemoval(Body):
    reason: Reason | None = None


class SectionMove(Body):
    position: DbInt = Field(description="1-based, among the document's sections")


class NewClause(Body):
    section_id: GivenId
    text: ArticleText
    reason: Reason | None = None
    title: str | None = Field(None, max_length=300,
                              description="The article's title, part of its wording")


class ClauseEdit(Body):
    text: ArticleText
    base_version_id: GivenId
    reason: Reason | None = None
    title: str | None = Field(None, max_length=300, description=(
        "Absent: the title is kept; null or empty: no title; changing it is a new version"))
    language: str | None = Field(None, max_length=35, description=(
        "The language of the text (default: the lead). Any edit writes a new version; the other languages "
        "are then to be updated, unless this text was (then it is its update)"))


class NewLanguage(Body):
    code: str = Field(max_length=35, description="BCP 47 primary tag: en, ar, fr")
    authentic: bool


class ClauseDeletion(Body):
    base_version_id: GivenId
    reason: Reason | None = None


class ClauseRestore(Body):
    version_id: GivenId = Field(description="The earlier version whose wording comes back")
    base_version_id: GivenId
    reason: Reason | None = None


class ClauseMove(Body):
    section_id: GivenId
    position: DbInt = Field(description="1-based, in the section")


class DocumentQuery(Query):
    """Read as before by the view: a round that is not a number, or a language the
    document lacks, names nothing (404); `filter` is checked on the team's working draft."""
    round: int | None = Field(None, description="A circulated round (default: the working draft for the "
                                                "team, the latest round for parties and observers)")
    language: str | None = Field(None, description=(
        "The texts in that language (default: the lead), each clause saying whether it is to be updated; "
        "404 for a language the document lacks"))
    filter: Literal["changed", "contested", "open_findings"] | None = Field(None, description=(
        "The team's working draft: only the clauses changed since the latest round, contested, or with "
        "open findings (with their negotiation)"))
    negotiation: Literal["0", "1", "true", "false"] | None = Field(None, description=(
        "The team's working draft: each clause's negotiation"))


class CompareQuery(Query):
    """Two versions of the clause; either missing or not the clause's answers 404."""
    from_: str | None = Field(None, alias="from", description="A version of the clause (public id)")
    to: str | None = Field(None, description="Another version of the clause (public id)")


# --- answers --------------------------------------------------------------------------

class NewDocument(Schema):
    """Created"""
    id: PublicId
    title: str


class SectionRef(Schema):
    """The section"""
    id: PublicId
    title: str


class SectionRemoved(Schema):
    """Removed"""
    id: PublicId
    removed: bool
    clauses_deleted: int


class SectionMoved(Schema):
    """Moved"""
    id: PublicId
    position: int


class Language(Schema):
    code: str = Field(description="BCP 47 primary tag: en, ar, fr")
    authentic: bool
    lead: bool


class DocumentLanguages(Schema):
    """The document's languages, the lead first"""
    id: PublicId
    languages: list[Language]


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    level: int = Field(description="0 before any label; 1 for the first kind of label, ...")
    label: str = Field(description="'(a)', '1.1'; empty when unlabelled")
    text: str


class TableBlock(Schema):
    type: Literal["table"]
    rows: list[list[str]]
    header_rows: int


class FootnoteBlock(Schema):
    type: Literal["footnote"]
    mark: str
    text: str


Block = Annotated[ParagraphBlock | TableBlock | FootnoteBlock, Field(discriminator="type")]


class ClauseText(Language):
    """One language's text of a version."""
    text: str | None = Field(description="null: not written in that language yet")
    title: str | None
    to_be_updated: bool = Field(description="That text is not revised for this version")


class Clause(Schema):
    """The clause"""
    id: PublicId
    number: int | None = Field(description="null for a deleted clause")
    label: str
    title: str | None = Field(description="The article's title, part of its wording")
    text: str
    structure: list[Block] = Field(description="The body read as blocks")
    version_id: PublicId
    section_id: PublicId
    deleted: bool
    brackets: int
    options: int
    texts: list[ClauseText] = Field(description="Every language's text, the lead first")


class NegotiationSubmission(Schema):
    submission_id: str
    kind: str
    party: str = Field(description="The party's slug")
    answered: bool
    disposition: str | None


class NegotiationFinding(Schema):
    id: int
    severity: str
    label: str
    state: str = Field(description="'unreviewed', or the review's decision")


class NegotiationPosition(Schema):
    party: str
    stance: str


class ClauseNegotiation(Schema):
    """The negotiation of a clause of the team's working draft (?negotiation=1 or ?filter=)."""
    changed: bool = Field(description="The draft's wording differs from the latest round's")
    in_latest_round: bool
    status: Literal["agreed", "contested", "open"] | None = Field(description="Of the circulated wording")
    contested: bool
    submissions: list[NegotiationSubmission]
    findings: list[NegotiationFinding]
    positions: list[NegotiationPosition]


class OutlineClause(Schema):
    id: PublicId
    number: int | None = Field(description="null for a deleted clause")
    label: str
    title: str | None
    text: str
    version_id: PublicId
    brackets: int
    options: int
    language: str = absent("The language of `text` (documents of several languages, or ?language=)")
    to_be_updated: bool = absent("With `language`: that text is not revised for this version (a new "
                                    "version in another language)")
    missing: bool = absent("With `language`: no text in that language yet")
    negotiation: ClauseNegotiation = absent("The team's working draft with ?negotiation=1 or ?filter=")


class OutlineSection(Schema):
    id: PublicId
    title: str
    number: int
    brackets: int
    options: int
    clauses: list[OutlineClause]


class RoundDate(Schema):
    number: int
    circulated_at: datetime | None = Field(description="null only in a circulation preview's next round")


class Document(Schema):
    """The document"""
    id: PublicId
    title: str
    round: int | None = Field(description="The round read; null for the working draft")
    working_draft: bool
    concluded: bool
    rounds: list[RoundDate]
    languages: list[Language] = Field(description="The document's languages, the lead first")
    language: str = Field(description="The language of the texts")
    dir: Literal["ltr", "rtl"]
    sections: list[OutlineSection]
    filter: Literal["changed", "contested", "open_findings"] | None = Field(
        None, description="With ?negotiation=1 or ?filter= on the team's working draft; absent otherwise")


class Version(Schema):
    id: PublicId
    seq: int
    title: str | None
    text: str
    deleted: bool
    based_on_id: PublicId | None
    author: str | None
    reason: str | None
    created_at: datetime
    brackets: int
    options: int


class Versions(Schema):
    """Versions, newest first"""
    clause_id: PublicId
    versions: list[Version]


class VersionDiff(Schema):
    """Diff"""
    clause_id: PublicId
    from_: PublicId = Field(alias="from")
    to: PublicId
    ops: DiffOps
    title_ops: DiffOps
