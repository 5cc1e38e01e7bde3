"""The workbench on pages: the team's queue on the home page, and the negotiation on
each clause of the working draft (a panel of the draft view)."""
from flask import Blueprint
from flask_login import current_user

from ..panels import Panel, provides
from ..processes.permissions import access_for
from .negotiation import FILTERS, draft_negotiation
from .permissions import can_read_negotiation, has_home_queue
from .queue import SHOWN, team_queue

bp = Blueprint("workbench", __name__)


@bp.app_template_global()
def home_team_queue(process, membership):
    """The mediator's and drafters' queue for the home page; None for anyone else."""
    access = access_for(current_user, process)
    if not has_home_queue(access):
        return None
    return {"documents": team_queue(access), "shown": SHOWN}


@provides("draft_view")
def negotiation_panel(access, *, document, outline):
    if not can_read_negotiation(access):
        return None
    from ..comments.colliding import colliding_clauses
    from ..rounds.queries import latest_round

    clause_ids = [c.clause_id for s in outline for c in s.clauses]
    latest = latest_round(document.id)
    return Panel(vars={"negotiation": draft_negotiation(access, document, clause_ids),
                       "negotiation_filters": FILTERS, "negotiation_round": latest,
                       "colliding_in_round": colliding_clauses(latest.id, clause_ids) if latest else {}},
                 clause_templates=["workbench/_clause_negotiation.html"])
