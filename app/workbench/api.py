"""JSON API of the workbench: the team's queue across a process."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from ..api.contract import operation
from ..processes.permissions import process_access_or_404
from .permissions import require_queue_reader
from .queue import queue_json, team_queue
from .schemas import TeamQueue

bp = Blueprint("workbench_api", __name__)


@bp.get("/processes/<slug>/queue")
@operation("The mediation team's queue", responses={200: TeamQueue}, description=(
    "Per document and round, the submissions not yet answered (no team reply, no disposition), "
    "the proposals without a disposition, the open findings and the deadline, each with the "
    "address where it is answered. For a party or observer it does not exist (404, as for a "
    "missing process)."))
@login_required
def queue(slug: str):
    access = process_access_or_404(current_user, slug)
    require_queue_reader(access)
    return jsonify(queue_json(team_queue(access)))
