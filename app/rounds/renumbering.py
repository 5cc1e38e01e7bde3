"""How article numbers moved from one round to the next, so that a citation of "Art. 31
of Rev. 2" can be found in Rev. 3, and a delegate sees "Article 32 (formerly 31)".

Both rounds are immutable, so this is read from their pins: a clause's number in a
round is its pinned position + 1. The table is written as runs ("31-9000 became
32-9001") because one insertion near the top renumbers every later article: at treaty
scale a row per article would be 9,000 rows saying the same thing.
"""
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from ..extensions import db
from .models import Round, RoundPin


@dataclass(frozen=True)
class Run:
    """Old numbers old_from..old_to became new_from..new_to (the same shift for all)."""
    old_from: int
    old_to: int
    new_from: int
    new_to: int

    def as_json(self) -> dict:
        return {"old_from": self.old_from, "old_to": self.old_to,
                "new_from": self.new_from, "new_to": self.new_to}


@dataclass(frozen=True)
class Renumbering:
    previous: int | None           # the earlier round's number; None for Rev. 1
    runs: list[Run]                # renumbered articles, in the new order
    added: list[int]               # new numbers of articles the earlier round did not have
    removed: list[int]             # old numbers of articles no longer in the text

    def as_json(self) -> dict:
        return {"from": self.previous, "runs": [r.as_json() for r in self.runs],
                "added": self.added, "removed": self.removed}


def previous_round(round_: Round) -> Round | None:
    return db.session.scalar(select(Round).where(Round.document_id == round_.document_id,
                                                 Round.number == round_.number - 1))


def _pairs(new: Round, old: Round, clause_ids=None):
    """(clause id, old number, new number) for clauses in both rounds whose number changed."""
    new_pin, old_pin = aliased(RoundPin), aliased(RoundPin)
    query = (select(new_pin.clause_id, old_pin.position + 1, new_pin.position + 1)
             .join(old_pin, and_(old_pin.round_id == old.id, old_pin.clause_id == new_pin.clause_id))
             .where(new_pin.round_id == new.id, old_pin.position != new_pin.position)
             .order_by(new_pin.position))
    if clause_ids is not None:
        query = query.where(new_pin.clause_id.in_(clause_ids))
    return db.session.execute(query).all()


def _only_in(round_: Round, other: Round) -> list[int]:
    """Numbers in `round_` of clauses that `other` does not pin."""
    theirs = select(RoundPin.clause_id).where(RoundPin.round_id == other.id)
    return list(db.session.scalars(
        select(RoundPin.position + 1).where(RoundPin.round_id == round_.id,
                                            RoundPin.clause_id.not_in(theirs))
        .order_by(RoundPin.position)))


def renumbering(round_: Round) -> Renumbering:
    """How numbers moved since the previous round (an empty table for Rev. 1)."""
    old = previous_round(round_)
    if old is None:
        return Renumbering(None, [], [], [])
    return renumbering_between(old, round_)


def renumbering_between(old: Round, round_: Round) -> Renumbering:
    """How numbers moved from any earlier round `old` to `round_` (a redline's annex)."""
    runs: list[Run] = []
    for _, was, now in _pairs(round_, old):
        last = runs[-1] if runs else None
        if last and was == last.old_to + 1 and now == last.new_to + 1:
            runs[-1] = Run(last.old_from, was, last.new_from, now)
        else:
            runs.append(Run(was, was, now, now))
    return Renumbering(old.number, runs, _only_in(round_, old), _only_in(old, round_))


def former_numbers(round_: Round, clause_ids: list[int]) -> dict[int, int]:
    """{clause id: its number in the previous round} for the given clauses that moved."""
    old = previous_round(round_)
    if old is None or not clause_ids:
        return {}
    return {cid: was for cid, was, _ in _pairs(round_, old, clause_ids)}
