"""What each caller may learn of the status: the team everything; a party its own
positions, whether each clause is agreed by all, and what it must look at again;
other parties' positions only when the mediator shares the status matrix."""
from sqlalchemy import select

from ..drafting.models import ClauseVersion
from ..extensions import db
from ..processes.permissions import Access
from ..public_ids import encode, encoder
from ..rounds.textdiff import word_diff
from .permissions import (own_positions_party, sees_look_again, sees_matrix, sees_real_status, sees_team_status,
                          visible_package_ids)
from .status import ALL, DocumentStatus, PartyPosition, document_status


def _position_json(p: PartyPosition | None) -> dict | None:
    if p is None:
        return None
    return {"status": p.stance, "counts": p.counts, "lapsed": not p.counts, "note": p.note,
            "on_behalf": p.on_behalf, "version_id": encode("version", p.version_id)}


def nauea_applies(status: DocumentStatus) -> bool:
    return status.document.process.nauea and not status.document.is_concluded


def label_of(status_value: str, nauea: bool) -> str:
    return "provisionally agreed" if status_value == "agreed" and nauea else status_value


def status_for(access: Access, document, *, section_id=None, clause_ids=None, with_matrix=True,
               partial: bool = False, pin_range=None) -> DocumentStatus:
    """The status with the positions this caller may see loaded: every party's for the
    matrix, else the caller's own party's."""
    if section_id is not None:
        from ..rounds.models import RoundPin
        from ..rounds.queries import latest_round
        round_ = latest_round(document.id)
        clause_ids = set(db.session.scalars(select(RoundPin.clause_id).where(
            RoundPin.round_id == round_.id, RoundPin.section_id == section_id))) if round_ else set()
    if sees_matrix(access) and with_matrix:
        positions = ALL
    else:       # a party's own positions decide what it is shown, matrix shared or not
        positions = own_positions_party(access)
    status = document_status(document, positions=positions, clause_ids=clause_ids, team=sees_team_status(access),
                             partial=partial, pin_range=pin_range)
    status.all_agreed_by_all = bool(status.clauses) and status.counts["agreed"] == len(status.clauses)
    if clause_ids is not None:
        status.clauses = [c for c in status.clauses if c.clause_id in clause_ids]
    packages = visible_package_ids(access, document.id) if any(c.package_ids for c in status.clauses) else None
    if packages is not None:        # a package is shown only to whoever may see it
        for c in status.clauses:
            if c.package_ids:
                c.package_ids = [p for p in c.package_ids if p in packages]
    status.matrix_loaded = positions == ALL
    return status


def party_view(access: Access, clause) -> str:
    """The status a party may be shown: another party's reservation is not its business."""
    own = clause.positions.get(access.party_id)
    if clause.status == "agreed":
        return "agreed"
    if clause.brackets or clause.stale_languages or (own is not None and own.counts and own.stance == "reservation"):
        return "contested"
    return "open"


def shown_to(access: Access, clause) -> str:
    """The status a reader is shown: the real one to those who see every party's position
    (the team, a shared matrix), else the party's own view."""
    return clause.status if sees_real_status(access) else party_view(access, clause)


def look_again(access: Access, status: DocumentStatus) -> list[dict]:
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


def status_json(access: Access, status: DocumentStatus) -> dict:
    nauea = nauea_applies(status)
    slugs = {p.id: p.slug for p in status.parties}
    matrix = sees_matrix(access)
    labels = {value: label_of(value, nauea) for value in ("agreed", "contested", "open")}
    with_positions = matrix and getattr(status, "matrix_loaded", False)
    team, own_party, real = sees_team_status(access), access.party_id, sees_real_status(access)
    clauses = []
    clause_pid, version_pid, section_pid = encoder("clause"), encoder("version"), encoder("section")
    package_pid = encoder("package")
    for c in status.clauses:     # a treaty has 30,000: one dict literal per clause, no helpers
        shown = c.status if real else party_view(access, c)
        item = {"clause_id": clause_pid(c.clause_id), "number": c.number, "version_id": version_pid(c.version_id),
                "brackets": c.brackets, "options": c.options, "packages": [package_pid(p) for p in c.package_ids],
                "agreed_by_all": c.status == "agreed", "section_id": section_pid(c.section_id),
                "status": shown, "label": labels[shown], "to_be_updated": c.stale_languages}
        if team:
            item["changed_in_draft"] = c.changed_in_draft
        else:
            item["own"] = _position_json(c.positions.get(own_party))
        if with_positions:
            item["positions"] = {slug: _position_json(c.positions.get(pid)) for pid, slug in slugs.items()}
        clauses.append(item)
    data = {
        "document_id": status.document.public_id, "round": status.round.number if status.round else None,
        "nauea": nauea, "notice": "Nothing is agreed until everything is agreed" if nauea else None,
        "concluded": status.document.is_concluded,
        "concluded_round": status.document.concluded_round_number if status.document.is_concluded else None,
        "parties": [{"slug": p.slug, "name": p.name} for p in status.parties],
        "clauses": clauses,
    }
    if team:
        data.update(agreed=status.agreed, counts=status.counts, draft_matches_round=status.draft_matches_round,
                    blocking_findings=status.blocking_findings)
    else:
        # A party learns whether the circulated text is agreed by all, nothing of the
        # working draft or of the legal review.
        data.update(agreed=status.all_agreed_by_all,
                    look_again=look_again(access, status) if sees_look_again(access) else [])
    return data
