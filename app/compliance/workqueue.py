"""The legal adviser's queue across a process: per document, counts of findings by
state and the open ones newest first; the escalations assigned to the reader; and the
rounds a mediator circulated over unreviewed findings (read from the audit log, which
is where that decision is recorded)."""
import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..audit.models import AuditEntry
from ..drafting.models import Document
from ..extensions import db
from ..processes.models import Process
from .models import Decision, Finding
from .refresh import current_findings

SHOWN_PER_DOCUMENT = 20
NOTICES = 5


def finding_state(f: Finding) -> str:
    """unreviewed, escalated, confirmed or dismissed (the latest review decides)."""
    return "unreviewed" if f.review is None else f.review.decision.value


@dataclass
class DocumentQueue:
    document_id: int
    title: str
    counts: dict
    open: list[Finding] = field(default_factory=list)     # newest first, at most SHOWN_PER_DOCUMENT
    open_total: int = 0

    @property
    def newest(self) -> datetime | None:
        return self.open[0].created_at if self.open else None


def _counts(findings: list[Finding]) -> dict:
    counts = {"unreviewed_violations": 0, "unreviewed_warnings": 0, "escalated": 0, "confirmed": 0, "dismissed": 0}
    for f in findings:
        state = finding_state(f)
        if state == "unreviewed" and f.severity in ("violation", "warning"):
            counts[f"unreviewed_{f.severity}s"] += 1
        elif state in counts:
            counts[state] += 1
    return counts


def _newest_first(findings):
    return sorted(findings, key=lambda f: (f.created_at, f.id), reverse=True)


def process_queue(process: Process) -> list[DocumentQueue]:
    """Every document of the process with findings, the one with the newest open
    finding first. Findings are brought up to date first, as the document queue does."""
    queues = []
    for document in db.session.scalars(select(Document).where(Document.process_id == process.id)
                                       .order_by(Document.id)):
        findings = current_findings(document)
        if not findings:
            continue
        open_ = _newest_first([f for f in findings if f.is_open])
        queues.append(DocumentQueue(document.id, document.title, _counts(findings),
                                    open_[:SHOWN_PER_DOCUMENT], len(open_)))
    return sorted(queues, key=lambda q: (q.newest is not None, q.newest or datetime.min, q.document_id),
                  reverse=True)


def assigned_to(process: Process, user_id: int) -> list[Finding]:
    """Current findings whose latest review escalates them to this user, newest first.
    (Stored findings, no re-check: an edit that supersedes one takes it out.)"""
    found = db.session.scalars(
        select(Finding).join(Document, Document.id == Finding.document_id)
        .where(Document.process_id == process.id, Finding.superseded_at.is_(None))
        .options(selectinload(Finding.reviews), selectinload(Finding.version)))
    return _newest_first([f for f in found if f.review is not None and f.review.decision == Decision.escalated
                          and f.review.assignee_id == user_id])


def circulations_over_findings(process: Process, limit: int = NOTICES) -> list[dict]:
    """The latest rounds circulated over unreviewed findings, newest first."""
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.process_id == process.id, AuditEntry.action == "round.circulate_over_findings")
        .order_by(AuditEntry.id.desc()).limit(limit))
    notices = []
    for e in entries:
        changes = json.loads(e.changes or "{}")
        notices.append({"document_id": changes.get("document_id"), "number": changes.get("number"),
                        "at": e.created_at, "by": e.actor_label, "findings": changes.get("findings", [])})
    return notices
