"""JSON API of the workbench: the team's queue across a process."""
from datetime import datetime

from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from pydantic import Field

from ..api.contract import Schema, operation
from ..processes.permissions import process_access_or_404
from .permissions import require_queue_reader
from .queue import queue_json, team_queue

bp = Blueprint("workbench_api", __name__)


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


@bp.get("/processes/<slug>/queue")
@operation("The mediation team's queue", responses={200: TeamQueue}, description=(
    "Per document and round, the submissions not yet answered (no team reply, no disposition), "
    "the proposals without a disposition, the open findings and the deadline, each with the "
    "address where it is answered. For a party or observer it does not exist (404, as for a "
    "missing process)."))
@login_required
def queue(slug: str):
    access = process_access_or_404(current_user, slug)
    require_queue_reader(access)
    return jsonify(queue_json(team_queue(access)))
