"""Reading findings: the legal advisers' queue and what blocks a conclusion."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..drafting.models import Document
from ..extensions import db
from .models import Decision, Finding
from .operations import refresh_findings

SEVERITY_ORDER = {"violation": 0, "warning": 1, "notice": 2}


def current_findings(document: Document) -> list[Finding]:
    """Findings on the current wordings, most serious first."""
    refresh_findings(document)
    found = list(db.session.scalars(
        select(Finding).where(Finding.document_id == document.id, Finding.superseded_at.is_(None))
        .options(selectinload(Finding.reviews), selectinload(Finding.version))))
    return sorted(found, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.clause_id, f.start))


def findings_of_clause(clause_id: int) -> list[Finding]:
    """Every finding ever made on any wording of the clause, newest wording first."""
    return list(db.session.scalars(select(Finding).where(Finding.clause_id == clause_id)
                                   .options(selectinload(Finding.reviews))
                                   .order_by(Finding.version_id.desc(), Finding.start)))


def confirmed_violations(document: Document) -> list[Finding]:
    """Violations a legal adviser confirmed on a current wording: they block concluding a
    UN-endorsed text."""
    return [f for f in current_findings(document)
            if f.severity == "violation" and f.review is not None and f.review.decision == Decision.confirmed]
