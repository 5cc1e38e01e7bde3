"""GET /processes and /processes/{slug}: only what the caller may see."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from ..api.body import json_body
from ..api.openapi import error_responses, json_request, json_response
from ..errors import Invalid
from ..rounds.permissions import visible_documents
from .operations import SETTINGS, update_settings
from .permissions import (Access, process_access_or_404, require_process_manager, visible_parties,
                          visible_processes)
from ..drafting.languages import languages_by_document
from ..drafting.permissions import languages_heard_of

bp = Blueprint("processes_api", __name__)


def process_summary(process, role) -> dict:
    return {"slug": process.slug, "title": process.title, "role": role.value}


def _documents_json(access, documents) -> list[dict]:
    """Each document with the languages the caller may hear of (issue #22), read for all
    of them at once."""
    documents = list(documents)
    languages = languages_by_document(documents)
    return [{"id": d.public_id, "title": d.title,
             "languages": [lang.json() for lang in languages_heard_of(access, d, languages[d.id])]}
            for d in documents]


def process_detail(access: Access) -> dict:
    process = access.process
    data = process_summary(process, access.role)
    data.update({
        "settings": {name: getattr(getattr(process, name), "value", getattr(process, name))
                     for name in SETTINGS},
        "parties": [{"slug": p.slug, "name": p.name, "kind": p.kind.value}
                    for p in visible_parties(access)],
        "documents": _documents_json(access, visible_documents(access)),
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


@bp.patch("/processes/<slug>/settings")
@login_required
def patch_settings(slug: str):
    """The mediator switches joint mode, NAUEA, attribution and the like; recorded."""
    access = process_access_or_404(current_user, slug)
    require_process_manager(access)
    data = json_body()
    confirmed = data.pop("confirm_joint_mode", False)
    if not isinstance(confirmed, bool):
        raise Invalid("'confirm_joint_mode' must be true or false.")
    changed = update_settings(access.process, data, actor=current_user, confirmed=confirmed)
    return jsonify({"changed": changed, **process_detail(access)})


_ROLE = {"type": "string", "enum": ["mediator", "drafter", "legal_adviser", "delegate", "observer"]}
OPENAPI_SCHEMAS = {
    "ProcessSummary": {"type": "object", "required": ["slug", "title", "role"],
                       "properties": {"slug": {"type": "string"}, "title": {"type": "string"},
                                      "role": _ROLE}},
    "Process": {"type": "object", "required": ["slug", "title", "role", "parties", "documents", "settings"],
                "properties": {
                    "slug": {"type": "string"}, "title": {"type": "string"}, "role": _ROLE,
                    "party": {"type": "string"},
                    "settings": {"type": "object", "additionalProperties": {
                        "oneOf": [{"type": "boolean"}, {"type": "string"}, {"type": "integer", "nullable": True}]}},
                    "parties": {"type": "array", "items": {
                        "type": "object", "required": ["slug", "name", "kind"],
                        "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                                       "kind": {"type": "string", "enum": ["party", "observer"]}}}},
                    "documents": {"type": "array", "items": {
                        "type": "object", "required": ["id", "title"],
                        "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                       "languages": {"type": "array", "items": {
                                           "type": "object", "required": ["code", "authentic", "lead"],
                                           "properties": {"code": {"type": "string"},
                                                          "authentic": {"type": "boolean"},
                                                          "lead": {"type": "boolean"}}}}}}}}},
}
OPENAPI_SCHEMAS["ProcessSettingsChanged"] = {
    **OPENAPI_SCHEMAS["Process"], "required": [*OPENAPI_SCHEMAS["Process"]["required"], "changed"],
    "properties": {**OPENAPI_SCHEMAS["Process"]["properties"],
                   "changed": {"type": "object", "description": "setting: [old value, new value]",
                               "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2}}}}
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
    "/processes/{slug}/settings": {"patch": {
        "summary": "Change process settings (mediator): nauea, un_endorsed, joint_mode, "
                   "observers_may_submit, status_matrix_shared, status_shared_with_observers, proposal_attribution, "
                   "refuse_stale_texts, "
                   "the deadlines (late_submissions, time_zone, ad_referendum_days), mail_includes_text, "
                   "and the Word "
                   "house style: line_numbering, house_font, language, document_symbol",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
        "requestBody": json_request({"type": "object", "properties": {
            "nauea": {"type": "boolean"}, "un_endorsed": {"type": "boolean"},
            "joint_mode": {"type": "boolean", "description": (
                "Items submitted while it is on are read by every party; earlier items stay confidential. "
                "Turning it on needs confirm_joint_mode: true (else 409 confirmation_required, nothing changed)")},
            "confirm_joint_mode": {"type": "boolean", "description": (
                "Confirms that turning joint mode on opens what parties submit from now on, and nothing before")},
            "observers_may_submit": {"type": "boolean"}, "status_matrix_shared": {"type": "boolean"},
            "status_shared_with_observers": {"type": "boolean", "description":
                                             "observers see the status of agreement (off: the text only)"},
            "proposal_attribution": {"type": "string", "enum": ["attributed", "anonymous", "hidden"]},
            "refuse_stale_texts": {"type": "boolean", "description":
                                   "circulation refuses (409) a draft with an authentic text to be updated"},
            "line_numbering": {"type": "boolean", "description": "Word drafts: line numbers in the margin"},
            "house_font": {"type": "string", "maxLength": 100, "description": "Word drafts: the font"},
            "language": {"type": "string", "maxLength": 35, "description": "Word drafts: BCP 47 language tag"},
            "document_symbol": {"type": "string", "maxLength": 100,
                                "description": "Word drafts: the symbol; /Rev.N is added unless {round} places it"},
            "late_submissions": {"type": "string", "enum": ["refuse", "mark_late"], "description": (
                "After a round's comment deadline: refuse submissions (409, nothing written) or accept them "
                "marked late for the team")},
            "time_zone": {"type": "string", "maxLength": 64, "description": (
                "IANA zone deadlines are shown in to readers who chose none (e.g. Europe/Nicosia)")},
            "ad_referendum_days": {"type": "integer", "minimum": 1, "maximum": 366, "nullable": True, "description": (
                "Days within which a party confirms an agreement recorded ad referendum; null: no limit")},
            "mail_includes_text": {"type": "boolean", "description": (
                "Notification e-mails (immediate and digest) carry the text their recipient may already read: "
                "the round's note to its parties, a team reply or decision to the submission's author, an "
                "escalation's note to its assignee; never another party's text. Off (default): a neutral line and "
                "a link")}}}),
        "responses": {"200": json_response("The process with its new settings, and what changed",
                                           {"$ref": "#/components/schemas/ProcessSettingsChanged"}),
                      **error_responses(400, 401, 403, 404, 422),
                      "409": json_response("Joint mode turned on without confirm_joint_mode: nothing changed",
                                           {"$ref": "#/components/schemas/ConfirmationRequired"})}}},
}
OPENAPI_SCHEMAS["ConfirmationRequired"] = {
    "type": "object", "required": ["error", "message", "confirm", "opens", "stays_confidential"],
    "properties": {"error": {"type": "string", "enum": ["confirmation_required"]}, "message": {"type": "string"},
                   "confirm": {"type": "string", "description": "the field that confirms (confirm_joint_mode)"},
                   "opens": {"type": "string", "description": "what becomes visible"},
                   "stays_confidential": {"type": "string", "description": "what does not"}}}
