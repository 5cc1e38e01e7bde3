"""The reads of the agreement feature for a caller: the status with the positions it may
see loaded, what it must look at again, and the counts the status page shows."""
from sqlalchemy import and_, func, select

from ..drafting.models import ClauseVersion
from ..extensions import db
from ..processes.permissions import Access
from ..public_ids import encode
from ..rounds.models import Round, RoundPin
from ..rounds.queries import latest_round, round_or_404
from ..rounds.textdiff import word_diff
from .models import Position, Stance
from .permissions import own_positions_party, sees_matrix, sees_team_status, visible_package_ids
from .status import ALL, ClausesStatus, DocumentStatus, PinRun, clauses_status, document_status


def _positions_of(access: Access, with_matrix: bool):
    """Every party's positions for the matrix, else the caller's own party's: a party's
    own positions decide what it is shown, matrix shared or not."""
    return ALL if sees_matrix(access) and with_matrix else own_positions_party(access)


def _visible_packages(access: Access, status: ClausesStatus) -> None:
    packages = visible_package_ids(access, status.document.id) if any(c.package_ids for c in status.clauses) else None
    if packages is not None:        # a package is shown only to whoever may see it
        for c in status.clauses:
            if c.package_ids:
                c.package_ids = [p for p in c.package_ids if p in packages]


def status_for(access: Access, document, *, section_id=None, with_matrix=True) -> DocumentStatus:
    """The whole document's status for this caller, its clauses limited to one section
    when asked (the counts and `all_agreed_by_all` stay the document's)."""
    clause_ids = section_clause_ids(document, section_id) if section_id is not None else None
    positions_of = _positions_of(access, with_matrix)
    status = document_status(document, positions_of=positions_of, position_clauses=clause_ids,
                             team=sees_team_status(access))
    status.all_agreed_by_all = bool(status.clauses) and status.counts["agreed"] == len(status.clauses)
    if clause_ids is not None:
        status.clauses = [c for c in status.clauses if c.clause_id in clause_ids]
    _visible_packages(access, status)
    status.matrix_loaded = positions_of == ALL
    return status


def clauses_for(access: Access, document, clause_ids, *, with_matrix=True, run: PinRun | None = None) -> ClausesStatus:
    """Some clauses' status for this caller (a page: `run`, see clauses_status)."""
    positions_of = _positions_of(access, with_matrix)
    status = clauses_status(document, clause_ids, positions_of=positions_of, team=sees_team_status(access), run=run)
    status.clauses = [c for c in status.clauses if c.clause_id in clause_ids]
    _visible_packages(access, status)
    status.matrix_loaded = positions_of == ALL
    return status


def section_clause_ids(document, section_id: int) -> set[int]:
    round_ = latest_round(document.id)
    return set(db.session.scalars(select(RoundPin.clause_id).where(
        RoundPin.round_id == round_.id, RoundPin.section_id == section_id))) if round_ else set()


def look_again(access: Access, status) -> list[dict]:
    """The party's agreements and reservations that lapsed, with what changed since."""
    lapsed = [(c, c.positions[access.party_id]) for c in status.clauses
              if access.party_id in c.positions and not c.positions[access.party_id].counts
              and c.positions[access.party_id].stance != "open"]
    if not lapsed:
        return []
    ids = {p.version_id for _, p in lapsed} | {c.version_id for c, _ in lapsed}
    texts = dict(db.session.execute(select(ClauseVersion.id, ClauseVersion.text).where(ClauseVersion.id.in_(ids))).all())
    return [{"clause_id": encode("clause", c.clause_id), "number": c.number, "status": p.stance,
             "given_on_version_id": encode("version", p.version_id),
             "current_version_id": encode("version", c.version_id),
             "ops": [[op, t] for op, t in word_diff(texts[p.version_id], texts[c.version_id])]}
            for c, p in lapsed]


def agreed_by_section(round_: Round, party_ids: list[int]) -> list:
    """(section id, party id, clauses agreed on the pinned wording), for overviews."""
    return db.session.execute(
        select(RoundPin.section_id, Position.party_id, func.count())
        .join(Position, and_(Position.clause_id == RoundPin.clause_id, Position.version_id == RoundPin.version_id,
                             Position.current.is_(True), Position.stance == Stance.agreed))
        .where(RoundPin.round_id == round_.id, Position.party_id.in_(party_ids or [-1]))
        .group_by(RoundPin.section_id, Position.party_id)).all()


def changed_since_previous(document, status) -> set[int]:
    """The clauses whose pinned wording differs from the previous round's (all in round 1)."""
    if status.round is None or status.round.number == 1:
        return {c.clause_id for c in status.clauses}
    previous = round_or_404(document.id, status.round.number - 1)
    before = dict(db.session.execute(select(RoundPin.clause_id, RoundPin.version_id)
                                     .where(RoundPin.round_id == previous.id)).all())
    return {c.clause_id for c in status.clauses if before.get(c.clause_id) != c.version_id}


def clause_count(document) -> int:
    """How many clauses the latest round pins (0 before the first)."""
    round_ = latest_round(document.id)
    return db.session.scalar(select(func.count()).select_from(RoundPin).where(RoundPin.round_id == round_.id)) \
        if round_ else 0
