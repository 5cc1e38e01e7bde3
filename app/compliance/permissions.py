"""Findings and reviews are for the mediation team and legal advisers only: for anyone
else they do not exist (404)."""
from ..errors import NotFound
from ..extensions import db
from ..processes.permissions import Access, access_or_404, can_view_internal
from .models import Finding


def require_findings_reader(access: Access) -> None:
    if not can_view_internal(access):
        raise NotFound()


def finding_or_404(user, finding_id: int) -> tuple[Access, Finding]:
    finding = db.session.get(Finding, finding_id)
    if finding is None:
        raise NotFound()
    from ..drafting.models import Document
    access = access_or_404(user, db.session.get(Document, finding.document_id).process)
    require_findings_reader(access)
    return access, finding
