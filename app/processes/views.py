"""Process pages: the list of a user's processes is the home page (app/home.py)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from ..requests import on_refusal
from ..rounds.permissions import visible_documents
from .models import Attribution
from .operations import (JOINT_MODE_KEEPS, JOINT_MODE_OPENS, SETTINGS, check_settings, joint_mode_turns_on,
                         update_settings)
from .permissions import process_access_or_404, require_process_manager, visible_parties

# The settings form: each checkbox is sent only when ticked.
BOOLEAN_SETTINGS = [name for name, kind in SETTINGS.items() if kind is bool]
TEXT_SETTINGS = [name for name, kind in SETTINGS.items() if kind is str]

bp = Blueprint("processes", __name__)


@bp.get("/p/<slug>")
@login_required
def show(slug: str):
    access = process_access_or_404(current_user, slug)
    return render_template("processes/show.html", access=access, process=access.process,
                           parties=visible_parties(access), documents=visible_documents(access),
                           attributions=[a.value for a in Attribution])


@bp.post("/p/<slug>/settings")
@login_required
def settings(slug: str):
    access = process_access_or_404(current_user, slug)
    require_process_manager(access)
    on_refusal(url_for("processes.show", slug=slug), form="settings", keep=(*TEXT_SETTINGS, "time_zone", "ad_referendum_days"))
    values = {name: request.form.get(name) == "1" for name in BOOLEAN_SETTINGS}
    values["proposal_attribution"] = request.form.get("proposal_attribution", "")
    for name in TEXT_SETTINGS:
        if name in request.form:
            values[name] = request.form.get(name, "")
    for name in ("late_submissions", "time_zone"):
        if name in request.form:
            values[name] = request.form.get(name, "").strip()
    if "ad_referendum_days" in request.form:
        raw = request.form.get("ad_referendum_days", "").strip()
        values["ad_referendum_days"] = None if not raw else int(raw) if raw.isdigit() else raw
    confirmed = request.form.get("confirm_joint_mode") == "1"
    if joint_mode_turns_on(access.process, check_settings(values)) and not confirmed:
        # Nothing changes yet: the mediator reads what joint mode opens, and what not.
        return render_template("processes/confirm_joint_mode.html", access=access, process=access.process,
                               values=[(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"],
                               opens=JOINT_MODE_OPENS, keeps=JOINT_MODE_KEEPS)
    changed = update_settings(access.process, values, actor=current_user, confirmed=confirmed)
    flash(gettext("Settings saved.") if changed else gettext("Nothing changed."), "success")
    return redirect(url_for("processes.show", slug=slug), 303)
