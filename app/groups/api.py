"""JSON API of working groups: a process's groups, one group with its progress and queue
(the team's), and the mediator's writes (groups, members, sections, a drafter's scope)."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from flask_babel import gettext

from ..api.body import field, json_body
from ..api.openapi import error_responses, json_request, json_response
from ..errors import Invalid
from ..processes.permissions import access_or_404, process_access_or_404
from ..public_ids import NOTHING, decode
from .operations import (add_members, create_group, grant_sections, remove_member, revoke_section, set_sections,
                         update_group)
from .permissions import group_or_404, require_group_manager, require_groups_reader
from .queries import group_json, groups_of, scope_grants
from ..extensions import db
from .models import WorkingGroup

bp = Blueprint("groups_api", __name__)


def section_ids(data: dict, name: str = "section_ids", *, required: bool = True) -> list[int]:
    """A list of public section ids; one that names nothing is refused as any unknown section."""
    raw = field(data, name, list, required=required, default=[])
    if not all(isinstance(v, str) for v in raw) or len(raw) > 10_000:
        raise Invalid(gettext("'%(name)s' must be a list of section ids.", name=name), extra={"field": name})
    return [decode("section", v) or NOTHING for v in raw]


def _group(group_id: int, *, manage: bool = False):
    access = _access_of_group(group_id)
    if manage:
        require_group_manager(access)
    return access, group_or_404(access, group_id)


def _access_of_group(group_id: int):
    group = db.session.get(WorkingGroup, group_id) if isinstance(group_id, int) else None
    return access_or_404(current_user, group.process if group else None)


@bp.get("/processes/<slug>/working-groups")
@login_required
def list_groups(slug: str):
    access = process_access_or_404(current_user, slug)
    require_groups_reader(access)
    return jsonify({"groups": [group_json(access, g) for g in groups_of(access)]})


@bp.post("/processes/<slug>/working-groups")
@login_required
def new_group(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    data = json_body()
    group = create_group(access, name=field(data, "name", str, max_length=200),
                         mandate=field(data, "mandate", str, required=False, max_length=4000),
                         section_ids=section_ids(data, required=False),
                         members=field(data, "members", list, required=False, default=[]), actor=current_user)
    return jsonify(group_json(access, group, detail=True)), 201


@bp.get("/working-groups/<group:group_id>")
@login_required
def get_group(group_id: int):
    access, group = _group(group_id)
    return jsonify(group_json(access, group, detail=True))


@bp.patch("/working-groups/<group:group_id>")
@login_required
def patch_group(group_id: int):
    access, group = _group(group_id, manage=True)
    data = json_body()
    update_group(access, group, name=field(data, "name", str, required=False, max_length=200),
                 mandate=field(data, "mandate", str, required=False, max_length=4000), actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.post("/working-groups/<group:group_id>/members")
@login_required
def post_members(group_id: int):
    access, group = _group(group_id, manage=True)
    add_members(access, group, field(json_body(), "members", list), actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.delete("/working-groups/<group:group_id>/members/<email>")
@login_required
def delete_member(group_id: int, email: str):
    access, group = _group(group_id, manage=True)
    remove_member(access, group, email, actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.put("/working-groups/<group:group_id>/sections")
@login_required
def put_sections(group_id: int):
    access, group = _group(group_id, manage=True)
    set_sections(access, group, section_ids(json_body()), actor=current_user)
    return jsonify(group_json(access, group, detail=True))


@bp.get("/processes/<slug>/scope-grants")
@login_required
def list_grants(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    return jsonify({"grants": scope_grants(access)})


@bp.post("/processes/<slug>/scope-grants")
@login_required
def post_grants(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    data = json_body()
    grant_sections(access, field(data, "email", str, max_length=254), section_ids(data), actor=current_user)
    return jsonify({"grants": scope_grants(access)}), 201


@bp.post("/processes/<slug>/scope-grants/revoke")
@login_required
def post_revoke(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    data = json_body()
    ids = section_ids({"section_ids": [field(data, "section_id", str, max_length=64)]})
    revoke_section(access, field(data, "email", str, max_length=254), ids[0], actor=current_user)
    return jsonify({"grants": scope_grants(access)})


_SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
_GID = {"name": "group_id", "in": "path", "required": True, "schema": {"type": "string"},
        "description": "The group's public id (wg_...)"}
_GROUP_REF = {"$ref": "#/components/schemas/WorkingGroup"}
_GRANTS = {"type": "object", "required": ["grants"], "properties": {"grants": {"type": "array", "items": {
    "type": "object", "properties": {"email": {"type": "string"}, "section_id": {"type": "string"},
                                     "section_title": {"type": "string"}}}}}}
_COUNTS = {"type": "object", "properties": {"agreed": {"type": "integer"}, "contested": {"type": "integer"},
                                            "open": {"type": "integer"}}}
OPENAPI_SCHEMAS = {"WorkingGroup": {
    "type": "object", "required": ["id", "name", "mandate", "sections", "members"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "mandate": {"type": "string"},
        "sections": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "document_id": {"type": "string"}}}},
        "members": {"type": "array", "items": {"type": "object", "properties": {
            "email": {"type": "string"}, "name": {"type": "string"}, "role": {"type": "string"},
            "party": {"type": "string", "nullable": True}}}},
        "progress": {"type": "object", "description": "The team's: clauses agreed, contested and open in the "
                     "group's sections (latest rounds), and the submissions waiting in its queue",
                     "properties": {"counts": _COUNTS, "clauses": {"type": "integer"},
                                    "submissions_waiting": {"type": "integer"},
                                    "sections": {"type": "array", "items": {"type": "object", "properties": {
                                        "section_id": {"type": "string"}, "document_id": {"type": "string"},
                                        "title": {"type": "string"}, "clauses": {"type": "integer"},
                                        "agreed": {"type": "integer"}, "contested": {"type": "integer"},
                                        "open": {"type": "integer"}}}}}},
        "queue": {"type": "array", "description": "The team's: the team queue limited to the group's sections",
                  "items": {"$ref": "#/components/schemas/TeamQueueDocument"}}}}}
_WRITE = {**error_responses(400, 401, 403, 404, 409, 422)}
OPENAPI_PATHS = {
    "/processes/{slug}/working-groups": {
        "get": {"summary": "The process's working groups: every group for the mediation team; for a delegate "
                           "only their own groups, with the sections circulated rounds carried and members "
                           "from the team and their own party (observers: 404)",
                "parameters": [_SLUG],
                "responses": {"200": json_response("Groups", {"type": "object", "required": ["groups"],
                                                              "properties": {"groups": {"type": "array",
                                                                                        "items": _GROUP_REF}}}),
                              **error_responses(401, 404)}},
        "post": {"summary": "Set up a working group (mediator): its name, mandate, sections (of any document of "
                            "the process) and members (the team's and the delegations', by e-mail address)",
                 "parameters": [_SLUG],
                 "requestBody": json_request({"type": "object", "required": ["name"], "properties": {
                     "name": {"type": "string", "maxLength": 200}, "mandate": {"type": "string", "maxLength": 4000},
                     "section_ids": {"type": "array", "items": {"type": "string"}},
                     "members": {"type": "array", "items": {"type": "string", "format": "email"}}}}),
                 "responses": {"201": json_response("The group", _GROUP_REF), **_WRITE}}},
    "/working-groups/{group_id}": {
        "get": {"summary": "One working group; for the team with its progress and its queue",
                "parameters": [_GID],
                "responses": {"200": json_response("The group", _GROUP_REF), **error_responses(401, 404)}},
        "patch": {"summary": "Rename a working group or change its mandate (mediator)", "parameters": [_GID],
                  "requestBody": json_request({"type": "object", "properties": {
                      "name": {"type": "string", "maxLength": 200}, "mandate": {"type": "string", "maxLength": 4000}}}),
                  "responses": {"200": json_response("The group", _GROUP_REF), **_WRITE}}},
    "/working-groups/{group_id}/members": {"post": {
        "summary": "Add members (mediator), by e-mail address", "parameters": [_GID],
        "requestBody": json_request({"type": "object", "required": ["members"], "properties": {
            "members": {"type": "array", "items": {"type": "string", "format": "email"}}}}),
        "responses": {"200": json_response("The group", _GROUP_REF), **_WRITE}}},
    "/working-groups/{group_id}/members/{email}": {"delete": {
        "summary": "Remove a member (mediator)",
        "parameters": [_GID, {"name": "email", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": json_response("The group", _GROUP_REF), **_WRITE}}},
    "/working-groups/{group_id}/sections": {"put": {
        "summary": "The group's sections become those given (mediator): chapters, annexes, agenda items, "
                   "any section of the process's documents",
        "parameters": [_GID],
        "requestBody": json_request({"type": "object", "required": ["section_ids"], "properties": {
            "section_ids": {"type": "array", "items": {"type": "string"}}}}),
        "responses": {"200": json_response("The group", _GROUP_REF), **_WRITE}}},
    "/processes/{slug}/scope-grants": {
        "get": {"summary": "The sections granted to drafters beyond their groups' (mediator)", "parameters": [_SLUG],
                "responses": {"200": json_response("Grants", _GRANTS), **error_responses(401, 403, 404)}},
        "post": {"summary": "Widen a drafter's editing scope by sections (mediator)", "parameters": [_SLUG],
                 "requestBody": json_request({"type": "object", "required": ["email", "section_ids"], "properties": {
                     "email": {"type": "string"}, "section_ids": {"type": "array", "items": {"type": "string"}}}}),
                 "responses": {"201": json_response("Grants", _GRANTS), **_WRITE}}},
    "/processes/{slug}/scope-grants/revoke": {"post": {
        "summary": "Take one granted section back from a drafter (mediator)", "parameters": [_SLUG],
        "requestBody": json_request({"type": "object", "required": ["email", "section_id"], "properties": {
            "email": {"type": "string"}, "section_id": {"type": "string"}}}),
        "responses": {"200": json_response("Grants", _GRANTS), **_WRITE}}},
}
