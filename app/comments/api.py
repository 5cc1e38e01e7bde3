"""JSON API for comments, proposals, threads, dispositions, sharing and notes (the bodies
and answers are the models of schemas.py)."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.body import json_body, query_int
from ..api.contract import operation, parse_body
from ..drafting.permissions import clause_access_or_404, document_access_or_404, require_editor, require_team_or_404
from ..drafting.schemas import Stale, named
from ..errors import Invalid
from ..i18n import N_, current_language
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
from . import schemas
from .serialize import note_json, submission_json

bp = Blueprint("comments_api", __name__)


@bp.get("/clauses/<clause:clause_id>/comments")
@operation("Submissions on a clause the caller may see", responses={200: schemas.ClauseComments})
@login_required
def list_comments(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    return jsonify({"clause_id": clause.public_id,
                    "comments": [submission_json(access, s) for s in submissions_for(access, clause_ids=[clause.id])]})


@bp.post("/clauses/<clause:clause_id>/comments")
@operation("Comment, question, reservation or proposal (observers: view) on the clause as circulated in the "
           "latest round; {\"draft\": true} keeps it inside the party", body=schemas.NewSubmission,
           responses={201: schemas.Submission}, errors=(403, 409))
@login_required
def create_comment(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    given = parse_body(schemas.NewSubmission)
    submission = create_submission(
        access, clause, kind=given.kind, body=given.body, proposed_text=given.proposed_text,
        draft=bool(given.draft), actor=current_user, language=given.language,
        interface_language=current_language())
    return jsonify(submission_json(access, submission)), 201


@bp.post("/submissions/<public_id>/submit")
@operation("Submit a party draft to the mediation team", responses={200: schemas.Submission},
           errors=(403, 409, 422))
@login_required
def submit_draft(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    submit(access, submission, actor=current_user)
    return jsonify(submission_json(access, submission))


@bp.post("/submissions/<public_id>/withdraw")
@operation("Withdraw a submission (recorded)", responses={200: schemas.Submission}, errors=(403, 409, 422))
@login_required
def withdraw_submission(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    withdraw(access, submission, actor=current_user)
    return jsonify(submission_json(access, submission))


@bp.post("/submissions/<public_id>/replies")
@operation("Reply in the thread (the party concerned and the team)", body=schemas.ReplyBody,
           responses={201: schemas.Submission}, errors=(403, 409))
@login_required
def reply(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    add_reply(access, submission, parse_body(schemas.ReplyBody).body, actor=current_user)
    return jsonify(submission_json(access, submission)), 201


@bp.post("/submissions/<public_id>/disposition")
@operation("Record the team's decision on a proposal", body=schemas.DispositionBody,
           responses={201: schemas.Submission}, errors=(403, 409))
@login_required
def disposition(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    given = parse_body(schemas.DispositionBody)
    set_disposition(access, submission, given.decision, given.reason, actor=current_user)
    return jsonify(submission_json(access, submission)), 201


@bp.post("/submissions/<public_id>/share")
@operation("Share a submission with all parties (mediator), with the team replies named in 'replies' (none by "
           "default: the other parties read the item, not the team's answer, unless a reply is named); "
           "sharing again shares further replies", body=schemas.ShareBody, body_required=False,
           responses={200: schemas.Submission}, errors=(403, 409))
@login_required
def share(public_id: str):
    """Shares the submission; {"replies": [ids]} names the team replies that go with it
    (none by default: sharing the question does not share the team's answer)."""
    access, submission = submission_access_or_404(current_user, public_id)
    data = json_body() if request.is_json or request.content_length else {}
    _strings_only(data, "replies", N_("'replies' must be a list of reply ids."))
    replies = parse_body(schemas.ShareBody, data).replies or []
    share_with_all(access, submission, replies=replies, actor=current_user)
    return jsonify(submission_json(access, submission))


@bp.get("/clauses/<clause:clause_id>/notes")
@operation("Internal notes on a clause (team only)", responses={200: schemas.Notes})
@login_required
def list_notes(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_team_or_404(access)
    return jsonify({"notes": [note_json(n) for n in notes_for(access, [clause.id])]})


@bp.post("/clauses/<clause:clause_id>/notes")
@operation("Add an internal note (team only)", body=schemas.ReplyBody, responses={201: schemas.Note},
           errors=(403, 409))
@login_required
def create_note(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_team_or_404(access)         # before the body is read, as the HTML form does
    note = add_note(access, clause, parse_body(schemas.ReplyBody).body, actor=current_user)
    return jsonify(note_json(note)), 201


@bp.post("/clauses/<clause:clause_id>/revisions")
@operation("Revise a clause, saying which proposals the new version answers", body=schemas.RevisionBody,
           responses={201: schemas.Revised, 409: Stale}, errors=(403,))
@login_required
def revise(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_editor(access)
    data = json_body()
    _strings_only(data, "answers", N_("'answers' must be a list of submission ids."))
    given = parse_body(schemas.RevisionBody, data)
    answers = given.answers or []
    version = revise_clause(access, clause, given.text, named("version", given.base_version_id),
                            answers=answers, actor=current_user, reason=given.reason)
    return jsonify({"clause_id": clause.public_id, "version_id": version.public_id, "text": version.text,
                    "answers": answers}), 201


@bp.get("/submissions/<public_id>/merge")
@operation("The proposal merged into the current working draft (team editors): round, current and proposed "
           "texts, the merge, and the hunks that conflict with later edits", responses={200: schemas.MergeReport})
@login_required
def merge(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    return jsonify(merge_report(applicable_or_404(access, submission)))


@bp.post("/submissions/<public_id>/apply")
@operation("Accept a proposal into the working draft", body=schemas.Application,
           responses={201: schemas.ProposalApplied, 409: Stale}, errors=(403,), description=(
               "Without `text`, its wording merged into the draft (accepted; 409 merge_conflict when the "
               "draft changed the same words); with `text`, the team's adjusted wording (partly accepted). "
               "One step: the new version answers the proposal and the disposition is recorded"))
@login_required
def apply(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    applicable_or_404(access, submission)
    given = parse_body(schemas.Application)
    applied = apply_proposal(access, submission, base_version_id=named("version", given.base_version_id),
                             reason=given.reason, text=given.text, actor=current_user)
    return jsonify({"clause_id": encode("clause", submission.clause_id), "version_id": applied.version.public_id,
                    "language": applied.language, "text": applied.text, "decision": applied.decision.value,
                    "submission": submission_json(access, submission)}), 201


def _strings_only(data: dict, name: str, message: str) -> None:
    """A list or object of strings in the body: its own refusal names what the strings are."""
    value = data.get(name)
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    if not all(isinstance(item, str) for item in items):
        raise Invalid(message)


@bp.get("/clauses/<clause:clause_id>/collisions")
@operation("Colliding proposals (team; 404 for parties and observers, as for a missing clause)",
           query=schemas.CollisionsQuery, responses={200: schemas.Collisions}, description=(
               "Every party's submitted proposals on the clause in a round (?round=N, default the latest), "
               "each as a word redline against the round's wording, and the regions of change by word range: "
               "a region holding two or more proposals' edits collides; `parties_collide` when they are two "
               "parties'"))
@login_required
def collisions(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    collisions_or_404(access)
    language = request.args.get("language") or None
    return jsonify(collisions_json(collisions_for(clause, round_for(clause, query_int("round")), language)))


@bp.post("/clauses/<clause:clause_id>/merge")
@operation("Save a compromise built from the colliding proposals (mediator, drafters)", body=schemas.MergeBody,
           responses={201: schemas.MergeSaved, 409: Stale}, errors=(403,), description=(
               "Per region (`choices`: {\"1\": \"round\" | a proposal's id | \"custom\"}, `custom`: "
               "{\"1\": text}) the round's wording, one proposal's, or the team's own (a collision needs a "
               "choice; other changes are left unless taken). `save_as` \"draft\": a new version of the "
               "working draft answering the proposals, with each one's disposition (needs base_version_id; "
               "409 merge_conflict when the draft changed those words since the round); \"bridging\": a "
               "bridging proposal hidden from every party until released. 409 stale_collisions when the "
               "proposals changed since `fingerprint`"))
@login_required
def merge_collisions(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    collisions_or_404(access)
    data = json_body()
    for name in ("choices", "custom"):
        _strings_only(data, name, N_("'choices' and 'custom' map region numbers to strings."))
    given = parse_body(schemas.MergeBody, data)
    round_ = round_for(clause, given.round)
    saved = save_merge(access, collisions_for(clause, round_, given.language), choices=given.choices or {},
                       custom=given.custom or {}, fingerprint=given.fingerprint, save_as=given.save_as,
                       reason=given.reason, base_version_id=named("version", given.base_version_id),
                       actor=current_user)
    body = {"clause_id": clause.public_id, "text": saved.text, "decisions": saved.decisions,
            "version_id": saved.version.public_id if saved.version else None,
            "bridging_proposal": bridging_json(access, saved.bridging) if saved.bridging else None}
    return jsonify(body), 201


@bp.get("/clauses/<clause:clause_id>/bridging-proposals")
@operation("The mediator's bridging proposals on the clause in a round (?round=N) the caller may see: the team "
           "all, parties and observers the released ones", query=schemas.RoundQuery,
           responses={200: schemas.ClauseBridging})
@login_required
def list_bridging(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    round_ = round_for(clause, query_int("round"))
    found = bridging_by_clause(access, round_.id, [clause.id]).get(clause.id, [])
    return jsonify({"clause_id": clause.public_id, "round": round_.number,
                    "bridging_proposals": [bridging_json(access, b) for b in found]})


@bp.get("/bridging-proposals/<public_id>")
@operation("A bridging proposal (unreleased: team only; 404 for anyone else, as for a missing id)",
           responses={200: schemas.BridgingProposal})
@login_required
def get_bridging(public_id: str):
    access, bridging = bridging_access_or_404(current_user, public_id)
    return jsonify(bridging_json(access, bridging))


@bp.post("/bridging-proposals/<public_id>/release")
@operation("Release a bridging proposal to every party and observer group at once (mediator), recorded per "
           "recipient in the round's releases", responses={200: schemas.BridgingProposal}, errors=(403, 409))
@login_required
def release(public_id: str):
    access, bridging = bridging_access_or_404(current_user, public_id)
    release_bridging(access, bridging, actor=current_user)
    return jsonify(bridging_json(access, bridging))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/compilation")
@operation("Every party's submissions per clause for a round (team only)", responses={200: schemas.Compilation})
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
@operation("Word-level redline between two texts (for the live preview of a proposal)", body=schemas.RedlineBody,
           responses={200: schemas.LiveRedline})
@login_required
def redline():
    """The live redline of a proposal against the circulated wording (no state)."""
    given = parse_body(schemas.RedlineBody)
    ops = word_diff(given.old, given.new)
    return jsonify({"html": str(render_redline_html(ops)), "ops": [[op, text] for op, text in ops]})
