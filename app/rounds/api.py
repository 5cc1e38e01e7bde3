"""JSON API for rounds: circulate, list, close and diff."""
import json

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from flask_babel import gettext

from ..api.body import db_int, field, json_body, parse_deadline
from ..api.openapi import ROUND_SUMMARY, error_responses, json_request, json_response
from ..drafting.permissions import document_access_or_404
from ..errors import NotFound
from ..panels import panels_for
from ..public_ids import encode, encoder
from .diffing import round_diff
from .operations import circulate_round, close_round, release_json, releases_of
from .permissions import releases_or_404, require_circulator, require_previewer
from .preview import preview_circulation, received_by, recipient_or_404, recipients
from .queries import round_or_404, rounds_of
from .renumbering import renumbering

bp = Blueprint("rounds_api", __name__)


def round_json(round_) -> dict:
    return {"number": round_.number, "label": round_.label,
            "circulated_at": round_.circulated_at.isoformat(),
            "deadline": round_.deadline.isoformat() if round_.deadline else None,
            "closed": round_.closed_at is not None,
            "summary": json.loads(round_.summary) if round_.summary else {}}


@bp.get("/documents/<document:document_id>/rounds")
@login_required
def list_rounds(document_id: int):
    _, document = document_access_or_404(current_user, document_id)
    return jsonify({"rounds": [round_json(r) for r in rounds_of(document.id)]})


@bp.post("/documents/<document:document_id>/rounds")
@login_required
def circulate(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_circulator(access)
    data = json_body() if request.content_length else {}
    round_ = circulate_round(
        document, actor=current_user, deadline=parse_deadline(data.get("deadline")),
        note=field(data, "note", str, required=False, max_length=2000),
        allow_unchanged=field(data, "allow_unchanged", bool, required=False, default=False),
        confirm_findings=field(data, "confirm_findings", bool, required=False, default=False),
        findings_seen=field(data, "findings_fingerprint", str, required=False, max_length=64),
        counts_seen=field(data, "confirm_counts", str, required=False, max_length=40))
    body = {"number": round_.number, **round_json(round_)}
    if body["summary"].get("unchanged"):
        body["message"] = gettext("Nothing changed since Rev. %(number)s; circulated as asked.", number=round_.number - 1)
    if round_.held_findings:
        body["circulated_over_findings"] = round_.held_findings
    return jsonify(body), 201


@bp.post("/documents/<document:document_id>/rounds/<int:number>/close")
@login_required
def close(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    round_ = round_or_404(document.id, number)
    require_circulator(access, "closes a round")
    close_round(round_, actor=current_user)
    return jsonify(round_json(round_))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/diff")
@login_required
def diff(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    new = round_or_404(document.id, number)
    raw_from = request.args.get("from")
    if raw_from is None:
        if number == 1:
            raise NotFound("Rev. 1 has no earlier round to compare with; pass ?from=M.")
        old = round_or_404(document.id, number - 1)
    else:
        old = round_or_404(document.id, db_int(raw_from))
    changed_only = request.args.get("changed_only") in ("1", "true")
    diffs, summary = round_diff(old, new, include_unchanged=not changed_only)
    # Features annotate changes through the diff page's panel (comments: the proposals
    # each new version answers, as the caller may see them).
    answers = panels_for("round_diff", access, document=document, old=old, new=new,
                         diffs=diffs).vars.get("answers_by_version", {})
    return jsonify({
        "from": old.number, "to": new.number,
        "clauses": [_diff_row(d, answers) for d in diffs if not (changed_only and d.change.change == "unchanged")],
        "summary": summary,
    })


def _diff_row(d, answers=None) -> dict:
    return {"clause_id": encode("clause", d.change.clause_id), "change": d.change.change, "number": d.number,
            "moved": d.change.moved, "ops": [[op, text] for op, text in d.ops],
            "title_ops": [[op, text] for op, text in d.title_ops],
            **({} if answers is None else {"answers": answers.get(d.change.new_version_id, [])})}


@bp.get("/documents/<document:document_id>/rounds/preview")
@login_required
def preview(document_id: int):
    """The next round before it goes out: the diff against the latest round, the open
    findings, the counts the confirmation names, and (?party=SLUG) exactly what that
    party or observer group will receive."""
    access, document = document_access_or_404(current_user, document_id)
    require_previewer(access)
    slug = request.args.get("party")
    party = recipient_or_404(document, slug) if slug is not None else None
    found = preview_circulation(document)
    body = {"next_round": found.number, "from": found.latest.number if found.latest else None,
            "counts": found.counts, "confirmation": found.confirmation, "summary": found.summary,
            "clauses": [_diff_row(d) for d in found.diffs], "findings": found.findings,
            "recipients": [{"slug": p.slug, "name": p.name, "kind": p.kind.value} for p in recipients(document)]}
    if party is not None:
        body["party"] = {"slug": party.slug, "name": party.name, "kind": party.kind.value}
        body["receives"] = received_by(document, party)
    return jsonify(body)


@bp.get("/documents/<document:document_id>/rounds/<int:number>/numbers")
@login_required
def numbers(document_id: int, number: int):
    """Old -> new article numbers against the previous round, as runs."""
    _, document = document_access_or_404(current_user, document_id)
    return jsonify(renumbering(round_or_404(document.id, number)).as_json())


@bp.get("/documents/<document:document_id>/rounds/<int:number>/releases")
@login_required
def releases(document_id: int, number: int):
    """What each party and observer group was released on this round (team only)."""
    access, document = document_access_or_404(current_user, document_id)
    releases_or_404(access)
    round_ = round_or_404(document.id, number)
    parties = {p.id: p for p in document.process.parties}
    return jsonify({"round": round_.number, "releases": [release_json(r, parties) for r in releases_of(round_)]})


def _doc(name="document_id"):
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


_ROUND = {"type": "object", "required": ["number", "circulated_at"],
          "properties": {"number": {"type": "integer"}, "label": {"type": "string"},
                         "circulated_at": {"type": "string", "format": "date-time"},
                         "deadline": {"type": "string", "format": "date-time", "nullable": True},
                         "closed": {"type": "boolean"}, "summary": ROUND_SUMMARY,
                         "message": {"type": "string"},
                         "circulated_over_findings": {"type": "integer", "description":
                                                      "How many unreviewed findings the mediator confirmed "
                                                      "circulating over"}}}
_HELD = {"type": "object", "required": ["error", "message"], "properties": {
    "error": {"type": "string", "description": "unreviewed_findings, unchanged, or another conflict"},
    "message": {"type": "string"},
    "latest_round": {"type": "integer"},
    "findings_fingerprint": {"type": "string"},
    "findings": {"type": "array", "items": {"type": "object", "required": ["id", "clause_id", "severity", "label"],
                                            "properties": {
        "id": {"type": "integer", "nullable": True, "description":
               "Null for a finding on a wording nobody had checked yet: the refusal rolls back the "
               "check, and the finding gets its id when the findings are next read"},
        "clause_id": {"type": "string"}, "version_id": {"type": "string"},
        "section_id": {"type": "string", "nullable": True},
        "number": {"type": "integer", "nullable": True}, "article": {"type": "string"},
        "clause_text": {"type": "string"}, "excerpt": {"type": "string"},
        "language": {"type": "string", "nullable": True, "description": "the authentic text's language (null: lead)"},
        "severity": {"type": "string", "enum": ["violation", "warning"]}, "rule": {"type": "string"},
        "label": {"type": "string"}, "message": {"type": "string"},
        "state": {"type": "string", "enum": ["unreviewed", "escalated"]}}}}}}
_DIFF_CLAUSE = {
    "type": "object", "required": ["clause_id", "change", "ops"],
    "properties": {"clause_id": {"type": "string"},
                   "change": {"type": "string", "enum": ["added", "removed", "modified", "moved", "unchanged"]},
                   "number": {"type": "integer", "nullable": True}, "moved": {"type": "boolean"},
                   "ops": {"type": "array"},
                   "title_ops": {"type": "array", "description": "Word diff of the article title ([] when untitled)"}}}
OPENAPI_SCHEMAS = {"Round": _ROUND, "HeldCirculation": _HELD}
OPENAPI_PATHS = {
    "/documents/{document_id}/rounds/{number}/releases": {"get": {
        "summary": "What each party and observer group was released on this round (team only; 404 for "
                   "parties and observers, as for a missing document): a record per recipient at "
                   "circulation (kind 'round': counts and the SHA-256 of the pins every recipient reads "
                   "alike) and at each release of a mediator's bridging proposal (kind 'bridging')",
        "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": json_response("Releases", {
            "type": "object", "required": ["round", "releases"], "properties": {
                "round": {"type": "integer"},
                "releases": {"type": "array", "items": {
                    "type": "object", "required": ["recipient", "kind", "released_at", "digest", "counts"],
                    "properties": {"recipient": {"type": "string", "nullable": True},
                                   "recipient_name": {"type": "string", "nullable": True},
                                   "recipient_kind": {"type": "string", "nullable": True},
                                   "kind": {"type": "string", "enum": ["round", "bridging"]},
                                   "released_at": {"type": "string", "format": "date-time"},
                                   "digest": {"type": "string"},
                                   "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                                   "items": {"type": "array", "items": {"type": "string"}}}}}}}),
            **error_responses(401, 404)}}},
    "/documents/{document_id}/rounds": {
        "get": {"summary": "The circulated rounds of a document",
                "parameters": [_doc()],
                "responses": {"200": json_response("Rounds", {
                    "type": "object", "required": ["rounds"],
                    "properties": {"rounds": {"type": "array", "items": {"$ref": "#/components/schemas/Round"}}}}),
                    **error_responses(401, 404)}},
        "post": {"summary": "Circulate the working draft as the next round (mediator). An unchanged "
                            "draft is refused with 409 unless allow_unchanged is true; a draft holding "
                            "violations or warnings no legal adviser has confirmed or dismissed is "
                            "refused with 409 unreviewed_findings (listing them) unless "
                            "confirm_findings is true.",
                 "parameters": [_doc()],
                 "requestBody": json_request({"type": "object", "properties": {
                     "deadline": {"type": "string", "format": "date-time"},
                     "note": {"type": "string", "maxLength": 2000},
                     "allow_unchanged": {"type": "boolean"},
                     "confirm_findings": {"type": "boolean", "description":
                                          "Circulate over unreviewed findings (recorded in the audit log, "
                                          "and the legal advisers are told)"},
                     "findings_fingerprint": {"type": "string", "maxLength": 64, "description":
                                              "The findings_fingerprint of the refusal: the confirmation "
                                              "then holds only for the findings it listed"},
                     "confirm_counts": {"type": "string", "maxLength": 40, "description":
                                        "Optional: the preview's confirmation (clauses changed:open "
                                        "findings); refused (409 confirmation_stale) unless it names "
                                        "this round's counts"}}}, required=False),
                 "responses": {"201": json_response("The new round", {"$ref": "#/components/schemas/Round"}),
                               **error_responses(400, 401, 403, 404, 413, 422),
                               "409": json_response("Nothing changed (unchanged), or unreviewed findings "
                                                    "(unreviewed_findings)", {"$ref": "#/components/schemas/HeldCirculation"})}}},
    "/documents/{document_id}/rounds/{number}/close": {"post": {
        "summary": "Close a round to comments (mediator)",
        "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": json_response("The round", {"$ref": "#/components/schemas/Round"}),
                      **error_responses(401, 403, 404, 409)}}},
    "/documents/{document_id}/rounds/preview": {"get": {
        "summary": "Preview the next round before circulating it (mediation team): the diff of the "
                   "working draft against the latest round (changed clauses), the open findings the "
                   "circulation gate would hold, the counts the confirmation names, and with ?party= "
                   "exactly what that party or observer group will receive (the body GET "
                   "/documents/{id} will give it, circulated_at of the new round null). For a party "
                   "or observer it does not exist (404, as for a missing document).",
        "parameters": [_doc(), {"name": "party", "in": "query", "required": False,
                                "schema": {"type": "string", "maxLength": 64}}],
        "responses": {"200": json_response("Preview", {
            "type": "object", "required": ["next_round", "counts", "confirmation", "clauses", "findings",
                                           "recipients"],
            "properties": {"next_round": {"type": "integer"}, "from": {"type": "integer", "nullable": True},
                           "counts": {"type": "object", "properties": {
                               "clauses_changed": {"type": "integer"}, "open_findings": {"type": "integer"}}},
                           "confirmation": {"type": "string", "description":
                                            "What the circulate form's confirmation sends back"},
                           "summary": ROUND_SUMMARY,
                           "clauses": {"type": "array", "items": _DIFF_CLAUSE},
                           "findings": _HELD["properties"]["findings"],
                           "recipients": {"type": "array", "items": {"type": "object", "properties": {
                               "slug": {"type": "string"}, "name": {"type": "string"},
                               "kind": {"type": "string", "enum": ["party", "observer"]}}}},
                           "party": {"type": "object"},
                           "receives": {"allOf": [{"$ref": "#/components/schemas/Document"}], "description":
                                        "The document as this recipient will read it (GET /documents/{id})"}}}),
            **error_responses(401, 404)}}},
    "/documents/{document_id}/rounds/{number}/numbers": {"get": {
        "summary": "How article numbers changed from the previous round: runs of old -> new "
                   "numbers, articles added and removed (null `from` for Rev. 1)",
        "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": json_response("Renumbering", {
            "type": "object", "required": ["from", "runs", "added", "removed"],
            "properties": {"from": {"type": "integer", "nullable": True},
                           "runs": {"type": "array", "items": {
                               "type": "object", "required": ["old_from", "old_to", "new_from", "new_to"],
                               "properties": {k: {"type": "integer"} for k in
                                              ("old_from", "old_to", "new_from", "new_to")}}},
                           "added": {"type": "array", "items": {"type": "integer"}},
                           "removed": {"type": "array", "items": {"type": "integer"}}}}),
            **error_responses(401, 404)}}},
    "/documents/{document_id}/rounds/{number}/diff": {"get": {
        "summary": "Diff between two rounds (default: the previous one), word-level inside "
                   "modified clauses",
        "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}},
                       {"name": "from", "in": "query", "required": False, "schema": {"type": "integer"}},
                       {"name": "changed_only", "in": "query", "required": False,
                        "schema": {"type": "string", "enum": ["0", "1", "true", "false"]}}],
        "responses": {"200": json_response("Diff", {
            "type": "object", "required": ["clauses", "summary"],
            "properties": {"from": {"type": "integer"}, "to": {"type": "integer"},
                           "summary": ROUND_SUMMARY,
                           "clauses": {"type": "array", "items": {
                               "type": "object", "required": ["clause_id", "change", "ops"],
                               "properties": {"clause_id": {"type": "string"},
                                              "change": {"type": "string", "enum": [
                                                  "added", "removed", "modified", "moved", "unchanged"]},
                                              "number": {"type": "integer", "nullable": True},
                                              "moved": {"type": "boolean"},
                                              "ops": {"type": "array"},
                                              "title_ops": {"type": "array", "description":
                                                            "Word diff of the article title ([] when untitled)"},
                                              "answers": {"type": "array", "items": {
                                                  "type": "object", "properties": {
                                                      "submission_id": {"type": "string", "nullable": True},
                                                      "party": {"type": "string", "nullable": True}}}}}}}}}),
            **error_responses(401, 404)}}},
}
