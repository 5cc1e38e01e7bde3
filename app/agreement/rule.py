"""The status rule, stated once: when a position counts, and when a clause is agreed,
contested or open. Each rule has a Python twin (on loaded values) and an SQL twin (a
builder over column expressions, for the kept tallies and the summary's grouped count);
tests/agreement/test_rule_property.py holds each pair together over random position sets.
Every other module asks these functions; the one frozen copy is the migration that
first filled `clause_tallies` (migrations must not import app code).

- A position *counts* when it is the party's current one (`Position.current`), was given
  on the wording the latest round pins, and, when given by agreeing a package, while that
  package agreement still holds. The kept tallies count the plain ones only (a package
  agreement's holding is worked out when the status is read).
- A clause is *contested* when its pinned wording has brackets or a counted reservation
  or an authentic text of it is to be updated (issue #22; the SQL twins leave that to
  the Python path, which the summary takes for the few such clauses),
  *agreed* when every party's counted position is an agreement, else *open*.
- A party that does not see every party's position is shown agreed when the clause is
  agreed, contested for brackets or its own counted reservation, and open otherwise.
"""
from sqlalchemy import and_, case, func, literal, or_

from .models import Stance

AGREED, CONTESTED, OPEN = "agreed", "contested", "open"
STATUSES = (AGREED, CONTESTED, OPEN)
AGREEMENT, RESERVATION = Stance.agreed.value, Stance.reservation.value


# When a position counts.

def counts(version_id, pinned_version_id, package_agreement_id, holds) -> bool:
    """A current position: given on the pinned wording, and outside a package or in one
    whose agreement holds (`holds`: {package agreement id: holds?})."""
    return version_id == pinned_version_id and (package_agreement_id is None
                                                or holds.get(package_agreement_id, False))


def counts_plain_sql(version_id, pinned_version_id, package_agreement_id):
    """SQL twin of `counts` for the positions the tallies keep: outside packages."""
    return and_(version_id == pinned_version_id, package_agreement_id.is_(None))


def tally(stances) -> tuple[int, int]:
    """(agreements, reservations) among the stances of counted positions."""
    stances = list(stances)
    return stances.count(AGREEMENT), stances.count(RESERVATION)


def tally_sql(counted, stance):
    """SQL twin of `tally`: the aggregate (agreements, reservations) among the rows where
    `counted` holds."""
    def number_of(value):
        return func.coalesce(func.sum(case((and_(counted, stance == value), 1), else_=0)), 0)
    return number_of(AGREEMENT), number_of(RESERVATION)


# A clause's status.

def clause_status(brackets: int, agreed: int, reserved: int, n_parties: int, *, stale: bool = False) -> str:
    if brackets or reserved or stale:
        return CONTESTED
    return AGREED if n_parties and agreed == n_parties else OPEN


def clause_status_sql(brackets, agreed, reserved, n_parties: int):
    """SQL twin of `clause_status` over integer expressions (NULL counts as 0)."""
    return case((or_(brackets > 0, func.coalesce(reserved, 0) > 0), CONTESTED),
                (and_(literal(n_parties) > 0, func.coalesce(agreed, 0) == n_parties), AGREED), else_=OPEN)


def party_status(status: str, brackets: int, own_reserved: bool, *, stale: bool = False) -> str:
    """What a party that does not see the others' positions is shown of a clause whose
    real status is `status`: another party's reservation is not its business."""
    if status == AGREED:
        return AGREED
    return CONTESTED if brackets or own_reserved or stale else OPEN


def party_status_sql(status, brackets, own_reserved):
    """SQL twin of `party_status`; `status` is `clause_status_sql`'s expression."""
    return case((status == AGREED, AGREED), (or_(brackets > 0, own_reserved), CONTESTED), else_=OPEN)
