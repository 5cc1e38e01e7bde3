"""The landing page: the processes the user belongs to."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from .processes.permissions import visible_processes

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("home.html", memberships=visible_processes(current_user))


@bp.get("/healthz")
def health():
    return {"status": "ok"}
