"""A user's notifications and their choice, per kind, of how to hear of them."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import UTCDateTime, utcnow
from ..i18n import N_

# kind -> the neutral line shown in the centre. Lines name no party, clause or text.
KINDS = {
    "round_circulated": N_("A new round was circulated to you."),
    "submission_answered": N_("Your submission has a reply or a decision."),
    "agreement_lapsed": N_("A position you recorded has lapsed."),
}
CHOICES = ("immediate", "digest", "off")
EMAIL_LINE = "There is something new for you in Penholder."


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    link: Mapped[str] = mapped_column(String(500))          # a path inside the app
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # none (off) | pending (immediate, not sent yet) | digest (waits for the digest) | sent | failed
    email: Mapped[str] = mapped_column(String(10), default="none")


class NotificationPreference(db.Model):
    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str] = mapped_column(String(10))
