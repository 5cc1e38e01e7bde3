"""Login, logout and the user's own account page."""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..i18n import SESSION_KEY
from ..requests import on_refusal

from . import loaders  # noqa: F401  (registers the Flask-Login callbacks)
from .forms import LoginForm, PasswordChangeForm
from .operations import (INVALID_LOGIN, authenticate, change_password, check_current_password,
                         check_language, set_language, set_time_zone)
from .safe_redirect import safe_next
from .sessions import begin_session, end_session

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            begin_session(user)
            return redirect(safe_next(request.args.get("next"), url_for("home.index")))
        flash(_(INVALID_LOGIN), "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    end_session(current_user._get_current_object())
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/time-zone")
@login_required
def time_zone():
    on_refusal(url_for("auth.account"), form="time-zone", keep=("time_zone",))
    set_time_zone(current_user._get_current_object(), request.form.get("time_zone", ""))
    flash(_("Deadlines are shown in your time zone.") if current_user.time_zone else
          _("Deadlines are shown in your browser's time zone."), "success")
    return redirect(url_for("auth.account")), 303


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not check_current_password(user, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
            return render_template("auth/account.html", form=form), 422
        change_password(user, form.new_password.data)
        end_session(user)
        flash(_("Your password is changed; log in again. Your other sessions and API tokens have ended."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/account.html", form=form), 422 if form.errors else 200


@bp.post("/language")
def language():
    """The language menu (page header, account page): the user's choice, stored; before
    logging in, the session's."""
    # Back to the page the menu was on: named by `next`, else the Referer (the header's menu
    # names no page, so that every page's answer, a 404's too, is the same whatever the address).
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        referrer = "/" + referrer[len(request.host_url):]
    else:
        referrer = ""
    home = url_for("home.index") if current_user.is_authenticated else url_for("auth.login")
    back = safe_next(request.form.get("next") or referrer, home)
    on_refusal(back)
    chosen = request.form.get("language", "")
    if current_user.is_authenticated:
        set_language(current_user._get_current_object(), chosen)
    else:
        session[SESSION_KEY] = check_language(chosen)
    return redirect(back, 303)
