"""JSON API of working groups: a process's groups, one group with its progress and queue
(the team's), and the mediator's writes (groups, members, sections, a drafter's scope)."""
from typing import Annotated, Literal

from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from flask_babel import gettext
from pydantic import Field, WithJsonSchema

from ..api.contract import Body, Schema, absent, operation, parse_body
from ..errors import Invalid
from ..processes.models import Role
from ..processes.permissions import access_or_404, process_access_or_404
from ..public_ids import NOTHING, decode
from ..workbench.schemas import TeamQueueDocument
from .operations import (MAX_MANDATE, MAX_NAME, add_members, create_group, grant_sections, remove_member,
                         revoke_section, set_sections, update_group)
from .permissions import group_or_404, require_group_manager, require_groups_reader
from .queries import group_json, groups_of, scope_grants
from ..extensions import db
from .models import WorkingGroup as GroupRow

bp = Blueprint("groups_api", __name__)

# Lists whose items are checked after the model, in the API's own words ("'section_ids'
# must be a list of section ids.": `section_ids` below; members by the operation): the
# model holds that they are lists, the document says what is in them.
SectionIds = Annotated[list, WithJsonSchema({"type": "array", "items": {"type": "string"},
                                             "description": "Section ids"})]
Emails = Annotated[list, WithJsonSchema({"type": "array", "items": {"type": "string", "format": "email"},
                                         "description": "E-mail addresses of members of the process"})]


class GroupSectionRef(Schema):
    id: str
    title: str
    document_id: str


class GroupMemberRef(Schema):
    email: str
    name: str
    role: Literal[tuple(r.value for r in Role)]
    party: str | None


class GroupStatusCounts(Schema):
    agreed: int
    contested: int
    open: int


class GroupSectionProgress(GroupStatusCounts):
    section_id: str
    document_id: str
    title: str
    clauses: int


class GroupProgress(Schema):
    counts: GroupStatusCounts
    clauses: int
    submissions_waiting: int
    sections: list[GroupSectionProgress]


class WorkingGroup(Schema):
    """The group"""
    id: str = Field(description="The group's public id (wg_...)")
    name: str
    mandate: str
    sections: list[GroupSectionRef]
    members: list[GroupMemberRef]
    progress: GroupProgress = absent(description=(
        "The team's, in one group's answer: clauses agreed, contested and open in the group's sections "
        "(latest rounds), and the submissions waiting in its queue"))
    queue: list[TeamQueueDocument] = absent(description=(
        "The team's, in one group's answer: the team queue limited to the group's sections"))


class WorkingGroups(Schema):
    """Groups"""
    groups: list[WorkingGroup]


class ScopeGrant(Schema):
    email: str
    section_id: str
    section_title: str


class ScopeGrants(Schema):
    """Grants"""
    grants: list[ScopeGrant]


class NewWorkingGroup(Body):
    name: str = Field(max_length=MAX_NAME)
    mandate: str | None = Field(None, max_length=MAX_MANDATE)
    section_ids: SectionIds | None = None
    members: Emails | None = None


class WorkingGroupChange(Body):
    name: str | None = Field(None, max_length=MAX_NAME)
    mandate: str | None = Field(None, max_length=MAX_MANDATE)


class GroupMembersAddition(Body):
    members: Emails


class GroupSections(Body):
    section_ids: SectionIds


class ScopeGrantRequest(Body):
    email: str = Field(max_length=254, description="A drafter of the process")
    section_ids: SectionIds


class ScopeRevocation(Body):
    # In the order they are checked (the section first).
    section_id: str = Field(max_length=64)
    email: str = Field(max_length=254)


def section_ids(raw: list, name: str = "section_ids") -> list[int]:
    """Public section ids; one that names nothing is refused as any unknown section."""
    if not all(isinstance(v, str) for v in raw) or len(raw) > 10_000:
        raise Invalid(gettext("'%(name)s' must be a list of section ids.", name=name), extra={"field": name})
    return [decode("section", v) or NOTHING for v in raw]


def _group(group_id: int, *, manage: bool = False):
    access = _access_of_group(group_id)
    if manage:
        require_group_manager(access)
    return access, group_or_404(access, group_id)


def _access_of_group(group_id: int):
    group = db.session.get(GroupRow, group_id) if isinstance(group_id, int) else None
    return access_or_404(current_user, group.process if group else None)


@bp.get("/processes/<slug>/working-groups")
@operation("The process's working groups", responses={200: WorkingGroups}, description=(
    "Every group for the mediation team; for a delegate only their own groups, with the sections "
    "circulated rounds carried and members from the team and their own party (observers: 404)"))
@login_required
def list_groups(slug: str):
    access = process_access_or_404(current_user, slug)
    require_groups_reader(access)
    return jsonify({"groups": [group_json(access, g) for g in groups_of(access)]})


@bp.post("/processes/<slug>/working-groups")
@operation("Set up a working group (mediator)", body=NewWorkingGroup, responses={201: WorkingGroup},
           errors=(403, 409), description=(
               "Its name, mandate, sections (of any document of the process) and members (the team's "
               "and the delegations', by e-mail address); 409 when the process has a group of that name"))
@login_required
def new_group(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    given = parse_body(NewWorkingGroup)
    group = create_group(access, name=given.name, mandate=given.mandate,
                         section_ids=section_ids(given.section_ids or []),
                         members=given.members or [], actor=current_user)
    return jsonify(group_json(access, group, detail=True)), 201


@bp.get("/working-groups/<group:group_id>")
@operation("One working group; for the team with its progress and its queue", responses={200: WorkingGroup})
@login_required
def get_group(group_id: int):
    access, group = _group(group_id)
    return jsonify(group_json(access, group, detail=True))


@bp.patch("/working-groups/<group:group_id>")
@operation("Rename a working group or change its mandate (mediator)", body=WorkingGroupChange,
           responses={200: WorkingGroup}, errors=(403, 409))
@login_required
def patch_group(group_id: int):
    access, group = _group(group_id, manage=True)
    given = parse_body(WorkingGroupChange)
    update_group(access, group, name=given.name, mandate=given.mandate, actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.post("/working-groups/<group:group_id>/members")
@operation("Add members (mediator), by e-mail address", body=GroupMembersAddition,
           responses={200: WorkingGroup}, errors=(403,))
@login_required
def post_members(group_id: int):
    access, group = _group(group_id, manage=True)
    add_members(access, group, parse_body(GroupMembersAddition).members, actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.delete("/working-groups/<group:group_id>/members/<email>")
@operation("Remove a member (mediator)", responses={200: WorkingGroup}, errors=(403,))
@login_required
def delete_member(group_id: int, email: str):
    access, group = _group(group_id, manage=True)
    remove_member(access, group, email, actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.put("/working-groups/<group:group_id>/sections")
@operation("The group's sections become those given (mediator): chapters, annexes, agenda items, any "
           "section of the process's documents", body=GroupSections, responses={200: WorkingGroup},
           errors=(403,))
@login_required
def put_sections(group_id: int):
    access, group = _group(group_id, manage=True)
    set_sections(access, group, section_ids(parse_body(GroupSections).section_ids), actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.get("/processes/<slug>/scope-grants")
@operation("The sections granted to drafters beyond their groups' (mediator)", responses={200: ScopeGrants},
           errors=(403,))
@login_required
def list_grants(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    return jsonify({"grants": scope_grants(access)})


@bp.post("/processes/<slug>/scope-grants")
@operation("Widen a drafter's editing scope by sections (mediator)", body=ScopeGrantRequest,
           responses={201: ScopeGrants}, errors=(403,))
@login_required
def post_grants(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    given = parse_body(ScopeGrantRequest)
    grant_sections(access, given.email, section_ids(given.section_ids), actor=current_user)
    return jsonify({"grants": scope_grants(access)}), 201


@bp.post("/processes/<slug>/scope-grants/revoke")
@operation("Take one granted section back from a drafter (mediator)", body=ScopeRevocation,
           responses={200: ScopeGrants}, errors=(403,))
@login_required
def post_revoke(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    given = parse_body(ScopeRevocation)
    revoke_section(access, given.email, section_ids([given.section_id])[0], actor=current_user)
    return jsonify({"grants": scope_grants(access)})
