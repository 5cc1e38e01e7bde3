"""Access to documents and clauses, built on the process roles."""
from sqlalchemy import select
from flask_babel import gettext

from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.permissions import Access, access_for, access_or_404, can_edit_text
from .models import Clause, Document, Section

# Whether a round has carried a document or a clause is the rounds feature's to say, and
# rounds comes after drafting: it answers through these, connected by create_app
# (app/listeners.py). Unconnected, the check raises (an error page, nothing shown) rather
# than let anyone through.
_CIRCULATION: dict = {"document": None, "clause": None, "languages": None}


def connect_circulation(*, can_see_document, can_hear_of_clause, heard_languages) -> None:
    _CIRCULATION.update(document=can_see_document, clause=can_hear_of_clause, languages=heard_languages)


def languages_heard_of(access: Access, document: Document, languages: list) -> list:
    """The document's languages `access` may hear of (rounds/permissions.py decides: a
    language only the working draft has is the team's)."""
    answer = _CIRCULATION["languages"]
    if answer is None:
        raise RuntimeError("drafting.permissions: circulation is not connected (app/listeners.py)")
    return answer(access, document, languages)


_EDIT_SCOPE: dict = {"scope": None}


def connect_edit_scope(edit_scope) -> None:
    _EDIT_SCOPE.update(scope=edit_scope)


def edit_scope(access: Access) -> frozenset[int] | None:
    """Working groups (app/groups/permissions.py, a later feature) say which sections an
    editor may edit, asked through connect_edit_scope."""
    answer = _EDIT_SCOPE["scope"]
    if answer is None:
        raise RuntimeError("drafting.permissions: the edit scope is not connected (app/listeners.py)")
    return answer(access)


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


def may_edit_section(access: Access | None, section_id: int) -> bool:
    """An editor's scope (working groups, app/groups/permissions.py): a drafter in a
    working group edits the sections of their groups and those granted to them; the
    mediator, and a drafter in no group, edits every section."""
    if access is None or not can_edit_text(access):
        return False
    scope = edit_scope(access)
    return scope is None or section_id in scope


def may_add_sections(access: Access | None) -> bool:
    """A new section belongs to no group yet: only an editor without a limited scope (the
    mediator, a drafter in no group) adds one; the mediator then assigns it."""
    return access is not None and can_edit_text(access) and edit_scope(access) is None


def _actor_access(actor, document: Document) -> Access | None:
    """The actor's standing in the document's process. None for the command line and the
    server's own jobs (actor None: the operators, who act as the mediator) and for one who
    is not a member (whose door refused already): the scope rule then has nothing to add."""
    if actor is None:
        return None
    return access_for(actor, document.process)


def require_in_edit_scope(actor, document: Document, *section_ids: int) -> None:
    """Every write to the working draft asks this (app/drafting/operations.py), whichever
    door it came through: the page, the API, an import, a Word round trip, an accepted
    proposal applied, a compliance cure. 403 with what to do; nothing is written."""
    access = _actor_access(actor, document)
    scope = edit_scope(access) if access is not None else None
    if scope is None:           # no limit here; whether the actor edits at all is the door's
        return
    outside = [sid for sid in dict.fromkeys(section_ids) if sid not in scope]
    if not outside:
        return
    titles = ", ".join(f"“{db.session.get(Section, sid).title}”" for sid in outside)
    raise Forbidden(gettext("You edit the sections of your working groups; %(titles)s is not one of them. "
                            "Ask the mediator to grant you the section.", titles=titles), code="outside_scope")


def require_section_adder(actor, document: Document) -> None:
    access = _actor_access(actor, document)
    if access is not None and edit_scope(access) is not None:
        raise Forbidden("You edit the sections of your working groups: the mediator adds new sections "
                        "(and assigns them to a group).", code="outside_scope")


def require_language_editor(access: Access) -> None:
    """Adding a language to a document (issue #22) is the team's, like editing the text:
    the mediator and drafters; parties and observers do not learn the route exists."""
    require_editor(access)
