"""Access to documents and clauses, built on the process roles."""
from sqlalchemy import select

from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.permissions import Access, access_or_404, can_edit_text
from .models import Clause, Document, Section

# Whether a round has carried a document or a clause is the rounds feature's to say, and
# rounds comes after drafting: it answers through these, connected by create_app
# (app/listeners.py). Unconnected, the check raises (an error page, nothing shown) rather
# than let anyone through.
_CIRCULATION: dict = {"document": None, "clause": None}


def connect_circulation(*, can_see_document, can_hear_of_clause) -> None:
    _CIRCULATION.update(document=can_see_document, clause=can_hear_of_clause)


def _may_hear_of(kind: str, access: Access, obj) -> bool:
    answer = _CIRCULATION[kind]
    if answer is None:
        raise RuntimeError("drafting.permissions: circulation is not connected (app/listeners.py)")
    return answer(access, obj)


def document_access_or_404(user, document_id: int) -> tuple[Access, Document]:
    """Members of its process reach a document by its id; parties and observers only once
    it has been circulated (before that it does not exist for them: rounds/permissions.py,
    asked through connect_circulation).
    Every page and endpoint taking a document id starts here, so all answer alike."""
    document = db.session.get(Document, document_id) if isinstance(document_id, int) else None
    if document is None:
        raise NotFound()
    access = access_or_404(user, document.process)
    if not _may_hear_of("document", access, document):
        raise NotFound()
    return access, document


def clause_access_or_404(user, clause_id: int) -> tuple[Access, Clause]:
    """A clause is reachable by its id for members of its process, and for parties and
    observers only once a round has carried it (a working-draft clause, or one of a
    document never circulated, answers as a missing id). What they may do with one is
    decided by the feature."""
    clause = db.session.get(Clause, clause_id) if isinstance(clause_id, int) else None
    if clause is None:
        raise NotFound()
    document = db.session.get(Document, clause.document_id)
    access = access_or_404(user, document.process)
    if not _may_hear_of("clause", access, clause):
        raise NotFound()
    return access, clause


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
