"""Reading circulated rounds: what parties and observers see."""
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from ..database import column_rows
from ..drafting.languages import stale_of_pairs
from ..drafting.models import Clause, ClauseText, ClauseVersion, Document, Section
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


def pending_sections(document_id: int):
    """(section id, title, position) of every live section, as circulating now would pin
    them: the one source of a round's sections (operations._pin_sections) and of the
    preview of the next round, so that the preview is what the round will be."""
    return select(Section.id, Section.title, func.row_number().over(order_by=Section.position)).where(
        Section.document_id == document_id, Section.removed_at.is_(None))


def pending_pins(document_id: int):
    """(clause id, version id, section id, 0-based position) of every live clause of the
    working draft, as circulating now would pin them (operations._pin_clauses)."""
    return (
        select(Clause.id, Clause.current_version_id, Clause.section_id,
               func.row_number().over(order_by=(Section.position, Clause.position)) - 1)
        .join(Section, Section.id == Clause.section_id)
        .join(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
        .where(Clause.document_id == document_id, ClauseVersion.is_tombstone.is_(False),
               Section.removed_at.is_(None))
    )


def _outline_of(section_rows, pin_rows) -> list[SectionRow]:
    """Sections (id, title, position) and pins (clause, version, section, position, text,
    brackets, options, title) -> the outline a round shows: numbers are positions + 1."""
    sections = {sid: SectionRow(sid, title, position) for sid, title, position in section_rows}
    for cid, vid, sid, position, text, brackets, options, title in pin_rows:
        if sid in sections:
            sections[sid].clauses.append(ClauseRow(cid, vid, sid, position + 1, text, brackets, options,
                                                   title=title))
    return list(sections.values())


def round_outline(round_: Round, *, section_id: int | None = None, offset: int = 0,
                  limit: int | None = None) -> list[SectionRow]:
    """The frozen text of a round, from its pins: numbers are pinned positions + 1.
    `offset` and `limit` take a page of the clauses (of one section, in practice)."""
    section_rows = [row for row in db.session.execute(
        select(RoundSection.section_id, RoundSection.title, RoundSection.position)
        .where(RoundSection.round_id == round_.id).order_by(RoundSection.position))
        if section_id is None or row[0] == section_id]
    query = (select(RoundPin.clause_id, RoundPin.version_id, RoundPin.section_id, RoundPin.position,
                    ClauseVersion.text, ClauseVersion.bracket_count, ClauseVersion.option_count,
                    ClauseVersion.title)
             .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
             .where(RoundPin.round_id == round_.id).order_by(RoundPin.position))
    if section_id is not None:
        query = query.where(RoundPin.section_id == section_id)
    if offset or limit is not None:
        query = query.offset(offset).limit(limit)
    return _outline_of(section_rows, column_rows(query))


def pending_outline(document_id: int) -> list[SectionRow]:
    """The outline the next round would have if circulated now: the same pins
    (pending_pins), read the way round_outline reads a round's."""
    sections = pending_sections(document_id).subquery()
    pins = pending_pins(document_id).subquery()
    cid, vid, sid, position = pins.c
    section_rows = db.session.execute(select(*sections.c).order_by(sections.c[2])).all()
    query = (select(cid, vid, sid, position, ClauseVersion.text, ClauseVersion.bracket_count,
                    ClauseVersion.option_count, ClauseVersion.title)
             .join(ClauseVersion, ClauseVersion.id == vid).order_by(position))
    return _outline_of(section_rows, column_rows(query))


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


def stale_in_round(document: Document, round_id: int, *, authentic_only: bool = True,
                   clause_ids=None) -> dict[int, list[str]]:
    """The same over a round's pins; with `clause_ids` (ids, or a query of them: a page's
    run of positions), over those pins only, so that a page does not probe the whole round."""
    pairs = (select(RoundPin.clause_id.label("clause_id"), RoundPin.version_id.label("version_id"))
             .where(RoundPin.round_id == round_id))
    if clause_ids is not None:
        pairs = pairs.where(RoundPin.clause_id.in_(clause_ids if isinstance(clause_ids, Select) else list(clause_ids)))
    pairs = pairs.subquery()
    return stale_of_pairs(document, pairs, authentic_only)


def pending_language_codes(document_id: int, codes) -> set[str]:
    """Those of `codes` the next round would carry a text in (the pins of pending_pins):
    one indexed probe per language."""
    pins = pending_pins(document_id).subquery()
    found = set()
    for code in codes:
        hit = db.session.scalar(select(ClauseText.id).join(pins, pins.c.current_version_id == ClauseText.version_id)
                                .where(ClauseText.language == code).limit(1))
        if hit is not None:
            found.add(code)
    return found


def circulated_language_codes(document_id: int, codes) -> set[str]:
    """Those of `codes` some circulated round of the document carried a text in: one
    indexed probe per language (a document has two or three)."""
    found = set()
    for code in codes:
        hit = db.session.scalar(select(ClauseText.id)
                                .join(RoundPin, RoundPin.version_id == ClauseText.version_id)
                                .join(Round, Round.id == RoundPin.round_id)
                                .where(Round.document_id == document_id, ClauseText.language == code).limit(1))
        if hit is not None:
            found.add(code)
    return found
