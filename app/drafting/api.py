"""JSON API for documents, sections and clauses (the working draft).

Parties and observers read documents only as circulated rounds: GET /documents/{id}
gives them the latest round whatever they ask, and every working-draft route answers
them 404, exactly as for an id that does not exist.
"""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.body import db_int, field, id_field, json_body, query_id
from ..api.openapi import error_responses, json_request, json_response, stale_or_conflict
from ..config import MAX_CLAUSE_CHARS
from ..errors import NotFound
from ..extensions import db
from ..processes.permissions import can_view_working_draft, process_access_or_404
from ..public_ids import encode
from ..rounds.diffing import version_diff, version_title_diff
from ..rounds.queries import latest_round, round_or_404, round_outline, rounds_of
from ..workbench.negotiation import draft_negotiation, filtered_outline, negotiation_json, parse_filter
from .languages import clause_languages, in_language, languages_of
from .models import Clause, ClauseVersion, Document, Section
from .operations import (KEEP, add_clause, add_document_language, add_section, create_document, delete_clause,
                         edit_clause,
                         move_clause, move_section, remove_section, rename_section, restore_version)
from .permissions import (languages_heard_of, clause_access_or_404, document_access_or_404, require_editor, require_language_editor,
                          require_team_or_404, section_access_or_404)
from .queries import ClauseRow, clause_number, versions_of, working_outline
from .serialize import document_json, rounds_json, version_json
from .structure import outline_of

bp = Blueprint("drafting_api", __name__)


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    value = db_int(raw)
    if value is None:
        raise NotFound("No such round.")
    return value


@bp.post("/processes/<slug>/documents")
@login_required
def create_document_api(slug: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    data = json_body()
    document = create_document(access, field(data, "title", str, max_length=300), actor=current_user)
    return jsonify({"id": document.public_id, "title": document.title}), 201


@bp.get("/documents/<document:document_id>")
@login_required
def get_document(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    number = _int_arg("round")
    rounds = rounds_of(document.id)
    if number is not None:
        round_ = round_or_404(document.id, number)
    elif can_view_working_draft(access):
        round_ = None
    else:
        round_ = latest_round(document.id)
        if round_ is None:
            raise NotFound()
    languages = languages_heard_of(access, document, languages_of(document))
    code = request.args.get("language")
    language = languages[0] if code is None else next((lang for lang in languages if lang.code == code), None)
    if language is None:
        raise NotFound("The document has no such language.")
    outline = round_outline(round_) if round_ else working_outline(document.id)
    if len(languages) > 1 or code is not None:
        outline = in_language(outline, document, language.code)
    if round_ is None and (request.args.get("filter") or request.args.get("negotiation") in ("1", "true")):
        return jsonify(_with_negotiation(access, document, rounds, outline, request.args.get("filter")))
    return jsonify(document_json(document, round_number=round_.number if round_ else None,
                                 rounds=rounds_json(rounds), outline=outline, language=language,
                                 languages=languages))


def _with_negotiation(access, document, rounds, outline, raw_filter) -> dict:
    """The team's working draft with each clause's negotiation (submissions, dispositions,
    findings, positions, changed since the latest round), filtered by ?filter= when given."""
    name = parse_filter(raw_filter)
    if name is not None:
        outline = filtered_outline(access, document, outline, name)
    ids = [c.clause_id for s in outline for c in s.clauses]
    negotiation = draft_negotiation(access, document, ids)
    body = document_json(document, round_number=None, rounds=rounds_json(rounds), outline=outline)
    body["filter"] = name
    by_pid = {encode("clause", i): i for i in ids}
    for section in body["sections"]:
        for clause in section["clauses"]:
            clause["negotiation"] = negotiation_json(negotiation[by_pid[clause["id"]]])
    return body


@bp.post("/documents/<document:document_id>/sections")
@login_required
def create_section_api(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    data = json_body()
    section = add_section(document, field(data, "title", str, max_length=300), actor=current_user)
    return jsonify({"id": section.public_id, "title": section.title}), 201


@bp.patch("/sections/<section:section_id>")
@login_required
def rename_section_api(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    data = json_body()
    rename_section(section, field(data, "title", str, max_length=300), actor=current_user)
    return jsonify({"id": section.public_id, "title": section.title})


@bp.delete("/sections/<section:section_id>")
@login_required
def remove_section_api(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    data = json_body() if request.get_data() else {}
    deleted = remove_section(section, actor=current_user,
                             reason=field(data, "reason", str, required=False, max_length=2000))
    return jsonify({"id": section.public_id, "removed": True, "clauses_deleted": deleted})


@bp.post("/sections/<section:section_id>/move")
@login_required
def move_section_api(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    move_section(section, field(json_body(), "position", int), actor=current_user)
    return jsonify({"id": section.public_id, "position": section.position})


def _clause_json(clause_id: int) -> dict:
    clause = db.session.get(Clause, clause_id)
    version = db.session.get(ClauseVersion, clause.current_version_id)
    number = None if version.is_tombstone else clause_number(clause)
    row = ClauseRow(clause.id, version.id, clause.section_id, number, version.text,
                    version.bracket_count, version.option_count, version.is_tombstone)
    return {"id": clause.public_id, "number": number, "label": row.label, "title": version.title,
            "text": version.text, "structure": outline_of(version.text),
            "version_id": version.public_id, "section_id": encode("section", clause.section_id),
            "deleted": version.is_tombstone, "brackets": version.bracket_count,
            "options": version.option_count,
            "texts": clause_languages(db.session.get(Document, clause.document_id), version)}


def _title_field(data: dict):
    """'title' absent: keep the current one; null or "": none; a string: the new title."""
    if "title" not in data:
        return KEEP
    return field(data, "title", str, required=False, max_length=300)


@bp.post("/documents/<document:document_id>/clauses")
@login_required
def create_clause_api(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    data = json_body()
    section_id = id_field(data, "section_id", "section")
    section = db.session.get(Section, section_id)
    if section is None or section.document_id != document.id:
        raise NotFound("No such section in this document.")
    clause = add_clause(document, section, field(data, "text", str, max_length=MAX_CLAUSE_CHARS),
                        actor=current_user, reason=field(data, "reason", str, required=False,
                                                         max_length=2000),
                        title=field(data, "title", str, required=False, max_length=300))
    return jsonify(_clause_json(clause.id)), 201


def _team_clause(clause_id: int, *, editor: bool):
    access, clause = clause_access_or_404(current_user, clause_id)
    (require_editor if editor else require_team_or_404)(access)
    return access, clause


@bp.get("/clauses/<clause:clause_id>")
@login_required
def get_clause(clause_id: int):
    _team_clause(clause_id, editor=False)
    return jsonify(_clause_json(clause_id))


@bp.patch("/clauses/<clause:clause_id>")
@login_required
def edit_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    data = json_body()
    edit_clause(clause_id, field(data, "text", str, max_length=MAX_CLAUSE_CHARS),
                id_field(data, "base_version_id", "version"), actor=current_user,
                reason=field(data, "reason", str, required=False, max_length=2000),
                title=_title_field(data), language=field(data, "language", str, required=False, max_length=35))
    return jsonify(_clause_json(clause_id))


@bp.post("/documents/<document:document_id>/languages")
@login_required
def add_language_api(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_language_editor(access)
    data = json_body()
    add_document_language(document, field(data, "code", str, max_length=35),
                          authentic=field(data, "authentic", bool), actor=current_user)
    return jsonify({"id": document.public_id, "languages": [lang.json() for lang in languages_of(document)]}), 201


@bp.delete("/clauses/<clause:clause_id>")
@login_required
def delete_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    data = json_body()
    delete_clause(clause_id, id_field(data, "base_version_id", "version"), actor=current_user,
                  reason=field(data, "reason", str, required=False, max_length=2000))
    return jsonify(_clause_json(clause_id))


@bp.post("/clauses/<clause:clause_id>/restore")
@login_required
def restore_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    data = json_body()
    restore_version(clause_id, id_field(data, "version_id", "version"), id_field(data, "base_version_id", "version"),
                    actor=current_user,
                    reason=field(data, "reason", str, required=False, max_length=2000))
    return jsonify(_clause_json(clause_id))


@bp.post("/clauses/<clause:clause_id>/move")
@login_required
def move_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    data = json_body()
    move_clause(clause_id, id_field(data, "section_id", "section"), field(data, "position", int),
                actor=current_user)
    return jsonify(_clause_json(clause_id))


@bp.get("/clauses/<clause:clause_id>/versions")
@login_required
def clause_versions_api(clause_id: int):
    _team_clause(clause_id, editor=False)
    return jsonify({"clause_id": encode("clause", clause_id),
                    "versions": [version_json(v) for v in versions_of(clause_id)]})


@bp.get("/clauses/<clause:clause_id>/compare")
@login_required
def compare_versions_api(clause_id: int):
    _team_clause(clause_id, editor=False)
    versions = {v.id: v for v in versions_of(clause_id)}
    old, new = query_id("from", "version"), query_id("to", "version")
    if old not in versions or new not in versions:
        raise NotFound("Choose two versions of this clause ('from' and 'to').")
    return jsonify({"clause_id": encode("clause", clause_id), "from": encode("version", old), "to": encode("version", new),
                    "ops": [[op, text] for op, text in version_diff(versions[old], versions[new])],
                    "title_ops": [[op, text] for op, text in version_title_diff(versions[old], versions[new])]})


# --- OpenAPI -------------------------------------------------------------------------

# Every id is a public id (app/public_ids.py): an opaque string.
_PID = {"type": "string", "description": "A public id (opaque)"}
_NPID = {"type": "string", "nullable": True}

def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": _PID}


_OPS = {"type": "array", "items": {"type": "array", "minItems": 2, "maxItems": 2,
                                   "items": {"oneOf": [{"type": "integer", "enum": [-1, 0, 1]},
                                                       {"type": "string"}]}}}
_TEXT = {"type": "string", "maxLength": MAX_CLAUSE_CHARS,
         "description": "The article's body: one paragraph a line, typed labels ((a), (i), 1.1) for "
                        "sub-paragraphs, '|' rows for tables, {^1} footnote references and "
                        "'{^1} text' footnote lines (see the README, Structured articles)"}
_CLAUSE_TITLE = {"type": "string", "maxLength": 300, "nullable": True,
                 "description": "The article's title, part of its wording (a new title is a new version)"}
_BLOCK = {"type": "object", "required": ["type"], "properties": {
    "type": {"type": "string", "enum": ["paragraph", "table", "footnote"]},
    "level": {"type": "integer"}, "label": {"type": "string"}, "text": {"type": "string"},
    "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
    "header_rows": {"type": "integer"}, "mark": {"type": "string"}}}
_REASON = {"type": "string", "maxLength": 2000}
_LANGUAGE = {"type": "object", "required": ["code", "authentic", "lead"],
             "properties": {"code": {"type": "string", "description": "BCP 47 primary tag: en, ar, fr"},
                            "authentic": {"type": "boolean"}, "lead": {"type": "boolean"}}}
_LANGUAGES = {"type": "array", "items": _LANGUAGE, "description": "The document's languages, the lead first"}
_CLAUSE_TEXT = {"type": "object", "required": ["code", "text", "to_be_updated"], "properties": {
    **_LANGUAGE["properties"], "text": {"type": "string", "nullable": True}, "title": {"type": "string", "nullable": True},
    "to_be_updated": {"type": "boolean"}}}
_CLAUSE_REF = {"$ref": "#/components/schemas/Clause"}

OPENAPI_SCHEMAS = {
    "Clause": {"type": "object", "required": ["id", "number", "text", "version_id"],
               "properties": {"id": _PID, "number": {"type": "integer", "nullable": True},
                              "label": {"type": "string"}, "title": _CLAUSE_TITLE, "text": {"type": "string"},
                              "structure": {"type": "array", "items": _BLOCK,
                                            "description": "The body read as blocks (single-clause responses)"},
                              "version_id": _PID, "section_id": _PID,
                              "deleted": {"type": "boolean"}, "brackets": {"type": "integer"},
                              "options": {"type": "integer"},
                              "language": {"type": "string", "description": "The language of `text` "
                                           "(documents of several languages, or ?language=)"},
                              "to_be_updated": {"type": "boolean", "description": "That text is not revised "
                                                "for this version (a new version in another language)"},
                              "missing": {"type": "boolean", "description": "No text in that language yet"},
                              "texts": {"type": "array", "items": _CLAUSE_TEXT,
                                        "description": "Every language's text (single-clause responses)"},
                              "negotiation": {"$ref": "#/components/schemas/ClauseNegotiation"}}},
    "ClauseNegotiation": {
        "type": "object", "description": "The team's working draft with ?negotiation=1 or ?filter=",
        "required": ["changed", "in_latest_round", "status", "submissions", "findings", "positions"],
        "properties": {
            "changed": {"type": "boolean", "description": "The draft's wording differs from the latest round's"},
            "in_latest_round": {"type": "boolean"}, "contested": {"type": "boolean"},
            "status": {"type": "string", "nullable": True, "enum": ["agreed", "contested", "open", None]},
            "submissions": {"type": "array", "items": {"type": "object", "properties": {
                "submission_id": {"type": "string"}, "kind": {"type": "string"}, "party": {"type": "string"},
                "answered": {"type": "boolean"}, "disposition": {"type": "string", "nullable": True}}}},
            "findings": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "severity": {"type": "string"}, "label": {"type": "string"},
                "state": {"type": "string"}}}},
            "positions": {"type": "array", "items": {"type": "object", "properties": {
                "party": {"type": "string"}, "stance": {"type": "string"}}}}}},
    "Document": {"type": "object", "required": ["id", "title", "rounds", "sections"],
                 "properties": {
                     "id": _PID, "title": {"type": "string"},
                     "round": {"type": "integer", "nullable": True},
                     "working_draft": {"type": "boolean"}, "concluded": {"type": "boolean"},
                     "filter": {"type": "string", "nullable": True},
                     "languages": _LANGUAGES, "language": {"type": "string"},
                     "dir": {"type": "string", "enum": ["ltr", "rtl"]},
                     "rounds": {"type": "array", "items": {
                         "type": "object", "required": ["number", "circulated_at"],
                         "properties": {"number": {"type": "integer"},
                                        "circulated_at": {"type": "string", "format": "date-time", "nullable": True,
                                                          "description": "null only in a circulation preview's "
                                                                         "next round"}}}},
                     "sections": {"type": "array", "items": {
                         "type": "object", "required": ["id", "title", "clauses"],
                         "properties": {"id": _PID, "title": {"type": "string"},
                                        "number": {"type": "integer"},
                                        "brackets": {"type": "integer"}, "options": {"type": "integer"},
                                        "clauses": {"type": "array", "items": _CLAUSE_REF}}}}}},
    "Version": {"type": "object", "required": ["id", "seq", "text", "deleted", "created_at"],
                "properties": {"id": _PID, "seq": {"type": "integer"},
                               "title": _CLAUSE_TITLE,
                               "text": {"type": "string"}, "deleted": {"type": "boolean"},
                               "author": {"type": "string", "nullable": True},
                               "reason": {"type": "string", "nullable": True},
                               "based_on_id": _NPID,
                               "created_at": {"type": "string", "format": "date-time"},
                               "brackets": {"type": "integer"}, "options": {"type": "integer"}}},
    "Stale": {"type": "object", "required": ["error", "message", "version_id", "text"],
              "properties": {"error": {"type": "string"}, "message": {"type": "string"},
                             "version_id": _PID, "text": {"type": "string"},
                             "title": _CLAUSE_TITLE, "is_deleted": {"type": "boolean"}}},
}


def _body(required: list, properties: dict) -> dict:
    return json_request({"type": "object", "required": required, "properties": properties})


_STALE = stale_or_conflict()
_WRITE_ERRORS = error_responses(400, 401, 403, 404, 413, 422)
_IDS = {"title": {"type": "string", "maxLength": 300}}
_SECTION = {"type": "object", "required": ["id", "title"],
            "properties": {"id": _PID, "title": {"type": "string"}}}

OPENAPI_PATHS = {
    "/processes/{slug}/documents": {"post": {
        "summary": "Create a document in a process (mediator, drafter)",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
        "requestBody": _body(["title"], _IDS),
        "responses": {"201": json_response("Created", {"type": "object", "required": ["id", "title"],
                                                       "properties": {"id": _PID,
                                                                      "title": {"type": "string"}}}),
                      **_WRITE_ERRORS}}},
    "/documents/{document_id}": {"get": {
        "summary": "A document: the working draft for the team, the latest circulated round "
                   "for parties and observers; ?round=N for a given round. On the team's working "
                   "draft, ?negotiation=1 adds each clause's `negotiation` (the latest round's "
                   "submissions and dispositions on it, open findings, counted positions, the status "
                   "of its circulated wording, changed since the latest round) and ?filter= keeps the "
                   "clauses that are changed, contested or with open findings (and adds the same); "
                   "parties and observers get the round whatever they ask",
        "parameters": [_path_id("document_id"),
                       {"name": "round", "in": "query", "required": False, "schema": {"type": "integer"}},
                       {"name": "language", "in": "query", "required": False, "schema": {"type": "string"},
                        "description": "The texts in that language (default: the lead), each clause saying "
                                       "whether it is to be updated; 404 for a language the document lacks"},
                       {"name": "filter", "in": "query", "required": False,
                        "schema": {"type": "string", "enum": ["changed", "contested", "open_findings"]}},
                       {"name": "negotiation", "in": "query", "required": False,
                        "schema": {"type": "string", "enum": ["0", "1", "true", "false"]}}],
        "responses": {"200": json_response("The document", {"$ref": "#/components/schemas/Document"}),
                      **error_responses(401, 404, 422)}}},
    "/documents/{document_id}/languages": {"post": {
        "summary": "Add a language to a document, authentic or a translation (mediator, drafter); every "
                   "clause is to be updated in it until its text is written",
        "parameters": [_path_id("document_id")],
        "requestBody": _body(["code", "authentic"], {"code": {"type": "string", "maxLength": 35},
                                                     "authentic": {"type": "boolean"}}),
        "responses": {"201": json_response("The document's languages", {
            "type": "object", "required": ["id", "languages"], "properties": {"id": _PID, "languages": _LANGUAGES}}),
            **_WRITE_ERRORS, **error_responses(409)}}},
    "/documents/{document_id}/sections": {"post": {
        "summary": "Add a section at the end of the document",
        "parameters": [_path_id("document_id")], "requestBody": _body(["title"], _IDS),
        "responses": {"201": json_response("Created", _SECTION), **_WRITE_ERRORS,
                      **error_responses(409)}}},
    "/sections/{section_id}": {"patch": {
        "summary": "Rename a section", "parameters": [_path_id("section_id")],
        "requestBody": _body(["title"], _IDS),
        "responses": {"200": json_response("Renamed", _SECTION), **_WRITE_ERRORS,
                      **error_responses(409)}},
        "delete": {"summary": "Remove a section from the working draft: its clauses are deleted (their "
                              "history kept); rounds that circulated it keep it",
                   "parameters": [_path_id("section_id")],
                   "requestBody": {"required": False, "content": {"application/json": {"schema": {
                       "type": "object", "properties": {"reason": _REASON}}}}},
                   "responses": {"200": json_response("Removed", {
                       "type": "object", "required": ["id", "removed", "clauses_deleted"],
                       "properties": {"id": _PID, "removed": {"type": "boolean"},
                                      "clauses_deleted": {"type": "integer"}}}), **_WRITE_ERRORS,
                                 **error_responses(409)}}},
    "/sections/{section_id}/move": {"post": {
        "summary": "Move a section (with its clauses) to a position among the document's sections",
        "parameters": [_path_id("section_id")],
        "requestBody": _body(["position"], {"position": {"type": "integer", "minimum": 1}}),
        "responses": {"200": json_response("Moved", {"type": "object", "required": ["id", "position"],
                                                     "properties": {"id": _PID,
                                                                    "position": {"type": "integer"}}}),
                      **_WRITE_ERRORS, **error_responses(409)}}},
    "/documents/{document_id}/clauses": {"post": {
        "summary": "Add a clause at the end of a section",
        "parameters": [_path_id("document_id")],
        "requestBody": _body(["section_id", "text"], {"section_id": _PID, "text": _TEXT,
                                                      "title": _CLAUSE_TITLE, "reason": _REASON}),
        "responses": {"201": json_response("Created", _CLAUSE_REF), **_WRITE_ERRORS,
                      **error_responses(409)}}},
    "/clauses/{clause_id}": {
        "get": {"summary": "A clause of the working draft (team)", "parameters": [_path_id("clause_id")],
                "responses": {"200": json_response("The clause", _CLAUSE_REF), **error_responses(401, 404)}},
        "patch": {"summary": "Edit a clause: writes a new version; 409 with the current text when the "
                             "base version is stale",
                  "parameters": [_path_id("clause_id")],
                  "requestBody": _body(["text", "base_version_id"], {
                      "text": _TEXT, "reason": _REASON, "base_version_id": _PID,
                      "language": {"type": "string", "maxLength": 35, "description": (
                          "The language of the text (default: the lead). Any edit writes a new version; the "
                          "other languages are then to be updated, unless this text was (then it is its update)")},
                      "title": {**_CLAUSE_TITLE, "description": "Absent: the title is kept; null or "
                                                                "empty: no title; changing it is a new version"}}),
                  "responses": {"200": json_response("The clause", _CLAUSE_REF), **_WRITE_ERRORS, **_STALE}},
        "delete": {"summary": "Delete a clause (writes a tombstone version)",
                   "parameters": [_path_id("clause_id")],
                   "requestBody": _body(["base_version_id"], {"base_version_id": _PID,
                                                              "reason": _REASON}),
                   "responses": {"200": json_response("The clause", _CLAUSE_REF), **_WRITE_ERRORS, **_STALE}}},
    "/clauses/{clause_id}/restore": {"post": {
        "summary": "Restore an earlier wording (or undelete) as a new version",
        "parameters": [_path_id("clause_id")],
        "requestBody": _body(["version_id", "base_version_id"], {"version_id": _PID,
                                                                 "base_version_id": _PID,
                                                                 "reason": _REASON}),
        "responses": {"200": json_response("The clause", _CLAUSE_REF), **_WRITE_ERRORS, **_STALE}}},
    "/clauses/{clause_id}/move": {"post": {
        "summary": "Move a clause to a position (1-based) in a section of the same document",
        "parameters": [_path_id("clause_id")],
        "requestBody": _body(["section_id", "position"], {"section_id": _PID,
                                                          "position": {"type": "integer", "minimum": 1}}),
        "responses": {"200": json_response("The clause", _CLAUSE_REF), **_WRITE_ERRORS,
                      **error_responses(409)}}},
    "/clauses/{clause_id}/versions": {"get": {
        "summary": "Version history of a clause, newest first (team)",
        "parameters": [_path_id("clause_id")],
        "responses": {"200": json_response("Versions", {
            "type": "object", "required": ["clause_id", "versions"],
            "properties": {"clause_id": _PID,
                           "versions": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}}}}),
            **error_responses(401, 404)}}},
    "/clauses/{clause_id}/compare": {"get": {
        "summary": "Word-level diff between two versions of a clause",
        "parameters": [_path_id("clause_id"),
                       {"name": "from", "in": "query", "required": True, "schema": _PID},
                       {"name": "to", "in": "query", "required": True, "schema": _PID}],
        "responses": {"200": json_response("Diff", {"type": "object", "required": ["clause_id", "from", "to", "ops"],
                                                    "properties": {"clause_id": _PID,
                                                                   "from": _PID,
                                                                   "to": _PID, "ops": _OPS,
                                                                   "title_ops": _OPS}}),
                      **error_responses(401, 404)}}},
}
