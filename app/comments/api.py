"""JSON API for comments, proposals, threads, dispositions, sharing and notes."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.body import field, id_field, json_body, query_int
from ..api.openapi import error_responses, json_request, json_response, stale_or_conflict
from ..config import MAX_CLAUSE_CHARS
from ..drafting.permissions import clause_access_or_404, document_access_or_404, require_editor, require_team_or_404
from ..errors import Invalid
from ..i18n import current_language
from ..public_ids import encode
from ..rounds.queries import round_or_404
from ..rounds.textdiff import render_redline_html, word_diff
from .applying import apply_proposal, merge_report
from .colliding import (bridging_by_clause, bridging_json, collisions_for, collisions_json, release_bridging,
                        round_for, save_merge)
from .operations import (add_note, add_reply, create_submission, revise_clause, set_disposition,
                         share_with_all, submit, withdraw)
from .permissions import (applicable_or_404, bridging_access_or_404, collisions_or_404, compilation_or_404,
                          submission_access_or_404)
from .queries import notes_for, submissions_by_clause, submissions_for
from .serialize import note_json, submission_json

bp = Blueprint("comments_api", __name__)


@bp.get("/clauses/<clause:clause_id>/comments")
@login_required
def list_comments(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    return jsonify({"clause_id": clause.public_id,
                    "comments": [submission_json(access, s) for s in submissions_for(access, clause_ids=[clause.id])]})


@bp.post("/clauses/<clause:clause_id>/comments")
@login_required
def create_comment(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    data = json_body()
    submission = create_submission(
        access, clause, kind=field(data, "kind", str, max_length=20),
        body=field(data, "body", str, max_length=MAX_CLAUSE_CHARS),
        proposed_text=field(data, "proposed_text", str, required=False, max_length=MAX_CLAUSE_CHARS),
        draft=field(data, "draft", bool, required=False, default=False), actor=current_user,
        language=field(data, "language", str, required=False, max_length=35),
        interface_language=current_language())
    return jsonify(submission_json(access, submission)), 201


@bp.post("/submissions/<public_id>/submit")
@login_required
def submit_draft(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    submit(access, submission, actor=current_user)
    return jsonify(submission_json(access, submission))


@bp.post("/submissions/<public_id>/withdraw")
@login_required
def withdraw_submission(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    withdraw(access, submission, actor=current_user)
    return jsonify(submission_json(access, submission))


@bp.post("/submissions/<public_id>/replies")
@login_required
def reply(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    data = json_body()
    add_reply(access, submission, field(data, "body", str, max_length=MAX_CLAUSE_CHARS), actor=current_user)
    return jsonify(submission_json(access, submission)), 201


@bp.post("/submissions/<public_id>/disposition")
@login_required
def disposition(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    data = json_body()
    set_disposition(access, submission, field(data, "decision", str, max_length=30),
                    field(data, "reason", str, max_length=MAX_CLAUSE_CHARS), actor=current_user)
    return jsonify(submission_json(access, submission)), 201


@bp.post("/submissions/<public_id>/share")
@login_required
def share(public_id: str):
    """Shares the submission; {"replies": [ids]} names the team replies that go with it
    (none by default: sharing the question does not share the team's answer)."""
    access, submission = submission_access_or_404(current_user, public_id)
    data = json_body() if request.is_json or request.content_length else {}
    replies = field(data, "replies", list, required=False, default=[])
    if not all(isinstance(r, str) for r in replies):
        raise Invalid("'replies' must be a list of reply ids.")
    share_with_all(access, submission, replies=replies, actor=current_user)
    return jsonify(submission_json(access, submission))


@bp.get("/clauses/<clause:clause_id>/notes")
@login_required
def list_notes(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_team_or_404(access)
    return jsonify({"notes": [note_json(n) for n in notes_for(access, [clause.id])]})


@bp.post("/clauses/<clause:clause_id>/notes")
@login_required
def create_note(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_team_or_404(access)         # before the body is read, as the HTML form does
    data = json_body()
    note = add_note(access, clause, field(data, "body", str, max_length=MAX_CLAUSE_CHARS), actor=current_user)
    return jsonify(note_json(note)), 201


@bp.post("/clauses/<clause:clause_id>/revisions")
@login_required
def revise(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_editor(access)
    data = json_body()
    answers = field(data, "answers", list, required=False, default=[])
    if not all(isinstance(a, str) for a in answers):
        raise Invalid("'answers' must be a list of submission ids.")
    version = revise_clause(access, clause, field(data, "text", str, max_length=MAX_CLAUSE_CHARS),
                            id_field(data, "base_version_id", "version"), answers=answers, actor=current_user,
                            reason=field(data, "reason", str, required=False, max_length=2000))
    return jsonify({"clause_id": clause.public_id, "version_id": version.public_id, "text": version.text,
                    "answers": answers}), 201


@bp.get("/submissions/<public_id>/merge")
@login_required
def merge(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    return jsonify(merge_report(applicable_or_404(access, submission)))


@bp.post("/submissions/<public_id>/apply")
@login_required
def apply(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    applicable_or_404(access, submission)
    data = json_body()
    applied = apply_proposal(access, submission, base_version_id=id_field(data, "base_version_id", "version"),
                             reason=field(data, "reason", str, max_length=MAX_CLAUSE_CHARS),
                             text=field(data, "text", str, required=False, max_length=MAX_CLAUSE_CHARS),
                             actor=current_user)
    return jsonify({"clause_id": encode("clause", submission.clause_id), "version_id": applied.version.public_id,
                    "text": applied.version.text, "decision": applied.decision.value,
                    "submission": submission_json(access, submission)}), 201


def _round_param(data: dict | None = None):
    if data is None:
        return query_int("round")
    return field(data, "round", int, required=False)


@bp.get("/clauses/<clause:clause_id>/collisions")
@login_required
def collisions(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    collisions_or_404(access)
    return jsonify(collisions_json(collisions_for(clause, round_for(clause, _round_param()))))


@bp.post("/clauses/<clause:clause_id>/merge")
@login_required
def merge_collisions(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    collisions_or_404(access)
    data = json_body()
    round_ = round_for(clause, _round_param(data))
    choices = field(data, "choices", dict, required=False, default={})
    custom = field(data, "custom", dict, required=False, default={})
    if not all(isinstance(v, str) for v in [*choices.values(), *custom.values()]):
        raise Invalid("'choices' and 'custom' map region numbers to strings.")
    saved = save_merge(access, collisions_for(clause, round_), choices=choices, custom=custom,
                       fingerprint=field(data, "fingerprint", str, required=False, max_length=64),
                       save_as=field(data, "save_as", str, max_length=20),
                       reason=field(data, "reason", str, max_length=MAX_CLAUSE_CHARS),
                       base_version_id=id_field(data, "base_version_id", "version", required=False),
                       actor=current_user)
    body = {"clause_id": clause.public_id, "text": saved.text, "decisions": saved.decisions,
            "version_id": saved.version.public_id if saved.version else None,
            "bridging_proposal": bridging_json(access, saved.bridging) if saved.bridging else None}
    return jsonify(body), 201


@bp.get("/clauses/<clause:clause_id>/bridging-proposals")
@login_required
def list_bridging(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    round_ = round_for(clause, _round_param())
    found = bridging_by_clause(access, round_.id, [clause.id]).get(clause.id, [])
    return jsonify({"clause_id": clause.public_id, "round": round_.number,
                    "bridging_proposals": [bridging_json(access, b) for b in found]})


@bp.get("/bridging-proposals/<public_id>")
@login_required
def get_bridging(public_id: str):
    access, bridging = bridging_access_or_404(current_user, public_id)
    return jsonify(bridging_json(access, bridging))


@bp.post("/bridging-proposals/<public_id>/release")
@login_required
def release(public_id: str):
    access, bridging = bridging_access_or_404(current_user, public_id)
    release_bridging(access, bridging, actor=current_user)
    return jsonify(bridging_json(access, bridging))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/compilation")
@login_required
def compilation(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    compilation_or_404(access)
    round_ = round_or_404(document.id, number)
    grouped = submissions_by_clause(access, round_id=round_.id)
    return jsonify({"round": round_.number,
                    "clauses": [{"clause_id": encode("clause", cid), "submissions": [submission_json(access, s) for s in subs]}
                                for cid, subs in sorted(grouped.items())]})


@bp.post("/redline")
@login_required
def redline():
    """The live redline of a proposal against the circulated wording (no state)."""
    data = json_body()
    ops = word_diff(field(data, "old", str, max_length=MAX_CLAUSE_CHARS),
                    field(data, "new", str, max_length=MAX_CLAUSE_CHARS))
    return jsonify({"html": str(render_redline_html(ops)), "ops": [[op, text] for op, text in ops]})


# --- OpenAPI ------------------------------------------------------------------------
_SUB_REF = {"$ref": "#/components/schemas/Submission"}
_PID = {"name": "public_id", "in": "path", "required": True, "schema": {"type": "string"}}
_CID = {"name": "clause_id", "in": "path", "required": True, "schema": {"type": "string"}}
_TEXT = {"type": "string", "maxLength": MAX_CLAUSE_CHARS}
_ERR = error_responses(400, 401, 403, 404, 409, 413, 422)


_ROUND_Q = {"name": "round", "in": "query", "required": False, "schema": {"type": "integer"}}
_BRIDGING_REF = {"$ref": "#/components/schemas/BridgingProposal"}
_COLLISIONS = {"type": "object", "required": ["clause_id", "round", "round_text", "fingerprint", "proposals", "regions"],
               "properties": {
                   "clause_id": {"type": "string"}, "round": {"type": "integer"},
                   "round_version_id": {"type": "string"}, "round_text": {"type": "string"},
                   "base_version_id": {"type": "string"}, "current_text": {"type": "string"},
                   "fingerprint": {"type": "string"}, "colliding": {"type": "boolean"},
                   "proposals": {"type": "array", "items": {"type": "object", "properties": {
                       "submission_id": {"type": "string"}, "party": {"type": "string"},
                       "party_name": {"type": "string"}, "proposed_text": {"type": "string"},
                       "ops": {"type": "array"}}}},
                   "regions": {"type": "array", "items": {"type": "object", "properties": {
                       "region": {"type": "integer"}, "start": {"type": "integer"}, "end": {"type": "integer"},
                       "words": {"type": "array", "items": {"type": "integer"}},
                       "round_text": {"type": "string"}, "colliding": {"type": "boolean"},
                       "parties_collide": {"type": "boolean"},
                       "wordings": {"type": "array", "items": {"type": "object", "properties": {
                           "submission_id": {"type": "string"}, "text": {"type": "string"}}}}}}}}}


def _body(required, props):
    return json_request({"type": "object", "required": required, "properties": props})


OPENAPI_SCHEMAS = {
    "Submission": {"type": "object", "required": ["id", "kind", "body", "status", "round"],
                   "properties": {
                       "id": {"type": "string"}, "kind": {"type": "string"}, "body": {"type": "string"},
                       "proposed_text": {"type": "string", "nullable": True},
                       "language": {"type": "string", "description": "the language the submission is written in; a proposal's redline is against the round's text in it"},
                       "redline": {"type": "array", "nullable": True},
                       "status": {"type": "string", "enum": ["draft", "submitted", "withdrawn"]},
                       "round": {"type": "integer"}, "clause_id": {"type": "string"},
                       "party": {"type": "string", "nullable": True}, "own": {"type": "boolean"},
                       "author": {"type": "string", "nullable": True}, "shared": {"type": "boolean"},
                       "created_at": {"type": "string"}, "submitted_at": {"type": "string", "nullable": True},
                       "disposition": {"type": "object", "nullable": True,
                                       "required": ["decision", "reason"], "properties": {
                                           "decision": {"type": "string", "enum": [
                                               "accepted", "partly_accepted", "not_accepted", "deferred"]},
                                           "reason": {"type": "string"},
                                           "decided_at": {"type": "string", "format": "date-time"}}},
                       "replies": {"type": "array", "items": {
                           "type": "object", "required": ["id", "body", "from_team"], "properties": {
                               "id": {"type": "string"}, "body": {"type": "string"},
                               "from_team": {"type": "boolean"},
                               "author": {"type": "string", "nullable": True},
                               "created_at": {"type": "string", "format": "date-time"},
                               "shared": {"type": "boolean",
                                          "description": "(team) shared with all parties with its submission"}}}},
                       "made_in_joint": {"type": "boolean", "description": (
                           "(team, own party) made in joint mode: every party's delegates read it")},
                       "late": {"type": "boolean", "description": (
                           "(team) submitted after the round's comment deadline, in a process that takes "
                           "late submissions")}}},
    "BridgingProposal": {"type": "object", "required": ["id", "kind", "from", "clause_id", "round", "text"],
                         "properties": {
                             "id": {"type": "string"}, "kind": {"type": "string", "enum": ["bridging_proposal"]},
                             "from": {"type": "string", "enum": ["mediator"]}, "clause_id": {"type": "string"},
                             "round": {"type": "integer"}, "text": {"type": "string"}, "note": {"type": "string"},
                             "ops": {"type": "array"},
                             "released_at": {"type": "string", "format": "date-time", "nullable": True},
                             "released": {"type": "boolean", "description": "(team)"},
                             "answers": {"type": "array", "items": {"type": "string"},
                                         "description": "(team) the proposals it bridges"},
                             "created_at": {"type": "string", "format": "date-time", "description": "(team)"}}},
    "Note": {"type": "object", "required": ["id", "body"],
             "properties": {"id": {"type": "string"}, "body": {"type": "string"},
                            "author": {"type": "string", "nullable": True},
                            "word_author": {"type": "string", "nullable": True,
                                            "description": "The Word author of a note imported from a Word comment"},
                            "created_at": {"type": "string"}}},
}


def _op(summary, params, body=None, code="200", schema=_SUB_REF, conflict=None):
    op = {"summary": summary, "parameters": params,
          "responses": {code: json_response("OK", schema), **_ERR, **(conflict or {})}}
    if body:
        op["requestBody"] = body
    return op


OPENAPI_PATHS = {
    "/clauses/{clause_id}/comments": {
        "get": _op("Submissions on a clause the caller may see", [_CID], schema={
            "type": "object", "required": ["comments"],
            "properties": {"clause_id": {"type": "string"}, "comments": {"type": "array", "items": _SUB_REF}}}),
        "post": _op("Comment, question, reservation or proposal (observers: view) on the clause as circulated "
                    "in the latest round; {\"draft\": true} keeps it inside the party", [_CID],
                    _body(["kind", "body"], {"kind": {"type": "string", "enum": [
                        "comment", "question", "reservation", "proposal", "view"]}, "body": _TEXT,
                        "proposed_text": _TEXT, "draft": {"type": "boolean"},
                        "language": {"type": "string", "description":
                                     "the language the party writes in: one of the clause's languages the "
                                     "party has heard of (a circulated round carried); default the caller's "
                                     "interface language if the document has it, else the lead"}}), code="201")},
    "/submissions/{public_id}/submit": {"post": _op("Submit a party draft to the mediation team", [_PID])},
    "/submissions/{public_id}/withdraw": {"post": _op("Withdraw a submission (recorded)", [_PID])},
    "/submissions/{public_id}/replies": {"post": _op("Reply in the thread (the party concerned and the team)",
                                                     [_PID], _body(["body"], {"body": _TEXT}), code="201")},
    "/submissions/{public_id}/disposition": {"post": _op(
        "Record the team's decision on a proposal", [_PID],
        _body(["decision", "reason"], {"decision": {"type": "string", "enum": [
            "accepted", "partly_accepted", "not_accepted", "deferred"]}, "reason": _TEXT}), code="201")},
    "/submissions/{public_id}/share": {"post": _op(
        "Share a submission with all parties (mediator), with the team replies named in 'replies' (none by "
        "default: the other parties read the item, not the team's answer, unless a reply is named); sharing "
        "again shares further replies", [_PID],
        json_request({"type": "object", "properties": {
            "replies": {"type": "array", "items": {"type": "string"}, "maxItems": 1000}}}, required=False))},
    "/clauses/{clause_id}/notes": {
        "get": _op("Internal notes on a clause (team only)", [_CID], schema={
            "type": "object", "properties": {"notes": {"type": "array", "items": {"$ref": "#/components/schemas/Note"}}}}),
        "post": _op("Add an internal note (team only)", [_CID], _body(["body"], {"body": _TEXT}), code="201",
                    schema={"$ref": "#/components/schemas/Note"})},
    "/clauses/{clause_id}/revisions": {"post": _op(
        "Revise a clause, saying which proposals the new version answers", [_CID],
        _body(["text", "base_version_id"], {"text": _TEXT, "base_version_id": {"type": "string"},
                                            "answers": {"type": "array", "items": {"type": "string"}},
                                            "reason": {"type": "string", "maxLength": 2000}}),
        code="201", schema={"type": "object", "required": ["clause_id", "version_id", "text", "answers"],
                            "properties": {"clause_id": {"type": "string"}, "version_id": {"type": "string"},
                                           "text": {"type": "string"},
                                           "answers": {"type": "array", "items": {"type": "string"}}}},
        conflict=stale_or_conflict())},
    "/submissions/{public_id}/merge": {"get": _op(
        "The proposal merged into the current working draft (team editors): round, current and "
        "proposed texts, the merge, and the hunks that conflict with later edits", [_PID],
        schema={"type": "object", "required": ["clause_id", "base_version_id", "merged", "clean", "conflicts"],
                "properties": {"clause_id": {"type": "string"}, "base_version_id": {"type": "string"},
                               "round_text": {"type": "string"}, "current_text": {"type": "string"},
                               "proposed_text": {"type": "string", "nullable": True},
                               "merged": {"type": "string"}, "clean": {"type": "boolean"},
                               "conflicts": {"type": "array", "items": {
                                   "type": "object", "required": ["round", "proposed"],
                                   "properties": {"round": {"type": "string"},
                                                  "proposed": {"type": "string"}}}}}})},
    "/submissions/{public_id}/apply": {"post": _op(
        "Accept a proposal into the working draft: without `text`, its wording merged into the "
        "draft (accepted; 409 merge_conflict when the draft changed the same words); with `text`, "
        "the team's adjusted wording (partly accepted). One step: the new version answers the "
        "proposal and the disposition is recorded", [_PID],
        _body(["base_version_id", "reason"], {"base_version_id": {"type": "string"}, "reason": _TEXT,
                                              "text": _TEXT}),
        code="201", schema={"type": "object", "required": ["clause_id", "version_id", "text", "decision"],
                            "properties": {"clause_id": {"type": "string"}, "version_id": {"type": "string"},
                                           "text": {"type": "string"},
                                           "decision": {"type": "string", "enum": ["accepted", "partly_accepted"]},
                                           "submission": _SUB_REF}},
        conflict=stale_or_conflict())},
    "/documents/{document_id}/rounds/{number}/compilation": {"get": _op(
        "Every party's submissions per clause for a round (team only)",
        [{"name": "document_id", "in": "path", "required": True, "schema": {"type": "string"}},
         {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
        schema={"type": "object", "required": ["round", "clauses"], "properties": {
            "round": {"type": "integer"},
            "clauses": {"type": "array", "items": {"type": "object", "required": ["clause_id", "submissions"],
                                                   "properties": {"clause_id": {"type": "string"},
                                                                  "submissions": {"type": "array",
                                                                                  "items": _SUB_REF}}}}}})},
    "/clauses/{clause_id}/collisions": {"get": _op(
        "Colliding proposals (team; 404 for parties and observers, as for a missing clause): every "
        "party's submitted proposals on the clause in a round (?round=N, default the latest), each as a "
        "word redline against the round's wording, and the regions of change by word range: a region "
        "holding two or more proposals' edits collides; `parties_collide` when they are two parties'",
        [_CID, _ROUND_Q], schema=_COLLISIONS)},
    "/clauses/{clause_id}/merge": {"post": _op(
        "Save a compromise built from the colliding proposals (mediator, drafters): per region "
        "(`choices`: {\"1\": \"round\" | a proposal's id | \"custom\"}, `custom`: {\"1\": text}) the "
        "round's wording, one proposal's, or the team's own (a collision needs a choice; other changes "
        "are left unless taken). `save_as` \"draft\": a new version of the working draft answering the "
        "proposals, with each one's disposition (needs base_version_id; 409 merge_conflict when the draft "
        "changed those words since the round); \"bridging\": a bridging proposal hidden from every party "
        "until released. 409 stale_collisions when the proposals changed since `fingerprint`",
        [_CID], _body(["fingerprint", "save_as", "reason"], {
            "round": {"type": "integer"}, "fingerprint": {"type": "string", "maxLength": 64},
            "save_as": {"type": "string", "enum": ["draft", "bridging"]}, "reason": _TEXT,
            "base_version_id": {"type": "string"},
            "choices": {"type": "object", "additionalProperties": {"type": "string"}},
            "custom": {"type": "object", "additionalProperties": {"type": "string"}}}),
        code="201", schema={"type": "object", "required": ["clause_id", "text", "decisions"], "properties": {
            "clause_id": {"type": "string"}, "text": {"type": "string"},
            "version_id": {"type": "string", "nullable": True},
            "decisions": {"type": "object", "additionalProperties": {"type": "string"}},
            "bridging_proposal": {"allOf": [_BRIDGING_REF], "nullable": True}}},
        conflict=stale_or_conflict())},
    "/clauses/{clause_id}/bridging-proposals": {"get": _op(
        "The mediator's bridging proposals on the clause in a round (?round=N) the caller may see: the "
        "team all, parties and observers the released ones", [_CID, _ROUND_Q], schema={
            "type": "object", "required": ["clause_id", "round", "bridging_proposals"], "properties": {
                "clause_id": {"type": "string"}, "round": {"type": "integer"},
                "bridging_proposals": {"type": "array", "items": _BRIDGING_REF}}})},
    "/bridging-proposals/{public_id}": {"get": _op(
        "A bridging proposal (unreleased: team only; 404 for anyone else, as for a missing id)", [_PID],
        schema=_BRIDGING_REF)},
    "/bridging-proposals/{public_id}/release": {"post": _op(
        "Release a bridging proposal to every party and observer group at once (mediator), recorded per "
        "recipient in the round's releases", [_PID], schema=_BRIDGING_REF)},
    "/redline": {"post": _op("Word-level redline between two texts (for the live preview of a proposal)", [],
                             _body(["old", "new"], {"old": _TEXT, "new": _TEXT}),
                             schema={"type": "object", "properties": {"html": {"type": "string"},
                                                                      "ops": {"type": "array"}}})},
}
