"""Pages: submissions in the round view (per clause), the team's compilation, threads,
dispositions and notes; a delegate's news on the home page."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user, login_required

from ..i18n import N_, current_language
from ..api.body import form_id
from ..drafting.languages import texts_for
from ..drafting.models import ClauseVersion
from ..drafting.permissions import clause_access_or_404, document_access_or_404, require_team_or_404
from ..extensions import db
from ..models_base import utcnow
from ..panels import Panel, provides
from ..public_ids import encode
from ..processes.permissions import can_answer_submissions, can_submit
from ..requests import on_refusal
from ..rounds.links import clause_link
from ..rounds.models import Round
from ..rounds.queries import latest_round, pin_of, round_or_404, round_outline
from ..rounds.textdiff import render_flat_redline_html, render_redline_html, word_diff
from .applying import apply_proposal, merge_report
from .colliding import (article_of, bridging_by_clause, bridging_language, bridging_round_text, collisions_for,
                        colliding_clauses, release_bridging, round_for, save_merge)
from .models import Decision
from .operations import (add_note, add_reply, create_submission, set_disposition, share_with_all,
                         submission_target, submit, withdraw)
from .permissions import (applicable_or_404, bridging_access_or_404, can_build_compromise,
                          can_release_bridging, collisions_or_404, compilation_or_404, sees_collisions,
                          sees_compilation, sees_proposals_beside_languages, submission_access_or_404,
                          visible_replies, writing_languages)
from .queries import (answered_proposals, beside_proposals, home_news, notes_for, round_text_of,
                      submissions_by_clause, written_in)

bp = Blueprint("comments", __name__)

DECISIONS = [(d.value, d.value.replace("_", " ")) for d in Decision]


@bp.app_template_filter("redline")
def redline_filter(pair) -> str:
    old, new = pair
    return render_redline_html(word_diff(old or "", new or ""))


@bp.app_template_filter("flat_redline")
def flat_redline_filter(ops) -> str:
    return render_flat_redline_html(ops)


@bp.app_template_filter("flat_pair")
def flat_pair_filter(pair) -> str:
    old, new = pair
    return render_flat_redline_html(word_diff(old or "", new or ""))


@provides("round_view")
def round_panel(access, *, document, round, outline):
    clause_ids = [c.clause_id for s in outline for c in s.clauses]
    by_clause = submissions_by_clause(access, round_id=round.id, clause_ids=clause_ids)
    notes: dict[int, list] = {}
    for n in notes_for(access, clause_ids):
        notes.setdefault(n.clause_id, []).append(n)
    latest = latest_round(document.id)
    links = []
    if sees_compilation(access):
        links.append((N_("Compilation"), url_for("comments.compilation", document_id=document.id, number=round.number)))
    collide = colliding_clauses(round.id, clause_ids) if sees_collisions(access) else {}
    return Panel(
        vars={"submissions_by_clause": by_clause, "notes_by_clause": notes, "decisions": DECISIONS,
              "colliding_by_clause": collide, "bridging_by_clause": bridging_by_clause(access, round.id, clause_ids),
              "may_release_bridging": can_release_bridging(access),
              "may_submit": can_submit(access) and latest.id == round.id and round.accepts_submissions(utcnow()),
              "submitting_late": can_submit(access) and latest.id == round.id and round.closed_at is None
              and round.accepts_submissions(utcnow()) and round.is_past_deadline(utcnow()),
              "may_answer": can_answer_submissions(access), "round_text_of": round_text_of, "written_in": written_in,
              "beside": (beside_proposals(document, [s for subs in by_clause.values() for s in subs])
                         if sees_proposals_beside_languages(access) else {}),
              "writing_languages": writing_languages(access, document) if can_submit(access) else []},
        links=links, clause_templates=["comments/_clause_panel.html"],
        page_templates=["comments/_form_templates.html"])


@provides("round_diff")
def diff_panel(access, *, document, old, new, diffs):
    versions = [d.change.new_version_id for d in diffs if d.change.change in ("modified", "added")]
    return Panel(vars={"answers_by_version": answered_proposals(access, versions)},
                 clause_templates=["comments/_diff_answers.html"])


def _back(round_: Round, clause_id: int):
    return redirect(clause_link(round_, clause_id)), 303


def _with_form_open(round_: Round, clause_id: int) -> str:
    """The clause on its round page with its forms open (?respond=), where typed values
    come back after a refusal."""
    url, _, anchor = clause_link(round_, clause_id).partition("#")
    return f"{url}{'&' if '?' in url else '?'}respond={encode('clause', clause_id)}#{anchor}"


@bp.post("/clauses/<clause:clause_id>/comments")
@login_required
def create(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    round_ = latest_round(clause.document_id)       # a visible clause was circulated: there is one
    on_refusal(_with_form_open(round_, clause.id), form=f"comment-{clause.public_id}",
               keep=("kind", "body", "proposed_text", "draft", "language"),
               refill=round_.accepts_submissions(utcnow()))
    # The API's checks, in its order (a clause no longer in the latest round: 404 as there).
    round_, pin = submission_target(access, clause)
    form = request.form
    if form.get("preview"):
        circulated = _version_text(pin.version_id, form.get("language") or None)
        return render_template("comments/preview.html", access=access, clause=clause, round=round_,
                               circulated=circulated, form=form)
    create_submission(access, clause, kind=form.get("kind", ""), body=form.get("body", ""),
                      proposed_text=form.get("proposed_text") or None,
                      draft=form.get("draft") == "1", actor=current_user,
                      language=form.get("language") or None, interface_language=current_language())
    flash(gettext("Saved as a draft for your party.") if form.get("draft") == "1"
          else gettext("Submitted to the mediation team."), "success")
    return _back(round_, clause.id)


def _version_text(version_id: int, language: str | None = None) -> str:
    """The round's text a preview diffs against: in the language the party writes in
    when the round carries one (else the lead's)."""
    row = texts_for([version_id], language).get(version_id) if language else None
    return row.text if row is not None and row.text else db.session.get(ClauseVersion, version_id).text


def _act(public_id: str, action, *, keep: tuple[str, ...] = ()):
    access, submission = submission_access_or_404(current_user, public_id)
    back = clause_link(submission.round, submission.clause_id)
    on_refusal(back, form=f"{request.endpoint}-{public_id}", keep=keep)
    action(access, submission)
    return redirect(back), 303


@bp.post("/submissions/<public_id>/submit")
@login_required
def submit_view(public_id: str):
    return _act(public_id, lambda a, s: submit(a, s, actor=current_user))


@bp.post("/submissions/<public_id>/withdraw")
@login_required
def withdraw_view(public_id: str):
    return _act(public_id, lambda a, s: withdraw(a, s, actor=current_user))


@bp.post("/submissions/<public_id>/reply")
@login_required
def reply_view(public_id: str):
    return _act(public_id, lambda a, s: add_reply(a, s, request.form.get("body", ""), actor=current_user),
                keep=("body",))


@bp.post("/submissions/<public_id>/disposition")
@login_required
def disposition_view(public_id: str):
    return _act(public_id, lambda a, s: set_disposition(a, s, request.form.get("decision", ""),
                                                        request.form.get("reason", ""), actor=current_user),
                keep=("decision", "reason"))


@bp.get("/submissions/<public_id>/apply")
@login_required
def apply_page(public_id: str):
    """The proposal beside the round's and the draft's wording, merged into the draft, with
    the conflicts where the draft changed the same words: accept it, or adjust and partly
    accept."""
    access, submission = submission_access_or_404(current_user, public_id)
    return render_template("comments/apply.html", access=access, s=submission,
                           merge=merge_report(applicable_or_404(access, submission)), document=submission.round.document,
                           back=clause_link(submission.round, submission.clause_id))


@bp.post("/submissions/<public_id>/apply")
@login_required
def apply_view(public_id: str):
    access, submission = submission_access_or_404(current_user, public_id)
    applicable_or_404(access, submission)
    on_refusal(url_for("comments.apply_page", public_id=public_id), form=f"apply-{public_id}",
               keep=("reason", "text"))
    partly = request.form.get("how") == "partly"
    applied = apply_proposal(access, submission, base_version_id=form_id("base_version_id", "version"),
                             reason=request.form.get("reason", ""),
                             text=request.form.get("text", "") if partly else None, actor=current_user)
    flash((gettext("Partly accepted: the working draft has the new wording (v%(seq)s), answering this proposal.",
                   seq=applied.version.seq) if partly else
           gettext("Accepted: the working draft has the new wording (v%(seq)s), answering this proposal.",
                   seq=applied.version.seq)), "success")
    return redirect(clause_link(submission.round, submission.clause_id)), 303


def _merge_form(clause) -> str:
    return f"merge-{clause.public_id}"


def _collisions_page(access, clause, round_, *, language=None, mine=None, status=200):
    c = collisions_for(clause, round_, language)
    return render_template("comments/collisions.html", access=access, c=c, clause=clause, round=round_,
                           document=round_.document, article=article_of(round_, clause.id),
                           back=clause_link(round_, clause.id), may_merge=can_build_compromise(access),
                           mine=mine if mine is not None else None, form_key=_merge_form(clause)), status


@bp.get("/clauses/<clause:clause_id>/collisions")
@login_required
def collisions_page(clause_id: int):
    """Every party's proposals on the clause in a round, side by side as redlines against
    the round's wording, the words they both change marked; and the merge form (team)."""
    access, clause = clause_access_or_404(current_user, clause_id)
    collisions_or_404(access)
    return _collisions_page(access, clause, round_for(clause, request.args.get("round", type=int)),
                            language=request.args.get("language") or None)


@bp.post("/clauses/<clause:clause_id>/merge")
@login_required
def merge_view(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    collisions_or_404(access)
    round_ = round_for(clause, request.form.get("round", type=int))
    language = request.form.get("language") or None
    c = collisions_for(clause, round_, language)
    keep = ("reason", "save_as", *(f"{k}-{n}" for n in range(1, len(c.regions) + 1) for k in ("choice", "custom")))
    kept = lambda err: _collisions_page(access, clause, round_, language=c.language.code,  # noqa: E731
                                        status=err.status,
                                        mine={k: request.form[k] for k in keep if k in request.form} | {"error": err.message})
    on_refusal(url_for("comments.collisions_page", clause_id=clause.public_id, round=round_.number,
                       language=c.language.code),
               form=_merge_form(clause), keep=keep,
               render={"stale_collisions": kept, "merge_conflict": kept, "stale_version": kept})
    form = request.form
    saved = save_merge(access, c, choices={k[7:]: v for k, v in form.items() if k.startswith("choice-")},
                       custom={k[7:]: v for k, v in form.items() if k.startswith("custom-")},
                       fingerprint=form.get("fingerprint"), save_as=form.get("save_as", ""),
                       reason=form.get("reason", ""), base_version_id=form_id("base_version_id", "version"),
                       actor=current_user)
    if saved.bridging is not None:
        flash(gettext("Saved as a bridging proposal, hidden from every party until the mediator releases it."), "success")
    else:
        flash(ngettext("The working draft has the compromise (v%(seq)s), answering %(num)s proposal.",
                       "The working draft has the compromise (v%(seq)s), answering %(num)s proposals.",
                       len(saved.decisions), seq=saved.version.seq), "success")
    return redirect(clause_link(round_, clause.id)), 303


@bp.post("/bridging-proposals/<public_id>/release")
@login_required
def release_bridging_view(public_id: str):
    access, bridging = bridging_access_or_404(current_user, public_id)
    back = clause_link(bridging.round, bridging.clause_id)
    on_refusal(back)
    release_bridging(access, bridging, actor=current_user)
    flash(gettext("Released: every party and observer group now reads the bridging proposal."), "success")
    return redirect(back), 303


@bp.post("/submissions/<public_id>/share")
@login_required
def share_view(public_id: str):
    return _act(public_id, lambda a, s: share_with_all(a, s, replies=request.form.getlist("replies"),
                                                       actor=current_user))


@bp.post("/clauses/<clause:clause_id>/notes")
@login_required
def note_view(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_team_or_404(access)
    round_ = latest_round(clause.document_id)
    if round_ is None:
        back = url_for("drafting.document", document_id=clause.document_id)
    else:
        back = _with_form_open(round_, clause.id) if pin_of(round_, clause.id) else clause_link(round_, clause.id)
    on_refusal(back, form=f"note-{clause.public_id}", keep=("body",))
    add_note(access, clause, request.form.get("body", ""), actor=current_user)
    if round_ is None:
        return redirect(back), 303
    return _back(round_, clause.id)


@bp.get("/documents/<document:document_id>/rounds/<int:number>/compilation")
@login_required
def compilation(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    compilation_or_404(access)
    round_ = round_or_404(document.id, number)
    outline = round_outline(round_)
    by_clause = submissions_by_clause(access, round_id=round_.id)
    parties = document.process.parties
    rows = [(c, by_clause[c.clause_id]) for sec in outline for c in sec.clauses if c.clause_id in by_clause]
    return render_template("comments/compilation.html", access=access, document=document, round=round_,
                           rows=rows, parties=parties)


@bp.app_template_global("bridging_text_of")
def _bridging_text_of(bridging):
    """(language code, the round's text in it) a bridging proposal is shown against."""
    return bridging_language(bridging), bridging_round_text(bridging)


@bp.app_template_global("visible_replies")
def _visible_replies(access, submission):
    """The replies of a thread the reader may see (permissions.visible_replies)."""
    return visible_replies(access, submission)


@provides("home")
def _home_news(access, *, process, membership):
    news = home_news(process, membership)
    return Panel(vars={"news": news}) if news is not None else None
