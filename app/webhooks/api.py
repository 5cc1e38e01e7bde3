"""JSON API: a process's webhooks (the mediator's), and each one's deliveries with their log."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from ..api.body import json_body
from ..api.openapi import error_responses, json_request, json_response
from ..processes.permissions import process_access_or_404
from .events import EVENT_NAMES
from .operations import create_webhook, delete_webhook, update_webhook
from .permissions import require_webhook_manager, webhook_or_404
from .queries import deliveries_of, delivery_json, webhook_json, webhooks_of

bp = Blueprint("webhooks_api", __name__)


@bp.get("/processes/<slug>/webhooks")
@login_required
def list_webhooks(slug: str):
    access = process_access_or_404(current_user, slug)
    require_webhook_manager(access)
    return jsonify({"webhooks": [webhook_json(w) for w in webhooks_of(access.process.id)],
                    "events": list(EVENT_NAMES)})


@bp.post("/processes/<slug>/webhooks")
@login_required
def post_webhook(slug: str):
    access = process_access_or_404(current_user, slug)
    require_webhook_manager(access)         # a party's answer is a missing one's, whatever it sent
    data = json_body()
    webhook = create_webhook(access, data.get("url"), data.get("events"), actor=current_user)
    return jsonify(webhook_json(webhook, with_secret=True)), 201


@bp.patch("/processes/<slug>/webhooks/<webhook:webhook_id>")
@login_required
def patch_webhook(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    webhook = webhook_or_404(access, webhook_id)
    return jsonify(webhook_json(update_webhook(access, webhook, json_body(), actor=current_user)))


@bp.delete("/processes/<slug>/webhooks/<webhook:webhook_id>")
@login_required
def remove_webhook(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    delete_webhook(access, webhook_or_404(access, webhook_id), actor=current_user)
    return "", 204


@bp.get("/processes/<slug>/webhooks/<webhook:webhook_id>/deliveries")
@login_required
def list_deliveries(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    webhook = webhook_or_404(access, webhook_id)
    return jsonify({"deliveries": [delivery_json(d) for d in deliveries_of(webhook)]})


_EVENTS = {"type": "array", "items": {"type": "string", "enum": list(EVENT_NAMES)}, "minItems": 1}
_WEBHOOK = {"type": "object", "required": ["id", "url", "events", "active", "created_at"],
            "properties": {"id": {"type": "string", "description": "the webhook's public id"},
                           "url": {"type": "string", "format": "uri"}, "events": _EVENTS,
                           "active": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"},
                           "secret": {"type": "string", "description": "the HMAC key: in the creating answer only"}}}
_DELIVERY = {"type": "object", "required": ["id", "event", "created_at", "status", "attempts", "log"],
             "properties": {"id": {"type": "string"}, "event": {"type": "string", "enum": list(EVENT_NAMES)},
                            "created_at": {"type": "string", "format": "date-time"},
                            "status": {"type": "string", "enum": ["pending", "delivered", "failed"]},
                            "attempts": {"type": "integer"},
                            "next_attempt_at": {"type": "string", "format": "date-time", "nullable": True},
                            "log": {"type": "array", "items": {
                                "type": "object", "required": ["attempt", "at", "status_code", "error", "duration_ms"],
                                "properties": {"attempt": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
                                               "status_code": {"type": "integer", "nullable": True},
                                               "error": {"type": "string", "nullable": True},
                                               "duration_ms": {"type": "integer"}}}}}}
_SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
_ID = {"name": "webhook_id", "in": "path", "required": True, "schema": {"type": "string"}}
OPENAPI_PATHS = {
    "/processes/{slug}/webhooks": {
        "get": {"summary": "The process's webhooks and the events one may ask for (the mediator's; parties get 404)",
                "parameters": [_SLUG],
                "responses": {"200": json_response("Webhooks", {
                    "type": "object", "required": ["webhooks", "events"],
                    "properties": {"webhooks": {"type": "array", "items": _WEBHOOK}, "events": _EVENTS}}),
                    **error_responses(401, 403, 404)}},
        "post": {"summary": "Register an address and the events it wants; the answer shows the signing secret once",
                 "parameters": [_SLUG],
                 "requestBody": json_request({"type": "object", "required": ["url", "events"],
                                              "properties": {"url": {"type": "string"}, "events": _EVENTS}}),
                 "responses": {"201": json_response("The webhook, with its secret", _WEBHOOK),
                               **error_responses(400, 401, 403, 404, 422)}}},
    "/processes/{slug}/webhooks/{webhook_id}": {
        "patch": {"summary": "Change a webhook's address, events or whether it is active",
                  "parameters": [_SLUG, _ID],
                  "requestBody": json_request({"type": "object", "properties": {
                      "url": {"type": "string"}, "events": _EVENTS, "active": {"type": "boolean"}}}),
                  "responses": {"200": json_response("The webhook", _WEBHOOK),
                                **error_responses(400, 401, 403, 404, 422)}},
        "delete": {"summary": "Remove a webhook with its deliveries",
                   "parameters": [_SLUG, _ID],
                   "responses": {"204": {"description": "Removed"}, **error_responses(401, 403, 404)}}},
    "/processes/{slug}/webhooks/{webhook_id}/deliveries": {
        "get": {"summary": "The webhook's newest 100 deliveries, each with its log of attempts",
                "parameters": [_SLUG, _ID],
                "responses": {"200": json_response("Deliveries", {
                    "type": "object", "required": ["deliveries"],
                    "properties": {"deliveries": {"type": "array", "items": _DELIVERY}}}),
                    **error_responses(401, 403, 404)}}},
}
