""""A deadline in 24 hours": a periodic job (every 10 minutes, app/queue/engine.py
PERIODIC) tells every delegate and observer of a process when an open round's comment
deadline falls within the next 24 hours. Once per round and deadline (a moved deadline
is a new one): the reminder claims `deadline-24h:round:<id>:<deadline>` in the
transaction that queues the notifications."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models_base import utcnow
from ..processes.models import Membership, Role
from .once import claim
from .operations import notify, round_path
from ..drafting.models import Document
from ..rounds.models import Round

WITHIN = timedelta(hours=24)


def send_deadline_reminders(now=None) -> int:
    """Answers how many rounds were reminded of."""
    now = now or utcnow()
    rounds = db.session.execute(select(Round, Document.process_id).join(Document, Document.id == Round.document_id)
                                .where(Round.closed_at.is_(None), Round.deadline.is_not(None),
                                       Round.deadline > now, Round.deadline <= now + WITHIN)
                                .order_by(Round.id)).all()
    reminded = 0
    for round_, process_id in rounds:
        if not claim(f"deadline-24h:round:{round_.id}:{round_.deadline.isoformat()}"):
            continue
        members = db.session.scalars(select(Membership.user_id).where(
            Membership.process_id == process_id, Membership.role.in_((Role.delegate, Role.observer))))
        notify(members, "deadline_soon", round_path(round_))
        reminded += 1
    db.session.commit()
    return reminded


def reminder_task(*, attempt: int = 0, final: bool = True) -> None:
    send_deadline_reminders()
