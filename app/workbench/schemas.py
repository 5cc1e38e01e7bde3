"""The team queue's answer, as the workbench's API and a working group's (app/groups/api.py)
give it."""
from datetime import datetime

from pydantic import Field

from ..api.contract import Schema


class TeamQueueItem(Schema):
    submission_id: str
    kind: str
    party: str
    party_name: str
    clause_id: str
    article: str
    excerpt: str
    submitted_at: datetime | None
    late: bool = Field(description="submitted after the round's comment deadline")
    url: str = Field(description="The page where it is answered")


class QueueCounts(Schema):
    unanswered: int
    undecided: int
    open_findings: int


class QueueRound(Schema):
    number: int
    label: str
    deadline: datetime | None
    closed: bool


class QueueRoundItems(QueueRound):
    unanswered: list[TeamQueueItem]
    undecided: list[TeamQueueItem]


class QueueFinding(Schema):
    id: int | None
    clause_id: str | None
    article: str | None
    severity: str
    label: str
    state: str
    url: str


class TeamQueueDocument(Schema):
    id: str
    title: str
    counts: QueueCounts
    latest_round: QueueRound | None
    deadline: datetime | None = Field(description="The latest round's comment deadline while it is ahead")
    rounds: list[QueueRoundItems]
    findings: list[QueueFinding]
    findings_url: str


class TeamQueue(Schema):
    """Queue"""
    documents: list[TeamQueueDocument]
