"""GET /documents/{id}/findings (each with where its clause is in the working draft and
the rounds that carried its wording), POST /findings/{id}/review, and the legal
adviser's queue across a process, GET /processes/{slug}/findings/queue."""
from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user, login_required

from ..api.body import field, id_field, json_body
from ..api.openapi import error_responses, json_request, json_response, stale_or_conflict
from ..drafting.permissions import document_access_or_404
from ..processes.permissions import process_access_or_404
from ..public_ids import encode
from .labels import finding_label
from ..rounds.links import rounds_carrying
from .links import draft_clause_url, sections_of
from .cure import apply_cure
from .operations import review_finding
from .permissions import finding_or_404, require_findings_reader
from .refresh import current_findings
from .workqueue import assigned_to, circulations_over_findings, finding_state, process_queue
from .serialize import finding_json

bp = Blueprint("compliance_api", __name__)


@bp.get("/documents/<document:document_id>/findings")
@login_required
def list_findings(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_findings_reader(access)
    findings = current_findings(document)
    if request.args.get("open") in ("1", "true"):
        findings = [f for f in findings if f.is_open]
    carried = rounds_carrying(findings)
    sections = sections_of({f.clause_id for f in findings})
    return jsonify({"document_id": document.public_id, "findings": [
        {**finding_json(f), "draft_url": draft_clause_url(document.id, f.clause_id, sections.get(f.clause_id)),
         "rounds": [{"number": r.number, "url": r.url} for r in carried.get(f.id, [])]} for f in findings]})


@bp.get("/processes/<slug>/findings/queue")
@login_required
def process_findings_queue(slug: str):
    """The legal adviser's queue across the process (the home page's, as JSON): team
    members who read findings get it; anyone else, 404."""
    access = process_access_or_404(current_user, slug)
    require_findings_reader(access)
    documents = process_queue(access.process)
    return jsonify({
        "process": access.process.slug,
        "documents": [{"id": encode("document", d.document_id), "title": d.title, "counts": d.counts, "open_total": d.open_total,
                       "open": [_queue_item(f) for f in d.open]} for d in documents],
        "assigned_to_me": [_queue_item(f) for f in assigned_to(access.process, access.user_id)],
        "circulated_over_findings": [
            {**n, "document_id": encode("document", n["document_id"]), "at": n["at"].isoformat()}
            for n in circulations_over_findings(access.process)],
    })


def _queue_item(f) -> dict:
    return {"id": f.id, "document_id": encode("document", f.document_id), "clause_id": encode("clause", f.clause_id),
            "severity": f.severity,
            "label": finding_label(f), "state": finding_state(f), "created_at": f.created_at.isoformat(),
            "note": f.review.note if f.review is not None else None,
            "url": url_for("compliance.queue", document_id=f.document_id) + f"#finding-{f.id}"}


@bp.post("/findings/<int:finding_id>/review")
@login_required
def review(finding_id: int):
    access, finding = finding_or_404(current_user, finding_id)
    data = json_body()
    review_finding(access, finding, field(data, "decision", str, max_length=20),
                   field(data, "reason", str, required=False, max_length=20_000), actor=current_user,
                   assignee_id=field(data, "assignee_id", int, required=False),
                   note=field(data, "note", str, required=False, max_length=20_000))
    return jsonify(finding_json(finding)), 201


@bp.post("/findings/<int:finding_id>/apply-cure")
@login_required
def apply_cure_api(finding_id: int):
    """Inserts the finding's model exclusion into the clause as a new version."""
    access, finding = finding_or_404(current_user, finding_id)
    data = json_body()
    version = apply_cure(access, finding, id_field(data, "base_version_id", "version"), actor=current_user)
    return jsonify({"finding_id": finding.id, "clause_id": encode("clause", version.clause_id), "version_id": version.public_id,
                    "text": version.text}), 201


_REVIEW = {"type": "object", "required": ["decision"], "properties": {
    "decision": {"type": "string", "enum": ["confirmed", "dismissed", "escalated"]},
    "reason": {"type": "string", "nullable": True},
    "reviewer": {"type": "string", "nullable": True},
    "at": {"type": "string", "format": "date-time"},
    "assignee_id": {"type": "integer", "nullable": True, "description": "Escalations: who takes it on"},
    "assignee": {"type": "string", "nullable": True},
    "note": {"type": "string", "nullable": True, "description": "Escalations: what the assignee is asked to do"}}}
_FINDING = {"type": "object", "required": ["id", "rule", "severity", "message", "start", "end", "citation"],
            "properties": {
                "id": {"type": "integer"}, "clause_id": {"type": "string"}, "version_id": {"type": "string"},
                "rule": {"type": "string"}, "severity": {"type": "string", "enum": ["violation", "warning", "notice"]},
                "message": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
                "citation": {"type": "string"}, "label": {"type": "string"},
                "language": {"type": "string", "nullable": True,
                             "description": "The authentic text the finding is in; null for the lead language's"},
                "explanation": {"$ref": "#/components/schemas/FindingExplanation"},
                "excerpt": {"type": "string"}, "open": {"type": "boolean"},
                "superseded": {"type": "boolean"}, "ruleset_version": {"type": "string"},
                "draft_url": {"type": "string", "description": "The clause on the working draft's page"},
                "rounds": {"type": "array", "description": "The rounds that carried this wording, oldest first",
                           "items": {"type": "object", "required": ["number", "url"], "properties": {
                               "number": {"type": "integer"}, "url": {"type": "string"}}}},
                "review": {**_REVIEW, "nullable": True},
                "reviews": {"type": "array", "items": _REVIEW}}}
_QUEUE_ITEM = {"type": "object", "required": ["id", "document_id", "clause_id", "severity", "label", "state", "url"],
               "properties": {"id": {"type": "integer"}, "document_id": {"type": "string"},
                              "clause_id": {"type": "string"},
                              "severity": {"type": "string", "enum": ["violation", "warning", "notice"]},
                              "label": {"type": "string"},
                              "state": {"type": "string", "enum": ["unreviewed", "escalated", "confirmed", "dismissed"]},
                              "created_at": {"type": "string", "format": "date-time"},
                              "note": {"type": "string", "nullable": True},
                              "url": {"type": "string", "description": "The finding on its document's queue page"}}}
_COUNTS = {"type": "object", "required": ["unreviewed_violations", "unreviewed_warnings", "escalated", "confirmed"],
           "properties": {k: {"type": "integer"} for k in (
               "unreviewed_violations", "unreviewed_warnings", "escalated", "confirmed", "dismissed")}}
_QUEUE = {"type": "object", "required": ["process", "documents", "assigned_to_me", "circulated_over_findings"],
          "properties": {
              "process": {"type": "string"},
              "documents": {"type": "array", "items": {"type": "object", "required": ["id", "title", "counts", "open"],
                                                       "properties": {
                  "id": {"type": "string"}, "title": {"type": "string"}, "counts": _COUNTS,
                  "open_total": {"type": "integer"},
                  "open": {"type": "array", "items": {"$ref": "#/components/schemas/QueueItem"}}}}},
              "assigned_to_me": {"type": "array", "items": {"$ref": "#/components/schemas/QueueItem"}},
              "circulated_over_findings": {"type": "array", "items": {"type": "object", "properties": {
                  "document_id": {"type": "string"}, "number": {"type": "integer"},
                  "at": {"type": "string", "format": "date-time"}, "by": {"type": "string"},
                  "findings": {"type": "array", "items": {"type": "object", "additionalProperties": True}}}}}}}
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
OPENAPI_SCHEMAS = {"Finding": _FINDING, "QueueItem": _QUEUE_ITEM, "FindingsQueue": _QUEUE,
                   "FindingExplanation": _EXPLANATION}
OPENAPI_PATHS = {
    "/documents/{document_id}/findings": {"get": {
        "summary": "Amnesty-norm findings on the current wording of every clause (team and legal advisers)",
        "parameters": [{"name": "document_id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "open", "in": "query", "required": False, "schema": {"type": "boolean"}}],
        "responses": {"200": json_response("Findings", {
            "type": "object", "required": ["findings"],
            "properties": {"document_id": {"type": "string"},
                           "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}),
            **error_responses(401, 404)}}},
    "/processes/{slug}/findings/queue": {"get": {
        "summary": "The legal adviser's queue: per document (newest open finding first) counts by state "
                   "and the open findings newest first; escalations assigned to the caller; rounds "
                   "circulated over unreviewed findings (team only)",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": json_response("The queue", {"$ref": "#/components/schemas/FindingsQueue"}),
                      **error_responses(401, 404)}}},
    "/findings/{finding_id}/review": {"post": {
        "summary": "Record a legal review: confirmed, dismissed (reason required) or escalated "
                   "(assignee_id, a legal adviser or mediator of the process, and a note required)",
        "parameters": [{"name": "finding_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": json_request({"type": "object", "required": ["decision"], "properties": {
            "decision": {"type": "string", "enum": ["confirmed", "dismissed", "escalated"]},
            "reason": {"type": "string"},
            "assignee_id": {"type": "integer", "description": "Escalations only"},
            "note": {"type": "string", "description": "Escalations only: what the assignee is asked to do"}}}),
        "responses": {"201": json_response("The finding with its reviews", {"$ref": "#/components/schemas/Finding"}),
                      **error_responses(400, 401, 403, 404, 413, 422)}}},
    "/findings/{finding_id}/apply-cure": {"post": {
        "summary": "Insert the finding's model exclusion (its cure) into the clause as a new version "
                   "(mediator and drafters)",
        "parameters": [{"name": "finding_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": json_request({"type": "object", "required": ["base_version_id"], "properties": {
            "base_version_id": {"type": "string", "description": "the clause version the finding was made on"}}}),
        "responses": {"201": json_response("The new clause version", {
            "type": "object", "required": ["finding_id", "clause_id", "version_id", "text"],
            "properties": {"finding_id": {"type": "integer"}, "clause_id": {"type": "string"},
                           "version_id": {"type": "string"}, "text": {"type": "string"}}}),
            **error_responses(400, 401, 403, 404, 413, 422), **stale_or_conflict()}}},
}
