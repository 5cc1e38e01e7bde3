"""Who may do what with working groups, and what a group changes: the one place.

- The mediator creates and changes groups, their members and sections, and widens a
  drafter's editing scope by section (`ScopeGrant`).
- The mediation team reads every group of its process, with its members, progress and
  queue. A delegate reads only the groups they belong to, with the sections a circulated
  round has carried (a working-draft section does not exist for them) and members from the
  team and their own party only: membership never tells one party who of another party
  works where. Any other group answers 404 exactly as a missing one. Observers belong to
  no group (groups are for the team and the delegations).
- Editing scope (`edit_scope`): the mediator edits every section. A drafter who is a
  member of one or more groups edits the sections of their groups plus those the mediator
  granted them (`ScopeGrant`). A drafter in no group edits every section, as every editor
  does in a process without groups: that is the mediator's core drafting team, who hold the
  pen on the whole text (there is one pen, the team's), while the drafters assigned to a
  working group hold it on their chapter. Scope is coordination, not confidentiality: every
  drafter still reads the whole working draft.
- Group membership never widens what anyone may see: nothing here is asked by a
  visibility check of another feature; a group only chooses where a page opens.
"""
from sqlalchemy import exists, select

from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.models import Membership, Role, TEAM_ROLES
from ..processes.permissions import Access, can_edit_text
from .models import GroupMember, GroupSection, ScopeGrant, WorkingGroup
from ..rounds.models import RoundPin


def can_read_groups(access: Access | None) -> bool:
    """The groups page: the team (every group) and delegates (their own)."""
    return access is not None and (access.is_team or access.is_delegate)


def require_groups_reader(access: Access) -> None:
    if not can_read_groups(access):
        raise NotFound()


def sees_every_group(access: Access) -> bool:
    return access.is_team


def can_manage_groups(access: Access) -> bool:
    return access.is_mediator


def require_group_manager(access: Access) -> None:
    """Parties and observers never hear of the action (404); the rest of the team is told."""
    if not access.is_team:
        raise NotFound()
    if not can_manage_groups(access):
        raise Forbidden("Only the mediator sets up working groups and widens a drafter's scope.")


def sees_group_progress(access: Access) -> bool:
    """Progress and queue (every party's submissions waiting): the team's."""
    return access.is_team


def may_join_group(membership: Membership | None) -> bool:
    """Members come from the mediation team and the delegations."""
    return membership is not None and (membership.role in TEAM_ROLES or membership.role == Role.delegate)


def may_hold_scope(membership: Membership | None) -> bool:
    """Scope grants are for drafters: the mediator edits everything anyway."""
    return membership is not None and membership.role == Role.drafter


def visible_groups_filter(access: Access):
    """SQL condition on WorkingGroup: the groups of the process the caller may read."""
    condition = WorkingGroup.process_id == access.process.id
    if sees_every_group(access):
        return condition
    return condition & WorkingGroup.members.any(GroupMember.user_id == access.user_id)


def group_or_404(access: Access, group_id: int) -> WorkingGroup:
    require_groups_reader(access)
    group = db.session.scalar(select(WorkingGroup).where(WorkingGroup.id == group_id, visible_groups_filter(access))) \
        if isinstance(group_id, int) else None
    if group is None:
        raise NotFound()
    return group


def member_visible_to(access: Access, membership: Membership | None) -> bool:
    """A delegate hears of the team's members and their own party's, no other party's."""
    if access.is_team:
        return True
    return membership is not None and (membership.role in TEAM_ROLES or membership.party_id == access.party_id)


def section_visible_filter(access: Access):
    """SQL condition on GroupSection: the sections the caller may hear of (a party: only
    the sections a circulated round has pinned)."""
    if access.is_team:
        return True
    return exists().where(RoundPin.section_id == GroupSection.section_id)


def in_any_group(access: Access) -> bool:
    return bool(db.session.scalar(select(exists().where(
        GroupMember.user_id == access.user_id, GroupMember.group_id == WorkingGroup.id,
        WorkingGroup.process_id == access.process.id))))


def edit_scope(access: Access) -> frozenset[int] | None:
    """The sections the caller may edit: None for all of them (the mediator; a drafter in
    no group), else the sections of their groups and those granted to them. Not an edit
    right by itself: can_edit_text first."""
    if access.role != Role.drafter or not in_any_group(access):
        return None         # the mediator, the operators (as the mediator), a drafter in no group
    groups = db.session.scalars(
        select(GroupSection.section_id).join(WorkingGroup, WorkingGroup.id == GroupSection.group_id)
        .join(GroupMember, GroupMember.group_id == WorkingGroup.id)
        .where(WorkingGroup.process_id == access.process.id, GroupMember.user_id == access.user_id))
    granted = db.session.scalars(select(ScopeGrant.section_id).where(
        ScopeGrant.process_id == access.process.id, ScopeGrant.user_id == access.user_id))
    return frozenset(groups) | frozenset(granted)


def is_scoped(access: Access) -> bool:
    """Whether the caller's edits are limited to some sections."""
    return can_edit_text(access) and edit_scope(access) is not None


def focus_sections(access: Access) -> list[int]:
    """The sections of the caller's own groups (where their round page opens), in order of
    assignment; empty for one in no group. The team's pages open as before."""
    if access.is_team:
        return []
    return list(dict.fromkeys(db.session.scalars(
        select(GroupSection.section_id).join(WorkingGroup, WorkingGroup.id == GroupSection.group_id)
        .join(GroupMember, GroupMember.group_id == WorkingGroup.id)
        .where(WorkingGroup.process_id == access.process.id, GroupMember.user_id == access.user_id)
        .order_by(WorkingGroup.id, GroupSection.id))))


def hears_of_group_queue(membership: Membership) -> bool:
    """Who of a group is told of a submission waiting in its queue: its team members (a
    delegate in the group never hears of another party's submission)."""
    return membership.role in TEAM_ROLES
