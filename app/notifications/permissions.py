"""A user sees and marks only their own notifications; anyone else's is missing (404)."""
from ..errors import NotFound
from ..extensions import db
from .models import Notification


def own_notification_or_404(user, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound()
    return notification
