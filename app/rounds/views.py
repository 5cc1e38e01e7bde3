"""Pages for rounds: the list (and circulation), a round's frozen text, and diffs."""
import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from ..api.body import parse_deadline, query_id, query_int
from ..drafting.permissions import document_access_or_404
from ..panels import panels_for
from ..processes.permissions import can_circulate
from ..public_ids import encode, encoder
from ..requests import on_refusal
from .diffing import round_diff
from .operations import circulate_round, close_round, release_json, releases_of
from .permissions import can_preview_circulation, require_circulator, require_previewer, sees_releases
from .preview import preview_circulation, received_by, recipient_or_404, recipients
from .paging import Page, in_sections, page_of
from .frozen import frozen_page, round_sections
from .queries import round_or_404, rounds_of
from .renumbering import renumbering
from .textdiff import render_flat_redline_html, render_redline_html

bp = Blueprint("rounds", __name__)


def _toolbar(access, document):
    return panels_for("document", access, document=document)


@bp.get("/documents/<document:document_id>/rounds")
@login_required
def index(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    rounds = rounds_of(document.id)
    summaries = {r.id: json.loads(r.summary) if r.summary else {} for r in rounds}
    may_circulate = can_circulate(access) and not document.is_concluded
    return render_template("rounds/index.html", access=access, document=document,
                           rounds=list(reversed(rounds)), summaries=summaries,
                           toolbar=_toolbar(access, document), can_circulate=may_circulate,
                           can_preview=can_preview_circulation(access) and not document.is_concluded,
                           preview=preview_circulation(document) if may_circulate else None)


@bp.get("/documents/<document:document_id>/rounds/preview")
@login_required
def preview(document_id: int):
    """The next round before it goes out: the diff against the latest round, the open
    findings, and "view as" each party and observer group (preview.py)."""
    access, document = document_access_or_404(current_user, document_id)
    require_previewer(access)
    slug = request.args.get("party")
    party = recipient_or_404(document, slug) if slug is not None else None
    found = preview_circulation(document)
    shown = [(d, render_redline_html(d.ops), render_flat_redline_html(d.title_ops)) for d in found.diffs]
    return render_template("rounds/preview.html", access=access, document=document, preview=found,
                           diffs=shown, party=party, recipients=recipients(document),
                           receives=received_by(document, party) if party else None,
                           can_circulate=can_circulate(access) and not document.is_concluded,
                           toolbar=_toolbar(access, document))


@bp.post("/documents/<document:document_id>/rounds")
@login_required
def circulate(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_circulator(access)
    on_refusal(url_for("rounds.index", document_id=document.id), form=f"circulate-{document.id}",
               keep=("note", "deadline", "allow_unchanged"),
               render={"unreviewed_findings": lambda err: _confirm_findings_page(access, document, err)})
    confirmed = request.form.get("confirm_findings") == "1"
    round_ = circulate_round(document, actor=current_user,
                             deadline=parse_deadline(request.form.get("deadline") or None),
                             note=request.form.get("note") or None,
                             allow_unchanged=request.form.get("allow_unchanged") == "1",
                             confirm_findings=confirmed,
                             findings_seen=request.form.get("findings_fingerprint") or None,
                             counts_seen=request.form.get("confirm_counts") or None, require_counts=True)
    flash(gettext("%(round)s circulated to every party.", round=round_.label)
          + (" " + gettext("The legal advisers are told it went out over unreviewed findings.") if confirmed else ""),
          "success")
    return redirect(url_for("rounds.view", document_id=document.id, number=round_.number)), 303


def _confirm_findings_page(access, document, err):
    """The gate: the held findings, clause by clause, and the form again with a box to tick
    (what the mediator typed rides along). Rendered after the refusal's rollback, from
    the refusal's own description of the findings."""
    carried = {name: request.form.get(name, "") for name in ("deadline", "note", "allow_unchanged", "confirm_counts")}
    return render_template("rounds/confirm_findings.html", access=access, document=document,
                           message=err.message, findings=err.extra.get("findings", []),
                           fingerprint=err.extra.get("findings_fingerprint", ""), carried=carried,
                           toolbar=_toolbar(access, document)), err.status


@bp.post("/documents/<document:document_id>/rounds/<int:number>/close")
@login_required
def close(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    round_ = round_or_404(document.id, number)
    require_circulator(access, "closes a round")
    on_refusal(url_for("rounds.view", document_id=document.id, number=number))
    close_round(round_, actor=current_user)
    flash(gettext("%(round)s is closed to comments.", round=round_.label), "success")
    return redirect(url_for("rounds.view", document_id=document.id, number=number)), 303


@bp.get("/documents/<document:document_id>/rounds/<int:number>")
@login_required
def view(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    round_ = round_or_404(document.id, number)
    summaries = round_sections(round_)
    requested = query_id("section", "section")
    picker, chosen, page = None, None, None
    # A reader in working groups (app/groups) opens on their groups' sections; `?all=1`
    # shows every section. It only chooses among what the page shows anyway.
    carried = {s.id for s in summaries}
    focus = [sid for sid in panels_for("round_focus", access, document=document, round=round_).vars.get(
        "focus_sections", []) if sid in carried]
    show_all = request.args.get("all") == "1"
    focused = bool(focus) and not show_all
    # The round's own text, pins and numbers come from the frozen page (frozen.py): the
    # same for every reader, so kept rendered; what this reader sees around it is not.
    if not in_sections(sum(s.size for s in summaries)):
        frozen = frozen_page(round_)
        outline = frozen.outline_copy()
        if focused:
            outline = [s for s in outline if s.id in focus]
    else:                                   # a treaty: one section at a time, long ones in pages
        picker = summaries
        default = next((s for s in summaries if s.id in focus), summaries[0]) if focused else summaries[0]
        section = next((s for s in summaries if s.id == requested), default)
        chosen = section.id
        # Page numbers and sizes are clamped to the section, so any integer will do.
        page = page_of(section.size, request.args.get("page", type=int), request.args.get("per_page", type=int))
        frozen = frozen_page(round_, section_id=chosen, offset=page.first, limit=page.size)
        outline = frozen.outline_copy()
    panel = panels_for("round_view", access, document=document, round=round_, outline=outline)
    parties = {p.id: p for p in document.process.parties}
    releases = ([release_json(r, parties) for r in releases_of(round_)] if sees_releases(access) else None)
    return render_template("rounds/view.html", access=access, document=document, round=round_, releases=releases,
                           outline=outline, picker=picker, panel=panel, **panel.vars,
                           toolbar=_toolbar(access, document),
                           brackets=sum(s.brackets for s in summaries),
                           page=page, page_link=_page_link(document.id, round_.number, chosen, page),
                           respond=query_id("respond", "clause"),
                           respond_link=_respond_link(document.id, round_.number, chosen, page),
                           can_circulate=can_circulate(access),
                           focus=focus, focused=focused,
                           formerly=frozen.formerly, frozen_html=frozen.clause_html or None,
                           nauea_banner=document.process.nauea and not document.is_concluded)


@bp.get("/documents/<document:document_id>/rounds/<int:number>/numbers")
@login_required
def numbers(document_id: int, number: int):
    """The old -> new article numbers of a round: how to find a citation of the last one."""
    access, document = document_access_or_404(current_user, document_id)
    round_ = round_or_404(document.id, number)
    return render_template("rounds/numbers.html", access=access, document=document, round=round_,
                           table=renumbering(round_), toolbar=_toolbar(access, document))


def _page_link(document_id: int, number: int, section_id: int | None, page: Page | None):
    """page number -> that page of the section, at this page size."""
    size = page.custom_size if page else None
    section = encode("section", section_id)
    return lambda n: url_for("rounds.view", document_id=document_id, number=number, section=section,
                             page=n if n > 1 else None, per_page=size)


def _respond_link(document_id: int, number: int, section_id: int | None, page: Page | None):
    """clause id -> this page with that clause's forms open: the forms' no-script link."""
    url = _page_link(document_id, number, section_id, page)(page.number if page else 1)
    base = url + ("&" if "?" in url else "?") + "respond="
    clause_pid = encoder("clause")
    return lambda clause_id: f"{base}{clause_pid(clause_id)}#clause-{clause_pid(clause_id)}"


@bp.get("/documents/<document:document_id>/rounds/<int:number>/diff")
@login_required
def diff(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    new = round_or_404(document.id, number)
    rounds = rounds_of(document.id)
    from_number = query_int("from") or (number - 1)
    if from_number < 1 or from_number == number:
        return render_template("rounds/diff.html", access=access, document=document, new=new,
                               old=None, rounds=rounds, diffs=[], summary={},
                               toolbar=_toolbar(access, document), show_unchanged=False, panel=None)
    old = round_or_404(document.id, from_number)
    show_unchanged = request.args.get("unchanged") == "1"
    diffs, summary = round_diff(old, new, include_unchanged=show_unchanged)
    shown = [(d, render_redline_html(d.ops), render_flat_redline_html(d.title_ops)) for d in diffs
             if show_unchanged or d.change.change != "unchanged"]
    panel = panels_for("round_diff", access, document=document, old=old, new=new, diffs=diffs)
    return render_template("rounds/diff.html", access=access, document=document, old=old, new=new,
                           rounds=rounds, diffs=shown, summary=summary, panel=panel, **panel.vars,
                           toolbar=_toolbar(access, document), show_unchanged=show_unchanged)
