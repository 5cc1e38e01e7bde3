"""The landing page: the processes the user belongs to."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from .panels import panels_for
from .processes.permissions import access_for, visible_processes

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    memberships = visible_processes(current_user)
    # What features add to each process's card (a delegate's news, the review and team
    # queues): read here, by the providers of the "home" page, and passed to the template.
    cards = {process.id: panels_for("home", access_for(current_user, process), process=process, membership=membership)
             for process, membership in memberships}
    return render_template("home.html", memberships=memberships, home_cards=cards)


@bp.get("/healthz")
def health():
    return {"status": "ok"}
