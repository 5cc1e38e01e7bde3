"""Login, logout and the user's own account page."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from . import loaders  # noqa: F401  (registers the Flask-Login callbacks)
from .forms import LoginForm, PasswordChangeForm
from .operations import INVALID_LOGIN, authenticate, change_password
from .safe_redirect import safe_next

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next"), url_for("home.index")))
        flash(INVALID_LOGIN, "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            form.current_password.errors.append("This is not your current password.")
            return render_template("auth/account.html", form=form), 422
        change_password(current_user._get_current_object(), form.new_password.data)
        logout_user()
        flash("Your password is changed; log in again. Your other sessions and API tokens have ended.", "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/account.html", form=form), 422 if form.errors else 200
