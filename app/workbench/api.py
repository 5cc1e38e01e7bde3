"""JSON API of the workbench: the team's queue across a process."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from ..api.openapi import error_responses, json_response
from ..processes.permissions import process_access_or_404
from .permissions import require_queue_reader
from .queue import queue_json, team_queue

bp = Blueprint("workbench_api", __name__)


@bp.get("/processes/<slug>/queue")
@login_required
def queue(slug: str):
    access = process_access_or_404(current_user, slug)
    require_queue_reader(access)
    return jsonify(queue_json(team_queue(access)))


_ITEM = {"type": "object", "required": ["submission_id", "kind", "party", "clause_id", "url"], "properties": {
    "submission_id": {"type": "string"}, "kind": {"type": "string"}, "party": {"type": "string"},
    "party_name": {"type": "string"}, "clause_id": {"type": "string"}, "article": {"type": "string"},
    "excerpt": {"type": "string"}, "submitted_at": {"type": "string", "format": "date-time", "nullable": True},
    "late": {"type": "boolean", "description": "submitted after the round's comment deadline"},
    "url": {"type": "string", "description": "The page where it is answered"}}}
_DOCUMENT = {
    "type": "object", "required": ["id", "title", "counts", "rounds", "findings"],
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"},
        "counts": {"type": "object", "properties": {
            "unanswered": {"type": "integer"}, "undecided": {"type": "integer"},
            "open_findings": {"type": "integer"}}},
        "latest_round": {"type": "object", "nullable": True, "properties": {
            "number": {"type": "integer"}, "label": {"type": "string"},
            "deadline": {"type": "string", "format": "date-time", "nullable": True},
            "closed": {"type": "boolean"}}},
        "deadline": {"type": "string", "format": "date-time", "nullable": True},
        "rounds": {"type": "array", "items": {"type": "object", "properties": {
            "number": {"type": "integer"}, "label": {"type": "string"},
            "deadline": {"type": "string", "nullable": True}, "closed": {"type": "boolean"},
            "unanswered": {"type": "array", "items": {"$ref": "#/components/schemas/TeamQueueItem"}},
            "undecided": {"type": "array", "items": {"$ref": "#/components/schemas/TeamQueueItem"}}}}},
        "findings": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer", "nullable": True}, "clause_id": {"type": "string", "nullable": True},
            "article": {"type": "string"}, "severity": {"type": "string"},
            "label": {"type": "string"}, "state": {"type": "string"}, "url": {"type": "string"}}}},
        "findings_url": {"type": "string"}}}
OPENAPI_SCHEMAS = {"TeamQueueItem": _ITEM, "TeamQueueDocument": _DOCUMENT}
OPENAPI_PATHS = {
    "/processes/{slug}/queue": {"get": {
        "summary": "The mediation team's queue: per document and round, the submissions not yet answered "
                   "(no team reply, no disposition), the proposals without a disposition, the open findings "
                   "and the deadline, each with the address where it is answered. For a party or observer "
                   "it does not exist (404, as for a missing process).",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": json_response("Queue", {
            "type": "object", "required": ["documents"],
            "properties": {"documents": {"type": "array", "items": {"$ref": "#/components/schemas/TeamQueueDocument"}}}}),
            **error_responses(401, 404)}}},
}
