"""Where a clause of a round is shown: the round page, with the section and the page of
it that holds the clause when the round is long enough to be shown in parts; and which
rounds carried a given wording."""
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import func, select

from ..extensions import db
from ..public_ids import encode
from .models import Round, RoundPin, RoundSection
from .paging import in_sections, page_holding


def clause_link(round_: Round, clause_id: int) -> str:
    url = url_for("rounds.view", document_id=round_.document_id, number=round_.number)
    pin = db.session.get(RoundPin, (round_.id, clause_id))
    total = db.session.scalar(select(func.sum(RoundSection.clause_count)).where(RoundSection.round_id == round_.id))
    if pin is not None and in_sections(total or 0):
        before = db.session.scalar(select(func.count()).select_from(RoundPin).where(
            RoundPin.round_id == round_.id, RoundPin.section_id == pin.section_id,
            RoundPin.position < pin.position))
        url = url_for("rounds.view", document_id=round_.document_id, number=round_.number,
                      section=encode("section", pin.section_id), page=page_holding(before))
    return f"{url}#clause-{encode('clause', clause_id)}"


@dataclass
class RoundLink:
    number: int
    label: str
    url: str


def rounds_carrying(findings) -> dict[int, list[RoundLink]]:
    """item id -> the rounds whose pins hold the item's clause version, oldest first; an
    item (a compliance finding) has `id`, `document_id`, `clause_id` and `version_id`
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
