"""Pages of the working draft: the team's drafting view, clause history and compare.

Parties and observers never see the working draft: the document page sends them to the
latest circulated round, and every other page here answers them 404.
"""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user, login_required
from markupsafe import Markup

from ..api.body import db_int, form_id, query_id, query_int
from ..public_ids import encode
from ..config import MAX_CLAUSE_CHARS
from ..errors import NotFound
from ..extensions import db
from ..panels import panels_for
from ..processes.permissions import can_edit_text, can_view_working_draft, process_access_or_404
from ..requests import on_refusal
from ..rounds.diffing import texts_of, version_diff, version_title_diff
from ..rounds.permissions import round_to_read
from ..rounds.queries import (latest_round, round_or_404, round_outline, rounds_of, section_summaries,
                              stale_in_round)
from ..rounds.textdiff import render_flat_redline_html, render_redline_html, word_diff
from ..workbench.negotiation import filtered_outline, parse_filter
from .rendering import body_html, title_html
from .models import ClauseVersion, Document, Section
from .numbering import article_label
from .operations import (KEEP, add_clause, add_document_language, add_section, create_document, delete_clause,
                         edit_clause, move_clause, move_section, remove_section, rename_section,
                         restore_version)
from .permissions import (clause_access_or_404, document_access_or_404, require_editor,
                          require_language_editor, require_team_or_404, section_access_or_404)
from .queries import SECTION_PAGING_THRESHOLD, versions_of, working_outline
from ..rounds.models import RoundPin
from ..rounds.paging import in_sections
from .languages import chosen_languages, copy_section, display_name, in_language, language_name, lead_of, stale_in_draft, texts_for
from sqlalchemy import select

bp = Blueprint("drafting", __name__)

@bp.app_template_filter("brackets")
def highlight_brackets(text: str) -> Markup:
    """The clause body as HTML: paragraphs at their levels, tables, footnotes, and
    contested [bracketed] passages marked (rendering.py)."""
    return body_html(text)


@bp.app_template_filter("article_title")
def article_title(title: str | None) -> Markup:
    """An article title, brackets and footnote references marked ("" for none)."""
    return title_html(title)


@bp.app_template_filter("language_name")
def _language_name(code: str) -> str:
    """"Arabic" for "ar" (drafting/languages.py)."""
    return language_name(code)


@bp.app_template_filter("language_label")
def _language_label(code: str) -> str:
    """"anglais" for "en" on a French page (drafting/languages.py display_name)."""
    return display_name(code)


@bp.app_template_global("article_label")
def _article_label(number) -> str:
    """"Article 12" in templates: the numbering rule of numbering.py."""
    return article_label(number)


def _form_int(name: str) -> int | None:
    return db_int(request.form.get(name, ""))


def section_pages(outline_all, requested: int | None):
    """(sections to show, picker list or None) for large documents."""
    total = sum(len(s.clauses) for s in outline_all)
    if total <= SECTION_PAGING_THRESHOLD:
        return outline_all, None
    chosen = next((s for s in outline_all if s.id == requested), outline_all[0])
    return [chosen], outline_all


@bp.post("/p/<slug>/documents")
@login_required
def create(slug: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    on_refusal(url_for("processes.show", slug=slug), form="new-document", keep=("title",))
    document = create_document(access, request.form.get("title", ""), actor=current_user)
    flash(gettext("Document created. Add its first section."), "success")
    return redirect(url_for("drafting.document", document_id=document.id))


@bp.get("/documents/<document:document_id>")
@login_required
def document(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    if not can_view_working_draft(access):     # circulated, or document_access_or_404 answered as for a missing id
        latest = latest_round(document.id)
        return redirect(url_for("rounds.view", document_id=document.id, number=latest.number))
    requested = query_id("section", "section")
    full = working_outline(document.id, include_deleted=request.args.get("deleted") == "1")
    shown_filter = None
    if request.args.get("filter"):      # the negotiation's filters (workbench/negotiation.py)
        shown_filter = parse_filter(request.args.get("filter"))
        full_shown = filtered_outline(access, document, full, shown_filter)
    else:
        full_shown = full
    outline, picker = section_pages(full_shown, requested) if full_shown else ([], None)
    panel = panels_for("draft_view", access, document=document, outline=outline)
    toolbar = panels_for("document", access, document=document)
    return render_template(
        "drafting/document.html", access=access, document=document, outline=outline, picker=picker,
        panel=panel, **panel.vars, toolbar=toolbar, can_edit=can_edit_text(access) and not document.is_concluded,
        totals=_totals(full), max_chars=MAX_CLAUSE_CHARS, show_deleted=request.args.get("deleted") == "1",
        shown_filter=shown_filter,
        nauea_banner=document.process.nauea and not document.is_concluded)


def _totals(outline) -> dict:
    clauses = [c for s in outline for c in s.clauses if not c.is_deleted]
    return {"clauses": len(clauses), "sections": len(outline),
            "brackets": sum(c.bracket_count for c in clauses),
            "options": sum(c.option_count for c in clauses),
            "bracketed_clauses": sum(1 for c in clauses if c.bracket_count)}


def _url_of(document_id: int, section_id: int | None = None, anchor: str | None = None) -> str:
    url = url_for("drafting.document", document_id=document_id,
                  **({"section": encode("section", section_id)} if section_id else {}))
    return url + (f"#{anchor}" if anchor else "")


def _back_to(document_id: int, section_id: int | None = None, anchor: str | None = None):
    return redirect(_url_of(document_id, section_id, anchor)), 303


@bp.post("/documents/<document:document_id>/sections")
@login_required
def new_section(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    on_refusal(_url_of(document.id), form=f"new-section-{document.id}", keep=("title",))
    section = add_section(document, request.form.get("title", ""), actor=current_user)
    return _back_to(document.id, section.id, f"section-{section.public_id}")


@bp.post("/sections/<section:section_id>/rename")
@login_required
def rename(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    on_refusal(_url_of(section.document_id, section.id, f"section-{section.public_id}"),
               form=f"rename-section-{section.id}", keep=("title",))
    rename_section(section, request.form.get("title", ""), actor=current_user)
    return _back_to(section.document_id, section.id, f"section-{section.public_id}")


@bp.post("/sections/<section:section_id>/remove")
@login_required
def remove(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    on_refusal(_url_of(section.document_id, section.id, f"section-{section.public_id}"),
               form=f"remove-section-{section.id}", keep=("reason",))
    deleted = remove_section(section, actor=current_user, reason=request.form.get("reason") or None)
    flash(ngettext("Section “%(title)s” removed (%(num)s clause deleted).",
                   "Section “%(title)s” removed (%(num)s clauses deleted).", deleted, title=section.title), "success")
    return _back_to(section.document_id)


@bp.post("/sections/<section:section_id>/move")
@login_required
def move_section_form(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    on_refusal(_url_of(section.document_id, section.id, f"section-{section.public_id}"),
               form=f"move-section-{section.id}", keep=("position",))
    move_section(section, _form_int("position"), actor=current_user)
    return _back_to(section.document_id, section.id, f"section-{section.public_id}")


@bp.post("/documents/<document:document_id>/clauses")
@login_required
def new_clause(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    section = db.session.get(Section, form_id("section_id", "section") or 0)
    if section is None or section.document_id != document.id:
        raise NotFound("No such section in this document.")
    on_refusal(_url_of(document.id, section.id, f"section-{section.public_id}"),
               form=f"new-clause-{section.id}", keep=("title", "text", "reason"))
    clause = add_clause(document, section, request.form.get("text", ""), actor=current_user,
                        reason=request.form.get("reason") or None,
                        title=request.form.get("title") or None)
    flash(gettext("Clause added."), "success")
    return _back_to(document.id, section.id, f"clause-{clause.public_id}")


def _team_clause(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_editor(access)
    return access, clause


@bp.post("/clauses/<clause:clause_id>/edit")
@login_required
def edit(clause_id: int):
    access, clause = _team_clause(clause_id)
    text = request.form.get("text", "")
    # A form without a title field (an older page) keeps the title; an empty one removes it.
    title = request.form.get("title", KEEP)

    def conflict_page(err):
        # What the user typed beside the current text: nothing typed is lost.
        return render_template("drafting/conflict.html", access=access, clause=clause,
                               mine=text, reason=request.form.get("reason", ""),
                               mine_title=None if title is KEEP else title,
                               current_title=err.extra.get("title"),
                               current_text=err.extra["text"], current_version_id=err.extra["version_id"],
                               message=err.message), 409

    on_refusal(_url_of(clause.document_id, clause.section_id, f"clause-{clause.public_id}"),
               form=f"edit-clause-{clause.id}", keep=("title", "text", "reason"),
               render={"stale_version": conflict_page})
    edit_clause(clause_id, text, form_id("base_version_id", "version"), actor=current_user,
                reason=request.form.get("reason") or None, title=title)
    flash(gettext("Saved as a new version."), "success")
    return _back_to(clause.document_id, clause.section_id, f"clause-{clause.public_id}")


@bp.post("/clauses/<clause:clause_id>/delete")
@login_required
def delete(clause_id: int):
    _, clause = _team_clause(clause_id)
    on_refusal(_url_of(clause.document_id, clause.section_id))
    delete_clause(clause_id, form_id("base_version_id", "version"), actor=current_user,
                  reason=request.form.get("reason") or None)
    flash(gettext("Clause deleted; its history is kept and it can be restored."), "success")
    return _back_to(clause.document_id, clause.section_id)


@bp.post("/clauses/<clause:clause_id>/restore")
@login_required
def restore(clause_id: int):
    _, clause = _team_clause(clause_id)
    on_refusal(url_for("drafting.history", clause_id=clause_id))
    restore_version(clause_id, form_id("version_id", "version"), form_id("base_version_id", "version"),
                    actor=current_user, reason=request.form.get("reason") or None)
    flash(gettext("Wording restored as a new version."), "success")
    return redirect(url_for("drafting.history", clause_id=clause_id)), 303


@bp.post("/clauses/<clause:clause_id>/move")
@login_required
def move(clause_id: int):
    _, clause = _team_clause(clause_id)
    on_refusal(_url_of(clause.document_id, clause.section_id, f"clause-{clause.public_id}"))
    position = _form_int("position")
    if request.form.get("direction") in ("up", "down"):
        siblings = [c.clause_id for s in working_outline(clause.document_id, section_id=clause.section_id,
                                                          include_deleted=True) for c in s.clauses]
        index = siblings.index(clause.id) + 1
        position = max(1, index - 1) if request.form["direction"] == "up" else index + 1
    move_clause(clause_id, form_id("section_id", "section") or clause.section_id, position,
                actor=current_user)
    return _back_to(clause.document_id, clause.section_id, f"clause-{clause.public_id}")


@bp.get("/clauses/<clause:clause_id>/history")
@login_required
def history(clause_id: int):
    access, clause = clause_access_or_404(current_user, clause_id)
    require_team_or_404(access)
    versions = versions_of(clause_id)
    by_id = {v.id: v for v in versions}
    compare = compare_title = None
    old_id, new_id = query_id("from", "version"), query_id("to", "version")
    if not (old_id in by_id and new_id in by_id) and len(versions) > 1:
        old_id, new_id = versions[1].id, versions[0].id
    if old_id in by_id and new_id in by_id:
        compare = render_redline_html(version_diff(by_id[old_id], by_id[new_id]))
        compare_title = render_flat_redline_html(version_title_diff(by_id[old_id], by_id[new_id]))
    panel = panels_for("clause_history", access, clause=clause)
    current: ClauseVersion = by_id[clause.current_version_id]
    return render_template("drafting/history.html", access=access, clause=clause, versions=versions,
                           current=current, compare=compare, compare_title=compare_title,
                           old_id=old_id, new_id=new_id,
                           panel=panel, **panel.vars, document=clause.section.document,
                           can_edit=can_edit_text(access) and not clause.section.document.is_concluded)


# --- Authentic texts side by side (issue #22) ---------------------------------------

@bp.get("/documents/<document:document_id>/texts")
@login_required
def texts(document_id: int):
    """The working draft (the team) or a round (?round=N; a party's default is the latest
    round, never the draft) in two or three languages side by side, aligned by clause;
    ?diff=1 shows each language's word diff against the previous round."""

    access, document = document_access_or_404(current_user, document_id)
    round_ = round_to_read(access, document.id, query_int("round"))
    chosen, languages = chosen_languages(document, access)
    requested = query_id("section", "section")
    if round_ is not None:      # a treaty's round: one section read by its pins, as the round page does
        summaries = section_summaries(round_)
        if in_sections(sum(s.size for s in summaries)):
            chosen_section = next((s for s in summaries if s.id == requested), summaries[0])
            base, picker = round_outline(round_, section_id=chosen_section.id), summaries
        else:
            base, picker = round_outline(round_), None
    else:
        base = working_outline(document.id)
        base, picker = section_pages(base, requested) if base else ([], None)
    previous = None
    if round_ is not None and request.args.get("diff") == "1" and round_.number > 1:
        previous = round_or_404(document.id, round_.number - 1)
    prev_pins = {}
    if previous is not None:
        ids = [c.clause_id for s in base for c in s.clauses]
        prev_pins = dict(db.session.execute(select_pins(RoundPin, previous.id, ids)).all())
    columns = []
    for lang in chosen:
        outline = in_language([copy_section(s) for s in base], document, lang.code)
        cells = {c.clause_id: c for s in outline for c in s.clauses}
        diffs = {}
        if previous is not None:
            old = _texts_in(prev_pins, document, lang, texts_of)
            for cid, cell in cells.items():
                diffs[cid] = word_diff(old.get(cid, ""), cell.text or "")
        columns.append({"lang": lang, "cells": cells, "diffs": diffs})
    stale = stale_in_round(document, round_.id, authentic_only=False) if round_ else \
        stale_in_draft(document, authentic_only=False)
    return render_template(
        "drafting/texts.html", access=access, document=document, round=round_, outline=base, picker=picker,
        columns=columns, languages=languages, chosen=chosen, previous=previous, stale=stale,
        rounds=rounds_of(document.id), toolbar=panels_for("document", access, document=document),
        can_edit=round_ is None and can_edit_text(access) and not document.is_concluded,
        max_chars=MAX_CLAUSE_CHARS)


def select_pins(RoundPin, round_id, clause_ids):
    return select(RoundPin.clause_id, RoundPin.version_id).where(
        RoundPin.round_id == round_id, RoundPin.clause_id.in_(clause_ids or [-1]))


def _texts_in(pins: dict, document, lang, texts_of) -> dict:
    """{clause id: its text in `lang` in the previous round}."""
    if lang.lead:
        texts = texts_of(set(pins.values()))
        return {cid: texts.get(vid, "") for cid, vid in pins.items()}
    rows = texts_for(pins.values(), lang.code)
    return {cid: rows[vid].text if vid in rows else "" for cid, vid in pins.items()}


@bp.post("/clauses/<clause:clause_id>/text")
@login_required
def edit_text(clause_id: int):
    """A clause's text in one of the document's languages, from the side-by-side page."""
    access, clause = _team_clause(clause_id)
    language = request.form.get("language") or None
    back = url_for("drafting.texts", document_id=clause.document_id, lang=request.form.getlist("lang") or None)
    back += f"#clause-{clause.public_id}"
    shown_as = language or document_lead(db.session.get(Document, clause.document_id))  # the column it came from
    on_refusal(back, form=f"edit-text-{clause.id}-{shown_as}", keep=("text",))
    edit_clause(clause_id, request.form.get("text", ""), form_id("base_version_id", "version"), actor=current_user,
                reason=request.form.get("reason") or None, language=language)
    flash(gettext("Saved as a new version."), "success")
    return redirect(back), 303


@bp.post("/documents/<document:document_id>/languages")
@login_required
def add_language(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_language_editor(access)
    back = url_for("drafting.texts", document_id=document.id)
    on_refusal(back, form="add-language", keep=("code",))
    code = request.form.get("code", "")
    add_document_language(document, code.strip(), authentic=request.form.get("authentic") == "1",
                          actor=current_user)
    flash(gettext("Language %(code)s added: every clause is to be updated in it.", code=code), "success")
    return redirect(url_for("drafting.texts", document_id=document.id, lang=[document_lead(document), code])), 303


def document_lead(document) -> str:
    return lead_of(document).code
