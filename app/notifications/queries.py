"""The caller's own notifications, newest first, and their unread count."""
from flask_babel import gettext
from sqlalchemy import func, select

from ..extensions import db
from ..public_ids import encode
from .models import KINDS, Notification


def notifications_of(user, limit: int = 100) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id.desc()).limit(limit)))


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def notification_json(n: Notification) -> dict:
    return {"id": encode("notification", n.id), "kind": n.kind, "line": gettext(KINDS[n.kind]), "link": n.link,
            "created_at": n.created_at.isoformat(), "read": n.read_at is not None}
