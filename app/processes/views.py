"""Process pages: the list of a user's processes is the home page (app/home.py)."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from .permissions import process_access_or_404, visible_parties

bp = Blueprint("processes", __name__)


@bp.get("/p/<slug>")
@login_required
def show(slug: str):
    access = process_access_or_404(current_user, slug)
    from ..drafting.queries import documents_in
    return render_template("processes/show.html", access=access, process=access.process,
                           parties=visible_parties(access), documents=documents_in(access.process))
