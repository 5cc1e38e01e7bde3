"""The negotiation on the working draft: for each clause, the submissions of the latest
round on it (with their dispositions), its open findings, the parties' counted
positions and the status of its circulated wording, and whether the draft changed it
since the latest round; and the filters "changed", "contested", "with open findings".

Everything is read set-wise for the clauses a page shows (or the whole draft when
filtering): one query for the draft's current versions, one for the latest round's
pins, the agreement status for those clauses, the submissions of the round, and the
document's findings (brought up to date first).
"""
from dataclasses import dataclass, field

from sqlalchemy import select
from flask_babel import gettext

from ..agreement.status import ALL, clauses_status
from ..comments.models import Submission
from ..comments.queries import submissions_for
from ..compliance.gate import held_findings
from ..compliance.labels import finding_label
from ..drafting.models import Clause
from ..drafting.queries import SectionRow
from ..errors import Invalid
from ..extensions import db
from ..processes.permissions import Access
from ..rounds.models import RoundPin
from ..rounds.queries import latest_round
from ..i18n import N_

# name -> label, in the order the page offers them
FILTERS = {"changed": N_("Changed since the latest round"), "contested": N_("Contested"),
           "open_findings": N_("With open findings")}     # translated on the page


@dataclass
class ClauseNegotiation:
    clause_id: int
    changed: bool                   # the draft's wording differs from the latest round's (or is new)
    in_round: bool                  # the latest round carried the clause
    status: str | None              # agreed | contested | open, of the circulated wording
    submissions: list[Submission] = field(default_factory=list)
    findings: list = field(default_factory=list)          # open findings (compliance.models.Finding)
    positions: list[tuple[str, str]] = field(default_factory=list)    # (party name, stance), counted

    @property
    def contested(self) -> bool:
        return self.status == "contested"

    @property
    def dispositions(self) -> list:
        return [(s, s.disposition) for s in self.submissions if s.disposition is not None]

    @property
    def unanswered(self) -> int:
        return sum(1 for s in self.submissions if not s.dispositions and not any(r.from_team for r in s.replies))

    def matches(self, name: str) -> bool:
        return {"changed": self.changed, "contested": self.contested,
                "open_findings": bool(self.findings)}[name]


def parse_filter(raw: str | None) -> str | None:
    if raw in (None, ""):
        return None
    if raw not in FILTERS:
        raise Invalid(gettext("'filter' must be one of %(choices)s.", choices=", ".join(FILTERS)))
    return raw


def draft_negotiation(access: Access, document, clause_ids: list[int] | None = None) -> dict[int, ClauseNegotiation]:
    """clause id -> its negotiation, for the given clauses of the working draft (all if None)."""
    query = select(Clause.id, Clause.current_version_id).where(Clause.document_id == document.id)
    if clause_ids is not None:
        if not clause_ids:
            return {}
        query = query.where(Clause.id.in_(clause_ids))
    current = dict(db.session.execute(query).all())
    ids = list(current)
    latest = latest_round(document.id)
    pinned, statuses, names, by_clause = {}, {}, {}, {}
    if latest is not None:
        pinned = dict(db.session.execute(select(RoundPin.clause_id, RoundPin.version_id).where(
            RoundPin.round_id == latest.id, RoundPin.clause_id.in_(ids))).all())
        status = clauses_status(document, ids, positions_of=ALL)
        statuses = {c.clause_id: c for c in status.clauses}
        names = {p.id: p.name for p in status.parties}
        for s in submissions_for(access, clause_ids=ids, round_id=latest.id):
            by_clause.setdefault(s.clause_id, []).append(s)
    findings: dict[int, list] = {}
    for f in held_findings(document):
        if f.clause_id in current:
            findings.setdefault(f.clause_id, []).append(f)
    out = {}
    for cid, version_id in current.items():
        st = statuses.get(cid)
        positions = [] if st is None else [(names[pid], p.stance) for pid, p in st.positions.items()
                                            if p.counts and pid in names]
        out[cid] = ClauseNegotiation(cid, pinned.get(cid) != version_id, cid in pinned,
                                     st.status if st else None, by_clause.get(cid, []), findings.get(cid, []),
                                     sorted(positions))
    return out


def filtered_outline(access: Access, document, outline: list[SectionRow], name: str) -> list[SectionRow]:
    """The outline's clauses that match the filter; sections left with none are dropped."""
    negotiation = draft_negotiation(access, document, [c.clause_id for s in outline for c in s.clauses])
    kept = []
    for section in outline:
        clauses = [c for c in section.clauses if c.clause_id in negotiation and negotiation[c.clause_id].matches(name)]
        if clauses:
            kept.append(SectionRow(section.id, section.title, section.number, clauses))
    return kept


def negotiation_json(n: ClauseNegotiation) -> dict:
    return {
        "changed": n.changed, "in_latest_round": n.in_round, "status": n.status, "contested": n.contested,
        "submissions": [{"submission_id": s.public_id, "kind": s.kind.value, "party": s.party.slug,
                         "answered": bool(s.dispositions) or any(r.from_team for r in s.replies),
                         "disposition": s.disposition.decision.value if s.disposition else None}
                        for s in n.submissions],
        "findings": [{"id": f.id, "severity": f.severity, "label": finding_label(f),
                      "state": "unreviewed" if f.review is None else f.review.decision.value}
                     for f in n.findings],
        "positions": [{"party": party, "stance": stance} for party, stance in n.positions],
    }
