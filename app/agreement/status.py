"""The derived status of clauses and documents: never stored, computed set-wise.

A clause's *current version* is the one the latest circulated round pins: parties
agree what they were given, and a team edit not yet circulated tells them nothing.
A position counts only if it was given on that version, after the latest reopening,
and (when given by agreeing a package) while the package agreement still holds.

- clause: agreed (every party's counted position is "agreed" and no brackets are left),
  contested (brackets, or a counted reservation), open.
- document: agreed when every clause of the latest round is agreed, the working draft
  is exactly that round, and for a UN-endorsed process no confirmed violation is open.

Five queries whatever the size of the text; the rest is dictionary work.
"""
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..drafting.models import Clause, ClauseVersion, Document
from ..extensions import db
from ..processes.models import Party, PartyKind
from ..rounds.models import Round, RoundPin
from ..rounds.queries import latest_round
from .models import Conclusion, Package, PackageAgreement, PackageClause, Position, Stance


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
    positions: dict = field(default_factory=dict)   # party_id -> PartyPosition (latest, even lapsed)
    changed_in_draft: bool = False                  # the team has edited it since circulation
    package_ids: list = field(default_factory=list)


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


def position_floor(document_id: int) -> int:
    """Positions with ids up to this were given before the latest reopening: lapsed."""
    return db.session.scalar(select(func.coalesce(func.max(Conclusion.last_position_id), 0))
                             .where(Conclusion.document_id == document_id, Conclusion.action == "reopened"))


def latest_positions(document_id: int, floor: int) -> list[Position]:
    newest = (select(func.max(Position.id)).where(Position.document_id == document_id, Position.id > floor)
              .group_by(Position.clause_id, Position.party_id))
    return list(db.session.scalars(select(Position).where(Position.id.in_(newest))))


def _pins(round_: Round) -> list[tuple]:
    return db.session.execute(
        select(RoundPin.clause_id, RoundPin.section_id, RoundPin.position, RoundPin.version_id,
               ClauseVersion.bracket_count, ClauseVersion.option_count)
        .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
        .where(RoundPin.round_id == round_.id).order_by(RoundPin.position)).all()


def package_state(document_id: int, pinned: dict) -> tuple[dict, dict]:
    """({package_id: [clause ids]}, {package_agreement_id: holds?})."""
    members: dict = {}
    for package_id, clause_id in db.session.execute(
            select(PackageClause.package_id, PackageClause.clause_id).join(Package)
            .where(Package.document_id == document_id)):
        members.setdefault(package_id, []).append(clause_id)
    holds = {}
    for agreement in db.session.scalars(select(PackageAgreement).join(Package)
                                        .where(Package.document_id == document_id)):
        current = {str(cid): pinned.get(cid) for cid in members.get(agreement.package_id, [])}
        holds[agreement.id] = current == {k: v for k, v in agreement.versions.items()}
    return members, holds


def parties_of(document: Document) -> list[Party]:
    return [p for p in document.process.parties if p.kind == PartyKind.party]


def _derive(brackets: int, positions: dict, party_ids: list[int]) -> str:
    counted = [p.stance for p in positions.values() if p.counts]
    if brackets or Stance.reservation.value in counted:
        return "contested"
    if party_ids and all(positions.get(pid) is not None and positions[pid].counts
                         and positions[pid].stance == Stance.agreed.value for pid in party_ids):
        return "agreed"
    return "open"


def document_status(document: Document) -> DocumentStatus:
    round_ = latest_round(document.id)
    parties = parties_of(document)
    party_ids = [p.id for p in parties]
    if round_ is None:
        return DocumentStatus(document, None, parties, [], False, 0, False,
                              {"agreed": 0, "contested": 0, "open": 0})
    pins = _pins(round_)
    pinned = {cid: vid for cid, _, _, vid, _, _ in pins}
    members, holds = package_state(document.id, pinned)
    packages_of: dict = {}
    for package_id, cids in members.items():
        for cid in cids:
            packages_of.setdefault(cid, []).append(package_id)
    by_clause: dict = {}
    for p in latest_positions(document.id, position_floor(document.id)):
        counts = p.version_id == pinned.get(p.clause_id) and (
            p.package_agreement_id is None or holds.get(p.package_agreement_id, False))
        by_clause.setdefault(p.clause_id, {})[p.party_id] = PartyPosition(
            p.stance.value, p.version_id, counts, p.note, p.on_behalf, p.id)
    working = dict(db.session.execute(
        select(Clause.id, Clause.current_version_id).join(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
        .where(Clause.document_id == document.id, ClauseVersion.is_tombstone.is_(False))).all())
    clauses = []
    counts = {"agreed": 0, "contested": 0, "open": 0}
    for cid, sid, position, vid, brackets, options in pins:
        positions = by_clause.get(cid, {})
        status = _derive(brackets, positions, party_ids)
        counts[status] += 1
        clauses.append(ClauseStatus(cid, sid, position + 1, vid, brackets, options, status, positions,
                                    working.get(cid) != vid, packages_of.get(cid, [])))
    draft_matches = working == pinned
    text_agreed = bool(clauses) and counts["agreed"] == len(clauses) and draft_matches
    # Findings matter only once the text itself is agreed: skip the check otherwise.
    blocking = len(_blocking_findings(document)) if text_agreed and document.process.un_endorsed else 0
    agreed = text_agreed and blocking == 0
    return DocumentStatus(document, round_, parties, clauses, draft_matches, blocking, agreed, counts)


def _blocking_findings(document: Document) -> list:
    """The one place agreement asks compliance: confirmed violations on current wordings."""
    from ..compliance.queries import confirmed_violations
    return confirmed_violations(document)
