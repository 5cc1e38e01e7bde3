"""Who finds what: every search decision, built on the features' own visibility rules.

A search runs in the processes the caller is a member of (or the one named: another
process answers 404, as a missing one). In each of them the caller finds:

- clause text: the circulated rounds of the process's documents, for every member
  (`rounds/permissions.py`: a document or clause exists for parties once a round has
  carried it, and only as that round carried it); the working draft (each live clause's
  current wording) for the mediation team only (`can_view_working_draft`);
- submissions: exactly those `comments.queries.visible_filter` lets the caller read
  (the SQL twin of `can_see_submission`): the team every submitted item, a delegate its
  own party's items (drafts included), items shared with all and items made in joint
  mode, an observer its own views and what was shared;
- internal notes: the mediation team only (`can_view_internal`).

These are applied in SQL before anything is counted, ranked or cut to a page, so the
total and the order are those of what the caller may read: a query matching only what
the caller may not read answers exactly as one matching nothing.
"""
from sqlalchemy import and_, false, or_

from ..comments.queries import visible_filter
from ..drafting.models import Document
from ..processes.permissions import (Access, access_for, can_view_internal, can_view_working_draft,
                                     process_access_or_404, visible_processes)


def search_accesses(user, slug: str | None) -> list[Access]:
    """The caller's standing in each process searched: the one named (404 if not a
    member, as for a process that does not exist) or all of theirs."""
    if slug is not None:
        return [process_access_or_404(user, slug)]
    found = (access_for(user, process) for process, _ in visible_processes(user))
    return [a for a in found if a is not None]


def finds_working_draft(access: Access) -> bool:
    return can_view_working_draft(access)


def finds_notes(access: Access) -> bool:
    return can_view_internal(access)


def rounds_scope(accesses: list[Access]):
    """Circulated text: the documents of every process searched."""
    ids = [a.process.id for a in accesses]
    return Document.process_id.in_(ids) if ids else false()


def draft_scope(accesses: list[Access]):
    """The working draft: documents of the processes where the caller is on the team."""
    ids = [a.process.id for a in accesses if finds_working_draft(a)]
    return Document.process_id.in_(ids) if ids else false()


def notes_scope(accesses: list[Access]):
    ids = [a.process.id for a in accesses if finds_notes(a)]
    return Document.process_id.in_(ids) if ids else false()


def submissions_scope(accesses: list[Access]):
    """Submissions the caller reads, process by process (`visible_filter` decides within
    one process; the process is the submission's round's document's)."""
    parts = [and_(Document.process_id == a.process.id, visible_filter(a)) for a in accesses]
    return or_(*parts) if parts else false()


def sees_party_names_of_all(access: Access) -> bool:
    """The team reads who wrote each item; a party or observer is told its own party's
    name and "another party" for the rest (search results never attribute another
    party's shared items: the attribution setting is for the comments' own pages)."""
    return access.is_team
