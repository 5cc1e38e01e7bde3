"""The derived status of clauses and documents, read set-wise from kept tallies.

A clause's *current version* is the one the latest circulated round pins: parties
agree what they were given, and a team edit not yet circulated tells them nothing.
When a position counts and what status a clause has is rule.py's, stated once.

- `document_status`: the whole document (counts, agreed?, the working draft compared,
  the legal review), with positions loaded for whom and which clauses are asked.
- `clauses_status`: some clauses only (a page, a workbench view): no document-wide field.
- a clause with an authentic text to be updated (drafting/languages.py) is contested.
- a document is agreed when every clause of the latest round is agreed, the working draft
  is exactly that round, and for a UN-endorsed process no confirmed violation is open.

The per-clause counts are kept in `ClauseTally` (tallies.py) and read with the pins;
per-party positions are loaded only for the clauses or the party a page shows.
"""
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Select, String, and_, func, select, true, type_coerce

from ..compliance.refresh import confirmed_violations
from ..database import column_rows
from ..rounds.queries import stale_in_round
from ..drafting.models import Clause, ClauseVersion, Document
from ..extensions import db
from ..processes.models import Party, PartyKind
from ..rounds.models import Round, RoundPin
from ..rounds.queries import latest_round
from .models import ClauseTally, Conclusion, Package, PackageAgreement, PackageClause, Position
from .rule import AGREEMENT, RESERVATION, STATUSES, clause_status, counts

ALL = "all"     # positions_of: every party's (else None, nobody's, or a party id)


@dataclass
class PartyPosition:
    stance: str
    version_id: int
    counts: bool            # given on the current wording and not lapsed
    note: str | None
    on_behalf: bool
    position_id: int


@dataclass
class ClauseStatus:
    clause_id: int
    section_id: int
    number: int
    version_id: int
    brackets: int
    options: int
    status: str                                     # agreed | contested | open
    agreed_parties: int = 0
    positions: dict = field(default_factory=dict)   # party_id -> PartyPosition, when loaded
    changed_in_draft: bool = False                  # the team has edited it since circulation
    package_ids: list = field(default_factory=list)
    # The authentic languages whose text is to be updated (issue #22): not agreed while any.
    stale_languages: list = field(default_factory=list)


@dataclass(kw_only=True)
class ClausesStatus:
    """Some clauses of the latest round (`clauses_status`)."""
    document: Document
    round: Round | None
    parties: list
    clauses: list
    matrix_loaded: bool = False         # every party's positions are in `clauses`


@dataclass(kw_only=True)
class DocumentStatus(ClausesStatus):
    """The whole document (`document_status`)."""
    draft_matches_round: bool
    blocking_findings: int
    agreed: bool
    counts: dict
    all_agreed_by_all: bool = False     # before any filtering by section


class PinRun(NamedTuple):
    """Clauses pinned at positions first..last of a round: a page, read by the indexed
    position rather than by a thousand ids."""
    round_id: int
    first: int
    last: int


class PinnedRow(NamedTuple):        # the shape of _clause_rows' rows
    clause_id: int
    section_id: int
    position: int
    version_id: int
    brackets: int
    options: int
    agreed: int | None
    reserved: int | None


class PositionRow(NamedTuple):      # the shape of current_positions' rows
    id: int
    clause_id: int
    party_id: int
    version_id: int
    stance: str
    note: str | None
    on_behalf: bool
    package_agreement_id: int | None


def position_floor(document_id: int) -> int:
    """Positions with ids up to this were given before the latest reopening: lapsed."""
    return db.session.scalar(select(func.coalesce(func.max(Conclusion.last_position_id), 0))
                             .where(Conclusion.document_id == document_id, Conclusion.action == "reopened"))


def parties_of(document: Document) -> list[Party]:
    return [p for p in document.process.parties if p.kind == PartyKind.party]


def package_state(document_id: int, pinned_of) -> tuple[dict, dict]:
    """({package_id: [clause ids]}, {package_agreement_id: holds?}); `pinned_of(ids)`
    gives the pinned version of each clause id asked."""
    members: dict = {}
    for package_id, clause_id in db.session.execute(
            select(PackageClause.package_id, PackageClause.clause_id).join(Package)
            .where(Package.document_id == document_id)):
        members.setdefault(package_id, []).append(clause_id)
    agreements = list(db.session.scalars(select(PackageAgreement).join(Package)
                                         .where(Package.document_id == document_id)))
    pinned = pinned_of({cid for cids in members.values() for cid in cids}) if agreements else {}
    holds = {}
    for agreement in agreements:
        current = {str(cid): pinned.get(cid) for cid in members.get(agreement.package_id, [])}
        holds[agreement.id] = current == dict(agreement.versions)
    return members, holds


def _clause_rows(round_: Round, only=None, run: PinRun | None = None) -> list:
    """One PinnedRow per pinned clause with its tallies of counted agreements and
    reservations given outside packages (package positions are few and added in Python);
    `only` some clauses, or those of the `run`."""
    return column_rows(
        select(RoundPin.clause_id, RoundPin.section_id, RoundPin.position, RoundPin.version_id,
               ClauseVersion.bracket_count, ClauseVersion.option_count, ClauseTally.agreed, ClauseTally.reserved)
        .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
        .outerjoin(ClauseTally, and_(ClauseTally.clause_id == RoundPin.clause_id,
                                     ClauseTally.version_id == RoundPin.version_id))
        .where(RoundPin.round_id == round_.id,
               RoundPin.clause_id.in_(list(only)) if only is not None else true(),
               RoundPin.position.between(run.first, run.last) if run is not None else true())
        .order_by(RoundPin.position))


def current_positions(document_id: int, *, party_id=None, clause_ids=None, packaged_only=False) -> list:
    """PositionRows of the current positions, of one party, of some clauses (ids or a
    query selecting them), or only those given through packages."""
    # The stance as its stored string: building 100,000 enum members costs more than the query.
    query = (select(Position.id, Position.clause_id, Position.party_id, Position.version_id,
                    type_coerce(Position.stance, String), Position.note, Position.on_behalf,
                    Position.package_agreement_id)
             .where(Position.document_id == document_id, Position.current.is_(True)))
    if party_id is not None:
        query = query.where(Position.party_id == party_id)
    if clause_ids is not None:
        query = query.where(Position.clause_id.in_(clause_ids if isinstance(clause_ids, Select)
                                                   else list(clause_ids)))
    if packaged_only:
        query = query.where(Position.package_agreement_id.is_not(None))
    return column_rows(query)


def _no_counts() -> dict:
    return {s: 0 for s in STATUSES}


def document_status(document: Document, *, positions_of=None, position_clauses=None,
                    team: bool = True) -> DocumentStatus:
    """The whole document's status. `positions_of`: None (counts only), ALL (every
    party's) or a party id (that party's), loaded for `position_clauses` only when given.
    `team=False` skips what only the team may know (the working draft's changes), which
    also saves a query."""
    round_ = latest_round(document.id)
    parties = parties_of(document)
    if round_ is None:
        return DocumentStatus(document=document, round=None, parties=parties, clauses=[], draft_matches_round=False,
                              blocking_findings=0, agreed=False, counts=_no_counts())
    clauses = _statuses(document, round_, parties, _clause_rows(round_), positions_of, position_clauses)
    changed, added = _draft_changes(document, round_) if team else (set(), 0)
    for c in clauses:
        c.changed_in_draft = c.clause_id in changed
    tally = _no_counts()
    for c in clauses:
        tally[c.status] += 1
    draft_matches = not changed and not added
    text_agreed = bool(clauses) and tally["agreed"] == len(clauses) and draft_matches
    # Findings matter only once the text itself is agreed: skip the check otherwise.
    blocking = len(_blocking_findings(document)) if text_agreed and document.process.un_endorsed else 0
    return DocumentStatus(document=document, round=round_, parties=parties, clauses=clauses,
                          draft_matches_round=draft_matches, blocking_findings=blocking,
                          agreed=text_agreed and blocking == 0, counts=tally)


def clauses_status(document: Document, clause_ids, *, positions_of=None, team: bool = True,
                   run: PinRun | None = None) -> ClausesStatus:
    """The given clauses of the latest round, with positions loaded as document_status
    does. `run` says that they are a run of positions of a round, as on a page: if it is
    the latest round they are read by the indexed position, not by a thousand ids."""
    round_ = latest_round(document.id)
    parties = parties_of(document)
    if round_ is None:
        return ClausesStatus(document=document, round=None, parties=parties, clauses=[])
    if run is not None and run.round_id == round_.id:
        rows = _clause_rows(round_, run=run)
        position_clauses = select(RoundPin.clause_id).where(RoundPin.round_id == round_.id,
                                                            RoundPin.position.between(run.first, run.last))
    else:
        rows = _clause_rows(round_, only=clause_ids)
        position_clauses = clause_ids
    clauses = _statuses(document, round_, parties, rows, positions_of, position_clauses,
                        stale_of=position_clauses)
    if team:
        changed, _ = _draft_changes(document, round_, clause_ids)
        for c in clauses:
            c.changed_in_draft = c.clause_id in changed
    return ClausesStatus(document=document, round=round_, parties=parties, clauses=clauses)


def _statuses(document: Document, round_: Round, parties: list, rows: list, positions_of,
              position_clauses, *, stale_of=None) -> list[ClauseStatus]:
    """The ClauseStatus of each pinned row: its kept tallies plus the counted positions
    given through packages, and the positions asked for. `stale_of`: the clauses (ids or
    a query of them) whose texts to be updated are read; None for the whole round."""
    party_ids = {p.id for p in parties}
    pinned = {r[0]: r[3] for r in rows}
    members, holds = package_state(document.id, lambda ids: {cid: pinned.get(cid) for cid in ids})
    packages_of: dict = {}
    for package_id, cids in members.items():
        for cid in cids:
            packages_of.setdefault(cid, []).append(package_id)
    extra_agreed: dict = {}
    extra_reserved: dict = {}
    packaged = current_positions(document.id, packaged_only=True) if holds else []   # none without agreements
    for _, cid, party_id, vid, stance, _, _, agreement in packaged:
        if party_id in party_ids and counts(vid, pinned.get(cid), agreement, holds):
            bucket = extra_agreed if stance == AGREEMENT else extra_reserved if stance == RESERVATION else None
            if bucket is not None:
                bucket[cid] = bucket.get(cid, 0) + 1
    loaded: dict = {}
    if positions_of is not None:
        for pid, cid, party_id, vid, stance, note, on_behalf, agreement in current_positions(
                document.id, party_id=None if positions_of == ALL else positions_of, clause_ids=position_clauses):
            loaded.setdefault(cid, {})[party_id] = PartyPosition(
                stance, vid, counts(vid, pinned.get(cid), agreement, holds), note, on_behalf, pid)
    # Authentic texts to be updated: the clause is not agreed (nothing for one language).
    stale = stale_in_round(document, round_.id, clause_ids=stale_of)
    n_parties = len(party_ids)
    clauses = []
    for cid, sid, position, vid, brackets, options, agreed, reserved in rows:
        agreed = (agreed or 0) + extra_agreed.get(cid, 0)
        reserved = (reserved or 0) + extra_reserved.get(cid, 0)
        clauses.append(ClauseStatus(clause_id=cid, section_id=sid, number=position + 1, version_id=vid,
                                    brackets=brackets, options=options,
                                    status=clause_status(brackets, agreed, reserved, n_parties, stale=cid in stale),
                                    agreed_parties=agreed, positions=loaded.get(cid, {}),
                                    package_ids=packages_of.get(cid, []),
                                    stale_languages=stale.get(cid, [])))
    return clauses


def _draft_changes(document: Document, round_: Round, only=None) -> tuple[set[int], int]:
    """(pinned clauses the working draft has changed or deleted since the round, live
    clauses it has added): two queries that return only what differs."""
    moved_on = select(RoundPin.clause_id).join(Clause, Clause.id == RoundPin.clause_id).where(
        RoundPin.round_id == round_.id, Clause.current_version_id != RoundPin.version_id)
    if only is not None:
        moved_on = moved_on.where(RoundPin.clause_id.in_(list(only)))
    pinned = select(RoundPin.clause_id).where(RoundPin.round_id == round_.id)
    added = db.session.scalar(
        select(func.count()).select_from(Clause).join(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
        .where(Clause.document_id == document.id, ClauseVersion.is_tombstone.is_(False), Clause.id.not_in(pinned)))
    return set(db.session.scalars(moved_on)), added


def _blocking_findings(document: Document) -> list:
    """The one place agreement asks compliance: confirmed violations on current wordings."""
    return confirmed_violations(document)
