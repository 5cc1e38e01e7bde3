"""Reading circulated rounds: what parties and observers see."""
from dataclasses import dataclass

from sqlalchemy import select

from ..database import column_rows
from ..drafting.models import ClauseVersion
from ..drafting.queries import ClauseRow, SectionRow
from ..errors import NotFound
from ..extensions import db
from .models import Round, RoundPin, RoundSection


def rounds_of(document_id: int) -> list[Round]:
    return list(db.session.scalars(select(Round).where(Round.document_id == document_id)
                                   .order_by(Round.number)))


def latest_round(document_id: int) -> Round | None:
    return db.session.scalar(select(Round).where(Round.document_id == document_id)
                             .order_by(Round.number.desc()).limit(1))


def round_or_404(document_id: int, number) -> Round:
    round_ = None
    if isinstance(number, int) and not isinstance(number, bool):
        round_ = db.session.scalar(select(Round).where(Round.document_id == document_id,
                                                       Round.number == number))
    if round_ is None:
        raise NotFound("No such round.")
    return round_


def round_outline(round_: Round, *, section_id: int | None = None, offset: int = 0,
                  limit: int | None = None) -> list[SectionRow]:
    """The frozen text of a round, from its pins: numbers are pinned positions + 1.
    `offset` and `limit` take a page of the clauses (of one section, in practice)."""
    sections = {
        sid: SectionRow(sid, title, position)
        for sid, title, position in db.session.execute(
            select(RoundSection.section_id, RoundSection.title, RoundSection.position)
            .where(RoundSection.round_id == round_.id).order_by(RoundSection.position))
        if section_id is None or sid == section_id
    }
    query = (select(RoundPin.clause_id, RoundPin.version_id, RoundPin.section_id, RoundPin.position,
                    ClauseVersion.text, ClauseVersion.bracket_count, ClauseVersion.option_count,
                    ClauseVersion.title)
             .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
             .where(RoundPin.round_id == round_.id).order_by(RoundPin.position))
    if section_id is not None:
        query = query.where(RoundPin.section_id == section_id)
    if offset or limit is not None:
        query = query.offset(offset).limit(limit)
    for cid, vid, sid, position, text, brackets, options, title in column_rows(query):
        sections[sid].clauses.append(ClauseRow(cid, vid, sid, position + 1, text, brackets, options,
                                               title=title))
    return list(sections.values())


@dataclass
class SectionSummary:
    id: int
    title: str
    number: int
    size: int
    brackets: int


def section_summaries(round_: Round) -> list[SectionSummary]:
    """Sections of a round with their clause and bracket counts (stored at circulation):
    what a section picker needs without loading a treaty's text."""
    rows = db.session.scalars(select(RoundSection).where(RoundSection.round_id == round_.id)
                              .order_by(RoundSection.position))
    return [SectionSummary(r.section_id, r.title, r.position, r.clause_count, r.bracket_count) for r in rows]


def pin_of(round_: Round, clause_id: int) -> RoundPin | None:
    return db.session.get(RoundPin, (round_.id, clause_id))

