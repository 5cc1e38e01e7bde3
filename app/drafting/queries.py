"""Reading the working draft: one query for an outline, numbering computed from order.

Numbers are positions among live clauses in document order ("Article 12" is the
twelfth live clause); deleted clauses keep their identity but get no number.
"""
from dataclasses import dataclass, field

from sqlalchemy import and_, func, literal, select

from ..database import column_rows
from ..extensions import db
from .models import Clause, ClauseVersion, Section
from .numbering import article_label

# Above this many clauses the drafting and round views show one section at a time.
SECTION_PAGING_THRESHOLD = 400


@dataclass
class ClauseRow:
    clause_id: int
    version_id: int
    section_id: int
    number: int | None          # None for a deleted clause
    text: str
    bracket_count: int
    option_count: int
    is_deleted: bool = False
    title: str | None = None    # the article's title, part of its wording
    language: str | None = None  # set when read in a language (languages.in_language)
    to_be_updated: bool = False  # that language's text is not revised for this version
    missing: bool = False        # no text in that language yet

    @property
    def label(self) -> str:
        return article_label(self.number)


@dataclass
class SectionRow:
    id: int
    title: str
    number: int
    clauses: list[ClauseRow] = field(default_factory=list)


def working_outline(document_id: int, *, section_id: int | None = None,
                    include_deleted: bool = False, texts: bool = True) -> list[SectionRow]:
    """Sections and clauses of the working draft (optionally one section only); with
    `texts=False` the clauses' texts are left out ("" each), for readers of the numbering."""
    query = (
        select(Section.id, Section.title, Clause.id, ClauseVersion.id,
               ClauseVersion.text if texts else literal(""),
               ClauseVersion.bracket_count, ClauseVersion.option_count, ClauseVersion.is_tombstone,
               ClauseVersion.title)
        .select_from(Section)
        .outerjoin(Clause, Clause.section_id == Section.id)
        .outerjoin(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
        .where(Section.document_id == document_id, Section.removed_at.is_(None))
        .order_by(Section.position, Clause.position)
    )
    if section_id is not None:
        query = query.where(Section.id == section_id)
    number = _live_clauses_before(document_id, section_id) if section_id is not None else 0
    section_number = _sections_before(document_id, section_id) if section_id is not None else 0
    sections: list[SectionRow] = []
    for sid, title, cid, vid, text, brackets, options, tombstone, clause_title in column_rows(query):
        if not sections or sections[-1].id != sid:
            section_number += 1
            sections.append(SectionRow(sid, title, section_number))
        if cid is None or (tombstone and not include_deleted):
            continue
        if not tombstone:
            number += 1
        sections[-1].clauses.append(ClauseRow(cid, vid, sid, None if tombstone else number, text,
                                              brackets, options, bool(tombstone), clause_title))
    return sections


def _live_clauses_before(document_id: int, section_id: int) -> int:
    section_position = select(Section.position).where(Section.id == section_id).scalar_subquery()
    return db.session.scalar(
        select(func.count()).select_from(Clause)
        .join(Section, Section.id == Clause.section_id)
        .join(ClauseVersion, and_(ClauseVersion.id == Clause.current_version_id,
                                  ClauseVersion.is_tombstone.is_(False)))
        .where(Section.document_id == document_id, Section.removed_at.is_(None),
               Section.position < section_position)) or 0


def _sections_before(document_id: int, section_id: int) -> int:
    section_position = select(Section.position).where(Section.id == section_id).scalar_subquery()
    return db.session.scalar(select(func.count()).select_from(Section).where(
        Section.document_id == document_id, Section.removed_at.is_(None), Section.position < section_position)) or 0


def clause_number(clause: Clause) -> int | None:
    """The clause's current number in the working draft (None if deleted)."""
    for section in working_outline(clause.document_id, section_id=clause.section_id):
        for row in section.clauses:
            if row.clause_id == clause.id:
                return row.number
    return None


def versions_of(clause_id: int) -> list[ClauseVersion]:
    return list(db.session.scalars(select(ClauseVersion).where(ClauseVersion.clause_id == clause_id)
                                   .order_by(ClauseVersion.seq.desc())))
