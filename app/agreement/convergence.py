"""Convergence across rounds, for the team: per round, the share of clauses each party
agreed, the open brackets and options, and how many clauses changed.

A round's figures are what they were when it ended (its comment window closed, or the
next round went out, whichever came first): positions recorded later, even on a wording
that later rounds pin too, count for those rounds only, and a reopening lapses positions
only for the rounds after it. The latest round, still running, counts every position.
"""
import json
from datetime import datetime

from sqlalchemy import func, select

from ..drafting.models import ClauseVersion, Document
from ..extensions import db
from ..rounds.models import Round, RoundPin
from .models import Conclusion, Position, Stance
from .status import parties_of

def convergence_data(document: Document) -> dict:
    parties = parties_of(document)
    rounds = list(db.session.scalars(select(Round).where(Round.document_id == document.id).order_by(Round.number)))
    totals = {rid: (n, b or 0, o or 0) for rid, n, b, o in db.session.execute(
        select(RoundPin.round_id, func.count(), func.sum(ClauseVersion.bracket_count),
               func.sum(ClauseVersion.option_count))
        .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
        .join(Round, Round.id == RoundPin.round_id)
        .where(Round.document_id == document.id).group_by(RoundPin.round_id))}
    out = []
    for r, ended in zip(rounds, _ends(rounds)):
        clauses, brackets, options = totals.get(r.id, (0, 0, 0))
        summary = json.loads(r.summary or "{}")
        agreed = _agreed_in(document.id, r.id, ended)
        out.append({
            "number": r.number, "label": r.label, "clauses": clauses, "brackets": int(brackets),
            "options": int(options), "changed": summary.get("clauses_changed", 0 if r.number > 1 else clauses),
            "ended_at": ended.isoformat() if ended else None,
            "agreed": {p.slug: agreed.get(p.id, 0) for p in parties},
            "agreed_share": {p.slug: round(agreed.get(p.id, 0) / clauses, 4) if clauses else 0.0
                             for p in parties},
        })
    return {"document_id": document.public_id, "parties": [{"slug": p.slug, "name": p.name} for p in parties],
            "rounds": out}


def _ends(rounds: list[Round]) -> list[datetime | None]:
    """When each round ended: its close, or the next round's circulation if earlier."""
    ends = []
    for r, following in zip(rounds, rounds[1:] + [None]):
        candidates = [t for t in (r.closed_at, following.circulated_at if following else None) if t]
        ends.append(min(candidates) if candidates else None)
    return ends


def _agreed_in(document_id: int, round_id: int, ended: datetime | None) -> dict[int, int]:
    """{party id: clauses whose pinned version the party's latest position (as of `ended`)
    agrees}. Positions before a reopening that happened by then have lapsed."""
    reopened = (select(func.coalesce(func.max(Conclusion.last_position_id), 0))
                .where(Conclusion.document_id == document_id, Conclusion.action == "reopened"))
    if ended is not None:
        reopened = reopened.where(Conclusion.created_at < ended)
    considered = [Position.document_id == document_id, Position.id > reopened.scalar_subquery()]
    if ended is not None:
        considered.append(Position.created_at < ended)
    newest = (select(func.max(Position.id)).where(*considered)
              .group_by(Position.clause_id, Position.party_id, Position.version_id))
    return dict(db.session.execute(
        select(Position.party_id, func.count())
        .join(RoundPin, (Position.clause_id == RoundPin.clause_id) & (Position.version_id == RoundPin.version_id))
        .where(RoundPin.round_id == round_id, Position.id.in_(newest), Position.stance == Stance.agreed)
        .group_by(Position.party_id)).all())
