"""GET /documents/{id}/findings (each with where its clause is in the working draft and
the rounds that carried its wording), POST /findings/{id}/review, and the legal
adviser's queue across a process, GET /processes/{slug}/findings/queue."""
from flask import Blueprint, jsonify, url_for
from flask_login import current_user, login_required

from ..api.contract import operation, parse_body, parse_query
from ..drafting.permissions import document_access_or_404
from ..processes.permissions import process_access_or_404
from ..public_ids import NOTHING, decode, encode
from .labels import finding_label
from ..rounds.links import rounds_carrying
from .links import draft_clause_url, sections_of
from .cure import apply_cure
from .operations import review_finding
from .permissions import finding_or_404, require_findings_reader
from .refresh import current_findings
from .workqueue import assigned_to, circulations_over_findings, finding_state, process_queue
from .schemas import (CuredVersion, CureRequest, Finding, Findings, FindingsFilter, FindingsQueue, ReviewRequest,
                      StaleWording)
from .serialize import finding_json

bp = Blueprint("compliance_api", __name__)


@bp.get("/documents/<document:document_id>/findings")
@operation("Amnesty-norm findings on the current wording of every clause (team and legal advisers)",
           query=FindingsFilter, responses={200: Findings})
@login_required
def list_findings(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_findings_reader(access)
    asked = parse_query(FindingsFilter)
    findings = current_findings(document)
    if asked.open in ("1", "true"):
        findings = [f for f in findings if f.is_open]
    carried = rounds_carrying(findings)
    sections = sections_of({f.clause_id for f in findings})
    return jsonify({"document_id": document.public_id, "findings": [
        {**finding_json(f), "draft_url": draft_clause_url(document.id, f.clause_id, sections.get(f.clause_id)),
         "rounds": [{"number": r.number, "url": r.url} for r in carried.get(f.id, [])]} for f in findings]})


@bp.get("/processes/<slug>/findings/queue")
@operation("The legal adviser's queue", responses={200: FindingsQueue}, description=(
    "Per document (newest open finding first) counts by state and the open findings newest first; "
    "escalations assigned to the caller; rounds circulated over unreviewed findings (team members "
    "who read findings; anyone else 404, as for a missing process)."))
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
@operation("Record a legal review: confirmed, dismissed (reason required) or escalated (assignee_id, a "
           "legal adviser or mediator of the process, and a note required)",
           body=ReviewRequest, responses={201: Finding}, errors=(403,))
@login_required
def review(finding_id: int):
    access, finding = finding_or_404(current_user, finding_id)
    given = parse_body(ReviewRequest)
    review_finding(access, finding, given.decision, given.reason, actor=current_user,
                   assignee_id=given.assignee_id, note=given.note)
    return jsonify(finding_json(finding)), 201


@bp.post("/findings/<int:finding_id>/apply-cure")
@operation("Insert the finding's model exclusion (its cure) into the clause as a new version "
           "(mediator and drafters)", body=CureRequest, responses={201: CuredVersion, 409: StaleWording},
           errors=(403,))
@login_required
def apply_cure_api(finding_id: int):
    """Inserts the finding's model exclusion into the clause as a new version."""
    access, finding = finding_or_404(current_user, finding_id)
    given = parse_body(CureRequest)
    version = apply_cure(access, finding, decode("version", given.base_version_id) or NOTHING, actor=current_user)
    return jsonify({"finding_id": finding.id, "clause_id": encode("clause", version.clause_id), "version_id": version.public_id,
                    "text": version.text}), 201
