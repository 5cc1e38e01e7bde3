"""/p/<slug>/search: the search page of one process (what the API answers, as a page)."""
from flask import Blueprint, render_template, request, url_for
from flask_login import current_user, login_required

from ..drafting.numbering import article_label
from ..i18n import N_
from ..processes.permissions import process_access_or_404
from .permissions import finds_notes
from .queries import DRAFT, search
from .schemas import read_filters, read_query, read_window
from .terms import MAX_QUERY_CHARS, segments
from .choices import filter_choices

bp = Blueprint("search", __name__)

KIND_CHOICES = [("", N_("everything")), ("clause", N_("text of the articles")),
                ("submission", N_("comments and proposals")),
                ("proposal", N_("proposals only")), ("note", N_("internal notes"))]


@bp.get("/p/<slug>/search")
@login_required
def page(slug: str):
    access = process_access_or_404(current_user, slug)
    filters = read_filters(request.args)
    limit, offset = read_window(request.args)
    asked = request.args.get("q") is not None
    query, problem = read_query(request.args) if asked else (None, None)
    found = search([access], query, filters, limit=limit, offset=offset) if query else None
    documents, rounds, sections = filter_choices(access, filters.document_id)
    kinds = [(v, label) for v, label in KIND_CHOICES if v != "note" or finds_notes(access)]

    def page_url(new_offset: int) -> str:
        args = {k: v for k, v in request.args.items() if k != "offset"}
        return url_for("search.page", slug=slug, **args, offset=new_offset)

    html = render_template(
        "search/search.html", access=access, process=access.process, q=request.args.get("q", ""),
        problem=problem, found=found, filters=filters, documents=documents, rounds=rounds, sections=sections,
        kinds=kinds, draft=DRAFT, max_chars=MAX_QUERY_CHARS, segments=segments, article_label=article_label,
        previous_url=page_url(max(0, offset - limit)) if found and offset else None,
        next_url=page_url(offset + limit) if found and offset + limit < found.total else None)
    return html, 400 if problem else 200
