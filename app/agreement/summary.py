"""The status of a whole document without listing its clauses: is it agreed, and how many
clauses are agreed, contested and open, per section. At treaty scale this is what a
status read needs, so it is counted in SQL from the kept tallies (tallies.py), grouped by
section; the few clauses in packages are worked out one by one as status.py does.

The rule is rule.py's SQL twin: for the team (and a party or observer the matrix is
shared with) the real status, for any other party its own view (`party_status_sql`, with
its own counted reservation joined). Tests compare the two on every agreement scenario.
"""
from sqlalchemy import and_, func, select, true

from ..rounds.queries import stale_in_round
from ..drafting.models import ClauseVersion, Document
from ..extensions import db
from ..processes.permissions import Access
from ..public_ids import encode
from ..rounds.models import RoundPin, RoundSection
from ..rounds.queries import latest_round
from .models import ClauseTally, Package, PackageClause, Position
from .permissions import sees_real_status, sees_team_status
from .queries import clauses_for
from .rule import RESERVATION, STATUSES, clause_status_sql, counts_plain_sql, party_status_sql
from .status import _blocking_findings, _draft_changes, parties_of
from .visibility import shown_to


def _shown(access: Access, n_parties: int):
    status = clause_status_sql(ClauseVersion.bracket_count, ClauseTally.agreed, ClauseTally.reserved, n_parties)
    if sees_real_status(access):
        return status
    # The party's own counted reservation is the outer-joined Position (document_summary).
    return party_status_sql(status, ClauseVersion.bracket_count, Position.id.is_not(None))


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
                Position.current.is_(True),
                counts_plain_sql(Position.version_id, RoundPin.version_id, Position.package_agreement_id),
                Position.stance == RESERVATION))
        for section_id, status, n in db.session.execute(query):
            sections[section_id][status] += n
        in_packages = set(db.session.scalars(packaged)) | stale
        if in_packages:
            for c in clauses_for(access, document, in_packages, with_matrix=False).clauses:
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
