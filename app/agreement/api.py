"""Positions, status, packages, conclusion and reopening; the convergence data."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select

from ..api.body import field, id_field, json_body, query_id
from ..api.openapi import error_responses, json_request, json_response
from ..drafting.permissions import document_access_or_404
from ..errors import Invalid
from ..extensions import db
from ..processes.permissions import Access
from ..public_ids import NOTHING, decode, encode
from .convergence import convergence_data
from .summary import document_summary
from .models import Position
from ..models_base import utcnow
from .confirmation import confirmation_of
from .operations import (agree_package, bracket_notice, conclude, confirm_position, create_package, reopen,
                         set_package_clauses, set_position)
from .permissions import (agreement_or_404, convergence_or_404, package_or_404, party_or_404,
                          position_clause_or_404, position_or_404, sees_history_of, team_action_or_404,
                          visible_packages)
from .queries import status_for
from .serialize import status_json

bp = Blueprint("agreement_api", __name__)


def _ids(data) -> list[int]:
    ids = field(data, "clause_ids", list)
    if not all(isinstance(i, str) for i in ids) or len(ids) > 10_000:
        raise Invalid("'clause_ids' must be a list of clause ids.")
    return [decode("clause", i) or NOTHING for i in ids]


def _package_json(p) -> dict:
    return {"id": p.public_id, "name": p.name, "clause_ids": [encode("clause", c) for c in p.clause_ids]}


@bp.put("/clauses/<clause:clause_id>/positions/<party_slug>")
@login_required
def put_position(clause_id: int, party_slug: str):
    access, clause = position_clause_or_404(current_user, clause_id)
    party = party_or_404(access, party_slug)
    data = json_body()
    position = set_position(access, clause, party, field(data, "status", str, max_length=20),
                            id_field(data, "version_id", "version"), field(data, "note", str, required=False, max_length=20_000),
                            actor=current_user)
    body = _history_json(position)
    notice = bracket_notice(position)
    if notice:
        body["notice"] = notice
    return jsonify(body), 200


def _history_json(p: Position, *, full: bool = True) -> dict:
    """A position; `full=False` (another party's, through a shared matrix) leaves out who
    recorded it and when, and its confirmation: the matrix shares the position, not its
    authors."""
    data = {"id": p.public_id, "clause_id": encode("clause", p.clause_id),
            "version_id": encode("version", p.version_id), "party": p.party.slug,
            "status": p.stance.value, "note": p.note, "on_behalf": p.on_behalf,
            "set_by": p.set_by.name if p.set_by and full else None,
            "package": p.package_agreement_id is not None}
    if full:
        data["created_at"] = p.created_at.isoformat()
        confirmation = confirmation_of(p, p.party.process.ad_referendum_days, utcnow())
        if confirmation is not None:
            data["confirmation"] = confirmation
    return data


@bp.post("/positions/<position:position_id>/confirm")
@login_required
def post_confirm(position_id: int):
    access, position = position_or_404(current_user, position_id)
    confirm_position(access, position, actor=current_user)
    return jsonify(_history_json(position))


def position_history_of(access: Access, clause) -> list[dict]:
    """Every change of position on the clause the caller may read: the team all parties',
    a party its own, and with the matrix shared each other party's current position only."""
    rows = db.session.scalars(select(Position).where(Position.clause_id == clause.id).order_by(Position.id))
    shown = []
    for p in rows:
        how = sees_history_of(access, p.party_id)
        if how == "all" or (how == "current" and p.current):
            shown.append(_history_json(p, full=how == "all"))
    return shown


@bp.get("/clauses/<clause:clause_id>/positions")
@login_required
def position_history(clause_id: int):
    access, clause = position_clause_or_404(current_user, clause_id)
    return jsonify({"clause_id": clause.public_id, "positions": position_history_of(access, clause)})


@bp.get("/documents/<document:document_id>/status")
@login_required
def get_status(document_id: int):
    """?clauses=0: the document's status without its clauses (agreed?, counts per
    section; what a treaty's status read needs); ?section=ID limits the clauses;
    ?positions=0 leaves out the per-party matrix."""
    access, document = document_access_or_404(current_user, document_id)
    agreement_or_404(access)
    if request.args.get("clauses") in ("0", "false"):
        return jsonify(document_summary(access, document))
    status = status_for(access, document, section_id=query_id("section", "section"),
                        with_matrix=request.args.get("positions") not in ("0", "false"))
    return jsonify(status_json(access, status))


@bp.get("/documents/<document:document_id>/packages")
@login_required
def list_packages(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    return jsonify({"packages": [_package_json(p) for p in visible_packages(access, document.id)]})


@bp.post("/documents/<document:document_id>/packages")
@login_required
def post_package(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    data = json_body()
    package = create_package(access, document, field(data, "name", str, max_length=300), _ids(data),
                             actor=current_user)
    return jsonify(_package_json(package)), 201


@bp.put("/packages/<package:package_id>")
@login_required
def put_package(package_id: int):
    access, package = package_or_404(current_user, package_id)
    team_action_or_404(access)
    set_package_clauses(access, package, _ids(json_body()), actor=current_user)
    return jsonify(_package_json(package))


@bp.put("/packages/<package:package_id>/positions/<party_slug>")
@login_required
def put_package_position(package_id: int, party_slug: str):
    access, package = package_or_404(current_user, package_id)
    agreement_or_404(access)
    party = party_or_404(access, party_slug)
    data = json_body()
    agree_package(access, package, party, field(data, "status", str, max_length=20),
                  note=field(data, "note", str, required=False, max_length=20_000), actor=current_user)
    return jsonify({"id": package.public_id, "party": party_slug, "status": data.get("status")})


@bp.post("/documents/<document:document_id>/conclude")
@login_required
def post_conclude(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    entry = conclude(access, document, actor=current_user)
    return jsonify({"document_id": document.public_id, "concluded": True, "round": entry.round_number})


@bp.post("/documents/<document:document_id>/reopen")
@login_required
def post_reopen(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    data = json_body() if request.content_length else {}
    reopen(access, document, field(data, "reason", str, required=False, max_length=2000), actor=current_user)
    return jsonify({"document_id": document.public_id, "concluded": False})


@bp.get("/documents/<document:document_id>/convergence")
@login_required
def get_convergence(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    convergence_or_404(access)
    return jsonify(convergence_data(document))


# --- OpenAPI ------------------------------------------------------------------------
def _p(name, kind="string", where="path"):
    """Path ids are public ids (app/public_ids.py): strings."""
    return {"name": name, "in": where, "required": where == "path", "schema": {"type": kind}}


_INT, _STR, _BOOL = {"type": "integer"}, {"type": "string"}, {"type": "boolean"}
_PID = {"type": "string", "description": "A public id (opaque)"}
_ERR = error_responses(400, 401, 403, 404, 409, 413, 422)
_OPS = {"type": "array", "items": {"type": "array", "minItems": 2, "maxItems": 2}}
_PARTIES = {"type": "array", "items": {"type": "object", "required": ["slug", "name"],
                                       "properties": {"slug": _STR, "name": _STR}}}
_PARTY_POSITION = {"type": "object", "nullable": True, "required": ["status", "counts"], "properties": {
    "status": {"type": "string", "enum": ["open", "reservation", "agreed"]}, "counts": _BOOL, "lapsed": _BOOL,
    "note": {"type": "string", "nullable": True}, "on_behalf": _BOOL, "version_id": _PID}}
_CLAUSE_STATUS = {"type": "object", "required": ["clause_id", "status", "brackets"], "properties": {
    "clause_id": _PID, "number": _INT, "version_id": _PID, "brackets": _INT, "options": _INT,
    "packages": {"type": "array", "items": _PID}, "agreed_by_all": _BOOL, "section_id": _PID,
    "to_be_updated": {"type": "array", "items": {"type": "string"},
                      "description": "Authentic languages whose text is not revised for this version: not agreed"},
    "status": {"type": "string", "enum": ["agreed", "contested", "open"]}, "label": _STR,
    "changed_in_draft": {**_BOOL, "description": "team only"},
    "own": {**_PARTY_POSITION, "description": "a party's own position (parties and observers)"},
    "positions": {"type": "object", "description": "party slug: position (who sees the matrix)",
                  "additionalProperties": _PARTY_POSITION}}}
_STATUS = {"type": "object", "required": ["agreed", "clauses"], "properties": {
    "document_id": _PID, "agreed": _BOOL, "round": {"type": "integer", "nullable": True}, "nauea": _BOOL,
    "notice": {"type": "string", "nullable": True}, "concluded": _BOOL,
    "concluded_round": {"type": "integer", "nullable": True}, "parties": _PARTIES,
    "clauses": {"type": "array", "items": _CLAUSE_STATUS},
    "counts": {"type": "object", "properties": {s: _INT for s in ("agreed", "contested", "open")}},
    "draft_matches_round": {**_BOOL, "description": "team only"},
    "blocking_findings": {**_INT, "description": "team only"},
    "look_again": {"type": "array", "description": "a delegate's lapsed positions and what changed", "items": {
        "type": "object", "required": ["clause_id", "status", "ops"], "properties": {
            "clause_id": _PID, "number": _INT, "status": _STR, "given_on_version_id": _PID,
            "current_version_id": _PID, "ops": _OPS}}}}}
_COUNTS = {"type": "object", "properties": {s: _INT for s in ("agreed", "contested", "open")}}
_SUMMARY = {"type": "object", "required": ["agreed", "clause_count", "counts", "sections"], "properties": {
    "document_id": _PID, "agreed": _BOOL, "round": {"type": "integer", "nullable": True}, "concluded": _BOOL,
    "clause_count": _INT, "counts": _COUNTS, "draft_matches_round": _BOOL, "blocking_findings": _INT,
    "sections": {"type": "array", "items": {"type": "object", "properties": {
        "section_id": _PID, "title": _STR, "clauses": _INT, **_COUNTS["properties"]}}}}}
_POSITION = {"type": "object", "required": ["id", "clause_id", "version_id", "party", "status"], "properties": {
    "id": _PID, "clause_id": _PID, "version_id": _PID, "party": _STR,
    "status": {"type": "string", "enum": ["open", "reservation", "agreed"]},
    "note": {"type": "string", "nullable": True}, "on_behalf": _BOOL,
    "set_by": {"type": "string", "nullable": True}, "created_at": {"type": "string", "format": "date-time"},
    "package": {**_BOOL, "description": "given as part of a package"},
    "notice": {**_STR, "description": "what the position means, when it needs saying (agreeing a "
                                      "wording that still holds brackets)"},
    "confirmation": {"type": "object", "description": (
        "(the team, the party itself) an agreement is ad referendum: awaiting its principals' confirmation "
        "(due within the process's ad_referendum_days), confirmed, or expired (overdue; still counted)"),
        "properties": {"state": {"type": "string", "enum": ["awaiting", "confirmed", "expired"]},
                       "due": {"type": "string", "format": "date-time", "nullable": True},
                       "confirmed_at": {"type": "string", "format": "date-time", "nullable": True}}}}}
_PACKAGE = {"type": "object", "required": ["id", "name", "clause_ids"],
            "properties": {"id": _PID, "name": _STR, "clause_ids": {"type": "array", "items": _PID}}}
_CONVERGENCE = {"type": "object", "required": ["document_id", "parties", "rounds"], "properties": {
    "document_id": _PID, "parties": _PARTIES,
    "rounds": {"type": "array", "items": {"type": "object", "properties": {
        "number": _INT, "label": _STR, "clauses": _INT, "brackets": _INT, "options": _INT, "changed": _INT,
        "ended_at": {"type": "string", "format": "date-time", "nullable": True, "description":
                     "When the round ended (closed, or the next round went out): its figures are "
                     "frozen as of then; null while it runs"},
        "agreed": {"type": "object", "description": "party slug: clauses agreed",
                   "additionalProperties": {"type": "integer"}},
        "agreed_share": {"type": "object", "description": "party slug: share of clauses agreed",
                         "additionalProperties": {"type": "number"}}}}}}}
OPENAPI_SCHEMAS = {"DocumentStatus": _STATUS, "DocumentStatusSummary": _SUMMARY, "Position": _POSITION,
                   "Package": _PACKAGE}
_REF = {name: {"$ref": f"#/components/schemas/{name}"} for name in OPENAPI_SCHEMAS}
OPENAPI_PATHS = {
    "/clauses/{clause_id}/positions/{party_slug}": {"put": {
        "summary": "Record a party's position on the clause as circulated in the latest round "
                   "(its delegates, or the mediator on its behalf)",
        "parameters": [_p("clause_id"), _p("party_slug", "string")],
        "requestBody": json_request({"type": "object", "required": ["status", "version_id"], "properties": {
            "status": {"type": "string", "enum": ["open", "reservation", "agreed"]},
            "version_id": _PID, "note": {"type": "string"}}}),
        "responses": {"200": json_response("The recorded position", _REF["Position"]), **_ERR}}},
    "/positions/{position_id}/confirm": {"post": {
        "summary": "Confirm an agreement given ad referendum (the party's delegates, or the mediator on its "
                   "behalf); another party's position answers 404 as a missing one",
        "parameters": [_p("position_id")],
        "responses": {"200": json_response("The confirmed position", _REF["Position"]), **_ERR}}},
    "/clauses/{clause_id}/positions": {"get": {
        "summary": "History of positions on a clause (a party sees its own)",
        "parameters": [_p("clause_id")], "responses": {"200": json_response("History", {
            "type": "object", "required": ["clause_id", "positions"],
            "properties": {"clause_id": _PID, "positions": {"type": "array", "items": _REF["Position"]}}}),
            **error_responses(401, 404)}}},
    "/documents/{document_id}/status": {"get": {
        "summary": "Derived status of every clause of the latest round and of the document "
                   "(clauses=0: of the document only, counted per section)",
        "parameters": [_p("document_id"), _p("section", "string", "query"), _p("positions", "boolean", "query"),
                       _p("clauses", "boolean", "query")],
        "responses": {"200": json_response("Status", {"oneOf": [{"$ref": "#/components/schemas/DocumentStatus"},
                                                                {"$ref": "#/components/schemas/DocumentStatusSummary"}]}),
                      **error_responses(401, 404)}}},
    "/documents/{document_id}/packages": {
        "get": {"summary": "Packages of clauses agreed as a whole", "parameters": [_p("document_id")],
                "responses": {"200": json_response("Packages", {
                    "type": "object", "required": ["packages"],
                    "properties": {"packages": {"type": "array", "items": _REF["Package"]}}}),
                    **error_responses(401, 404)}},
        "post": {"summary": "Link clauses into a package (mediator, drafters)", "parameters": [_p("document_id")],
                 "requestBody": json_request({"type": "object", "required": ["name", "clause_ids"], "properties": {
                     "name": {"type": "string"}, "clause_ids": {"type": "array", "items": _PID}}}),
                 "responses": {"201": json_response("The package", _REF["Package"]), **_ERR}}},
    "/packages/{package_id}": {"put": {
        "summary": "Change the clauses of a package (lapses agreements to it)", "parameters": [_p("package_id")],
        "requestBody": json_request({"type": "object", "required": ["clause_ids"], "properties": {
            "clause_ids": {"type": "array", "items": _PID}}}),
        "responses": {"200": json_response("The package", _REF["Package"]), **_ERR}}},
    "/packages/{package_id}/positions/{party_slug}": {"put": {
        "summary": "A party agrees a package as a whole (or sets it back to open)",
        "parameters": [_p("package_id"), _p("party_slug", "string")],
        "requestBody": json_request({"type": "object", "required": ["status"], "properties": {
            "status": {"type": "string", "enum": ["open", "agreed"]}, "note": {"type": "string"}}}),
        "responses": {"200": json_response("Recorded", {
            "type": "object", "required": ["id", "party", "status"],
            "properties": {"id": _PID, "party": _STR, "status": {"type": "string", "enum": ["open", "agreed"]}}}),
            **_ERR}}},
    "/documents/{document_id}/conclude": {"post": {
        "summary": "Conclude an agreed text (mediator): locks it", "parameters": [_p("document_id")],
        "responses": {"200": json_response("Concluded", {
            "type": "object", "required": ["document_id", "concluded", "round"],
            "properties": {"document_id": _PID, "concluded": _BOOL, "round": _INT}}), **_ERR}}},
    "/documents/{document_id}/reopen": {"post": {
        "summary": "Reopen a concluded text (mediator): every position lapses", "parameters": [_p("document_id")],
        "requestBody": json_request({"type": "object", "properties": {"reason": {"type": "string"}}}, required=False),
        "responses": {"200": json_response("Reopened", {
            "type": "object", "required": ["document_id", "concluded"],
            "properties": {"document_id": _PID, "concluded": _BOOL}}), **_ERR}}},
    "/documents/{document_id}/convergence": {"get": {
        "summary": "Per round: share of clauses agreed per party, brackets, options, clauses changed (team)",
        "parameters": [_p("document_id")],
        "responses": {"200": json_response("Convergence", _CONVERGENCE), **error_responses(401, 404)}}},
}
