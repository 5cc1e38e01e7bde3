"""JSON API for rounds: circulate, list, close and diff."""
import json

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from flask_babel import gettext

from ..api.body import db_int, json_body, parse_deadline
from ..api.contract import operation, parse_body, parse_query
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
from .schemas import (CirculateRequest, CirculatedRound, CirculationPreview, DiffQuery, HeldCirculation, Releases,
                      Renumbering, Round, RoundDiff, Rounds, PreviewQuery)

bp = Blueprint("rounds_api", __name__)


def round_json(round_) -> dict:
    return {"number": round_.number, "label": round_.label,
            "circulated_at": round_.circulated_at.isoformat(),
            "deadline": round_.deadline.isoformat() if round_.deadline else None,
            "closed": round_.closed_at is not None,
            "summary": json.loads(round_.summary) if round_.summary else {}}


@bp.get("/documents/<document:document_id>/rounds")
@operation("The circulated rounds of a document", responses={200: Rounds})
@login_required
def list_rounds(document_id: int):
    _, document = document_access_or_404(current_user, document_id)
    return jsonify({"rounds": [round_json(r) for r in rounds_of(document.id)]})


@bp.post("/documents/<document:document_id>/rounds")
@operation("Circulate the working draft as the next round (mediator)", body=CirculateRequest, body_required=False,
           responses={201: CirculatedRound, 409: HeldCirculation}, errors=(403,), description=(
               "An unchanged draft is refused with 409 unchanged unless allow_unchanged is true; a draft "
               "holding violations or warnings no legal adviser has confirmed or dismissed is refused with "
               "409 unreviewed_findings (listing them) unless confirm_findings is true."))
@login_required
def circulate(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_circulator(access)
    data = json_body() if request.content_length else {}
    deadline = parse_deadline(data.get("deadline"))
    given = parse_body(CirculateRequest, data)
    round_ = circulate_round(
        document, actor=current_user, deadline=deadline, note=given.note,
        allow_unchanged=bool(given.allow_unchanged), confirm_findings=bool(given.confirm_findings),
        findings_seen=given.findings_fingerprint, counts_seen=given.confirm_counts)
    body = {"number": round_.number, **round_json(round_)}
    if body["summary"].get("unchanged"):
        body["message"] = gettext("Nothing changed since Rev. %(number)s; circulated as asked.", number=round_.number - 1)
    if round_.held_findings:
        body["circulated_over_findings"] = round_.held_findings
    return jsonify(body), 201


@bp.post("/documents/<document:document_id>/rounds/<int:number>/close")
@operation("Close a round to comments (mediator)", responses={200: Round}, errors=(403, 409))
@login_required
def close(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    round_ = round_or_404(document.id, number)
    require_circulator(access, "closes a round")
    close_round(round_, actor=current_user)
    return jsonify(round_json(round_))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/diff")
@operation("Diff between two rounds (default: the previous one), word-level inside modified clauses",
           query=DiffQuery, responses={200: RoundDiff})
@login_required
def diff(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    new = round_or_404(document.id, number)
    asked = parse_query(DiffQuery)
    raw_from = asked.from_
    if raw_from is None:
        if number == 1:
            raise NotFound("Rev. 1 has no earlier round to compare with; pass ?from=M.")
        old = round_or_404(document.id, number - 1)
    else:
        old = round_or_404(document.id, db_int(raw_from))
    changed_only = asked.changed_only in ("1", "true")
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
@operation("Preview the next round before circulating it (mediation team)", query=PreviewQuery,
           responses={200: CirculationPreview}, description=(
               "The diff of the working draft against the latest round (changed clauses), the open findings "
               "the circulation gate would hold, the counts the confirmation names, and with ?party= exactly "
               "what that party or observer group will receive (the body GET /documents/{id} will give it, "
               "circulated_at of the new round null). For a party or observer it does not exist (404, as "
               "for a missing document)."))
@login_required
def preview(document_id: int):
    """The next round before it goes out: the diff against the latest round, the open
    findings, the counts the confirmation names, and (?party=SLUG) exactly what that
    party or observer group will receive."""
    access, document = document_access_or_404(current_user, document_id)
    require_previewer(access)
    slug = parse_query(PreviewQuery).party
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
@operation("How article numbers changed from the previous round: runs of old -> new numbers, articles "
           "added and removed (null `from` for Rev. 1)", responses={200: Renumbering})
@login_required
def numbers(document_id: int, number: int):
    """Old -> new article numbers against the previous round, as runs."""
    _, document = document_access_or_404(current_user, document_id)
    return jsonify(renumbering(round_or_404(document.id, number)).as_json())


@bp.get("/documents/<document:document_id>/rounds/<int:number>/releases")
@operation("What each party and observer group was released on this round (team only)",
           responses={200: Releases}, description=(
               "A record per recipient at circulation (kind 'round': counts and the SHA-256 of the pins "
               "every recipient reads alike) and at each release of a mediator's bridging proposal (kind "
               "'bridging'). For parties and observers it does not exist (404, as for a missing document)."))
@login_required
def releases(document_id: int, number: int):
    """What each party and observer group was released on this round (team only)."""
    access, document = document_access_or_404(current_user, document_id)
    releases_or_404(access)
    round_ = round_or_404(document.id, number)
    parties = {p.id: p for p in document.process.parties}
    return jsonify({"round": round_.number, "releases": [release_json(r, parties) for r in releases_of(round_)]})
