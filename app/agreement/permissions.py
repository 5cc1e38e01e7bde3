"""Who may learn what of the agreement, and act on it: the one place for positions,
the status and packages.

- The status of agreement (agreed or provisionally agreed clauses, counts, the NAUEA
  notice) is the team's and the parties'; observers read the circulated text and hear
  of the status only if the mediator shares it with them (`status_shared_with_observers`).
- The status matrix, when shared, shares each party's current position per clause: not
  who recorded it, not what it was before.
- What a party or observer sees of a package is computed from what it may see: a
  package is theirs only when every clause of it is in the latest circulated round.
  A package they cannot see does not exist for them (404 like a missing id), shows on
  no clause, and does not stop them agreeing a clause they can see.
"""
from sqlalchemy import select

from ..drafting.permissions import clause_access_or_404, document_access_or_404
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.models import Party
from ..processes.permissions import Access, can_set_position_for
from ..rounds.models import RoundPin
from ..rounds.queries import latest_round
from .models import Package, PackageClause, Position


def sees_agreement(access: Access) -> bool:
    """The status of agreement at all: every status page, endpoint and panel."""
    return not access.is_observer or access.process.status_shared_with_observers


def agreement_or_404(access: Access) -> None:
    if not sees_agreement(access):
        raise NotFound()


def position_clause_or_404(user, clause_id: int):
    """The checks every position address makes first, the HTML form's as the API's: the
    clause (circulated, for parties and observers), then whether the status is shared."""
    access, clause = clause_access_or_404(user, clause_id)
    agreement_or_404(access)
    return access, clause


def sees_team_status(access: Access) -> bool:
    """The real status (every party's reservations, the working draft's changes, the legal
    review): the team. Anyone else is shown its party view of the circulated text."""
    return access.is_team


def own_positions_party(access: Access) -> int | None:
    """The party whose positions decide what the caller is shown (None: the team's view)."""
    return access.party_id if access.party_id is not None and not access.is_team else None


def sees_look_again(access: Access) -> bool:
    """What its own lapsed agreements and reservations ask it to look at again: a delegate's."""
    return access.is_delegate


def may_record_positions(access: Access) -> bool:
    """Whether the round page offers position forms: delegates (their own party's) and the
    mediator (on a party's behalf)."""
    return access.is_delegate or access.is_mediator


def require_position_for(access: Access, party: Party) -> None:
    if access.is_system:        # a position is a party's word: never the server's own
        raise Forbidden("The system records no positions: a party's delegate, or the mediator on its "
                        "behalf, does.", code="system_no_position")
    if not can_set_position_for(access, party):
        # Another party's positions do not exist for a delegate; the team gets a reason.
        if access.is_team:
            raise Forbidden("Only the mediator records a position on a party's behalf.")
        raise NotFound()


def records_on_behalf(access: Access) -> bool:
    """A position recorded by anyone but the party's own delegate is on its behalf."""
    return not access.is_delegate


def team_action_or_404(access: Access) -> None:
    """Packages made or changed, conclusion and reopening, the convergence chart: the team's
    (who in the team may do each is the operation's check); for anyone else they do not exist."""
    if not access.is_team:
        raise NotFound()


def sees_convergence(access: Access) -> bool:
    return access.is_team


def convergence_or_404(access: Access) -> None:
    if not sees_convergence(access):
        raise NotFound()


def can_conclude(access: Access) -> bool:
    """Concluding and reopening a text: the mediator."""
    return access.is_mediator


def sees_matrix(access: Access) -> bool:
    """Every party's current position per clause."""
    return access.is_team or (access.process.status_matrix_shared and sees_agreement(access))


def sees_real_status(access: Access) -> bool:
    """Whether the caller is shown each clause's status as it is (contested by any party's
    reservation): the team, and a party or observer the matrix is shared with, who sees
    the reservations anyway. Otherwise a party's view is its own (visibility.party_view)."""
    return sees_matrix(access)


def sees_history_of(access: Access, party_id: int) -> str | None:
    """How much of a party's positions on a clause the caller may read: "all" (the team,
    the party itself), "current" (another party's, when the matrix is shared), or None."""
    if access.is_team or (access.party_id is not None and party_id == access.party_id and sees_agreement(access)):
        return "all"
    return "current" if sees_matrix(access) else None


def sees_confirmation_of(access: Access, party_id: int) -> bool:
    """Whether an agreement ad referendum awaits confirmation, was confirmed or is overdue:
    the team's and the party's own business, never another party's."""
    return sees_history_of(access, party_id) == "all"


def position_or_404(user, position_id: int):
    """A position named by its id, for those who read its party's history in full; any
    other answers as a missing one."""
    position = db.session.get(Position, position_id) if isinstance(position_id, int) else None
    if position is None:
        raise NotFound()
    access, clause = position_clause_or_404(user, position.clause_id)
    if not sees_confirmation_of(access, position.party_id):
        raise NotFound()
    return access, position


def party_or_404(access: Access, slug: str) -> Party:
    """A party named in an address: the team's, the caller's own, or any when the matrix
    is shared; any other answers as a missing one."""
    party = db.session.scalar(select(Party).where(Party.process_id == access.process.id, Party.slug == slug))
    if party is None or not (access.is_team or party.id == access.party_id or sees_matrix(access)):
        raise NotFound()
    return party


def _pinned_in_latest(document_id: int, clause_ids) -> set[int]:
    round_ = latest_round(document_id)
    if round_ is None or not clause_ids:
        return set()
    return set(db.session.scalars(select(RoundPin.clause_id).where(
        RoundPin.round_id == round_.id, RoundPin.clause_id.in_(list(clause_ids)))))


def visible_packages(access: Access, document_id: int) -> list[Package]:
    packages = list(db.session.scalars(select(Package).where(Package.document_id == document_id)
                                       .order_by(Package.id)))
    if access.is_team:
        return packages
    pinned = _pinned_in_latest(document_id, {cid for p in packages for cid in p.clause_ids})
    return [p for p in packages if set(p.clause_ids) <= pinned]


def visible_package_ids(access: Access, document_id: int) -> set[int] | None:
    """None: every package (the team)."""
    return None if access.is_team else {p.id for p in visible_packages(access, document_id)}


def can_see_package(access: Access, package: Package) -> bool:
    if access.is_team:
        return True
    ids = set(package.clause_ids)
    return bool(ids) and _pinned_in_latest(package.document_id, ids) == ids


def package_or_404(user, package_id: int) -> tuple[Access, Package]:
    """Checks in the order of a document's: the package, its process, then whether the
    caller may see it; every refusal answers as a missing id."""
    package = db.session.get(Package, package_id) if isinstance(package_id, int) else None
    if package is None:
        raise NotFound()
    access, _ = document_access_or_404(user, package.document_id)
    if not can_see_package(access, package):
        raise NotFound()
    return access, package


def binding_packages(access: Access, clause) -> list[int]:
    """The packages that hold the clause, as far as the caller may see them: a clause in
    one of these is agreed only by agreeing its package."""
    ids = list(db.session.scalars(select(PackageClause.package_id).where(PackageClause.clause_id == clause.id)))
    if not ids or access.is_team:
        return ids
    visible = visible_package_ids(access, clause.document_id)
    return [i for i in ids if i in visible]
