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
    "group_queue": N_("A submission is waiting in your working group's queue."),
    "deadline_soon": N_("A deadline falls within 24 hours."),
    "finding_assigned": N_("A compliance finding was escalated or assigned to you."),
}
CHOICES = ("immediate", "digest", "off")
SUBJECTS = ("round", "reply", "disposition", "review")
EMAIL_LINE = N_("There is something new for you in Penholder.")


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
    # What it is about (SUBJECTS: a round, a team reply, a disposition, an escalation), for
    # a mail that may carry its text (the process's `mail_includes_text`); None: nothing
    # the mail could quote. Read when the mail is written, through the recipient's access.
    subject: Mapped[str | None] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column()


class NotificationPreference(db.Model):
    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str] = mapped_column(String(10))


class SentOnce(db.Model):
    """A unique key per thing sent by a periodic job (a reminder of one deadline, one
    user's digest of one day): written in the transaction that sends it, so it is sent
    once however many schedulers or retries run the job (app/notifications/once.py)."""
    __tablename__ = "sent_once"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
