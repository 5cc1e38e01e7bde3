"""Where a finding's clause is: in the working draft (the drafting page, at the clause),
and in the circulated rounds that carried the very wording the finding is on."""
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from ..drafting.models import Clause
from ..extensions import db
from ..public_ids import encode
from ..rounds.links import clause_link
from ..rounds.models import Round, RoundPin
from .models import Finding


@dataclass
class RoundLink:
    number: int
    label: str
    url: str


def draft_clause_url(document_id: int, clause_id: int, section_id: int | None = None) -> str:
    """The clause on the team's drafting page (its section's page in a long text)."""
    url = url_for("drafting.document", document_id=document_id,
                  **({"section": encode("section", section_id)} if section_id else {}))
    return f"{url}#clause-{encode('clause', clause_id)}"


def sections_of(clause_ids: set[int]) -> dict[int, int]:
    """clause id -> the section it is in now (one query)."""
    if not clause_ids:
        return {}
    return dict(db.session.execute(select(Clause.id, Clause.section_id).where(Clause.id.in_(clause_ids))).all())


def rounds_carrying(findings: list[Finding]) -> dict[int, list[RoundLink]]:
    """finding id -> the rounds whose pins hold the finding's clause version, oldest first
    (one query for the page; pins are read by their primary key, round then clause)."""
    if not findings:
        return {}
    documents = {f.document_id for f in findings}
    rounds = {r.id: r for r in db.session.scalars(select(Round).where(Round.document_id.in_(documents)))}
    if not rounds:
        return {f.id: [] for f in findings}
    pairs = {(f.clause_id, f.version_id) for f in findings}
    carried: dict[tuple, list[Round]] = {}
    for round_id, clause_id, version_id in db.session.execute(
            select(RoundPin.round_id, RoundPin.clause_id, RoundPin.version_id)
            .where(RoundPin.round_id.in_(rounds), RoundPin.clause_id.in_({c for c, _ in pairs}))):
        if (clause_id, version_id) in pairs:
            carried.setdefault((clause_id, version_id), []).append(rounds[round_id])
    out = {}
    for f in findings:
        found = sorted(carried.get((f.clause_id, f.version_id), []), key=lambda r: r.number)
        out[f.id] = [RoundLink(r.number, r.label, clause_link(r, f.clause_id)) for r in found]
    return out
