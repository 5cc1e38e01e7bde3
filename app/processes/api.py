"""GET /processes and /processes/{slug}: only what the caller may see."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from ..api.openapi import error_responses, json_response
from .permissions import Access, process_access_or_404, visible_parties, visible_processes

bp = Blueprint("processes_api", __name__)


def process_summary(process, role) -> dict:
    return {"slug": process.slug, "title": process.title, "role": role.value}


def process_detail(access: Access) -> dict:
    from ..drafting.queries import documents_in

    process = access.process
    data = process_summary(process, access.role)
    data.update({
        "settings": {"nauea": process.nauea, "un_endorsed": process.un_endorsed,
                     "joint_mode": process.joint_mode,
                     "observers_may_submit": process.observers_may_submit},
        "parties": [{"slug": p.slug, "name": p.name, "kind": p.kind.value}
                    for p in visible_parties(access)],
        "documents": [{"id": d.id, "title": d.title} for d in documents_in(process)],
    })
    if access.party_id is not None:
        data["party"] = next(p.slug for p in process.parties if p.id == access.party_id)
    return data


@bp.get("/processes")
@login_required
def list_processes():
    return jsonify({"processes": [process_summary(p, m.role)
                                  for p, m in visible_processes(current_user)]})


@bp.get("/processes/<slug>")
@login_required
def get_process(slug: str):
    return jsonify(process_detail(process_access_or_404(current_user, slug)))


_ROLE = {"type": "string", "enum": ["mediator", "drafter", "legal_adviser", "delegate", "observer"]}
OPENAPI_SCHEMAS = {
    "ProcessSummary": {"type": "object", "required": ["slug", "title", "role"],
                       "properties": {"slug": {"type": "string"}, "title": {"type": "string"},
                                      "role": _ROLE}},
    "Process": {"type": "object", "required": ["slug", "title", "role", "parties", "documents", "settings"],
                "properties": {
                    "slug": {"type": "string"}, "title": {"type": "string"}, "role": _ROLE,
                    "party": {"type": "string"},
                    "settings": {"type": "object", "additionalProperties": {"type": "boolean"}},
                    "parties": {"type": "array", "items": {
                        "type": "object", "required": ["slug", "name", "kind"],
                        "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                                       "kind": {"type": "string", "enum": ["party", "observer"]}}}},
                    "documents": {"type": "array", "items": {
                        "type": "object", "required": ["id", "title"],
                        "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}}}}},
}
OPENAPI_PATHS = {
    "/processes": {"get": {
        "summary": "The processes the caller is a member of",
        "responses": {"200": json_response("Processes", {
            "type": "object", "required": ["processes"],
            "properties": {"processes": {"type": "array",
                                         "items": {"$ref": "#/components/schemas/ProcessSummary"}}}}),
            **error_responses(401)}}},
    "/processes/{slug}": {"get": {
        "summary": "One process: its parties and documents as the caller may see them",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": json_response("The process", {"$ref": "#/components/schemas/Process"}),
                      **error_responses(401, 404)}}},
}
