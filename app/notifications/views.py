"""The notification centre: the user's own notifications and preferences."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..requests import on_refusal
from .models import CHOICES, KINDS
from .operations import mark_read, preferences_of, set_preferences
from .permissions import own_notification_or_404
from .queries import notifications_of, unread_count

bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
@login_required
def centre():
    return render_template("notifications/centre.html", notifications=notifications_of(current_user),
                           unread=unread_count(current_user), kinds=KINDS, choices=CHOICES,
                           preferences=preferences_of(current_user))


@bp.post("/notifications/<notification:notification_id>/read")
@login_required
def read(notification_id: int):
    notification = own_notification_or_404(current_user, notification_id)
    mark_read(notification)
    return redirect(notification.link if request.form.get("open") else url_for("notifications.centre")), 303


@bp.post("/notifications/preferences")
@login_required
def preferences():
    on_refusal(url_for("notifications.centre"))
    set_preferences(current_user, {kind: request.form.get(kind, "") for kind in KINDS if kind in request.form})
    return redirect(url_for("notifications.centre")), 303
