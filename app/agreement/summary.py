"""The status of a whole document without listing its clauses: is it agreed, and how many
clauses are agreed, contested and open, per section. At treaty scale this is what a
status read needs, so it is counted in SQL from the kept tallies (tallies.py), grouped by
section; the few clauses in packages are worked out one by one as status.py does.

The rule is status.py's, written as SQL: for the team, contested when the pinned wording
has brackets or a counted reservation, agreed when every party's counted position is an
agreement, else open (also for a party or observer the matrix is shared with); any other
party sees agreed-by-all, contested for brackets or its own reservation, and open for the
rest (shown_to in serialize.py). Tests compare the two on
every agreement scenario.
"""
from sqlalchemy import and_, case, func, literal, or_, select, true

from ..drafting.models import ClauseVersion, Document
from ..extensions import db
from ..processes.permissions import Access
from ..public_ids import encode
from ..rounds.models import RoundPin, RoundSection
from ..rounds.queries import latest_round
from .models import ClauseTally, Package, PackageClause, Position, Stance
from .permissions import sees_real_status, sees_team_status
from .serialize import shown_to, status_for
from .status import _blocking_findings, _draft_changes, parties_of

STATUSES = ("agreed", "contested", "open")


def _shown(access: Access, n_parties: int):
    brackets = ClauseVersion.bracket_count > 0
    all_agreed = and_(literal(n_parties) > 0, func.coalesce(ClauseTally.agreed, 0) == n_parties)
    if sees_real_status(access):
        return case((or_(brackets, func.coalesce(ClauseTally.reserved, 0) > 0), "contested"),
                    (all_agreed, "agreed"), else_="open")
    return case((and_(~brackets, all_agreed), "agreed"),
                (or_(brackets, Position.id.is_not(None)), "contested"), else_="open")


def document_summary(access: Access, document: Document) -> dict:
    round_ = latest_round(document.id)
    sections: dict = {}
    if round_ is not None:
        for row in db.session.execute(select(RoundSection.section_id, RoundSection.title, RoundSection.position)
                                      .where(RoundSection.round_id == round_.id).order_by(RoundSection.position)):
            sections[row.section_id] = {"section_id": encode("section", row.section_id), "title": row.title, "clauses": 0,
                                        **{s: 0 for s in STATUSES}}
        packaged = select(PackageClause.clause_id).join(Package).where(Package.document_id == document.id)
        # Clauses with an authentic text to be updated (issue #22) are few: worked out
        # one by one with the packaged ones (none for a document of one language).
        from ..drafting.languages import stale_in_round
        stale = set(stale_in_round(document, round_.id))
        shown = _shown(access, len(parties_of(document)))
        query = (select(RoundPin.section_id, shown, func.count())
                 .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
                 .outerjoin(ClauseTally, and_(ClauseTally.clause_id == RoundPin.clause_id,
                                              ClauseTally.version_id == RoundPin.version_id))
                 .where(RoundPin.round_id == round_.id, RoundPin.clause_id.not_in(packaged),
                        RoundPin.clause_id.not_in(list(stale)) if stale else true())
                 .group_by(RoundPin.section_id, shown))
        if not sees_real_status(access):    # the party's own counted reservation on the pinned wording
            query = query.outerjoin(Position, and_(
                Position.clause_id == RoundPin.clause_id, Position.party_id == (access.party_id or -1),
                Position.current.is_(True), Position.version_id == RoundPin.version_id,
                Position.stance == Stance.reservation, Position.package_agreement_id.is_(None)))
        for section_id, status, n in db.session.execute(query):
            sections[section_id][status] += n
        in_packages = set(db.session.scalars(packaged)) | stale
        if in_packages:
            for c in status_for(access, document, clause_ids=in_packages, with_matrix=False, partial=True).clauses:
                sections[c.section_id][shown_to(access, c)] += 1
        for entry in sections.values():
            entry["clauses"] = sum(entry[s] for s in STATUSES)
    counts = {s: sum(e[s] for e in sections.values()) for s in STATUSES}
    total = sum(counts.values())
    all_agreed = bool(total) and counts["agreed"] == total
    data = {"document_id": document.public_id, "round": round_.number if round_ else None,
            "concluded": document.is_concluded, "clause_count": total, "counts": counts,
            "sections": list(sections.values())}
    if not sees_team_status(access):
        data["agreed"] = all_agreed          # of the circulated text; nothing of the draft
        return data
    changed, added = _draft_changes(document, round_) if round_ else (set(), 0)
    matches = round_ is not None and not changed and not added
    blocking = len(_blocking_findings(document)) if all_agreed and matches and document.process.un_endorsed else 0
    data.update(agreed=all_agreed and matches and blocking == 0, draft_matches_round=matches,
                blocking_findings=blocking)
    return data
