"""Writes: notifications for the people an event concerns (and their e-mail job), read
marks, preferences. Each notification goes to one user about that user's own business:
the round circulated to their party, the answer to their own submission. Flush only."""
from flask import has_request_context
from sqlalchemy import select
from flask_babel import gettext

from ..errors import Invalid
from ..extensions import db
from ..models_base import utcnow
from ..processes.models import Membership, Role
from ..public_ids import encode
from ..queue.engine import defer
from ..rounds.links import clause_link
from ..rounds.models import Round
from .models import CHOICES, KINDS, Notification, NotificationPreference


def choices_of(user_ids, kind: str) -> dict[int, str]:
    rows = db.session.execute(select(NotificationPreference.user_id, NotificationPreference.choice).where(
        NotificationPreference.kind == kind, NotificationPreference.user_id.in_(list(user_ids))))
    return dict(rows.all())


def notify(user_ids, kind: str, link: str, subject: tuple[str, int] | None = None) -> list[Notification]:
    """`subject`, (one of SUBJECTS, its id): what a mail may quote where the process lets it
    (app/notifications/permissions.py `mail_text`); None for kinds with nothing to quote."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return []
    chosen = choices_of(user_ids, kind)
    created = []
    for user_id in user_ids:
        choice = chosen.get(user_id, "immediate")
        if choice == "off":
            continue
        created.append(Notification(user_id=user_id, kind=kind, link=link,
                                    email="pending" if choice == "immediate" else "digest",
                                    subject=subject[0] if subject else None,
                                    subject_id=subject[1] if subject else None))
    db.session.add_all(created)
    db.session.flush()
    pending = [n.id for n in created if n.email == "pending"]
    if pending:
        defer("send_notification_email", lock="mail", queueing_lock=f"mail-{pending[0]}",
              notification_ids=pending)
    return created


def on_round_circulated(sender, round_id: int, **_):
    """Every delegate and observer of the process: the round is circulated to them all."""
    round_ = db.session.get(Round, round_id)
    members = db.session.scalars(select(Membership.user_id).where(
        Membership.process_id == round_.document.process_id,
        Membership.role.in_((Role.delegate, Role.observer))))
    notify(members, "round_circulated", round_path(round_), ("round", round_.id))


def on_submission_answered(sender, submission, actor, answer=None, **_):
    """Only the submission's author hears of the answer: another party never does."""
    if submission.author_id is None or submission.author_id == actor.id:
        return
    link = (clause_link(submission.round, submission.clause_id) if has_request_context()
            else round_path(submission.round))
    notify([submission.author_id], "submission_answered", link, answer)


def round_path(round_) -> str:
    # By hand: circulation also runs from the command line, outside any request.
    return f"/documents/{encode('document', round_.document_id)}/rounds/{round_.number}"


def on_agreement_lapsed(sender, document_id: int, user_ids, **_):
    """Each user whose own recorded agreement lapsed, and no one else."""
    notify(user_ids, "agreement_lapsed", f"/documents/{encode('document', document_id)}/rounds")


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification


def set_preferences(user, wanted: dict) -> dict:
    for kind, choice in wanted.items():
        if kind not in KINDS or choice not in CHOICES:
            raise Invalid(gettext("Preferences are %(kinds)s set to %(choices)s.", kinds=", ".join(KINDS),
                                  choices=", ".join(CHOICES)))
    for kind, choice in wanted.items():
        row = db.session.scalar(select(NotificationPreference).where(
            NotificationPreference.user_id == user.id, NotificationPreference.kind == kind))
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, choice=choice))
        else:
            row.choice = choice
    db.session.flush()
    return preferences_of(user)


def preferences_of(user) -> dict:
    chosen = dict(db.session.execute(select(NotificationPreference.kind, NotificationPreference.choice)
                                     .where(NotificationPreference.user_id == user.id)).all())
    return {kind: chosen.get(kind, "immediate") for kind in KINDS}


def on_finding_escalated(sender, finding, assignee_id: int, actor, review_id=None, **_):
    """The legal adviser or mediator a finding is escalated (assigned) to, unless they
    escalated it to themselves. The mediation team only: findings are never a party's."""
    if assignee_id is None or assignee_id == getattr(actor, "id", None):
        return
    notify([assignee_id], "finding_assigned", f"/documents/{encode('document', finding.document_id)}/findings",
           ("review", review_id) if review_id else None)
