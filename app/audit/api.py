"""GET /processes/{slug}/audit: the process's audit log for the mediation team."""
from datetime import datetime
from typing import Any, Literal

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from pydantic import Field

from ..api.contract import Query, Schema, operation
from .describe import describe_page
from .permissions import audit_access_or_404
from .queries import MAX_PAGE_SIZE, PAGE_SIZE, entry_json, number_arg, parse_filter, process_entries

bp = Blueprint("audit_api", __name__)


class AuditFilter(Query):
    """What `parse_filter` and `number_arg` read from the query string (they refuse the rest)."""
    action: str | None = Field(None, max_length=64,
                               description="An action ('clause.edit'), or a prefix without a dot ('clause')")
    actor: str | None = Field(None, max_length=300,
                              description="Part of the actor's email ('system' for the system)")
    object_type: str | None = Field(None, max_length=64, description="Table name of the object, e.g. 'clauses'")
    object_id: str | None = Field(None, max_length=64, description="The object's id")
    document: int | None = Field(None, ge=1, description="Only entries about this document and everything in it")
    kind: str | None = Field(None, max_length=200, description="Action families, comma-separated ('clause,section')")
    since: str | None = Field(None, description="From this date (YYYY-MM-DD) or ISO date-time")
    until: str | None = Field(None, description="Up to this date (inclusive) or before this ISO date-time")
    before: int | None = Field(None, ge=1, description="Only entries numbered below this (the next_before of a page)")
    limit: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description=f"Entries per page (default {PAGE_SIZE})")


class AuditEntry(Schema):
    seq: int
    at: datetime
    who: str = Field(description="The actor's role in the process, in words")
    what: str = Field(description="What they did, in words (articles by their current number)")
    link: str | None = Field(description="The page of the object, where there is one")
    actor: str | None = Field(description="The user's email as recorded; null for the system")
    actor_kind: Literal["user", "system"] = Field(
        description="A user, or the system (the server's command line or one of its background jobs)")
    system: str | None = Field(description="What the system was doing ('command line', 'background job'); "
                                           "null for a user")
    action: str
    object_type: str
    object_id: str
    changes: dict[str, Any] = Field(description="What changed; its keys depend on the action")
    hash: str


class AuditPage(Schema):
    """One page of entries"""
    entries: list[AuditEntry]
    next_before: int | None


@bp.get("/processes/<slug>/audit")
@operation("The process's audit log, newest first (mediation team only)",
           query=AuditFilter, responses={200: AuditPage})
@login_required
def process_log(slug: str):
    access = audit_access_or_404(current_user, slug)
    filters = parse_filter(request.args)
    limit = number_arg(request.args, "limit", default=PAGE_SIZE, high=MAX_PAGE_SIZE)
    entries, next_before = process_entries(access.process.id, filters,
                                           before=number_arg(request.args, "before"), limit=limit)
    described = describe_page(access.process.id, entries)
    return jsonify({"entries": [entry_json(e, d) for e, d in zip(entries, described)],
                    "next_before": next_before})
