"""Writes: registering, changing and removing a webhook (each on the audit log, the
secret never in it), and turning an audit entry into the deliveries that asked for it.
Flush only."""
import ipaddress
import json
import secrets
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select
from flask_babel import gettext

from ..audit.operations import record_event
from ..errors import Invalid
from ..extensions import db
from ..models_base import utcnow
from ..processes.models import Process
from ..processes.permissions import Access
from ..queue.engine import defer
from .events import EVENT_NAMES, EVENTS, opened_finding
from .models import Webhook, WebhookDelivery
from .permissions import require_webhook_manager

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
MAX_WEBHOOKS = 20


def check_url(url) -> str:
    """An https address; http only for this machine (localhost, in development and tests).
    No user name or password in it. Where it points is checked again, by address, at each
    delivery (app/webhooks/delivery.py: private and loopback addresses are refused unless
    WEBHOOK_ALLOW_PRIVATE)."""
    if not isinstance(url, str) or not url.strip() or len(url) > 2000:
        raise Invalid("'url' must be an https address of at most 2,000 characters.")
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port     # a bad port raises here
    except ValueError:
        raise Invalid("'url' is not a valid address.") from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise Invalid("'url' must be an https address.")
    if parts.username or parts.password:
        raise Invalid("'url' must not carry a user name or password: the signature authenticates deliveries.")
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        raise Invalid("'url' must be an https address (http only for localhost, in development).")
    if not current_app.config.get("WEBHOOK_ALLOW_PRIVATE"):
        if host in LOCAL_HOSTS or host.endswith(".localhost"):
            raise Invalid("'url' must not point at this machine or a private network.")
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if address is not None and not address.is_global:
            raise Invalid("'url' must not point at this machine or a private network.")
    return url


def check_events(events) -> list[str]:
    if (not isinstance(events, list) or not events
            or not all(isinstance(e, str) and e in EVENT_NAMES for e in events)):
        raise Invalid(gettext("'events' must be a non-empty list of: %(names)s.", names=", ".join(EVENT_NAMES)))
    return sorted(set(events), key=EVENT_NAMES.index)


def create_webhook(access: Access, url, events, *, actor) -> Webhook:
    require_webhook_manager(access)
    url, events = check_url(url), check_events(events)
    count = len(db.session.scalars(select(Webhook.id).where(Webhook.process_id == access.process.id)).all())
    if count >= MAX_WEBHOOKS:
        raise Invalid(gettext("A process has at most %(num)s webhooks.", num=MAX_WEBHOOKS))
    webhook = Webhook(process_id=access.process.id, url=url, events=" ".join(events),
                      secret="whsec_" + secrets.token_urlsafe(32), active=True, created_by_id=actor.id)
    db.session.add(webhook)
    db.session.flush()
    record_event(actor, "webhook.create", webhook, process_id=access.process.id,
                 changes={"url": url, "events": events})
    return webhook


def update_webhook(access: Access, webhook: Webhook, changes: dict, *, actor) -> Webhook:
    require_webhook_manager(access)
    if not isinstance(changes, dict) or not changes or set(changes) - {"url", "events", "active"}:
        raise Invalid("Change 'url', 'events' or 'active'.")
    url = check_url(changes["url"]) if "url" in changes else webhook.url
    events = check_events(changes["events"]) if "events" in changes else webhook.event_names
    active = changes.get("active", webhook.active)
    if not isinstance(active, bool):
        raise Invalid("'active' must be true or false.")
    webhook.url, webhook.events, webhook.active = url, " ".join(events), active
    db.session.flush()
    record_event(actor, "webhook.update", webhook, process_id=access.process.id,
                 changes={"url": url, "events": events, "active": active})
    return webhook


def delete_webhook(access: Access, webhook: Webhook, *, actor) -> None:
    """Removes the webhook with its deliveries and their log (the audit log keeps that it
    was registered and removed)."""
    require_webhook_manager(access)
    record_event(actor, "webhook.delete", webhook, process_id=access.process.id, changes={"url": webhook.url})
    db.session.delete(webhook)
    db.session.flush()


def on_event_recorded(entry, obj=None, changes=None, **_):
    """An audit entry that is a webhook event becomes one delivery per active webhook of
    the process that asked for it, in the transaction of the change (so a refused or
    rolled-back change sends nothing), and a job that sends it."""
    build = EVENTS.get(entry.action)
    if build is None or obj is None or entry.process_id is None:
        return
    _queue_deliveries(entry.process_id, lambda: [build(obj, changes or {})])


def on_findings_opened(sender, document, findings, **_):
    """Each finding the rule engine opened becomes a `finding.opened` delivery per webhook
    that asked for it, in the transaction of the pass that stored it."""
    _queue_deliveries(document.process_id, lambda: [opened_finding(f) for f in findings])


def _queue_deliveries(process_id: int, build) -> None:
    """`build()` answers the events, [(name, object ids, link)]; it is called only if the
    process has an active webhook (most have none: nothing is built or read then)."""
    hooks = db.session.scalars(select(Webhook).where(Webhook.process_id == process_id,
                                                     Webhook.active.is_(True))).all()
    if not hooks:
        return
    wanted = [(name, objects, link, [h for h in hooks if name in h.event_names]) for name, objects, link in build()]
    wanted = [w for w in wanted if w[3]]
    if not wanted:
        return
    slug = db.session.scalar(select(Process.slug).where(Process.id == process_id))
    base = current_app.config.get("BASE_URL", "").rstrip("/")
    now = utcnow()
    created = []
    for name, objects, link, subscribed in wanted:
        for hook in subscribed:
            public_id = "whd_" + secrets.token_urlsafe(16)
            body = {"id": public_id, "event": name, "occurred_at": now.isoformat(), "process": slug,
                    "objects": objects, "link": base + link}
            created.append(WebhookDelivery(public_id=public_id, webhook_id=hook.id, event=name,
                                           payload=json.dumps(body, separators=(",", ":")),
                                           status="pending", attempts=0, next_attempt_at=now))
    db.session.add_all(created)
    db.session.flush()
    for delivery in created:
        # A delivery is queued once and never sent by two workers at once. Not one lock per
        # webhook: a receiver that is down would hold every later event back for hours of
        # backoff; receivers order events by `occurred_at` and drop repeated `id`s.
        defer("deliver_webhook", lock=f"webhook-delivery-{delivery.id}",
              queueing_lock=f"webhook-delivery-{delivery.id}", delivery_id=delivery.id)
