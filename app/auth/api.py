"""API tokens: POST /tokens exchanges email and password for a bearer token."""
from flask import Blueprint, current_app, g, jsonify
from flask_login import current_user, login_required

from ..api.body import field, json_body
from ..api.openapi import error_responses, json_request, json_response
from ..errors import Unauthorized
from . import loaders  # noqa: F401
from .operations import INVALID_LOGIN, authenticate, issue_token, revoke_token, set_time_zone

bp = Blueprint("auth_api", __name__)


@bp.post("/tokens")
def create_token():
    data = json_body()
    email = field(data, "email", str, max_length=254)
    password = field(data, "password", str, max_length=1024)
    user = authenticate(email, password)
    if user is None:
        raise Unauthorized(INVALID_LOGIN)
    return jsonify({"token": issue_token(user, current_app.config["API_TOKEN_DAYS"])}), 201


@bp.delete("/tokens/current")
@login_required
def revoke_current_token():
    token = g.get("api_token")
    if token is None:
        raise Unauthorized("This request was not made with an API token.")
    revoke_token(token, actor=current_user)
    return "", 204


@bp.get("/me")
@login_required
def me():
    return jsonify({"id": current_user.id, "email": current_user.email, "name": current_user.name})


OPENAPI_SCHEMAS = {
    "TokenRequest": {"type": "object", "required": ["email", "password"],
                     "properties": {"email": {"type": "string", "maxLength": 254},
                                    "password": {"type": "string", "maxLength": 1024}}},
    "Token": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}},
    "Me": {"type": "object", "required": ["id", "email", "name"],
           "properties": {"id": {"type": "integer"}, "email": {"type": "string"},
                          "name": {"type": "string"}}},
}

@bp.put("/account/time-zone")
@login_required
def put_time_zone():
    data = json_body()
    set_time_zone(current_user._get_current_object(), field(data, "time_zone", str, required=False, max_length=64))
    return jsonify({"time_zone": current_user.time_zone})


OPENAPI_PATHS = {
    "/account/time-zone": {"put": {
        "summary": "The caller's time zone for deadlines (an IANA name); null or empty: the browser's, "
                   "or the process's",
        "requestBody": json_request({"type": "object", "properties": {
            "time_zone": {"type": "string", "maxLength": 64, "nullable": True}}}),
        "responses": {"200": json_response("The zone now chosen", {"type": "object", "properties": {
            "time_zone": {"type": "string", "nullable": True}}}), **error_responses(400, 401, 422)}}},
    "/tokens": {"post": {
        "summary": "Exchange email and password for a bearer token (no CSRF token needed)",
        "security": [],
        "requestBody": json_request({"$ref": "#/components/schemas/TokenRequest"}),
        "responses": {"201": json_response("A new token, shown once",
                                           {"$ref": "#/components/schemas/Token"}),
                      **error_responses(400, 401, 413, 422, 429)}}},
    "/tokens/current": {"delete": {
        "summary": "Revoke the token this request is made with",
        "responses": {"204": {"description": "Revoked"}, **error_responses(401)}}},
    "/me": {"get": {"summary": "The authenticated user",
                    "responses": {"200": json_response("The user", {"$ref": "#/components/schemas/Me"}),
                                  **error_responses(401)}}},
}
