"""Reading stored findings; nothing here writes. Findings brought up to date first (which
may write) are refresh.py's."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..drafting.models import Document
from ..extensions import db
from .models import Finding

SEVERITY_ORDER = {"violation": 0, "warning": 1, "notice": 2}


def stored_findings(document: Document) -> list[Finding]:
    """The stored findings on the wordings of the last pass, most serious first."""
    found = list(db.session.scalars(
        select(Finding).where(Finding.document_id == document.id, Finding.superseded_at.is_(None))
        .options(selectinload(Finding.reviews), selectinload(Finding.version))))
    return sorted(found, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.clause_id, f.start))


def findings_of_clause(clause_id: int) -> list[Finding]:
    """Every finding ever made on any wording of the clause, newest wording first."""
    return list(db.session.scalars(select(Finding).where(Finding.clause_id == clause_id)
                                   .options(selectinload(Finding.reviews))
                                   .order_by(Finding.version_id.desc(), Finding.start)))
