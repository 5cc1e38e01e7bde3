"""The search request's parameters, the same for the page and the API."""
from flask_babel import gettext
from ..api.body import query_id, query_int
from ..errors import DomainError, Invalid
from .queries import DRAFT, KINDS, Filters
from .terms import Query, QueryProblem, parse

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
MAX_OFFSET = 1000


class BadQuery(DomainError):
    """A query that cannot be searched for (empty, too long, only punctuation): 400."""

    status = 400
    code = "invalid_query"

    def __init__(self, problem: QueryProblem):
        super().__init__(str(problem), extra={"field": "q"})


def read_query(args) -> tuple[Query | None, str | None]:
    """The parsed query, or None and why not (a page shows the reason beside the box)."""
    try:
        return parse(args.get("q")), None
    except QueryProblem as problem:
        return None, str(problem)


def query_or_400(args) -> Query:
    try:
        return parse(args.get("q"))
    except QueryProblem as problem:
        raise BadQuery(problem) from None


def read_filters(args) -> Filters:
    round_ = args.get("round", "")
    if round_ == "":
        round_ = None
    elif round_ != DRAFT:
        round_ = query_int("round")
        if round_ < 1:
            raise Invalid("'round' must be a round number or 'draft'.", extra={"field": "round"})
    kinds = frozenset(k.strip() for k in args.get("kind", "").split(",") if k.strip())
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise Invalid(gettext("'kind' must be among: %(kinds)s (comma-separated).", kinds=", ".join(KINDS)), extra={"field": "kind"})
    return Filters(document_id=query_id("document", "document"), round=round_,
                   section_id=query_id("section", "section"), kinds=kinds)


def read_window(args) -> tuple[int, int]:
    limit = query_int("limit")
    offset = query_int("offset")
    limit = PAGE_SIZE if limit is None else limit
    offset = 0 if offset is None else offset
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise Invalid(gettext("'limit' must be from 1 to %(max)s.", max=MAX_PAGE_SIZE), extra={"field": "limit"})
    if not 0 <= offset <= MAX_OFFSET:
        raise Invalid(gettext("'offset' must be from 0 to %(max)s.", max=MAX_OFFSET), extra={"field": "offset"})
    return limit, offset
