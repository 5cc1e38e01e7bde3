"""Convergence across rounds, for the team: per round, the share of clauses each party
agreed, the open brackets and options, and how many clauses changed. Three queries; a
party's agreement counts for a round when its latest position on the version that
round pins is "agreed"."""
import json

from sqlalchemy import func, select

from ..drafting.models import ClauseVersion, Document
from ..extensions import db
from ..rounds.models import Round, RoundPin
from .models import Position, Stance
from .status import parties_of, position_floor


def convergence_data(document: Document) -> dict:
    parties = parties_of(document)
    rounds = list(db.session.scalars(select(Round).where(Round.document_id == document.id).order_by(Round.number)))
    totals = {rid: (n, b or 0, o or 0) for rid, n, b, o in db.session.execute(
        select(RoundPin.round_id, func.count(), func.sum(ClauseVersion.bracket_count),
               func.sum(ClauseVersion.option_count))
        .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
        .join(Round, Round.id == RoundPin.round_id)
        .where(Round.document_id == document.id).group_by(RoundPin.round_id))}
    newest = (select(func.max(Position.id)).where(Position.document_id == document.id,
                                                  Position.id > position_floor(document.id))
              .group_by(Position.clause_id, Position.party_id, Position.version_id))
    agreed = db.session.execute(
        select(RoundPin.round_id, Position.party_id, func.count())
        .join(Position, (Position.clause_id == RoundPin.clause_id) & (Position.version_id == RoundPin.version_id))
        .join(Round, Round.id == RoundPin.round_id)
        .where(Round.document_id == document.id, Position.id.in_(newest), Position.stance == Stance.agreed)
        .group_by(RoundPin.round_id, Position.party_id)).all()
    agreed_by = {(rid, pid): n for rid, pid, n in agreed}
    out = []
    for r in rounds:
        clauses, brackets, options = totals.get(r.id, (0, 0, 0))
        summary = json.loads(r.summary or "{}")
        out.append({
            "number": r.number, "label": r.label, "clauses": clauses, "brackets": int(brackets),
            "options": int(options), "changed": summary.get("clauses_changed", 0 if r.number > 1 else clauses),
            "agreed_share": {p.slug: round(agreed_by.get((r.id, p.id), 0) / clauses, 4) if clauses else 0.0
                             for p in parties},
        })
    return {"document_id": document.id, "parties": [{"slug": p.slug, "name": p.name} for p in parties],
            "rounds": out}
