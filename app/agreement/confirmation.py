"""Confirming an agreement given ad referendum (issue #23).

Every "agreed" a party records is ad referendum: given by its delegation subject to the
confirmation of its principals. Where the process sets `ad_referendum_days` (N), the party
confirms each current agreement within N days of recording it:

- "awaiting": not confirmed yet, the due date ahead;
- "expired": not confirmed by the due date. Shown as "unconfirmed (confirmation overdue)"
  to the team and to the party itself, never to another party (not even through a shared
  matrix, which shares positions, not their state). It still counts for the status: a
  position only lapses when its wording changes or the party changes it, never by the
  clock, so nothing agreed disappears from the status overnight; the team sees what is
  overdue and follows it up, and the party may still confirm it (then "confirmed", with
  the date);
- "confirmed": the party's principals confirmed it (its delegate, or the mediator on its
  behalf, pressed confirm).

Without a limit (N unset) agreements may be confirmed all the same; an unconfirmed one then
carries nothing (no field, no badge: a process that does not use confirmations reads as
before). Reservations and open positions have no confirmation.
"""
from datetime import datetime, timedelta

from sqlalchemy import select

from ..extensions import db
from .models import Position, Stance


def confirmation_of(position: Position, days: int | None, now: datetime) -> dict | None:
    if position.stance != Stance.agreed or (not days and position.confirmed_at is None):
        return None
    due = position.created_at + timedelta(days=days) if days else None
    if position.confirmed_at is not None:
        state = "confirmed"
    elif due is not None and now >= due:
        state = "expired"
    else:
        state = "awaiting"
    return {"state": state, "due": due.isoformat() if due else None,
            "confirmed_at": position.confirmed_at.isoformat() if position.confirmed_at else None}


def own_confirmations(party_id: int | None, document_id: int, clause_ids, days: int | None, now: datetime) -> dict:
    """clause id -> the confirmation of the party's current agreement on it (the round page)."""
    if party_id is None or not clause_ids:
        return {}
    rows = db.session.scalars(select(Position).where(
        Position.document_id == document_id, Position.party_id == party_id, Position.current.is_(True),
        Position.stance == Stance.agreed, Position.clause_id.in_(list(clause_ids))))
    shown = {}
    for p in rows:
        confirmation = confirmation_of(p, days, now)
        if confirmation is not None:
            shown[p.clause_id] = {**confirmation, "position_id": p.public_id}
    return shown
