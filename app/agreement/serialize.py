"""The agreement status as JSON, as each caller may see it (what it may see is decided in
permissions.py and visibility.py; the reads are queries.py's)."""
from ..processes.permissions import Access
from ..public_ids import encode, encoder
from .permissions import sees_look_again, sees_matrix, sees_real_status, sees_team_status
from .queries import look_again
from .status import DocumentStatus, PartyPosition
from .visibility import label_of, nauea_applies, party_view


def _position_json(p: PartyPosition | None) -> dict | None:
    if p is None:
        return None
    return {"status": p.stance, "counts": p.counts, "lapsed": not p.counts, "note": p.note,
            "on_behalf": p.on_behalf, "version_id": encode("version", p.version_id)}


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
