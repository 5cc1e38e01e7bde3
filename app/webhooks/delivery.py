"""Sending a delivery: one signed POST per attempt, by a job on the task queue
(`deliver_webhook`, app/queue/engine.py), logged attempt by attempt.

Signature: `X-Penholder-Signature: sha256=<hex>`, the HMAC-SHA256, keyed with the
webhook's secret, of `<timestamp>.<body>` where `<timestamp>` is the Unix time of the
attempt, also sent as `X-Penholder-Timestamp`. A receiver recomputes it over the raw body,
compares in constant time, and refuses a timestamp more than a few minutes old (a replay);
`X-Penholder-Delivery` (the payload's `id`) is the same on every attempt of one delivery,
so a receiver drops the repeats that at-least-once delivery may bring.

A 2xx answer delivers; anything else (another status, a timeout, a refused connection)
is retried with exponential backoff, WEBHOOK_RETRY_BASE ** attempt seconds (4 s, 16 s,
64 s, ... ; the queue's retry strategy on PostgreSQL, `next_attempt_at` for the in-process
runner), WEBHOOK_RETRIES times after the first; then the delivery is `failed`.

Server-side request forgery: the host is resolved at each attempt and, unless
WEBHOOK_ALLOW_PRIVATE (development and tests), an address that is not global (loopback,
private, link-local, the cloud metadata address, ...) is refused without connecting; the
connection goes to the address that was checked (no second lookup a DNS rebinding could
answer differently) and redirects are not followed.
"""
import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from ..database import reading_first, start_writing
from ..extensions import db
from ..models_base import utcnow
from .models import Webhook, WebhookAttempt, WebhookDelivery

USER_AGENT = "Penholder-Webhooks/1"


class DeliveryFailed(Exception):
    """Raised by the job to have the queue retry it."""


class AddressRefused(Exception):
    """The receiver's address is not a public one (and private ones are not allowed)."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, header: str, *, tolerance: int = 300,
           now: float | None = None) -> bool:
    """What a receiver does (tests and the README's example use it)."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - ts) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, ts, body), header or "")


class _Connection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _TLSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _address_for(host: str, port: int, allow_private: bool) -> str:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise AddressRefused("the address is not a public one (refused: private, loopback or reserved)")
    return addresses[0]


def post(url: str, body: bytes, headers: dict, *, timeout: float, allow_private: bool) -> int:
    """POSTs the body; answers the status code. Raises OSError on network errors."""
    parts = urlsplit(url)
    tls = parts.scheme == "https"
    port = parts.port or (443 if tls else 80)
    address = _address_for(parts.hostname, port, allow_private)
    connection = (_TLSConnection if tls else _Connection)(parts.hostname, port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)        # what it says is not kept
        return response.status
    finally:
        connection.close()


def attempt_delivery(delivery_id: int, *, final: bool) -> str | None:
    """One attempt of one pending delivery, logged; answers the delivery's status after it
    (None if there was nothing to send: delivered already, removed, or its webhook paused)."""
    config = current_app.config
    with reading_first():
        delivery = db.session.get(WebhookDelivery, delivery_id)
        if delivery is None or delivery.status != "pending" or not delivery.webhook.active:
            db.session.rollback()
            return None
        url, secret, body = delivery.webhook.url, delivery.webhook.secret, delivery.payload.encode()
        public_id, event, number = delivery.public_id, delivery.event, delivery.attempts + 1
        db.session.rollback()           # no transaction stays open while the receiver answers

        timestamp = int(time.time())
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
                   "X-Penholder-Event": event, "X-Penholder-Delivery": public_id,
                   "X-Penholder-Timestamp": str(timestamp),
                   "X-Penholder-Signature": signature(secret, timestamp, body)}
        started = time.monotonic()
        status_code, error = None, None
        try:
            status_code = post(url, body, headers, timeout=float(config.get("WEBHOOK_TIMEOUT", 10)),
                               allow_private=bool(config.get("WEBHOOK_ALLOW_PRIVATE")))
            if not 200 <= status_code < 300:
                error = f"the receiver answered {status_code}"
        except AddressRefused as exc:
            error, final = str(exc), True           # retrying would not make it public
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
        duration = int((time.monotonic() - started) * 1000)

        start_writing()
        delivery = db.session.get(WebhookDelivery, delivery_id, with_for_update=True)
        if delivery is None or delivery.status != "pending":
            db.session.rollback()
            return None
        delivery.attempts = number
        db.session.add(WebhookAttempt(delivery_id=delivery.id, number=number, at=utcnow(),
                                      status_code=status_code, error=error, duration_ms=duration))
        if error is None:
            delivery.status, delivery.next_attempt_at = "delivered", None
        elif final or number > int(config.get("WEBHOOK_RETRIES", 6)):
            delivery.status, delivery.next_attempt_at = "failed", None
        else:
            delivery.next_attempt_at = utcnow() + timedelta(seconds=retry_wait(number))
        status = delivery.status
        db.session.commit()
        return status


def retry_wait(attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones (the queue's formula)."""
    return float(int(current_app.config.get("WEBHOOK_RETRY_BASE", 4)) ** attempts)


def deliver_task(delivery_id: int, *, attempt: int = 0, final: bool = True) -> None:
    """The queue's job: a failure with a retry to follow raises, so the queue retries it
    with its backoff (the row's `next_attempt_at` says when, for the log)."""
    status = attempt_delivery(delivery_id, final=final)
    if status == "pending":
        raise DeliveryFailed(f"delivery {delivery_id} failed; the queue retries it")


def run_pending() -> int:
    """The in-process runner (SQLite demo): every pending delivery whose attempt is due.
    Returns how many were attempted."""
    ids = list(db.session.scalars(select(WebhookDelivery.id).join(Webhook).where(
        WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= utcnow(),
        Webhook.active.is_(True)).order_by(WebhookDelivery.id)))
    db.session.rollback()
    return sum(attempt_delivery(delivery_id, final=False) is not None for delivery_id in ids)
