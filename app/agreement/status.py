"""The derived status of clauses and documents, computed set-wise from kept tallies.

A clause's *current version* is the one the latest circulated round pins: parties
agree what they were given, and a team edit not yet circulated tells them nothing.
A position counts only if it is the party's current one (`Position.current`: the
latest, and not lapsed by a reopening), was given on that version, and, when given by
agreeing a package, while the package agreement still holds.

- clause: agreed (every party's counted position is "agreed", no brackets are left and
  every authentic text is up to date), contested (brackets, a counted reservation, or an
  authentic text to be updated: drafting/languages.py), open.
- document: agreed when every clause of the latest round is agreed, the working draft
  is exactly that round, and for a UN-endorsed process no confirmed violation is open.

The per-clause counts are kept in `ClauseTally` (tallies.py) and read with the pins;
per-party positions are loaded only for the clauses or the party a page shows.
"""
from dataclasses import dataclass, field

from sqlalchemy import Select, String, and_, func, select, true, type_coerce

from ..database import column_rows
from ..drafting.models import Clause, ClauseVersion, Document
from ..extensions import db
from ..processes.models import Party, PartyKind
from ..rounds.models import Round, RoundPin
from ..rounds.queries import latest_round
from .models import ClauseTally, Conclusion, Package, PackageAgreement, PackageClause, Position, Stance

ALL = "all"


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


@dataclass
class DocumentStatus:
    document: Document
    round: Round | None
    parties: list
    clauses: list
    draft_matches_round: bool
    blocking_findings: int
    agreed: bool
    counts: dict
    matrix_loaded: bool = False         # every party's positions are in `clauses`
    all_agreed_by_all: bool = False     # before any filtering by section


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


AGREED, RESERVATION = Stance.agreed.value, Stance.reservation.value


def _counted(stance, version_id, pinned_version, agreement_id, holds) -> bool:
    return version_id == pinned_version and (agreement_id is None or holds.get(agreement_id, False))


def _clause_rows(round_: Round, only=None, pin_range: tuple[int, int] | None = None):
    """One row per pinned clause with its tallies of counted agreements and reservations
    given outside packages (package positions are few and added in Python); `only` some
    clauses, or those pinned at positions `pin_range` (first, last)."""
    return column_rows(
        select(RoundPin.clause_id, RoundPin.section_id, RoundPin.position, RoundPin.version_id,
               ClauseVersion.bracket_count, ClauseVersion.option_count, ClauseTally.agreed, ClauseTally.reserved)
        .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
        .outerjoin(ClauseTally, and_(ClauseTally.clause_id == RoundPin.clause_id,
                                     ClauseTally.version_id == RoundPin.version_id))
        .where(RoundPin.round_id == round_.id,
               RoundPin.clause_id.in_(list(only)) if only is not None else true(),
               RoundPin.position.between(*pin_range) if pin_range is not None else true())
        .order_by(RoundPin.position))


def current_positions(document_id: int, *, party_id=None, clause_ids=None, packaged_only=False) -> list:
    # The stance as its stored string: building 100,000 enum members costs more than the query.
    query = (select(Position.id, Position.clause_id, Position.party_id, Position.version_id,
                    type_coerce(Position.stance, String), Position.note, Position.on_behalf,
                    Position.package_agreement_id)
             .where(Position.document_id == document_id, Position.current.is_(True)))
    if party_id is not None:
        query = query.where(Position.party_id == party_id)
    if clause_ids is not None:      # ids, or a query selecting them
        query = query.where(Position.clause_id.in_(clause_ids if isinstance(clause_ids, Select)
                                                   else list(clause_ids)))
    if packaged_only:
        query = query.where(Position.package_agreement_id.is_not(None))
    return column_rows(query)


def document_status(document: Document, *, positions=None, clause_ids=None, team: bool = True,
                    partial: bool = False, pin_range: tuple[int, int, int] | None = None) -> DocumentStatus:
    """`positions`: None (counts only), ALL (every party's) or a party id (that party's),
    loaded for `clause_ids` only when given. `team=False` skips what only the team may
    know (the working draft's changes), which also saves a query. `partial` computes the
    given clauses only (a page of them): the document-wide fields are then not set.
    `pin_range` (round id, first, last position) says that those clauses are a run of
    that round, as on a page: if it is the latest round they are read by the indexed
    position, not by a thousand ids."""
    round_ = latest_round(document.id)
    parties = parties_of(document)
    party_ids = [p.id for p in parties]
    if round_ is None:
        return DocumentStatus(document, None, parties, [], False, 0, False, {"agreed": 0, "contested": 0, "open": 0})
    page = None
    if partial and clause_ids is not None and pin_range is not None and pin_range[0] == round_.id:
        page = pin_range[1:]
    rows = _clause_rows(round_, clause_ids if partial and page is None else None, page)
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
        if party_id in party_ids and _counted(stance, vid, pinned.get(cid), agreement, holds):
            bucket = extra_agreed if stance == AGREED else extra_reserved if stance == RESERVATION else None
            if bucket is not None:
                bucket[cid] = bucket.get(cid, 0) + 1
    loaded: dict = {}
    if positions is not None:
        for pid, cid, party_id, vid, stance, note, on_behalf, agreement in current_positions(
                document.id, party_id=None if positions == ALL else positions,
                clause_ids=clause_ids if page is None else select(RoundPin.clause_id).where(
                    RoundPin.round_id == round_.id, RoundPin.position.between(*page))):
            loaded.setdefault(cid, {})[party_id] = PartyPosition(
                stance, vid, _counted(stance, vid, pinned.get(cid), agreement, holds), note, on_behalf, pid)
    changed, added = _draft_changes(document, round_, clause_ids if partial else None) if team else (set(), 0)
    # Authentic texts to be updated: the clause is not agreed (nothing for one language).
    from ..drafting.languages import stale_in_round
    stale = stale_in_round(document, round_.id)
    clauses = []
    counts = {"agreed": 0, "contested": 0, "open": 0}
    n_parties = len(party_ids)
    for cid, sid, position, vid, brackets, options, agreed, reserved in rows:
        agreed = (agreed or 0) + extra_agreed.get(cid, 0)
        reserved = (reserved or 0) + extra_reserved.get(cid, 0)
        status = ("contested" if brackets or reserved or cid in stale else
                  "agreed" if n_parties and agreed == n_parties else "open")
        counts[status] += 1
        clauses.append(ClauseStatus(cid, sid, position + 1, vid, brackets, options, status, agreed,
                                    loaded.get(cid, {}), cid in changed, packages_of.get(cid, []),
                                    stale.get(cid, [])))
    draft_matches = not changed and not added
    text_agreed = not partial and bool(clauses) and counts["agreed"] == len(clauses) and draft_matches
    # Findings matter only once the text itself is agreed: skip the check otherwise.
    blocking = len(_blocking_findings(document)) if text_agreed and document.process.un_endorsed else 0
    return DocumentStatus(document, round_, parties, clauses, draft_matches, blocking, text_agreed and blocking == 0,
                          counts)


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


def agreed_by_section(round_: Round, party_ids: list[int]) -> list:
    """(section id, party id, clauses agreed on the pinned wording), for overviews."""
    return db.session.execute(
        select(RoundPin.section_id, Position.party_id, func.count())
        .join(Position, and_(Position.clause_id == RoundPin.clause_id, Position.version_id == RoundPin.version_id,
                             Position.current.is_(True), Position.stance == Stance.agreed))
        .where(RoundPin.round_id == round_.id, Position.party_id.in_(party_ids or [-1]))
        .group_by(RoundPin.section_id, Position.party_id)).all()


def _blocking_findings(document: Document) -> list:
    """The one place agreement asks compliance: confirmed violations on current wordings."""
    from ..compliance.queries import confirmed_violations
    return confirmed_violations(document)
