"""The team's queue across a process, per document and round: the submissions no one of
the team has answered yet (no reply, no disposition), the proposals without a
disposition, the open findings, and the deadlines. Each item carries the address where
it is answered. Read with one query for the submissions of the whole process, one for
their clause numbers, and the findings per document (brought up to date first, as the
legal queue does)."""
from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..comments.models import Kind, Status, Submission
from ..comments.queries import visible_filter
from ..compliance.gate import describe, held_findings
from ..drafting.models import Clause, Document, Section
from ..drafting.numbering import article_label
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import Access
from ..public_ids import decode, encode
from ..rounds.links import clause_link
from ..rounds.models import Round, RoundPin

EXCERPT_CHARS = 90
SHOWN = 20              # items of one kind shown per round on the home page


@dataclass
class QueueItem:
    submission: Submission
    number: int | None          # the clause's number in the round it answers

    @property
    def article(self) -> str:
        return article_label(self.number) if self.number else "Clause"

    @property
    def excerpt(self) -> str:
        text = " ".join(self.submission.body.split())
        return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"

    @property
    def url(self) -> str:
        """The clause on its round page with its answering forms open, at the item."""
        s = self.submission
        page, _, _ = clause_link(s.round, s.clause_id).partition("#")
        return f"{page}{'&' if '?' in page else '?'}respond={encode('clause', s.clause_id)}#s-{s.public_id}"


@dataclass
class RoundQueue:
    round: Round
    unanswered: list[QueueItem] = field(default_factory=list)
    undecided: list[QueueItem] = field(default_factory=list)


@dataclass
class DocumentQueue:
    document: Document
    latest: Round | None
    rounds: list[RoundQueue]
    findings: list          # open findings on the working draft (compliance.gate.describe)

    @property
    def counts(self) -> dict:
        return {"unanswered": sum(len(r.unanswered) for r in self.rounds),
                "undecided": sum(len(r.undecided) for r in self.rounds),
                "open_findings": len(self.findings)}

    @property
    def deadline(self) -> datetime | None:
        """The latest round's comment deadline while it is still ahead."""
        r = self.latest
        if r is None or r.deadline is None or r.closed_at is not None or r.deadline <= utcnow():
            return None
        return r.deadline

    @property
    def findings_url(self) -> str:
        return url_for("compliance.queue", document_id=self.document.id)


def _answered(submission: Submission) -> bool:
    return bool(submission.dispositions) or any(r.from_team for r in submission.replies)


def _waiting(access: Access, section_ids=None) -> list[Submission]:
    """Submitted items of the process that still wait on the team: no disposition, and
    (unless a proposal, which waits on its disposition) no team reply either. With
    `section_ids` (a working group's queue), only those on clauses the round carried in
    these sections."""
    query = (select(Submission).join(Round, Round.id == Submission.round_id)
             .join(Document, Document.id == Round.document_id))
    if section_ids is not None:
        query = query.join(RoundPin, (RoundPin.round_id == Submission.round_id)
                           & (RoundPin.clause_id == Submission.clause_id)).where(
            RoundPin.section_id.in_(list(section_ids) or [-1]))
    return list(db.session.scalars(
        query.where(Document.process_id == access.process.id, Submission.status == Status.submitted,
                    visible_filter(access), ~Submission.dispositions.any())
        .options(selectinload(Submission.replies), selectinload(Submission.dispositions),
                 selectinload(Submission.party), selectinload(Submission.round))
        .order_by(Submission.submitted_at, Submission.id)))


def _numbers(submissions: list[Submission]) -> dict[tuple[int, int], int]:
    """(round id, clause id) -> the clause's number in that round."""
    pairs = {(s.round_id, s.clause_id) for s in submissions}
    if not pairs:
        return {}
    rows = db.session.execute(select(RoundPin.round_id, RoundPin.clause_id, RoundPin.position).where(
        RoundPin.round_id.in_({r for r, _ in pairs}), RoundPin.clause_id.in_({c for _, c in pairs})))
    return {(r, c): p + 1 for r, c, p in rows if (r, c) in pairs}


def team_queue(access: Access, section_ids=None) -> list[DocumentQueue]:
    """Every document of the process, in order, with what waits on the team (with
    `section_ids`: a working group's queue, the documents holding those sections and
    their findings on clauses of those sections)."""
    waiting = _waiting(access, section_ids)
    numbers = _numbers(waiting)
    by_round: dict[int, RoundQueue] = {}
    for s in waiting:
        queue = by_round.setdefault(s.round_id, RoundQueue(s.round))
        item = QueueItem(s, numbers.get((s.round_id, s.clause_id)))
        if s.kind == Kind.proposal:
            queue.undecided.append(item)
        if not _answered(s):
            queue.unanswered.append(item)
    documents = []
    for document in db.session.scalars(select(Document).where(Document.process_id == access.process.id)
                                       .order_by(Document.id)):
        rounds = sorted((q for q in by_round.values() if q.round.document_id == document.id),
                        key=lambda q: q.round.number, reverse=True)
        latest = db.session.scalar(select(Round).where(Round.document_id == document.id)
                                   .order_by(Round.number.desc()).limit(1))
        findings = describe(document, held_findings(document))
        if section_ids is not None:
            if not _holds_any(document.id, section_ids):
                continue
            findings = [f for f in findings if _finding_in(f, section_ids)]
        documents.append(DocumentQueue(document, latest, rounds, findings))
    return documents


def _holds_any(document_id: int, section_ids) -> bool:
    return bool(section_ids) and db.session.scalar(select(Section.id).where(
        Section.document_id == document_id, Section.id.in_(list(section_ids))).limit(1)) is not None


def _finding_in(finding: dict, section_ids) -> bool:
    clause_id = decode("clause", finding.get("clause_id")) if finding.get("clause_id") else None
    section = db.session.scalar(select(Clause.section_id).where(Clause.id == clause_id)) if clause_id else None
    return section in set(section_ids)


def item_json(item: QueueItem) -> dict:
    s = item.submission
    return {"submission_id": s.public_id, "kind": s.kind.value, "party": s.party.slug, "party_name": s.party.name,
            "clause_id": encode("clause", s.clause_id), "article": item.article, "excerpt": item.excerpt,
            "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None, "late": s.late, "url": item.url}


def queue_json(queues: list[DocumentQueue]) -> dict:
    return {"documents": [{
        "id": q.document.public_id, "title": q.document.title, "counts": q.counts,
        "latest_round": None if q.latest is None else {
            "number": q.latest.number, "label": q.latest.label,
            "deadline": q.latest.deadline.isoformat() if q.latest.deadline else None,
            "closed": q.latest.closed_at is not None},
        "deadline": q.deadline.isoformat() if q.deadline else None,
        "rounds": [{"number": r.round.number, "label": r.round.label,
                    "deadline": r.round.deadline.isoformat() if r.round.deadline else None,
                    "closed": r.round.closed_at is not None,
                    "unanswered": [item_json(i) for i in r.unanswered],
                    "undecided": [item_json(i) for i in r.undecided]} for r in q.rounds],
        "findings": [{"id": f["id"], "clause_id": f["clause_id"], "article": f["article"],
                      "severity": f["severity"], "label": f["label"], "state": f["state"],
                      "url": q.findings_url + (f"#finding-{f['id']}" if f["id"] else "")} for f in q.findings],
        "findings_url": q.findings_url,
    } for q in queues]}
