"""The agreement API's bodies as pydantic models (app/api/contract.py). The team and a
party read different fields of a status (a party learns nothing of the working draft, the
legal review or the other parties' positions unless the matrix is shared): each has its
model, and an answer matches exactly one of them."""
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, RootModel, WithJsonSchema


from ..api.contract import Body, Query, Schema, absent

Stance = Literal["open", "reservation", "agreed"]
ClauseState = Literal["agreed", "contested", "open"]
Op = tuple[Literal[-1, 0, 1], str]
# The operations refuse other values with their own messages: the document names what
# they take, the model leaves the refusal to them.
StanceText = Annotated[str, Field(max_length=20), WithJsonSchema(
    {"type": "string", "enum": ["open", "reservation", "agreed"]})]
ClauseIds = Annotated[list[Any], WithJsonSchema(
    {"type": "array", "maxItems": 10_000, "items": {"type": "string", "description": "A clause's public id"}})]


class PositionRequest(Body):
    status: StanceText
    version_id: str = Field(max_length=64, description="The clause version circulated in the latest round")
    note: str | None = Field(None, max_length=20_000, description="Required for a reservation")


class PackagePositionRequest(Body):
    status: Annotated[str, Field(max_length=20), WithJsonSchema({"type": "string", "enum": ["open", "agreed"]})]
    note: str | None = Field(None, max_length=20_000)


class NewPackage(Body):
    name: str = Field(max_length=300)
    clause_ids: ClauseIds


class PackageClauses(Body):
    clause_ids: ClauseIds


class ReopenRequest(Body):
    reason: str | None = Field(None, max_length=2000)


class StatusQuery(Query):
    clauses: str | None = Field(None, description="0 or false: the document's status without its clauses, "
                                                  "counted per section")
    section: str | None = Field(None, description="A section's public id: only its clauses")
    positions: str | None = Field(None, description="0 or false: without the per-party matrix")


class Confirmation(Schema):
    state: Literal["awaiting", "confirmed", "expired"]
    due: datetime | None
    confirmed_at: datetime | None


class SharedPosition(Schema):
    """Another party's current position, through a shared matrix: not who recorded it, nor when"""
    id: str
    clause_id: str
    version_id: str
    party: str
    status: Stance
    note: str | None
    on_behalf: bool
    set_by: None
    package: bool = Field(description="Given as part of a package")


class PositionRecord(SharedPosition):
    """The position"""
    set_by: str | None
    created_at: datetime
    confirmation: Confirmation = absent((
        "An agreement given ad referendum: awaiting its principals' confirmation (due within the "
        "process's ad_referendum_days), confirmed, or expired (overdue; still counted)"))


class RecordedPosition(PositionRecord):
    """The recorded position"""
    notice: str = absent("What the position means, when it needs saying (agreeing a "
                                          "wording that still holds brackets)")


class PositionHistory(Schema):
    """History"""
    clause_id: str
    positions: list[PositionRecord | SharedPosition]


class PartyRef(Schema):
    slug: str
    name: str


class MatrixPosition(Schema):
    status: Stance
    counts: bool
    lapsed: bool
    note: str | None
    on_behalf: bool
    version_id: str


class ClauseAgreement(Schema):
    clause_id: str
    number: int
    version_id: str
    brackets: int
    options: int
    packages: list[str]
    agreed_by_all: bool
    section_id: str
    status: ClauseState
    label: str
    to_be_updated: list[str] = Field(description="Authentic languages whose text is not revised for this "
                                                 "version: not agreed")
    positions: dict[str, MatrixPosition | None] = absent(
        "Party slug: position (whoever sees the matrix, unless ?positions=0)")


class TeamClauseAgreement(ClauseAgreement):
    changed_in_draft: bool


class PartyClauseAgreement(ClauseAgreement):
    own: MatrixPosition | None = Field(description="The caller's party's own position (null for an observer)")


class StatusCounts(Schema):
    agreed: int
    contested: int
    open: int


class LookAgain(Schema):
    clause_id: str
    number: int
    status: Stance
    given_on_version_id: str
    current_version_id: str
    ops: list[Op]


class DocumentAgreement(Schema):
    document_id: str
    round: int | None
    nauea: bool
    notice: str | None
    concluded: bool
    concluded_round: int | None
    parties: list[PartyRef]
    agreed: bool


class TeamDocumentStatus(DocumentAgreement):
    """The team's status: the working draft compared and the legal review"""
    clauses: list[TeamClauseAgreement]
    counts: StatusCounts
    draft_matches_round: bool
    blocking_findings: int


class PartyDocumentStatus(DocumentAgreement):
    """A party's or observer's status: `agreed` of the circulated text"""
    clauses: list[PartyClauseAgreement]
    look_again: list[LookAgain] = Field(description="A delegate's lapsed positions and what changed")


class SectionCounts(Schema):
    section_id: str
    title: str
    clauses: int
    agreed: int
    contested: int
    open: int


class PartyStatusSummary(Schema):
    """A party's or observer's status without clauses (?clauses=0)"""
    document_id: str
    round: int | None
    concluded: bool
    clause_count: int
    counts: StatusCounts
    sections: list[SectionCounts]
    agreed: bool


class TeamStatusSummary(PartyStatusSummary):
    """The team's status without clauses (?clauses=0)"""
    draft_matches_round: bool
    blocking_findings: int


def _one_of(schema: dict) -> None:
    # The alternatives exclude each other (each forbids the others' fields): oneOf says so.
    schema["oneOf"] = schema.pop("anyOf")


class DocumentStatus(RootModel[TeamDocumentStatus | PartyDocumentStatus | TeamStatusSummary | PartyStatusSummary]):
    """Status"""
    model_config = ConfigDict(json_schema_extra=_one_of)


class Package(Schema):
    """The package"""
    id: str
    name: str
    clause_ids: list[str]


class Packages(Schema):
    """Packages"""
    packages: list[Package]


class PackagePosition(Schema):
    """Recorded"""
    id: str
    party: str
    status: Literal["open", "agreed"]


class Concluded(Schema):
    """Concluded"""
    document_id: str
    concluded: bool
    round: int


class Reopened(Schema):
    """Reopened"""
    document_id: str
    concluded: bool


class ConvergenceRound(Schema):
    number: int
    label: str
    clauses: int
    brackets: int
    options: int
    changed: int
    ended_at: datetime | None = Field(description="When the round ended (closed, or the next round went out): "
                                                  "its figures are frozen as of then; null while it runs")
    agreed: dict[str, int] = Field(description="Party slug: clauses agreed")
    agreed_share: dict[str, float] = Field(description="Party slug: share of clauses agreed")


class Convergence(Schema):
    """Convergence"""
    document_id: str
    parties: list[PartyRef]
    rounds: list[ConvergenceRound]
