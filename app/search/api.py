"""GET /search: full-text search over what the caller may read (permissions.py)."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.openapi import error_responses, json_response
from ..public_ids import encode
from .permissions import search_accesses
from .queries import DRAFT, KINDS, search
from .schemas import MAX_OFFSET, MAX_PAGE_SIZE, PAGE_SIZE, query_or_400, read_filters, read_window
from .terms import MAX_QUERY_CHARS

bp = Blueprint("search_api", __name__)


@bp.get("/search")
@login_required
def search_texts():
    query = query_or_400(request.args)
    filters = read_filters(request.args)
    limit, offset = read_window(request.args)
    accesses = search_accesses(current_user, request.args.get("process") or None)
    page = search(accesses, query, filters, limit=limit, offset=offset)
    return jsonify({"query": query.text, "terms": [t.label() for t in query.terms],
                    "total": page.total, "offset": page.offset, "limit": page.limit,
                    "results": [result_json(r) for r in page.results]})


def result_json(r) -> dict:
    return {"kind": r.kind, "id": encode("version", r.id) if r.kind == "clause" else r.id,
            "document_id": encode("document", r.document_id), "document_title": r.document_title,
            "clause_id": encode("clause", r.clause_id), "number": r.number,
            "section_id": encode("section", r.section_id),
            "section_title": r.section_title, "round": r.round, "rounds": r.rounds,
            "in_working_draft": r.in_working_draft, "title": r.title,
            "submission_kind": r.submission_kind, "status": r.status, "party": r.party,
            "snippet": r.snippet, "highlights": [list(h) for h in r.highlights], "url": r.url}


def _query(name: str, description: str, schema: dict, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


_nullable_int = {"type": "integer", "nullable": True}
_nullable_str = {"type": "string", "nullable": True}
OPENAPI_SCHEMAS = {
    "SearchResult": {"type": "object", "required": [
        "kind", "id", "document_id", "clause_id", "snippet", "highlights", "url"],
        "properties": {
            "kind": {"type": "string", "enum": ["clause", "submission", "note"]},
            "id": {"type": "string", "description":
                   "A clause wording's version id; a submission's or note's public id"},
            "document_id": {"type": "string"}, "document_title": {"type": "string"},
            "clause_id": {"type": "string"}, "number": _nullable_int,
            "section_id": _nullable_str, "section_title": _nullable_str,
            "round": {**_nullable_int, "description": "Where the result is shown: a round number, "
                      "or null for the working draft (mediation team only)"},
            "rounds": {"type": "array", "items": {"type": "integer"},
                       "description": "The rounds that carried this wording"},
            "in_working_draft": {"type": "boolean", "description":
                                 "The wording is the working draft's (always false for parties and observers)"},
            "title": _nullable_str, "submission_kind": _nullable_str, "status": _nullable_str,
            "party": _nullable_str,
            "snippet": {"type": "string", "description": "Plain text around the first hit (not HTML)"},
            "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer"},
                                                      "minItems": 2, "maxItems": 2},
                           "description": "[start, end) of each hit in the snippet"},
            "url": {"type": "string"}}},
}
OPENAPI_PATHS = {
    "/search": {"get": {
        "summary": "Full-text search over what the caller may read: circulated rounds, the working "
                   "draft (team), submissions the caller may read, internal notes (team); ranked",
        "parameters": [
            _query("q", f"Words (all must occur); \"a phrase\"; prefix* (3 letters or more). At most "
                   f"{MAX_QUERY_CHARS} characters; other punctuation is ignored", {"type": "string"},
                   required=True),
            _query("process", "Only this process (by slug); default: all the caller's",
                   {"type": "string", "maxLength": 100}),
            _query("document", "Only this document", {"type": "integer", "minimum": 1}),
            _query("round", f"A round number, or '{DRAFT}' for the working draft", {"type": "string"}),
            _query("section", "Only this section", {"type": "integer", "minimum": 1}),
            _query("kind", f"Comma-separated, among: {', '.join(KINDS)}", {"type": "string"}),
            _query("limit", f"Results per page (default {PAGE_SIZE})",
                   {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}),
            _query("offset", "Results to skip", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
        ],
        "responses": {"200": json_response("One page of results and how many there are in all", {
            "type": "object", "required": ["query", "terms", "total", "offset", "limit", "results"],
            "properties": {"query": {"type": "string"}, "terms": {"type": "array", "items": {"type": "string"}},
                           "total": {"type": "integer"}, "offset": {"type": "integer"},
                           "limit": {"type": "integer"},
                           "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}}}}),
            **error_responses(400, 401, 404, 422)}}},
}
