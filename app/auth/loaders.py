"""How Flask-Login finds the current user: session cookie or bearer token."""
from flask import flash, g, redirect, request, url_for
from flask_babel import gettext

from ..errors import Unauthorized
from ..extensions import db, login_manager
from ..i18n import N_
from ..models_base import utcnow
from .models import User
from .operations import token_for
from .sessions import live_session

login_manager.login_view = "auth.login"
login_manager.login_message = N_("Please log in to continue.")   # translated where flashed
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str):
    # A request that names a bearer token is that token's user, never the cookie's:
    # the token decides (and CSRF is waived only for token requests).
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return None
    # The id carries the user's nonce (a password change or deactivation changes it), and
    # the cookie names a session row the server has not ended (logout ends it).
    ident, _, nonce = (user_id or "").partition(".")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_nonce != nonce:
        return None
    if live_session(user) is None:
        return None
    return user


@login_manager.request_loader
def load_user_from_token(request):
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = token_for(header[len("Bearer "):].strip())
    now = utcnow()
    if token is None or not token.is_usable(now):
        return None
    g.api_token = token
    return token.user


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        raise Unauthorized("Authentication required: send a valid bearer token.")
    flash(gettext(login_manager.login_message), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
