"""The workbench on pages: the team's queue on the home page, and the negotiation on
each clause of the working draft (a panel of the draft view)."""
from flask import Blueprint

from ..panels import Panel, provides
from .negotiation import FILTERS, draft_negotiation
from .permissions import can_read_negotiation, has_home_queue
from .queue import SHOWN, team_queue
from ..comments.colliding import colliding_clauses
from ..rounds.queries import latest_round

bp = Blueprint("workbench", __name__)


@provides("home")
def home_team_queue(access, *, process, membership):
    """The mediator's and drafters' queue for the home page; nothing for anyone else."""
    if not has_home_queue(access):
        return None
    return Panel(vars={"team_queue": {"documents": team_queue(access), "shown": SHOWN}})


@provides("draft_view")
def negotiation_panel(access, *, document, outline):
    if not can_read_negotiation(access):
        return None

    clause_ids = [c.clause_id for s in outline for c in s.clauses]
    latest = latest_round(document.id)
    return Panel(vars={"negotiation": draft_negotiation(access, document, clause_ids),
                       "negotiation_filters": FILTERS, "negotiation_round": latest,
                       "colliding_in_round": colliding_clauses(latest.id, clause_ids) if latest else {}},
                 clause_templates=["workbench/_clause_negotiation.html"])
