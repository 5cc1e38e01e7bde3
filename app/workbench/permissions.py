"""Who has the workbench: the mediation team only.

The queue and the negotiation on the working draft are made of what only the team may
know (every party's submissions, dispositions, findings, the working draft itself): for
a party delegate or observer they do not exist, and every door answers as for a missing
process or document (404). Their home page keeps its own news (comments.queries.home_news).
"""
from ..errors import NotFound
from ..processes.permissions import Access, can_answer_submissions


def can_read_team_queue(access: Access | None) -> bool:
    return access is not None and access.is_team


def has_home_queue(access: Access | None) -> bool:
    """Whose home page shows the team's queue: those who answer submissions (the mediator
    and drafters). A legal adviser's home holds the findings queue (compliance)."""
    return can_read_team_queue(access) and can_answer_submissions(access)


def require_queue_reader(access: Access) -> None:
    if not can_read_team_queue(access):
        raise NotFound()


def can_read_negotiation(access: Access | None) -> bool:
    """The submissions, dispositions, findings and positions on the working draft's clauses."""
    return access is not None and access.is_team

