"""JSON API: a process's webhooks (the mediator's), and each one's deliveries with their log."""
from datetime import datetime
from typing import Literal

from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from pydantic import Field

from ..api.body import json_body
from ..api.contract import Body, Schema, absent, operation
from ..processes.permissions import process_access_or_404
from .events import EVENT_NAMES
from .operations import create_webhook, delete_webhook, update_webhook
from .permissions import require_webhook_manager, webhook_or_404
from .queries import deliveries_of, delivery_json, webhook_json, webhooks_of

bp = Blueprint("webhooks_api", __name__)

EventName = Literal[EVENT_NAMES]


class Webhook(Schema):
    """The webhook"""
    id: str = Field(description="The webhook's public id")
    url: str
    events: list[EventName]
    active: bool
    created_at: datetime


class NewWebhook(Webhook):
    """The webhook, with its secret"""
    secret: str = Field(description="The HMAC key the deliveries are signed with: shown in this answer only")


class Webhooks(Schema):
    """Webhooks"""
    webhooks: list[Webhook]
    events: list[EventName] = Field(description="The events a webhook may ask for")


class DeliveryAttempt(Schema):
    attempt: int
    at: datetime
    status_code: int | None = Field(description="The receiver's answer; null when none came")
    error: str | None
    duration_ms: int


class WebhookDelivery(Schema):
    id: str
    event: EventName
    created_at: datetime
    status: Literal["pending", "delivered", "failed"] = Field(
        description="pending: an attempt is due at next_attempt_at; failed: no retry follows")
    attempts: int
    next_attempt_at: datetime | None
    log: list[DeliveryAttempt]


class WebhookDeliveries(Schema):
    """Deliveries"""
    deliveries: list[WebhookDelivery]


class WebhookRegistration(Body):
    url: str = Field(max_length=2000, description="An https address (http only for localhost, in development)")
    events: list[EventName] = Field(min_length=1)


class WebhookChange(Body):
    """At least one of the three; nothing else."""
    url: str = absent(max_length=2000, description="An https address (http only for localhost, in development)")
    events: list[EventName] = absent(min_length=1)
    active: bool = absent()


# The operations check the address, the events and what a change names, with the words
# the webhooks page shares (and refuse a change naming anything else, which the models
# alone would ignore): the routes read the body as sent, the models describe it.
@bp.get("/processes/<slug>/webhooks")
@operation("The process's webhooks and the events one may ask for (the mediator's; parties get 404)",
           responses={200: Webhooks}, errors=(403,))
@login_required
def list_webhooks(slug: str):
    access = process_access_or_404(current_user, slug)
    require_webhook_manager(access)
    return jsonify({"webhooks": [webhook_json(w) for w in webhooks_of(access.process.id)],
                    "events": list(EVENT_NAMES)})


@bp.post("/processes/<slug>/webhooks")
@operation("Register an address and the events it wants; the answer shows the signing secret once",
           body=WebhookRegistration, responses={201: NewWebhook}, errors=(403,))
@login_required
def post_webhook(slug: str):
    access = process_access_or_404(current_user, slug)
    require_webhook_manager(access)         # a party's answer is a missing one's, whatever it sent
    data = json_body()
    webhook = create_webhook(access, data.get("url"), data.get("events"), actor=current_user)
    return jsonify(webhook_json(webhook, with_secret=True)), 201


@bp.patch("/processes/<slug>/webhooks/<webhook:webhook_id>")
@operation("Change a webhook's address, events or whether it is active", body=WebhookChange,
           responses={200: Webhook}, errors=(403,))
@login_required
def patch_webhook(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    webhook = webhook_or_404(access, webhook_id)
    return jsonify(webhook_json(update_webhook(access, webhook, json_body(), actor=current_user)))


@bp.delete("/processes/<slug>/webhooks/<webhook:webhook_id>")
@operation("Remove a webhook with its deliveries", responses={204: None}, errors=(403,))
@login_required
def remove_webhook(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    delete_webhook(access, webhook_or_404(access, webhook_id), actor=current_user)
    return "", 204


@bp.get("/processes/<slug>/webhooks/<webhook:webhook_id>/deliveries")
@operation("The webhook's newest 100 deliveries, each with its log of attempts",
           responses={200: WebhookDeliveries}, errors=(403,))
@login_required
def list_deliveries(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    webhook = webhook_or_404(access, webhook_id)
    return jsonify({"deliveries": [delivery_json(d) for d in deliveries_of(webhook)]})
