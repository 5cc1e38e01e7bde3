"""The audit log page of a process: the mediation team browses and filters who did
what; parties and observers get 404."""
import json

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user, login_required

from ..i18n import N_
from ..panels import Panel, provides
from .permissions import audit_access_or_404, can_view_audit
from ..rounds.permissions import visible_documents
from .describe import describe_page, kind_choices
from .queries import FILTER_ARGS, PAGE_SIZE, actions_in, actors_in, number_arg, parse_filter, process_entries

bp = Blueprint("audit", __name__)


@bp.get("/p/<slug>/audit")
@login_required
def log(slug: str):
    access = audit_access_or_404(current_user, slug)
    filters = parse_filter(request.args)
    entries, next_before = process_entries(access.process.id, filters,
                                           before=number_arg(request.args, "before"), limit=PAGE_SIZE)
    older = (url_for("audit.log", slug=slug, before=next_before, **{
        k: request.args[k] for k in FILTER_ARGS if request.args.get(k)}) if next_before else None)
    return render_template("audit/log.html", access=access, process=access.process,
                           rows=list(zip(entries, describe_page(access.process.id, entries))),
                           filters=request.args, older=older, actions=actions_in(access.process.id),
                           kinds=kind_choices(), people=actors_in(access.process.id),
                           documents=visible_documents(access))


@bp.app_template_filter("pretty_changes")
def pretty_changes(changes: str) -> str:
    """The stored canonical JSON, indented for reading (autoescaped by the template)."""
    return json.dumps(json.loads(changes), indent=1, ensure_ascii=False, sort_keys=True)


@provides("document")
def _audit_link(access, document=None, **_):
    """A link from every document page to the process's log, for the team only."""
    if access is None or not can_view_audit(access):
        return None
    return Panel(links=[(N_("Audit log"), url_for("audit.log", slug=access.process.slug,
                                              document=document.id if document else None))])
