"""The legal advisers' queue of findings per document, with the span highlighted, where
the clause is in the draft and in the rounds, and a review form (escalations name an
assignee and a note); a link to it from every document page (team only); and the queue
across a process on the home page of legal advisers (and mediators' escalations)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from ..i18n import N_
from ..api.body import db_int, form_id
from ..drafting.permissions import document_access_or_404
from ..drafting.queries import working_outline
from ..errors import Invalid
from ..requests import on_refusal
from ..panels import Panel, panels_for, provides
from ..processes.permissions import can_edit_text, can_review_findings
from .engine.ruleset import load_ruleset
from .labels import finding_label
from ..rounds.links import rounds_carrying
from .links import draft_clause_url
from .models import Decision
from .cure import apply_cure
from .operations import review_finding
from .permissions import (escalation_assignees, finding_or_404, has_review_queue, may_read_findings,
                          require_findings_reader, told_of_held_circulations)
from .workqueue import assigned_to, circulations_over_findings, process_queue
from .refresh import current_findings
from .serialize import finding_text

bp = Blueprint("compliance", __name__)
bp.add_app_template_filter(finding_label, "finding_label")


def form_user_id(name: str) -> int | None:
    """A user id chosen in a form's select: None when none is chosen."""
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    value = db_int(raw)
    if value is None:
        raise Invalid(gettext("'%(name)s' must be a user's id.", name=name))
    return value


@bp.app_template_filter("highlight_span")
def highlight_span(finding) -> Markup:
    text = finding_text(finding)        # the text the finding is in: the lead's or its language's
    return Markup("{}<mark>{}</mark>{}").format(escape(text[:finding.start]), escape(text[finding.start:finding.end]),
                                                escape(text[finding.end:]))


@provides("home")
def _home_review_queue(access, *, process, membership):
    queue = review_queue(access)
    return Panel(vars={"review_queue": queue}) if queue is not None else None


def review_queue(access):
    """The home page's findings queue for a legal adviser (counts per document, open
    findings newest first, the rounds that went out over unreviewed ones) and, for a
    legal adviser or mediator, the escalations assigned to them; None for anyone else."""
    if access is None or not has_review_queue(access):
        return None
    full = can_review_findings(access)
    process = access.process
    return {"documents": process_queue(process) if full else [],
            "assigned": assigned_to(process, access.user_id),
            "notices": circulations_over_findings(process) if told_of_held_circulations(access) else [],
            "full": full}


@bp.app_template_filter("explanation_spans")
def explanation_spans(finding) -> Markup:
    """The clause with the explanation's spans marked by kind (grant, scope, exclusion,
    prohibition); a span overlapping one already marked is left out."""
    text = finding_text(finding)
    spans = sorted((s for s in (finding.explanation or {}).get("spans", [])
                    if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)),
                   key=lambda s: (s["start"], -s["end"]))
    out, at = [], 0
    for span in spans:
        start, end = max(span["start"], 0), min(span["end"], len(text))
        if start < at or end <= start:
            continue
        kind = span.get("kind") if span.get("kind") in _SPAN_KINDS else "grant"
        out.append(escape(text[at:start]))
        out.append(Markup('<mark class="span-{}">{}</mark>').format(kind, escape(text[start:end])))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


_SPAN_KINDS = ("grant", "scope", "exclusion", "prohibition")


@bp.app_template_filter("category_name")
def category_name(key: str) -> str:
    try:
        return load_ruleset().category(key).name
    except StopIteration:
        return key.replace("_", " ")


@bp.app_template_filter("rule_label")
def rule_label(rule: str) -> str:
    """Findings stored before labels existed: the label the current rules give them."""
    return load_ruleset().labels.get(rule, "Amnesty-norm finding")


@provides("document")
def _findings_link(access, document=None, **_):
    if document is None or not may_read_findings(access):
        return None
    return Panel(links=[(N_("Compliance findings"), url_for("compliance.queue", document_id=document.id))])


@bp.get("/documents/<document:document_id>/findings")
@login_required
def queue(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_findings_reader(access)
    findings = current_findings(document)
    show_all = request.args.get("all") == "1"
    shown = findings if show_all else [f for f in findings if f.is_open]
    rows = {c.clause_id: c for s in working_outline(document.id) for c in s.clauses}
    labels = {cid: c.label for cid, c in rows.items()}
    draft_links = {f.id: draft_clause_url(document.id, f.clause_id, rows[f.clause_id].section_id)
                   for f in shown if f.clause_id in rows}
    return render_template("compliance/queue.html", access=access, document=document, findings=shown,
                           total=len(findings), open_count=sum(f.is_open for f in findings), show_all=show_all,
                           labels=labels, decisions=[d.value for d in Decision],
                           draft_links=draft_links, carried=rounds_carrying(shown),
                           may_review=can_review_findings(access), may_cure=can_edit_text(access),
                           assignees=escalation_assignees(document.process) if can_review_findings(access) else [],
                           toolbar=panels_for("document", access, document=document))


@bp.post("/findings/<int:finding_id>/review")
@login_required
def review(finding_id: int):
    access, finding = finding_or_404(current_user, finding_id)
    back = url_for("compliance.queue", document_id=finding.document_id) + f"#finding-{finding.id}"
    on_refusal(back, form=f"review-{finding.id}", keep=("decision", "reason", "assignee_id", "note"))
    review_finding(access, finding, request.form.get("decision", ""), request.form.get("reason"),
                   actor=current_user, assignee_id=form_user_id("assignee_id"), note=request.form.get("note"))
    flash(gettext("Review recorded."), "success")
    return redirect(back), 303


@bp.post("/findings/<int:finding_id>/apply-cure")
@login_required
def cure(finding_id: int):
    """The "Insert this exclusion as an edit" button: a new version of the clause."""
    access, finding = finding_or_404(current_user, finding_id)
    back = url_for("compliance.queue", document_id=finding.document_id) + f"#finding-{finding.id}"
    on_refusal(back)
    apply_cure(access, finding, form_id("base_version_id", "version"), actor=current_user)
    flash(gettext("The exclusion was inserted as a new version of the clause."), "success")
    return redirect(back), 303
