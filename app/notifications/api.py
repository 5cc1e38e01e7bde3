"""JSON API: the caller's own notifications, marking one read, the caller's preferences."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from ..api.body import json_body
from ..api.openapi import error_responses, json_request, json_response
from .models import CHOICES, KINDS
from .operations import mark_read, preferences_of, set_preferences
from .permissions import own_notification_or_404
from .queries import notification_json, notifications_of, unread_count

bp = Blueprint("notifications_api", __name__)


@bp.get("/notifications")
@login_required
def list_notifications():
    return jsonify({"notifications": [notification_json(n) for n in notifications_of(current_user)],
                    "unread": unread_count(current_user)})


@bp.post("/notifications/<notification:notification_id>/read")
@login_required
def read_notification(notification_id: int):
    return jsonify(notification_json(mark_read(own_notification_or_404(current_user, notification_id))))


@bp.get("/notifications/preferences")
@login_required
def get_preferences():
    return jsonify(preferences_of(current_user))


@bp.put("/notifications/preferences")
@login_required
def put_preferences():
    return jsonify(set_preferences(current_user, json_body()))


_NOTIFICATION = {"type": "object", "required": ["id", "kind", "line", "link", "created_at", "read"],
                 "properties": {"id": {"type": "string", "description": "the notification's public id"}, "kind": {"type": "string", "enum": list(KINDS)},
                                "line": {"type": "string"}, "link": {"type": "string"},
                                "created_at": {"type": "string", "format": "date-time"},
                                "read": {"type": "boolean"}}}
_PREFERENCES = {"type": "object", "additionalProperties": False,
                "properties": {kind: {"type": "string", "enum": list(CHOICES)} for kind in KINDS}}
OPENAPI_PATHS = {
    "/notifications": {"get": {
        "summary": "The caller's own notifications (newest 100) and how many are unread",
        "responses": {"200": json_response("Notifications", {
            "type": "object", "required": ["notifications", "unread"],
            "properties": {"notifications": {"type": "array", "items": _NOTIFICATION},
                           "unread": {"type": "integer"}}}), **error_responses(401)}}},
    "/notifications/{notification_id}/read": {"post": {
        "summary": "Mark one of the caller's notifications read (anyone else's answers 404)",
        "parameters": [{"name": "notification_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": json_response("The notification", _NOTIFICATION), **error_responses(401, 404)}}},
    "/notifications/preferences": {
        "get": {"summary": "The caller's choice per kind: immediate e-mail, daily digest or off",
                "responses": {"200": json_response("Preferences", _PREFERENCES), **error_responses(401)}},
        "put": {"summary": "Set the caller's choices (kinds left out keep theirs)",
                "requestBody": json_request(_PREFERENCES),
                "responses": {"200": json_response("Preferences", _PREFERENCES), **error_responses(400, 401, 422)}}},
}
