"""GET /search: full-text search over what the caller may read (permissions.py)."""
from typing import Literal

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from pydantic import Field

from ..api.contract import Query, Schema, absent, operation
from ..public_ids import encode
from .permissions import search_accesses
from .queries import DRAFT, KINDS, RESULT_KINDS, search
from .schemas import MAX_OFFSET, MAX_PAGE_SIZE, PAGE_SIZE, query_or_400, read_filters, read_window
from .terms import MAX_QUERY_CHARS

bp = Blueprint("search_api", __name__)


class SearchParameters(Query):
    """What `schemas.py` reads from the query string, with the refusals the search page
    shares (a missing or unsearchable q is a 400, a bad filter or window a 422)."""
    q: str = Field(description=f"Words (all must occur); \"a phrase\"; prefix* (3 letters or more). At most "
                               f"{MAX_QUERY_CHARS} characters; other punctuation is ignored")
    process: str = absent(description="Only this process (by slug); default: all the caller's")
    document: str = absent(description="Only this document (its id)")
    round: str = absent(description=f"A round number, or '{DRAFT}' for the working draft")
    section: str = absent(description="Only this section (its id)")
    kind: str = absent(description=f"Comma-separated, among: {', '.join(KINDS)}")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Results to skip")


class SearchResult(Schema):
    kind: Literal[RESULT_KINDS]
    id: str = Field(description="A clause wording's version id; a submission's or note's public id")
    document_id: str
    document_title: str
    clause_id: str
    number: int | None
    section_id: str | None
    section_title: str | None
    round: int | None = Field(description="Where the result is shown: a round number, or null for the "
                                          "working draft (mediation team only)")
    rounds: list[int] = Field(description="The rounds that carried this wording")
    in_working_draft: bool = Field(description="The wording is the working draft's (always false for "
                                               "parties and observers)")
    title: str | None
    submission_kind: str | None
    status: str | None
    party: str | None
    snippet: str = Field(description="Plain text around the first hit (not HTML)")
    highlights: list[tuple[int, int]] = Field(description="[start, end) of each hit in the snippet")
    url: str


class SearchPage(Schema):
    """One page of results and how many there are in all"""
    query: str
    terms: list[str]
    total: int
    offset: int
    limit: int
    results: list[SearchResult]


@bp.get("/search")
@operation("Full-text search over what the caller may read: circulated rounds, the working draft "
           "(team), submissions the caller may read, internal notes (team); ranked",
           query=SearchParameters, responses={200: SearchPage}, errors=(400, 404))
@login_required
def search_texts():
    query = query_or_400(request.args)
    filters = read_filters(request.args)
    limit, offset = read_window(request.args)
    accesses = search_accesses(current_user, request.args.get("process") or None)
    page = search(accesses, query, filters, limit=limit, offset=offset)
    return jsonify({"query": query.text, "terms": [t.label() for t in query.terms],
                    "total": page.total, "offset": page.offset, "limit": page.limit,
                    "results": [result_json(r) for r in page.results]})


def result_json(r) -> dict:
    return {"kind": r.kind, "id": encode("version", r.id) if r.kind == "clause" else r.id,
            "document_id": encode("document", r.document_id), "document_title": r.document_title,
            "clause_id": encode("clause", r.clause_id), "number": r.number,
            "section_id": encode("section", r.section_id),
            "section_title": r.section_title, "round": r.round, "rounds": r.rounds,
            "in_working_draft": r.in_working_draft, "title": r.title,
            "submission_kind": r.submission_kind, "status": r.status, "party": r.party,
            "snippet": r.snippet, "highlights": [list(h) for h in r.highlights], "url": r.url}
