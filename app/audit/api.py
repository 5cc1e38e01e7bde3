"""GET /processes/{slug}/audit: the process's audit log for the mediation team."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.openapi import error_responses, json_response
from .describe import describe_page
from .permissions import audit_access_or_404
from .queries import MAX_PAGE_SIZE, PAGE_SIZE, entry_json, number_arg, parse_filter, process_entries

bp = Blueprint("audit_api", __name__)


@bp.get("/processes/<slug>/audit")
@login_required
def process_log(slug: str):
    access = audit_access_or_404(current_user, slug)
    filters = parse_filter(request.args)
    limit = number_arg(request.args, "limit", default=PAGE_SIZE, high=MAX_PAGE_SIZE)
    entries, next_before = process_entries(access.process.id, filters,
                                           before=number_arg(request.args, "before"), limit=limit)
    described = describe_page(access.process.id, entries)
    return jsonify({"entries": [entry_json(e, d) for e, d in zip(entries, described)],
                    "next_before": next_before})


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


OPENAPI_SCHEMAS = {
    "AuditEntry": {"type": "object",
                   "required": ["seq", "at", "who", "what", "link", "actor", "actor_kind", "system", "action",
                                "object_type", "object_id", "changes", "hash"],
                   "properties": {"seq": {"type": "integer"},
                                  "who": {"type": "string", "description":
                                          "The actor's role in the process, in words"},
                                  "what": {"type": "string", "description":
                                           "What they did, in words (articles by their current number)"},
                                  "link": {"type": "string", "nullable": True, "description":
                                           "The page of the object, where there is one"},
                                  "at": {"type": "string", "format": "date-time"},
                                  "actor": {"type": "string", "nullable": True, "description":
                                            "The user's email as recorded; null for the system"},
                                  "actor_kind": {"type": "string", "enum": ["user", "system"],
                                                 "description": "A user, or the system (the server's "
                                                                "command line or one of its background jobs)"},
                                  "system": {"type": "string", "nullable": True,
                                             "description": "What the system was doing ('command line', "
                                                            "'background job'); null for a user"},
                                  "action": {"type": "string"},
                                  "object_type": {"type": "string"},
                                  "object_id": {"type": "string"},
                                  "changes": {"type": "object", "additionalProperties": True,
                                              "description": "What changed; its keys depend on the action"},
                                  "hash": {"type": "string"}}},
}
OPENAPI_PATHS = {
    "/processes/{slug}/audit": {"get": {
        "summary": "The process's audit log, newest first (mediation team only)",
        "parameters": [
            {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
            _query("action", "An action ('clause.edit'), or a prefix without a dot ('clause')",
                   {"type": "string", "maxLength": 64}),
            _query("actor", "Part of the actor's email ('system' for the system)", {"type": "string", "maxLength": 300}),
            _query("object_type", "Table name of the object, e.g. 'clauses'",
                   {"type": "string", "maxLength": 64}),
            _query("object_id", "The object's id", {"type": "string", "maxLength": 64}),
            _query("document", "Only entries about this document and everything in it",
                   {"type": "integer", "minimum": 1}),
            _query("kind", "Action families, comma-separated ('clause,section')",
                   {"type": "string", "maxLength": 200}),
            _query("since", "From this date (YYYY-MM-DD) or ISO date-time", {"type": "string"}),
            _query("until", "Up to this date (inclusive) or before this ISO date-time",
                   {"type": "string"}),
            _query("before", "Only entries numbered below this (the next_before of a page)",
                   {"type": "integer", "minimum": 1}),
            _query("limit", f"Entries per page (default {PAGE_SIZE})",
                   {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}),
        ],
        "responses": {"200": json_response("One page of entries", {
            "type": "object", "required": ["entries", "next_before"],
            "properties": {"entries": {"type": "array",
                                       "items": {"$ref": "#/components/schemas/AuditEntry"}},
                           "next_before": {"type": "integer", "nullable": True}}}),
            **error_responses(401, 404, 422)}}},
}
