"""JSON API: the caller's own notifications, marking one read, the caller's preferences."""
from datetime import datetime
from typing import Literal

from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from pydantic import Field, create_model

from ..api.body import json_body
from ..api.contract import Body, Schema, operation
from .models import CHOICES, KINDS
from .operations import mark_read, preferences_of, set_preferences
from .permissions import own_notification_or_404
from .queries import notification_json, notifications_of, unread_count

bp = Blueprint("notifications_api", __name__)

Kind = Literal[tuple(KINDS)]
Choice = Literal[tuple(CHOICES)]


class Notification(Schema):
    """The notification"""
    id: str = Field(description="the notification's public id")
    kind: Kind
    line: str = Field(description="a neutral line in the caller's language, never confidential text")
    link: str
    created_at: datetime
    read: bool


class Notifications(Schema):
    """Notifications"""
    notifications: list[Notification]
    unread: int


# One field per kind: the answer always has every kind, a request may leave kinds out.
Preferences = create_model("Preferences", __base__=Schema, __doc__="Preferences",
                           **{kind: (Choice, ...) for kind in KINDS})
PreferencesChoice = create_model("PreferencesChoice", __base__=Body,
                                 **{kind: (Choice | None, None) for kind in KINDS})


@bp.get("/notifications")
@operation("The caller's own notifications (newest 100) and how many are unread",
           responses={200: Notifications})
@login_required
def list_notifications():
    return jsonify({"notifications": [notification_json(n) for n in notifications_of(current_user)],
                    "unread": unread_count(current_user)})


@bp.post("/notifications/<notification:notification_id>/read")
@operation("Mark one of the caller's notifications read (anyone else's answers 404)",
           responses={200: Notification})
@login_required
def read_notification(notification_id: int):
    return jsonify(notification_json(mark_read(own_notification_or_404(current_user, notification_id))))


@bp.get("/notifications/preferences")
@operation("The caller's choice per kind: immediate e-mail, daily digest or off",
           responses={200: Preferences})
@login_required
def get_preferences():
    return jsonify(preferences_of(current_user))


@bp.put("/notifications/preferences")
@operation("Set the caller's choices (kinds left out keep theirs; an unknown kind or choice is refused)",
           body=PreferencesChoice, responses={200: Preferences})
@login_required
def put_preferences():
    # The operation refuses unknown kinds as well as unknown choices (the model alone
    # would ignore an unknown kind), so it reads the body as sent.
    return jsonify(set_preferences(current_user, json_body()))
