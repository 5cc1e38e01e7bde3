"""A process's webhooks and a webhook's deliveries with their log, as the API shows them
(the secret only in the answer that creates the webhook)."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..public_ids import encode
from .models import Webhook, WebhookDelivery

DELIVERIES_SHOWN = 100


def webhooks_of(process_id: int) -> list[Webhook]:
    return list(db.session.scalars(select(Webhook).where(Webhook.process_id == process_id).order_by(Webhook.id)))


def deliveries_of(webhook: Webhook, limit: int = DELIVERIES_SHOWN) -> list[WebhookDelivery]:
    return list(db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook.id)
                                   .options(selectinload(WebhookDelivery.log))
                                   .order_by(WebhookDelivery.id.desc()).limit(limit)))


def webhook_json(webhook: Webhook, *, with_secret: bool = False) -> dict:
    out = {"id": encode("webhook", webhook.id), "url": webhook.url, "events": webhook.event_names,
           "active": webhook.active, "created_at": webhook.created_at.isoformat()}
    if with_secret:
        out["secret"] = webhook.secret
    return out


def delivery_json(delivery: WebhookDelivery) -> dict:
    return {"id": delivery.public_id, "event": delivery.event, "created_at": delivery.created_at.isoformat(),
            "status": delivery.status, "attempts": delivery.attempts,
            "next_attempt_at": delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else None,
            "log": [{"attempt": a.number, "at": a.at.isoformat(), "status_code": a.status_code,
                     "error": a.error, "duration_ms": a.duration_ms} for a in delivery.log]}
