"""Findings and reviews are for the mediation team and legal advisers only: for anyone
else they do not exist (404)."""
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.permissions import Access, access_or_404, can_edit_text, can_view_internal
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


def require_cure_applier(access: Access) -> None:
    """Inserting a finding's exclusion edits the working draft: the mediator and drafters.
    Parties and observers never learn the finding exists (404); a legal adviser sees it
    but does not edit the text (403)."""
    require_findings_reader(access)
    if not can_edit_text(access):
        raise Forbidden("Only the mediator and drafters edit the text.")
