"""Reads for working groups: the groups a caller may read, a group as its reader may see it
(members and sections filtered by app/groups/permissions.py), its progress (clauses
agreed, contested and open in its sections, counted by agreement's document summary) and
its queue (the team's queue, app/workbench/queue.py, limited to its sections)."""
from sqlalchemy import select

from ..drafting.models import Document, Section
from ..extensions import db
from ..processes.models import Membership
from ..processes.permissions import Access
from ..public_ids import encode
from .models import GroupMember, GroupSection, ScopeGrant, WorkingGroup
from .permissions import (may_join_group, member_visible_to, section_visible_filter, sees_group_progress,
                          visible_groups_filter)
from ..agreement.summary import STATUSES, document_summary
from ..workbench.queue import queue_json, team_queue
from ..auth.models import User


def groups_of(access: Access) -> list[WorkingGroup]:
    return list(db.session.scalars(select(WorkingGroup).where(visible_groups_filter(access))
                                   .order_by(WorkingGroup.name, WorkingGroup.id)))


def group_sections(access: Access, group: WorkingGroup) -> list[Section]:
    """The group's sections the caller may hear of, in the order assigned."""
    return list(db.session.scalars(
        select(Section).join(GroupSection, GroupSection.section_id == Section.id)
        .where(GroupSection.group_id == group.id, section_visible_filter(access)).order_by(GroupSection.id)))


def group_members(access: Access, group: WorkingGroup) -> list[Membership]:
    rows = db.session.scalars(
        select(Membership).join(GroupMember, (GroupMember.user_id == Membership.user_id)
                                & (Membership.process_id == group.process_id))
        .where(GroupMember.group_id == group.id).order_by(GroupMember.id))
    return [m for m in rows if member_visible_to(access, m)]


def group_progress(access: Access, sections: list[Section]) -> dict:
    """Clauses agreed, contested and open in the group's sections (the latest round of
    each document, as the document's status counts them), per section and in all."""
    wanted = {encode("section", s.id) for s in sections}
    per_section = []
    for document_id in dict.fromkeys(s.document_id for s in sections):
        summary = document_summary(access, db.session.get(Document, document_id))
        per_section += [{**e, "document_id": summary["document_id"]} for e in summary["sections"]
                        if e["section_id"] in wanted]
    return {"counts": {s: sum(e[s] for e in per_section) for s in STATUSES},
            "clauses": sum(e["clauses"] for e in per_section), "sections": per_section}


def group_queue(access: Access, group: WorkingGroup):
    return team_queue(access, section_ids=[s.section_id for s in group.sections])


def waiting_count(queues) -> int:
    return sum(len({i.submission.id for r in q.rounds for i in r.unanswered + r.undecided}) for q in queues)


def member_json(m: Membership) -> dict:
    return {"email": m.user.email, "name": m.user.name, "role": m.role.value,
            "party": m.party.slug if m.party else None}


def group_json(access: Access, group: WorkingGroup, *, detail: bool = False) -> dict:
    sections = group_sections(access, group)
    data = {"id": group.public_id, "name": group.name, "mandate": group.mandate,
            "sections": [{"id": s.public_id, "title": s.title, "document_id": encode("document", s.document_id)}
                         for s in sections],
            "members": [member_json(m) for m in group_members(access, group)]}
    if detail and sees_group_progress(access):
        queues = group_queue(access, group)
        data["progress"] = {**group_progress(access, sections), "submissions_waiting": waiting_count(queues)}
        data["queue"] = queue_json(queues)["documents"]
    return data


def scope_grants(access: Access) -> list[dict]:
    rows = db.session.execute(
        select(User.email, Section).join(ScopeGrant, ScopeGrant.user_id == User.id)
        .join(Section, Section.id == ScopeGrant.section_id)
        .where(ScopeGrant.process_id == access.process.id).order_by(ScopeGrant.id)).all()
    return [{"email": email, "section_id": s.public_id, "section_title": s.title} for email, s in rows]


def process_sections(access: Access) -> list[Section]:
    """Every live section of the process's documents (the mediator's choice of sections)."""
    return list(db.session.scalars(
        select(Section).join(Document, Document.id == Section.document_id)
        .where(Document.process_id == access.process.id, Section.removed_at.is_(None))
        .order_by(Document.id, Section.position)))


def assignable_members(access: Access) -> list[Membership]:
    rows = db.session.scalars(select(Membership).where(Membership.process_id == access.process.id)
                              .order_by(Membership.id))
    return [m for m in rows if may_join_group(m)]
