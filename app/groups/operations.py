"""Writes for working groups: create and change a group, its members and its sections, and
the mediator's widening of a drafter's scope. They check everything before they write
(a refusal changes nothing even before the request rolls back) and flush, never commit."""
from sqlalchemy import func, select
from flask_babel import gettext

from ..audit.operations import record_event
from ..auth.models import User
from ..drafting.models import Document, Section
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..processes.models import Membership
from ..processes.permissions import Access
from .models import GroupMember, GroupSection, ScopeGrant, WorkingGroup
from .permissions import hears_of_group_queue, may_hold_scope, may_join_group
from ..notifications.operations import notify
from ..rounds.models import RoundPin
from ..public_ids import encode

MAX_NAME = 200
MAX_MANDATE = 4000


def _name(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("A working group needs a name.", extra={"field": "name"})
    value = " ".join(value.split())
    if len(value) > MAX_NAME:
        raise Invalid(gettext("A group's name is at most %(num)s characters.", num=MAX_NAME), extra={"field": "name"})
    return value


def _mandate(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_MANDATE:
        raise Invalid(gettext("A group's mandate is a text of at most %(num)s characters.", num=MAX_MANDATE), extra={"field": "mandate"})
    return value.strip()


def _unique_name(process_id: int, name: str, group_id: int | None = None) -> None:
    taken = db.session.scalar(select(WorkingGroup.id).where(
        WorkingGroup.process_id == process_id, WorkingGroup.name == name))
    if taken is not None and taken != group_id:
        raise Conflict(gettext("The process has a working group named “%(name)s” already.", name=name), code="name_taken")


def _sections(access: Access, section_ids) -> list[Section]:
    """Sections of the process's documents, live ones, each once and in the order given."""
    if not isinstance(section_ids, list) or not all(isinstance(s, int) and not isinstance(s, bool)
                                                    for s in section_ids):
        raise Invalid("'section_ids' must be a list of section ids.", extra={"field": "section_ids"})
    found = {s.id: s for s in db.session.scalars(
        select(Section).join(Document, Document.id == Section.document_id)
        .where(Section.id.in_(section_ids), Document.process_id == access.process.id,
               Section.removed_at.is_(None)))}
    if len(found) != len(set(section_ids)):
        raise Invalid("Choose live sections of this process's documents.", extra={"field": "section_ids"})
    return [found[sid] for sid in dict.fromkeys(section_ids)]


def membership_by_email(access: Access, email) -> Membership | None:
    if not isinstance(email, str):
        return None
    return db.session.scalar(select(Membership).join(User, User.id == Membership.user_id).where(
        Membership.process_id == access.process.id, func.lower(User.email) == email.strip().lower()))


def _members(access: Access, emails) -> list[Membership]:
    """Members named by their e-mail addresses (how the team knows its colleagues)."""
    if not isinstance(emails, list) or not all(isinstance(e, str) for e in emails):
        raise Invalid("'members' must be a list of e-mail addresses.", extra={"field": "members"})
    found = [membership_by_email(access, e) for e in emails]
    if not all(may_join_group(m) for m in found):
        raise Invalid("Members of a working group are members of the mediation team or of a party's "
                      "delegation in this process.", extra={"field": "members"})
    return list({m.user_id: m for m in found}.values())


def create_group(access: Access, *, name, mandate=None, section_ids=(), members=(), actor) -> WorkingGroup:
    name, mandate = _name(name), _mandate(mandate)
    sections = _sections(access, list(section_ids))
    members = _members(access, list(members))
    _unique_name(access.process.id, name)
    group = WorkingGroup(process_id=access.process.id, name=name, mandate=mandate)
    group.sections = [GroupSection(section_id=s.id) for s in sections]
    group.members = [GroupMember(user_id=m.user_id) for m in members]
    db.session.add(group)
    db.session.flush()
    record_event(actor, "group.create", group, process_id=access.process.id,
                 changes={"name": name, "section_ids": [s.id for s in sections],
                          "user_ids": [m.user_id for m in members]})
    return group


def update_group(access: Access, group: WorkingGroup, *, name=None, mandate=None, actor) -> dict:
    changed = {}
    new_name = _name(name) if name is not None else group.name
    new_mandate = _mandate(mandate) if mandate is not None else group.mandate
    _unique_name(access.process.id, new_name, group.id)
    if new_name != group.name:
        changed["name"] = [group.name, new_name]
        group.name = new_name
    if new_mandate != group.mandate:
        changed["mandate"] = True
        group.mandate = new_mandate
    if changed:
        db.session.flush()
        record_event(actor, "group.update", group, process_id=access.process.id, changes=changed)
    return changed


def add_members(access: Access, group: WorkingGroup, emails, *, actor) -> list[int]:
    members = _members(access, emails)
    have = {m.user_id for m in group.members}
    added = [m.user_id for m in members if m.user_id not in have]
    if not added:
        raise Invalid("They are members of this group already; nothing changed.", code="unchanged")
    group.members.extend(GroupMember(user_id=u) for u in added)
    db.session.flush()
    record_event(actor, "group.members_add", group, process_id=access.process.id, changes={"user_ids": added})
    return added


def remove_member(access: Access, group: WorkingGroup, email, *, actor) -> None:
    membership = membership_by_email(access, email)
    user_id = membership.user_id if membership else None
    row = next((m for m in group.members if m.user_id == user_id), None)
    if row is None:
        raise NotFound("No such member of this group.")
    group.members.remove(row)
    db.session.flush()
    record_event(actor, "group.members_remove", group, process_id=access.process.id, changes={"user_id": user_id})


def set_sections(access: Access, group: WorkingGroup, section_ids, *, actor) -> dict:
    """The group's sections become those given (in that order)."""
    sections = _sections(access, section_ids)
    before = [s.section_id for s in group.sections]
    after = [s.id for s in sections]
    if before == after:
        raise Invalid("The group holds these sections already; nothing changed.", code="unchanged")
    keep = {s.section_id: s for s in group.sections}
    group.sections = [keep.get(sid) or GroupSection(section_id=sid) for sid in after]
    db.session.flush()
    record_event(actor, "group.sections", group, process_id=access.process.id,
                 changes={"section_ids": [before, after]})
    return {"before": before, "after": after}


def grant_sections(access: Access, email, section_ids, *, actor) -> list[int]:
    """Widens one drafter's editing scope by these sections (beyond their groups')."""
    membership = membership_by_email(access, email)
    if not may_hold_scope(membership):
        raise Invalid("The mediator widens the scope of a drafter of this process.", extra={"field": "email"})
    user_id = membership.user_id
    sections = _sections(access, section_ids)
    have = set(db.session.scalars(select(ScopeGrant.section_id).where(ScopeGrant.user_id == user_id,
                                                                       ScopeGrant.process_id == access.process.id)))
    new = [s.id for s in sections if s.id not in have]
    if not new:
        raise Invalid("The drafter holds these sections already; nothing changed.", code="unchanged")
    db.session.add_all(ScopeGrant(process_id=access.process.id, user_id=user_id, section_id=sid,
                                  granted_by_id=getattr(actor, "id", None)) for sid in new)
    db.session.flush()
    record_event(actor, "scope.grant", membership, process_id=access.process.id,
                 changes={"user_id": user_id, "section_ids": new})
    return new


def revoke_section(access: Access, email, section_id, *, actor) -> None:
    membership = membership_by_email(access, email)
    user_id = membership.user_id if membership else None
    row = db.session.scalar(select(ScopeGrant).where(
        ScopeGrant.process_id == access.process.id, ScopeGrant.user_id == user_id,
        ScopeGrant.section_id == section_id))
    if row is None:
        raise NotFound("No such grant.")
    db.session.delete(row)
    db.session.flush()
    record_event(actor, "scope.revoke", object_type="memberships", object_id=user_id, process_id=access.process.id,
                 changes={"user_id": user_id, "section_id": section_id})


def on_submission_submitted(sender, submission, **_):
    """The team members of every working group holding the submission's section (as the
    round carried it) hear that it waits in their group's queue: a neutral line and a link
    to the group's page, once per user (to their first such group). A delegate in the group
    never does: another party's submission is not theirs to hear of."""
    section_id = db.session.scalar(select(RoundPin.section_id).where(
        RoundPin.round_id == submission.round_id, RoundPin.clause_id == submission.clause_id))
    rows = db.session.execute(
        select(WorkingGroup.id, Membership).join(GroupSection, GroupSection.group_id == WorkingGroup.id)
        .join(GroupMember, GroupMember.group_id == WorkingGroup.id)
        .join(Membership, (Membership.user_id == GroupMember.user_id)
              & (Membership.process_id == WorkingGroup.process_id))
        .where(GroupSection.section_id == section_id).order_by(WorkingGroup.id)).all()
    first_group: dict[int, int] = {}
    for group_id, membership in rows:
        if hears_of_group_queue(membership):
            first_group.setdefault(membership.user_id, group_id)
    by_group: dict[int, list[int]] = {}
    for user_id, group_id in first_group.items():
        by_group.setdefault(group_id, []).append(user_id)
    for group_id, user_ids in by_group.items():
        notify(user_ids, "group_queue", f"/groups/{encode('group', group_id)}")
