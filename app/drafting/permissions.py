"""Access to documents and clauses, built on the process roles."""
from sqlalchemy import select

from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.permissions import Access, access_or_404, can_edit_text
from .models import Clause, Document, Section


def document_access_or_404(user, document_id: int) -> tuple[Access, Document]:
    document = db.session.get(Document, document_id) if isinstance(document_id, int) else None
    if document is None:
        raise NotFound()
    return access_or_404(user, document.process), document


def clause_access_or_404(user, clause_id: int) -> tuple[Access, Clause]:
    """A clause is reachable by its id for members of its process only. Parties read
    clauses through rounds; what they may do with one is decided by the feature."""
    clause = db.session.get(Clause, clause_id) if isinstance(clause_id, int) else None
    if clause is None:
        raise NotFound()
    document = db.session.get(Document, clause.document_id)
    return access_or_404(user, document.process), clause


def section_access_or_404(user, section_id: int) -> tuple[Access, Section]:
    section = db.session.scalar(select(Section).where(Section.id == section_id))
    if section is None:
        raise NotFound()
    return access_or_404(user, section.document.process), section


def require_team_or_404(access: Access) -> None:
    """Working-draft objects do not exist for parties and observers: 404, not 403."""
    if not access.is_team:
        raise NotFound()


def require_editor(access: Access) -> None:
    require_team_or_404(access)
    if not can_edit_text(access):
        raise Forbidden("Only the mediator and drafters edit the text.")
