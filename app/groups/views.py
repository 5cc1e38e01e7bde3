"""Working groups on pages: the groups of a process, a page per group (its sections,
members, progress and queue), the mediator's forms, and where a delegate's round page
opens (a panel of the round view: the sections of their groups)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from ..api.body import form_id
from ..extensions import db
from ..panels import Panel, provides
from ..processes.permissions import access_or_404, process_access_or_404
from ..public_ids import NOTHING, decode
from ..requests import on_refusal
from .models import WorkingGroup
from .operations import (add_members, create_group, grant_sections, remove_member, revoke_section, set_sections,
                         update_group)
from .permissions import (can_manage_groups, focus_sections, group_or_404, is_scoped, require_group_manager,
                          require_groups_reader, sees_group_progress)
from .queries import (assignable_members, group_members, group_progress, group_queue, group_sections, groups_of,
                      process_sections, scope_grants, waiting_count)
from ..drafting.permissions import may_add_sections, may_edit_section

bp = Blueprint("groups", __name__)


def _form_sections(name: str = "section") -> list[int]:
    return [decode("section", v) or NOTHING for v in request.form.getlist(name)]


def _group_access(group_id: int):
    group = db.session.get(WorkingGroup, group_id) if isinstance(group_id, int) else None
    access = access_or_404(current_user, group.process if group else None)
    return access, group_or_404(access, group_id)


@bp.get("/p/<slug>/groups")
@login_required
def index(slug: str):
    access = process_access_or_404(current_user, slug)
    require_groups_reader(access)
    groups = groups_of(access)
    rows = []
    for group in groups:
        sections = group_sections(access, group)
        row = {"group": group, "sections": sections, "members": group_members(access, group)}
        if sees_group_progress(access):
            row["progress"] = group_progress(access, sections)
            row["waiting"] = waiting_count(group_queue(access, group))
        rows.append(row)
    manager = can_manage_groups(access)
    return render_template("groups/index.html", access=access, process=access.process, rows=rows,
                           manager=manager, scoped=is_scoped(access),
                           sections=process_sections(access) if manager else [],
                           candidates=assignable_members(access) if manager else [],
                           grants=scope_grants(access) if manager else [])


@bp.get("/groups/<group:group_id>")
@login_required
def show(group_id: int):
    access, group = _group_access(group_id)
    sections = group_sections(access, group)
    progress = queues = None
    if sees_group_progress(access):
        queues = group_queue(access, group)
        progress = {**group_progress(access, sections), "waiting": waiting_count(queues)}
    manager = can_manage_groups(access)
    return render_template("groups/show.html", access=access, process=access.process, group=group,
                           sections=sections, members=group_members(access, group), progress=progress,
                           tq=None if queues is None else {"documents": queues, "shown": 50},
                           manager=manager, all_sections=process_sections(access) if manager else [],
                           candidates=assignable_members(access) if manager else [])


@bp.post("/p/<slug>/groups")
@login_required
def create(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    on_refusal(url_for("groups.index", slug=slug), form="new-group", keep=("name", "mandate"))
    group = create_group(access, name=request.form.get("name", ""), mandate=request.form.get("mandate", ""),
                         section_ids=_form_sections(), members=request.form.getlist("member"), actor=current_user)
    flash(gettext("Working group “%(name)s” set up.", name=group.name), "success")
    return redirect(url_for("groups.show", group_id=group.id)), 303


@bp.post("/groups/<group:group_id>/edit")
@login_required
def edit(group_id: int):
    access, group = _group_access(group_id)
    require_group_manager(access)
    on_refusal(url_for("groups.show", group_id=group.id), form=f"edit-group-{group.id}", keep=("name", "mandate"))
    update_group(access, group, name=request.form.get("name", ""), mandate=request.form.get("mandate", ""),
                 actor=current_user)
    flash(gettext("Saved."), "success")
    return redirect(url_for("groups.show", group_id=group.id)), 303


@bp.post("/groups/<group:group_id>/members")
@login_required
def members(group_id: int):
    access, group = _group_access(group_id)
    require_group_manager(access)
    on_refusal(url_for("groups.show", group_id=group.id))
    add_members(access, group, request.form.getlist("member"), actor=current_user)
    flash(gettext("Members added."), "success")
    return redirect(url_for("groups.show", group_id=group.id)), 303


@bp.post("/groups/<group:group_id>/members/remove")
@login_required
def remove(group_id: int):
    access, group = _group_access(group_id)
    require_group_manager(access)
    on_refusal(url_for("groups.show", group_id=group.id))
    remove_member(access, group, request.form.get("email", ""), actor=current_user)
    flash(gettext("Member removed."), "success")
    return redirect(url_for("groups.show", group_id=group.id)), 303


@bp.post("/groups/<group:group_id>/sections")
@login_required
def sections(group_id: int):
    access, group = _group_access(group_id)
    require_group_manager(access)
    on_refusal(url_for("groups.show", group_id=group.id))
    set_sections(access, group, _form_sections(), actor=current_user)
    flash(gettext("Sections saved."), "success")
    return redirect(url_for("groups.show", group_id=group.id)), 303


@bp.post("/p/<slug>/scope-grants")
@login_required
def grant(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    on_refusal(url_for("groups.index", slug=slug), form="grant", keep=("email",))
    grant_sections(access, request.form.get("email", ""), _form_sections(), actor=current_user)
    flash(gettext("The drafter's scope is wider."), "success")
    return redirect(url_for("groups.index", slug=slug)), 303


@bp.post("/p/<slug>/scope-grants/revoke")
@login_required
def revoke(slug: str):
    access = process_access_or_404(current_user, slug)
    require_group_manager(access)
    on_refusal(url_for("groups.index", slug=slug))
    revoke_section(access, request.form.get("email", ""), form_id("section_id", "section"), actor=current_user)
    flash(gettext("Grant taken back."), "success")
    return redirect(url_for("groups.index", slug=slug)), 303


@provides("draft_view")
def scope_notice(access, *, document, outline):
    """A drafter in a working group is told, on the working draft, which sections are theirs."""
    if not is_scoped(access):
        return None
    return Panel(vars={"edit_scope_titles": [s.title for s in outline if may_edit_section(access, s.id)],
                       "may_add_sections": may_add_sections(access)})


@provides("round_focus")
def round_focus(access, *, document, round):
    """Where a delegate's round page opens: the sections of their working groups that this
    round carries. It only chooses among what the page shows anyone of their party."""
    wanted = focus_sections(access)
    return Panel(vars={"focus_sections": wanted}) if wanted else None
