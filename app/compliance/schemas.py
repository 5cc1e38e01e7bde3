"""The compliance API's bodies as pydantic models (app/api/contract.py): what the findings,
the review and the cure answer, and the held findings a circulation names (the rounds
API answers those too)."""
from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from ..api.contract import Body, DbInt, Error, Query, Schema, absent

Severity = Literal["violation", "warning", "notice"]
State = Literal["unreviewed", "escalated", "confirmed", "dismissed"]


class FindingsFilter(Query):
    open: str | None = Field(None, description="1 or true: only the open findings")


class ReviewRequest(Body):
    # In the order the review has always read them: the first field at fault is named.
    decision: str = Field(max_length=20, json_schema_extra={"enum": ["confirmed", "dismissed", "escalated"]})
    reason: str | None = Field(None, max_length=20_000, description="Required to dismiss")
    assignee_id: DbInt | None = Field(None, description="Escalations only: the legal adviser or mediator "
                                                        "who takes it on (required to escalate)")
    note: str | None = Field(None, max_length=20_000,
                             description="Escalations only: what the assignee is asked to do (required)")


class CureRequest(Body):
    base_version_id: str = Field(max_length=64, description="The clause version the finding was made on")


class Grant(Schema):
    text: str
    start: int
    end: int


class Span(Schema):
    start: int
    end: int
    kind: Literal["grant", "scope", "exclusion", "prohibition"]


class Cure(Schema):
    language: str
    text: str


class Precedent(Schema):
    id: str
    language: str
    source: str
    text: str
    why: str


class FindingExplanation(Schema):
    """How a finding explains itself"""
    grant: Grant | None
    scope: str
    excluded: list[str] = Field(description="Category keys")
    missing: list[str] = Field(description="Category keys")
    spans: list[Span]
    norms: list[str]
    cure: Cure | None = Field(description="The model exclusion, in the clause's language")
    precedents: list[Precedent]


class FindingReview(Schema):
    decision: Literal["confirmed", "dismissed", "escalated"]
    reason: str | None
    reviewer: str | None
    at: datetime | None
    # An escalation's: present when it names an assignee or a note.
    assignee_id: int | None = Field(None, description="Escalations: who takes it on")
    assignee: str | None = None
    note: str | None = Field(None, description="Escalations: what the assignee is asked to do")


class Finding(Schema):
    """The finding with its reviews"""
    id: int
    clause_id: str
    version_id: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    citation: str
    label: str
    explanation: FindingExplanation | None = Field(
        description="Null on findings stored before explanations existed")
    excerpt: str
    language: str | None = Field(description="The authentic text the finding is in; null for the lead language's")
    open: bool
    superseded: bool
    ruleset_version: str
    review: FindingReview | None = Field(description="The latest review")
    reviews: list[FindingReview]


class CarryingRound(Schema):
    number: int
    url: str


class ListedFinding(Finding):
    draft_url: str = Field(description="The clause on the working draft's page")
    rounds: list[CarryingRound] = Field(description="The rounds that carried this wording, oldest first")


class Findings(Schema):
    """Findings"""
    document_id: str
    findings: list[ListedFinding]


class FindingCounts(Schema):
    unreviewed_violations: int
    unreviewed_warnings: int
    escalated: int
    confirmed: int
    dismissed: int


class FindingQueueItem(Schema):
    id: int
    document_id: str
    clause_id: str
    severity: Severity
    label: str
    state: State
    created_at: datetime
    note: str | None = Field(description="The latest review's note")
    url: str = Field(description="The finding on its document's queue page")


class FindingsQueueDocument(Schema):
    id: str
    title: str
    counts: FindingCounts
    open_total: int
    open: list[FindingQueueItem] = Field(description="The newest open findings first (at most 20)")


class CirculatedOverFinding(Schema):
    """A finding a round was circulated over, as the audit log recorded it."""
    id: int | None
    clause_id: str
    version_id: str
    number: int | None
    rule: str
    label: str
    severity: Severity
    state: State


class CirculationOverFindings(Schema):
    document_id: str
    number: int
    at: datetime
    by: str
    findings: list[CirculatedOverFinding]


class FindingsQueue(Schema):
    """The queue"""
    process: str
    documents: list[FindingsQueueDocument]
    assigned_to_me: list[FindingQueueItem]
    circulated_over_findings: list[CirculationOverFindings]


class CuredVersion(Schema):
    """The new clause version"""
    finding_id: int
    clause_id: str
    version_id: str
    text: str


class StaleWording(Error):
    """Conflict: the base version is stale (the current wording comes back), or the text is locked"""
    model_config = ConfigDict(strict=True, extra="forbid")
    version_id: str = absent("The current version (a stale base)")
    text: str = absent("Its text")
    title: str | None = Field(None, description="Its title")
    is_deleted: bool = absent("Whether it is deleted")


class HeldFinding(Schema):
    """A violation or warning no legal adviser has confirmed or dismissed, on a wording a
    circulation would carry (`compliance.gate.describe`)."""
    id: int | None = Field(description="Null for a finding on a wording nobody had checked yet: the refusal "
                                       "rolls back the check, and the finding gets its id when the findings "
                                       "are next read")
    clause_id: str
    version_id: str
    section_id: str | None
    number: int | None
    article: str
    clause_text: str
    excerpt: str
    language: str | None = Field(description="The authentic text's language (null: the lead)")
    severity: Literal["violation", "warning"]
    rule: str
    label: str
    message: str
    state: Literal["unreviewed", "escalated"]
