"""GET /documents/{id}/findings and POST /findings/{id}/review."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.body import field, json_body
from ..api.openapi import error_responses, json_request, json_response, stale_or_conflict
from ..drafting.permissions import document_access_or_404
from .cure import apply_cure
from .operations import review_finding
from .permissions import finding_or_404, require_findings_reader
from .queries import current_findings
from .serialize import finding_json

bp = Blueprint("compliance_api", __name__)


@bp.get("/documents/<int:document_id>/findings")
@login_required
def list_findings(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_findings_reader(access)
    findings = current_findings(document)
    if request.args.get("open") in ("1", "true"):
        findings = [f for f in findings if f.is_open]
    return jsonify({"document_id": document.id, "findings": [finding_json(f) for f in findings]})


@bp.post("/findings/<int:finding_id>/review")
@login_required
def review(finding_id: int):
    access, finding = finding_or_404(current_user, finding_id)
    data = json_body()
    review_finding(access, finding, field(data, "decision", str, max_length=20),
                   field(data, "reason", str, required=False, max_length=20_000), actor=current_user)
    return jsonify(finding_json(finding)), 201


@bp.post("/findings/<int:finding_id>/apply-cure")
@login_required
def apply_cure_api(finding_id: int):
    """Inserts the finding's model exclusion into the clause as a new version."""
    access, finding = finding_or_404(current_user, finding_id)
    data = json_body()
    version = apply_cure(access, finding, field(data, "base_version_id", int), actor=current_user)
    return jsonify({"finding_id": finding.id, "clause_id": version.clause_id, "version_id": version.id,
                    "text": version.text}), 201


_FINDING = {"type": "object", "required": ["id", "rule", "severity", "message", "start", "end", "citation"],
            "properties": {
                "id": {"type": "integer"}, "clause_id": {"type": "integer"}, "version_id": {"type": "integer"},
                "rule": {"type": "string"}, "severity": {"type": "string", "enum": ["violation", "warning", "notice"]},
                "message": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
                "citation": {"type": "string"}, "label": {"type": "string"},
                "explanation": {"$ref": "#/components/schemas/FindingExplanation"},
                "excerpt": {"type": "string"}, "open": {"type": "boolean"},
                "superseded": {"type": "boolean"}, "ruleset_version": {"type": "string"},
                "review": {"type": "object", "nullable": True, "required": ["decision"], "properties": {
                    "decision": {"type": "string", "enum": ["confirmed", "dismissed", "escalated"]},
                    "reason": {"type": "string", "nullable": True}}},
                "reviews": {"type": "array", "items": {"type": "object", "required": ["decision"], "properties": {
                    "decision": {"type": "string", "enum": ["confirmed", "dismissed", "escalated"]},
                    "reason": {"type": "string", "nullable": True},
                    "reviewer": {"type": "string", "nullable": True},
                    "at": {"type": "string", "format": "date-time"}}}}}}
_SPAN = {"type": "object", "required": ["start", "end"],
         "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}}}
_EXPLANATION = {
    "type": "object", "nullable": True,
    "description": "How the finding explains itself; null on findings stored before explanations existed.",
    "required": ["grant", "scope", "excluded", "missing", "spans", "norms", "cure", "precedents"],
    "properties": {
        "grant": {"type": "object", "nullable": True, "required": ["text", "start", "end"],
                  "properties": {"text": {"type": "string"}, **_SPAN["properties"]}},
        "scope": {"type": "string"},
        "excluded": {"type": "array", "items": {"type": "string"}, "description": "category keys"},
        "missing": {"type": "array", "items": {"type": "string"}, "description": "category keys"},
        "spans": {"type": "array", "items": {"type": "object", "required": ["start", "end", "kind"], "properties": {
            **_SPAN["properties"],
            "kind": {"type": "string", "enum": ["grant", "scope", "exclusion", "prohibition"]}}}},
        "norms": {"type": "array", "items": {"type": "string"}},
        "cure": {"type": "object", "nullable": True, "required": ["language", "text"],
                 "properties": {"language": {"type": "string"}, "text": {"type": "string"}}},
        "precedents": {"type": "array", "items": {"type": "object", "required": ["id", "language", "source", "text"],
                                                  "properties": {k: {"type": "string"} for k in
                                                                 ("id", "language", "source", "text", "why")}}}}}
OPENAPI_SCHEMAS = {"Finding": _FINDING, "FindingExplanation": _EXPLANATION}
OPENAPI_PATHS = {
    "/documents/{document_id}/findings": {"get": {
        "summary": "Amnesty-norm findings on the current wording of every clause (team and legal advisers)",
        "parameters": [{"name": "document_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                       {"name": "open", "in": "query", "required": False, "schema": {"type": "boolean"}}],
        "responses": {"200": json_response("Findings", {
            "type": "object", "required": ["findings"],
            "properties": {"document_id": {"type": "integer"},
                           "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}),
            **error_responses(401, 404)}}},
    "/findings/{finding_id}/review": {"post": {
        "summary": "Record a legal review: confirmed, dismissed (reason required) or escalated",
        "parameters": [{"name": "finding_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": json_request({"type": "object", "required": ["decision"], "properties": {
            "decision": {"type": "string", "enum": ["confirmed", "dismissed", "escalated"]},
            "reason": {"type": "string"}}}),
        "responses": {"201": json_response("The finding with its reviews", {"$ref": "#/components/schemas/Finding"}),
                      **error_responses(400, 401, 403, 404, 413, 422)}}},
    "/findings/{finding_id}/apply-cure": {"post": {
        "summary": "Insert the finding's model exclusion (its cure) into the clause as a new version "
                   "(mediator and drafters)",
        "parameters": [{"name": "finding_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": json_request({"type": "object", "required": ["base_version_id"], "properties": {
            "base_version_id": {"type": "integer", "description": "the clause version the finding was made on"}}}),
        "responses": {"201": json_response("The new clause version", {
            "type": "object", "required": ["finding_id", "clause_id", "version_id", "text"],
            "properties": {"finding_id": {"type": "integer"}, "clause_id": {"type": "integer"},
                           "version_id": {"type": "integer"}, "text": {"type": "string"}}}),
            **error_responses(400, 401, 403, 404, 413, 422), **stale_or_conflict()}}},
}
