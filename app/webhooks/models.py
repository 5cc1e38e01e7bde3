"""A process's webhooks, the deliveries each event became, and every attempt to send one."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import UTCDateTime, utcnow


class Webhook(db.Model):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[str] = mapped_column(String(1000))        # event names, space-separated
    # The HMAC key. Shown once, in the answer that creates the webhook; it has to be kept
    # (not hashed) to sign each delivery.
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    deliveries = relationship("WebhookDelivery", back_populates="webhook", cascade="all, delete-orphan",
                              passive_deletes=True)

    @property
    def event_names(self) -> list[str]:
        return self.events.split()


class WebhookDelivery(db.Model):
    """One event for one webhook: its body is fixed when the event happens, so every
    attempt sends the same bytes (signed anew with the time of the attempt)."""
    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index(None, "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True)   # X-Penholder-Delivery, the payload's id
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # pending (an attempt is due at next_attempt_at) | delivered | failed (no retry follows)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)

    webhook = relationship(Webhook, back_populates="deliveries")
    log = relationship("WebhookAttempt", order_by="WebhookAttempt.id", cascade="all, delete-orphan",
                       passive_deletes=True)


class WebhookAttempt(db.Model):
    """The delivery log: each attempt, when, what the receiver answered or what went wrong."""
    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]                                     # 1 for the first attempt
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(String(300))
    duration_ms: Mapped[int]
