"""The search itself: one SQL query counts and ranks what the caller may read, then the
page's few results are read in full.

The candidates of each kind (clause wordings, submissions, notes) are selected with
their visibility (permissions.py) and the filters in their WHERE clauses, joined by
UNION ALL, then counted and ordered by rank: nothing the caller may not read is ever
counted, ranked or cut to a page.

Ranks: PostgreSQL's `ts_rank` reads each row's own vector (term frequency and proximity),
nothing of other rows. SQLite's `bm25` weighs terms by how rare they are over the whole
index, hidden rows included (see SECURITY.md, known gaps: it can nudge the order of what
a party reads, never which rows or how many). Equal ranks go newest first.

A clause wording is one result however many rounds carried it (`rounds` lists them); it
is shown where the filter asks, else in the working draft (team) or the latest round
that carried it.
"""
from dataclasses import dataclass, field

from flask import url_for

from ..public_ids import encode
from sqlalchemy import and_, exists, func, literal, literal_column, or_, select, table, union_all

from ..comments.models import InternalNote, Kind, Submission
from ..database import column_rows
from ..drafting.models import Clause, ClauseVersion, Document, Section
from ..extensions import db
from ..processes.permissions import Access
from ..rounds.links import clause_link
from ..rounds.models import Round, RoundPin, RoundSection
from . import permissions
from .terms import Query, snippet

RESULT_KINDS = ("clause", "submission", "note")
SUBMISSION_KINDS = tuple(k.value for k in Kind)
KINDS = RESULT_KINDS + SUBMISSION_KINDS
DRAFT = "draft"


@dataclass(frozen=True)
class Filters:
    document_id: int | None = None
    round: int | str | None = None          # a round number, DRAFT, or None for all
    section_id: int | None = None
    kinds: frozenset = frozenset()          # of KINDS; empty: everything

    def wants(self, kind: str) -> bool:
        if not self.kinds or kind in self.kinds:
            return True
        return kind == "submission" and bool(self.kinds & set(SUBMISSION_KINDS))

    def submission_kinds(self) -> list[str] | None:
        if not self.kinds or "submission" in self.kinds:
            return None
        return [k for k in SUBMISSION_KINDS if k in self.kinds]


@dataclass
class Result:
    kind: str
    id: int | str                 # version id, or the submission's / note's public id
    document_id: int
    document_title: str
    clause_id: int
    number: int | None
    section_id: int | None
    section_title: str | None
    round: int | None             # where it is shown: a round, or None for the working draft
    snippet: str
    highlights: list
    url: str
    title: str | None = None
    rounds: list[int] = field(default_factory=list)
    in_working_draft: bool = False
    submission_kind: str | None = None
    status: str | None = None
    party: str | None = None


@dataclass
class Page:
    query: Query
    total: int
    offset: int
    limit: int
    results: list[Result]


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _matching(select_, model, query: Query):
    """`select_` (over `model`'s table) narrowed to rows matching the query, and their score
    (higher is better)."""
    name = model.__tablename__
    if _dialect() == "postgresql":
        vector = literal_column(f"{name}.search_vector")
        tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), query.tsquery())
        return select_.where(vector.op("@@")(tsquery)), func.ts_rank(vector, tsquery)
    fts = f"search_{name}"
    hits = (select(literal_column("rowid").label("id"), literal_column("-rank").label("score"))
            .select_from(table(fts)).where(literal_column(fts).match(query.fts5())).subquery())
    return select_.join(hits, hits.c.id == model.id), hits.c.score


SET_FROM = 3000      # matching wordings from which the carried ones are read as one set (SQLite)


def _fts_count(model, query: Query) -> int:
    fts = f"search_{model.__tablename__}"
    return column_rows(select(func.count()).select_from(table(fts))
                       .where(literal_column(fts).match(query.fts5())))[0][0]


def _clause_candidates(accesses, query: Query, f: Filters):
    cv, c = ClauseVersion, Clause
    base = (select(cv.id).select_from(cv).join(c, c.id == cv.clause_id)
            .join(Document, Document.id == c.document_id).join(Section, Section.id == c.section_id)
            .where(cv.is_tombstone.is_(False)))
    if f.document_id is not None:
        base = base.where(c.document_id == f.document_id)
    in_draft = and_(permissions.draft_scope(accesses), c.current_version_id == cv.id,
                    Section.removed_at.is_(None),
                    *([c.section_id == f.section_id] if f.section_id is not None else []))
    # The wordings the rounds carried. For a word in thousands of wordings, one
    # uncorrelated set (the pins of the processes' rounds, built once); for a rarer one,
    # the probes, where building the set would cost more than they do (the figures are in
    # docs/performance.md, "Measurements behind the code"). SQLite needs telling;
    # PostgreSQL's planner makes the same choice itself.
    rounds = select(Document.id).where(permissions.rounds_scope(accesses))
    if _dialect() == "sqlite" and _fts_count(cv, query) < SET_FROM:
        pinned = (select(RoundPin.clause_id).join(Round, Round.id == RoundPin.round_id)
                  .where(Round.document_id == c.document_id, RoundPin.clause_id == cv.clause_id,
                         RoundPin.version_id == cv.id, Round.document_id.in_(rounds)))
        condition = exists
    else:
        pinned = (select(RoundPin.version_id).join(Round, Round.id == RoundPin.round_id)
                  .where(Round.document_id.in_(rounds)))
        if f.document_id is not None:
            pinned = pinned.where(Round.document_id == f.document_id)
        condition = cv.id.in_
    if isinstance(f.round, int):
        pinned = pinned.where(Round.number == f.round)
    if f.section_id is not None:
        pinned = pinned.where(RoundPin.section_id == f.section_id)
    in_rounds = condition(pinned)
    where = in_draft if f.round == DRAFT else in_rounds if f.round is not None else or_(in_draft, in_rounds)
    matched, score = _matching(base.where(where), cv, query)
    return matched.with_only_columns(literal("clause").label("kind"), cv.id.label("ref"), score.label("score"))


def _submission_candidates(accesses, query: Query, f: Filters):
    s = Submission
    base = (select(s.id).select_from(s).join(Round, Round.id == s.round_id)
            .join(Document, Document.id == Round.document_id)
            .where(permissions.submissions_scope(accesses)))
    if f.document_id is not None:
        base = base.where(Round.document_id == f.document_id)
    if isinstance(f.round, int):
        base = base.where(Round.number == f.round)
    if f.section_id is not None:
        base = base.where(exists(select(RoundPin.clause_id).where(
            RoundPin.round_id == s.round_id, RoundPin.clause_id == s.clause_id,
            RoundPin.section_id == f.section_id)))
    kinds = f.submission_kinds()
    if kinds is not None:
        base = base.where(s.kind.in_([Kind(k) for k in kinds]))
    matched, score = _matching(base, s, query)
    return matched.with_only_columns(literal("submission").label("kind"), s.id.label("ref"), score.label("score"))


def _note_candidates(accesses, query: Query, f: Filters):
    n = InternalNote
    base = (select(n.id).select_from(n).join(Clause, Clause.id == n.clause_id)
            .join(Document, Document.id == Clause.document_id)
            .where(permissions.notes_scope(accesses)))
    if f.document_id is not None:
        base = base.where(Clause.document_id == f.document_id)
    if f.section_id is not None:
        base = base.where(Clause.section_id == f.section_id)
    matched, score = _matching(base, n, query)
    return matched.with_only_columns(literal("note").label("kind"), n.id.label("ref"), score.label("score"))


def search(accesses: list[Access], query: Query, filters: Filters, *, limit: int = 20, offset: int = 0) -> Page:
    parts = []
    if filters.wants("clause"):
        parts.append(_clause_candidates(accesses, query, filters))
    if filters.wants("submission") and filters.round != DRAFT:
        parts.append(_submission_candidates(accesses, query, filters))
    if filters.wants("note") and not isinstance(filters.round, int):
        parts.append(_note_candidates(accesses, query, filters))
    if not parts or not accesses:
        return Page(query, 0, offset, limit, [])
    found = union_all(*parts).subquery()
    # One pass: the page and, beside each row, the count of every row (visible ones only).
    paged = column_rows(select(found.c.kind, found.c.ref, func.count().over().label("total")).order_by(
        found.c.score.desc(), found.c.ref.desc(), found.c.kind).limit(limit).offset(offset))
    if paged:
        total = paged[0][2]
    else:       # nothing, or a page beyond the last
        total = column_rows(select(func.count()).select_from(found))[0][0] if offset else 0
    rows = [(kind, ref) for kind, ref, _ in paged]
    by_process = {a.process.id: a for a in accesses}
    readers = {"clause": _clause_results, "submission": _submission_results, "note": _note_results}
    built: dict = {}
    for kind, reader in readers.items():
        ids = [ref for k, ref in rows if k == kind]
        if ids:
            built.update({(kind, r_id): r for r_id, r in reader(by_process, query, filters, ids).items()})
    return Page(query, total, offset, limit, [built[(k, ref)] for k, ref in rows])


# --- reading the page's results in full -------------------------------------------------

class _DraftNumbers:
    """Clause numbers in the working draft, read once per document for a page of results
    (one ordered read of the live clauses' ids instead of a count per result)."""

    def __init__(self):
        self.by_document: dict[int, dict[int, int]] = {}

    def __call__(self, document_id: int, clause_id: int) -> int | None:
        if document_id not in self.by_document:
            ids = column_rows(
                select(Clause.id).join(Section, Section.id == Clause.section_id)
                .join(ClauseVersion, and_(ClauseVersion.id == Clause.current_version_id,
                                          ClauseVersion.is_tombstone.is_(False)))
                .where(Section.document_id == document_id, Section.removed_at.is_(None))
                .order_by(Section.position, Clause.position))
            self.by_document[document_id] = {cid: n for n, (cid,) in enumerate(ids, start=1)}
        return self.by_document[document_id].get(clause_id)


def _draft_url(document_id: int, section_id: int, clause_id: int) -> str:
    return (url_for("drafting.document", document_id=document_id, section=encode("section", section_id))
            + f"#clause-{encode('clause', clause_id)}")


def _pins(clause_ids, document_ids) -> dict:
    """(clause_id, version_id) -> [(round, pin)] of the rounds that carried that wording."""
    rows = db.session.execute(
        select(Round, RoundPin).join(RoundPin, RoundPin.round_id == Round.id)
        .where(Round.document_id.in_(list(document_ids)), RoundPin.clause_id.in_(list(clause_ids)))
        .order_by(Round.number)).all()
    out: dict = {}
    for round_, pin in rows:
        out.setdefault((pin.clause_id, pin.version_id), []).append((round_, pin))
    return out


def _round_section_title(round_id: int, section_id: int) -> str | None:
    row = db.session.get(RoundSection, (round_id, section_id))
    return row.title if row else None


def _clause_results(by_process, query, f: Filters, ids) -> dict:
    rows = db.session.execute(select(ClauseVersion, Clause, Document)
                              .join(Clause, Clause.id == ClauseVersion.clause_id)
                              .join(Document, Document.id == Clause.document_id)
                              .where(ClauseVersion.id.in_(ids))).all()
    pins = _pins({c.id for _, c, _ in rows}, {d.id for _, _, d in rows})
    draft_number = _DraftNumbers()
    out = {}
    for version, clause, document in rows:
        access = by_process[document.process_id]
        carried = pins.get((clause.id, version.id), [])
        section = db.session.get(Section, clause.section_id)
        in_draft = (permissions.finds_working_draft(access) and clause.current_version_id == version.id
                    and section.removed_at is None)
        chosen = None
        if isinstance(f.round, int):
            chosen = next(((r, p) for r, p in carried if r.number == f.round), None)
        elif not (in_draft and f.round in (DRAFT, None) and permissions.finds_working_draft(access)) and carried:
            chosen = carried[-1]
        if chosen is not None:
            round_, pin = chosen
            number, section_id, round_number = pin.position + 1, pin.section_id, round_.number
            section_title, url = _round_section_title(round_.id, pin.section_id), clause_link(round_, clause.id)
        else:
            number, section_id, round_number = draft_number(document.id, clause.id), clause.section_id, None
            section_title, url = section.title, _draft_url(document.id, clause.section_id, clause.id)
        text = (version.title + "\n" if version.title else "") + version.text
        passage, marks = snippet(query, text)
        out[version.id] = Result(
            "clause", version.id, document.id, document.title, clause.id, number, section_id, section_title,
            round_number, passage, marks, url, title=version.title,
            rounds=[r.number for r, _ in carried], in_working_draft=in_draft)
    return out


def _submission_results(by_process, query, f: Filters, ids) -> dict:
    rows = db.session.execute(select(Submission, Round, Document)
                              .join(Round, Round.id == Submission.round_id)
                              .join(Document, Document.id == Round.document_id)
                              .where(Submission.id.in_(ids))).all()
    out = {}
    for submission, round_, document in rows:
        access = by_process[document.process_id]
        pin = db.session.get(RoundPin, (round_.id, submission.clause_id))
        own = submission.party_id == access.party_id
        party = (submission.party.name if permissions.sees_party_names_of_all(access) or own
                 else "Another party")
        text = submission.body + (f"\nProposed wording: {submission.proposed_text}"
                                  if submission.proposed_text else "")
        passage, marks = snippet(query, text)
        out[submission.id] = Result(
            "submission", submission.public_id, document.id, document.title, submission.clause_id,
            pin.position + 1 if pin else None, pin.section_id if pin else None,
            _round_section_title(round_.id, pin.section_id) if pin else None, round_.number,
            passage, marks, clause_link(round_, submission.clause_id),
            submission_kind=submission.kind.value, status=submission.status.value, party=party)
    return out


def _note_results(by_process, query, f: Filters, ids) -> dict:
    rows = db.session.execute(select(InternalNote, Clause, Document)
                              .join(Clause, Clause.id == InternalNote.clause_id)
                              .join(Document, Document.id == Clause.document_id)
                              .where(InternalNote.id.in_(ids))).all()
    draft_number = _DraftNumbers()
    out = {}
    for note, clause, document in rows:
        section = db.session.get(Section, clause.section_id)
        passage, marks = snippet(query, note.body)
        out[note.id] = Result(
            "note", note.public_id, document.id, document.title, clause.id, draft_number(document.id, clause.id),
            clause.section_id, section.title, None, passage, marks,
            _draft_url(document.id, clause.section_id, clause.id))
    return out
