"""Findings and reviews are for the mediation team and legal advisers only: for anyone
else they do not exist (404), whether asked for one by one, through a document's queue,
the legal adviser's home queue, or the details of a held circulation."""
from sqlalchemy import select

from ..auth.models import User
from ..drafting.models import Document
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.models import Membership, Process, Role
from ..processes.permissions import (Access, access_or_404, can_edit_text, can_review_findings,
                                    can_view_internal)
from .models import Finding

# users.id is a 32-bit INTEGER column on PostgreSQL: a larger number names no one (and
# comparing it with the column would be an error, not a refusal).
MAX_USER_ID = 2**31 - 1
# Who can take an escalated finding on: someone who can settle it with headquarters.
ESCALATION_ROLES = (Role.legal_adviser, Role.mediator)


def require_findings_reader(access: Access) -> None:
    if not can_view_internal(access):
        raise NotFound()


def may_read_findings(access: Access | None) -> bool:
    return access is not None and can_view_internal(access)


def finding_or_404(user, finding_id: int) -> tuple[Access, Finding]:
    finding = db.session.get(Finding, finding_id)
    if finding is None:
        raise NotFound()
    access = access_or_404(user, db.session.get(Document, finding.document_id).process)
    require_findings_reader(access)
    return access, finding


def has_review_queue(access: Access) -> bool:
    """Whose home page shows the findings queue: legal advisers, and mediators (who are
    assigned escalations and decide whether to circulate over open findings)."""
    return can_review_findings(access) or access.is_mediator


def told_of_held_circulations(access: Access) -> bool:
    """Who is told that a round went out over unreviewed findings: the legal advisers."""
    return can_review_findings(access)


def escalation_assignees(process: Process) -> list[Membership]:
    """The members an escalation may be assigned to, legal advisers first."""
    rows = db.session.scalars(select(Membership).join(User, User.id == Membership.user_id).where(
        Membership.process_id == process.id, Membership.role.in_(ESCALATION_ROLES), User.active.is_(True)))
    return sorted(rows, key=lambda m: (m.role != Role.legal_adviser, m.user.name))


def may_take_escalation(process: Process, user_id) -> bool:
    if not isinstance(user_id, int) or isinstance(user_id, bool) or not 0 < user_id <= MAX_USER_ID:
        return False
    return db.session.scalar(select(Membership.id).join(User, User.id == Membership.user_id).where(
        Membership.process_id == process.id, Membership.user_id == user_id,
        Membership.role.in_(ESCALATION_ROLES), User.active.is_(True))) is not None


def require_cure_applier(access: Access) -> None:
    """Inserting a finding's exclusion edits the working draft: the mediator and drafters.
    Parties and observers never learn the finding exists (404); a legal adviser sees it
    but does not edit the text (403)."""
    require_findings_reader(access)
    if not can_edit_text(access):
        raise Forbidden("Only the mediator and drafters edit the text.")
