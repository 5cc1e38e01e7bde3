"""Who may circulate and close rounds. A party or observer is told nothing of the
working draft's state, so for them these actions do not exist (404, before any check of
the draft, its findings or the circulation gate); the rest of the team may know the
draft exists but only the mediator circulates (403)."""
from ..errors import Forbidden, NotFound
from ..processes.permissions import Access, can_circulate


def require_circulator(access: Access, what: str = "circulates a round") -> None:
    if not access.is_team:
        raise NotFound()
    if not can_circulate(access):
        raise Forbidden(f"Only the mediator {what}.")
