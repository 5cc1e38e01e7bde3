"""The rounds API's bodies as pydantic models (app/api/contract.py)."""
from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from ..api.contract import Body, Error, Query, Schema, absent
from ..compliance.schemas import HeldFinding

Op = tuple[Literal[-1, 0, 1], str]       # a word diff's step: removed, kept or added text


class CirculateRequest(Body):
    # The deadline is read first, by body.parse_deadline (its own message for a bad one).
    deadline: str | None = Field(None, json_schema_extra={"format": "date-time"},
                                 description="The comment deadline (ISO 8601; without an offset, UTC)")
    note: str | None = Field(None, max_length=2000)
    allow_unchanged: bool | None = Field(None, description="Circulate a draft that changed nothing")
    confirm_findings: bool | None = Field(None, description="Circulate over unreviewed findings (recorded in "
                                                            "the audit log, and the legal advisers are told)")
    findings_fingerprint: str | None = Field(None, max_length=64, description=(
        "The findings_fingerprint of the refusal: the confirmation then holds only for the findings it listed"))
    confirm_counts: str | None = Field(None, max_length=40, description=(
        "Optional: the preview's confirmation (clauses changed:open findings); refused (409 "
        "confirmation_stale) unless it names this round's counts"))


class DiffQuery(Query):
    from_: str | None = Field(None, alias="from", description="The earlier round's number (default: the previous "
                                                              "round); a number naming no round answers 404")
    changed_only: str | None = Field(None, description="1 or true: only the clauses that changed, unchanged "
                                                       "ones left out")


class PreviewQuery(Query):
    party: str | None = Field(None, description="A party's or observer group's slug: what it will receive")


class RoundSummary(Schema):
    """Counts of a round's changes (`first_round` on Rev. 1)"""
    clauses_changed: int = absent("added + removed + modified + moved")
    added: int = absent()
    removed: int = absent()
    modified: int = absent()
    moved: int = absent()
    unchanged: bool | int = absent((
        "A round's own summary: whether it was circulated unchanged (as asked); a diff or preview: "
        "how many clauses did not change"))
    brackets_opened: int = absent()
    brackets_closed: int = absent()
    words_added: int = absent()
    words_removed: int = absent()
    first_round: bool = absent()
    to_be_updated: dict[str, int] = absent(
        "Per authentic language, the clauses whose text is to be updated (issue #22)")


class Round(Schema):
    """The round"""
    number: int
    label: str
    circulated_at: datetime
    deadline: datetime | None
    closed: bool
    summary: RoundSummary


class CirculatedRound(Round):
    """The new round"""
    message: str = absent("Said when the round changed nothing (circulated as asked)")
    circulated_over_findings: int = absent(
        "How many unreviewed findings the mediator confirmed circulating over")


class Rounds(Schema):
    """Rounds"""
    rounds: list[Round]


class HeldCirculation(Error):
    """Conflict: nothing changed (unchanged), unreviewed findings (unreviewed_findings), stale authentic
    texts (stale_texts), counts that moved since the preview (confirmation_stale), or another conflict"""
    model_config = ConfigDict(strict=True, extra="forbid")
    findings: list[HeldFinding] = absent("unreviewed_findings: the findings")
    findings_fingerprint: str = absent("unreviewed_findings: what confirm_findings "
                                                               "sends back with findings_fingerprint")
    to_be_updated: dict[str, int] = absent("stale_texts: per language, the clauses")
    clauses: list[str] = absent("stale_texts: the clauses to be updated")


class DiffClause(Schema):
    clause_id: str
    change: Literal["added", "removed", "modified", "moved", "unchanged"]
    number: int | None
    moved: bool
    ops: list[Op]
    title_ops: list[Op] = Field(description="Word diff of the article title ([] when untitled)")


class Answer(Schema):
    submission_id: str | None = Field(description="Null when the proposal is shown anonymously")
    party: str | None


class AnsweredDiffClause(DiffClause):
    answers: list[Answer] = Field(description="The proposals the new version answers, as the caller may see them")


class RoundDiff(Schema):
    """Diff"""
    from_: int = Field(alias="from")
    to: int
    clauses: list[AnsweredDiffClause]
    summary: RoundSummary


class Run(Schema):
    old_from: int
    old_to: int
    new_from: int
    new_to: int


class Renumbering(Schema):
    """Renumbering"""
    from_: int | None = Field(alias="from", description="The previous round (null for Rev. 1)")
    runs: list[Run]
    added: list[int]
    removed: list[int]


class Release(Schema):
    recipient: str | None
    recipient_name: str | None
    recipient_kind: Literal["party", "observer"] | None
    kind: Literal["round", "bridging"]
    released_at: datetime
    digest: str = Field(description="SHA-256 of what every recipient reads alike")
    counts: dict[str, int]
    items: list[str] = Field(description="A bridging release: the proposal's public id")


class Releases(Schema):
    """Releases"""
    round: int
    releases: list[Release]


class Recipient(Schema):
    slug: str
    name: str
    kind: Literal["party", "observer"]


class PreviewCounts(Schema):
    clauses_changed: int
    open_findings: int


class ReceivedLanguage(Schema):
    code: str
    authentic: bool
    lead: bool


class ReceivedRound(Schema):
    number: int
    circulated_at: datetime | None = Field(description="Null only for the previewed next round")


class ReceivedClause(Schema):
    id: str
    number: int | None
    label: str
    title: str | None
    text: str
    version_id: str
    brackets: int
    options: int
    # Given when the document is read in a language (documents of several languages).
    language: str = absent()
    to_be_updated: bool = absent()
    missing: bool = absent()


class ReceivedSection(Schema):
    id: str
    title: str
    number: int
    brackets: int
    options: int
    clauses: list[ReceivedClause]


class ReceivedDocument(Schema):
    """The document as a recipient will read it (the body GET /documents/{id} gives it once circulated)"""
    id: str
    title: str
    round: int | None
    working_draft: bool
    concluded: bool
    rounds: list[ReceivedRound]
    languages: list[ReceivedLanguage] = Field(description="The languages the recipient will hear of, the lead first: "
                                                          "the lead and those a circulated round or this one carries a "
                                                          "text in")
    language: str
    dir: Literal["ltr", "rtl"]
    sections: list[ReceivedSection]


class CirculationPreview(Schema):
    """Preview"""
    next_round: int
    from_: int | None = Field(alias="from", description="The latest round (null before Rev. 1)")
    counts: PreviewCounts
    confirmation: str = Field(description="What the circulate form's confirmation sends back (confirm_counts)")
    summary: RoundSummary
    clauses: list[DiffClause] = Field(description="The changed clauses")
    findings: list[HeldFinding] = Field(description="The open findings the circulation gate would hold")
    recipients: list[Recipient]
    party: Recipient = absent("With ?party=: the recipient asked about")
    receives: ReceivedDocument = absent("With ?party=: what it will receive")
