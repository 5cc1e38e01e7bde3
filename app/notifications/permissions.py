"""A user sees and marks only their own notifications; anyone else's is missing (404).

What a notification mail may quote (`mail_text`): nothing, unless the process lets mail
carry text (`mail_includes_text`, the mediator's setting, off by default); then only
what the recipient may read in the app at the moment the mail is written, through their
own access: the round's note for a member who may see the round; a team reply or
decision on a submission for a member who may read that thread (its party); an
escalation's note for its assignee, a member of the team. A party never gets another
party's text this way: the same rules as the pages decide.
"""
from flask_babel import gettext

from ..comments.models import Disposition, Reply, Submission
from ..comments.permissions import can_see_reply, can_see_thread
from ..compliance.models import Review
from ..drafting.models import Document
from ..errors import NotFound
from ..extensions import db
from ..i18n import TERMS
from ..processes.permissions import access_for, reads_as_team
from ..rounds.models import Round
from ..rounds.permissions import can_see_document
from .models import Notification


def own_notification_or_404(user, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound()
    return notification


def mail_text(notification: Notification, user) -> str | None:
    """The text the mail of this notification may carry for `user` (its recipient), or
    None: the neutral line alone. Translated terms in the current locale."""
    if notification.user_id != user.id or notification.subject_id is None:
        return None
    subject = notification.subject
    if subject == "round":
        round_ = db.session.get(Round, notification.subject_id)
        if round_ is None or not round_.note:
            return None
        access = _access(user, round_.document.process)
        return round_.note if access is not None and can_see_document(access, round_.document) else None
    if subject in ("reply", "disposition"):
        answer = db.session.get(Reply if subject == "reply" else Disposition, notification.subject_id)
        if answer is None:
            return None
        submission = db.session.get(Submission, answer.submission_id)
        access = _access(user, submission.round.document.process)
        if access is None:
            return None
        if subject == "reply":
            return answer.body if answer.from_team and can_see_reply(access, submission, answer) else None
        if not can_see_thread(access, submission):
            return None
        decision = answer.decision.value
        return gettext("%(decision)s: %(reason)s", decision=gettext(TERMS.get(decision, decision)),
                       reason=answer.reason)
    if subject == "review":
        review = db.session.get(Review, notification.subject_id)
        if review is None or review.assignee_id != user.id or not review.note:
            return None
        process = db.session.get(Document, review.finding.document_id).process
        access = _access(user, process)
        return review.note if access is not None and reads_as_team(access) else None
    return None


def _access(user, process):
    """The recipient's access where the process lets mail carry text; else None."""
    if not process.mail_includes_text:
        return None
    return access_for(user, process)
