"""API tokens: POST /tokens exchanges email and password for a bearer token."""
from flask import Blueprint, current_app, g, jsonify
from flask_login import current_user, login_required
from pydantic import Field

from ..api.contract import Body, Schema, operation, parse_body
from ..errors import Unauthorized
from . import loaders  # noqa: F401
from .operations import INVALID_LOGIN, authenticate, issue_token, revoke_token, set_time_zone

bp = Blueprint("auth_api", __name__)


class TokenRequest(Body):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class Token(Schema):
    """A new token, shown once"""
    token: str


class Me(Schema):
    """The user"""
    id: int
    email: str
    name: str


class TimeZoneChoice(Body):
    time_zone: str | None = Field(None, max_length=64, description="An IANA name; null or empty: "
                                  "the browser's, or the process's")


class TimeZone(Schema):
    """The zone now chosen"""
    time_zone: str | None


@bp.post("/tokens")
@operation("Exchange email and password for a bearer token (no CSRF token needed)",
           body=TokenRequest, responses={201: Token}, errors=(401, 429), public=True)
def create_token():
    given = parse_body(TokenRequest)
    user = authenticate(given.email, given.password)
    if user is None:
        raise Unauthorized(INVALID_LOGIN)
    return jsonify({"token": issue_token(user, current_app.config["API_TOKEN_DAYS"])}), 201


@bp.delete("/tokens/current")
@operation("Revoke the token this request is made with", responses={204: None})
@login_required
def revoke_current_token():
    token = g.get("api_token")
    if token is None:
        raise Unauthorized("This request was not made with an API token.")
    revoke_token(token, actor=current_user)
    return "", 204


@bp.get("/me")
@operation("The authenticated user", responses={200: Me})
@login_required
def me():
    return jsonify({"id": current_user.id, "email": current_user.email, "name": current_user.name})


@bp.put("/account/time-zone")
@operation("The caller's time zone for deadlines (an IANA name); null or empty: the browser's, "
           "or the process's", body=TimeZoneChoice, responses={200: TimeZone})
@login_required
def put_time_zone():
    given = parse_body(TimeZoneChoice)
    set_time_zone(current_user._get_current_object(), given.time_zone)
    return jsonify({"time_zone": current_user.time_zone})
