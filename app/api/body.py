"""Reading and validating what requests send (JSON bodies, forms, query strings, and the
values the API, the pages and the command line share, such as a deadline): one place
for the clear 400/413/422s."""
import json
from datetime import datetime, timezone

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import IntegerConverter
from flask_babel import gettext

from ..errors import DomainError, Invalid, NotFound
from ..public_ids import decode, NOTHING
from ..textinput import normalise_text


# Ids and counts are 64-bit in the database; a larger number cannot name anything.
MAX_DB_INT = 2**63 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` URL parts. Any number matches, so that the method check sees the
    route (a POST to a GET-and-POST address must not become a 405 because its id is
    large); an id beyond what the database holds then answers 404 before the view runs
    (`refuse_ids_beyond_the_database`)."""


def refuse_ids_beyond_the_database(endpoint, values) -> None:
    """A URL id no database row can have names nothing: 404, as a missing object."""
    if values and any(isinstance(v, int) and not isinstance(v, bool) and abs(v) > MAX_DB_INT
                      for v in values.values()):
        raise NotFound()


def db_int(raw) -> int | None:
    """A query-string id, or None if it is not one the database could hold."""
    if isinstance(raw, str) and raw.isascii() and raw.isdigit():
        value = int(raw)
        return value if value <= MAX_DB_INT else None
    return None


# Deeper than any body the API documents; a deeper one is refused before it is walked.
MAX_JSON_DEPTH = 32


def json_body() -> dict:
    """The request's JSON object, or a clear error. Nothing is written before this passes.

    The size limit holds however the body is sent (with a Content-Length or chunked):
    reading more than MAX_JSON_BYTES stops with 413. Every string in it follows the one
    rule for text (app/textinput.py)."""
    limit = current_app.config["MAX_JSON_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        raise DomainError(gettext("The request body is over %(limit)s bytes.", limit=limit), code="too_large", status=413)
    if not request.is_json:
        raise DomainError("Send a JSON object with Content-Type: application/json.",
                          code="bad_request", status=400)
    # A chunked body has no Content-Length: read at most one byte past the limit (the
    # stream stops there) and refuse if that byte came.
    request.max_content_length = limit + 1
    try:
        raw = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raw = None
    if raw is None or len(raw) > limit:
        raise DomainError(gettext("The request body is over %(limit)s bytes.", limit=limit), code="too_large", status=413)
    try:
        data = json.loads(raw)
    except RecursionError:
        raise DomainError(gettext("The JSON is nested more than %(depth)s levels deep.", depth=MAX_JSON_DEPTH),
                          code="bad_request", status=400) from None
    except ValueError:
        raise DomainError("The request body is not valid JSON.", code="bad_request", status=400) from None
    if not isinstance(data, dict):
        raise DomainError("The request body must be a JSON object.", code="bad_request", status=400)
    return _normalised(data)


def _normalised(data: dict) -> dict:
    """Every string of the body (keys too) under the text rule, walked without recursion;
    deeper than MAX_JSON_DEPTH is refused."""
    root = {"": data}
    stack = [(root, 0)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise DomainError(gettext("The JSON is nested more than %(depth)s levels deep.", depth=MAX_JSON_DEPTH),
                              code="bad_request", status=400)
        if isinstance(container, dict):
            items = list(container.items())
            container.clear()
            for key, value in items:
                name = normalise_text(key, name=key) if isinstance(key, str) else key
                container[name] = _leaf(value, name, stack, depth)
        else:
            for index, value in enumerate(container):
                container[index] = _leaf(value, f"item {index + 1}", stack, depth)
    return root[""]


def _leaf(value, name: str, stack: list, depth: int):
    if isinstance(value, str):
        return normalise_text(value, name=name)
    if isinstance(value, (dict, list)):
        stack.append((value, depth + 1))
    return value


def query_int(name: str) -> int | None:
    """An integer query parameter: None when absent or empty; 422 when it is not a whole
    number the database could hold (so `?section=` beyond 64 bits is a clear refusal)."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    value = db_int(raw)
    if value is None:
        raise Invalid(gettext("'%(name)s' must be a whole number (an id, a count or a page).", name=name),
                      extra={"field": name})
    return value


def field(data: dict, name: str, kind: type | tuple, *, required: bool = True, default=None,
          max_length: int | None = None, choices=None):
    """One field of a JSON body, type-checked; bools are not accepted as ints."""
    if name not in data or data[name] is None:
        if required:
            raise required_refusal(name)
        return default
    value = data[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise kind_refusal(name, kinds)
    if not isinstance(value, kinds):
        raise kind_refusal(name, kinds)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_DB_INT:
        raise Invalid(gettext("'%(name)s' is out of range.", name=name), extra={"field": name})
    if max_length is not None and isinstance(value, str) and len(value) > max_length:
        raise too_long_refusal(name, max_length)
    if choices is not None and value not in choices:
        raise Invalid(gettext("'%(name)s' must be one of: %(choices)s.", name=name, choices=", ".join(map(str, choices))),
                      extra={"field": name})
    return value


def required_refusal(name: str) -> Invalid:
    return Invalid(gettext("'%(name)s' is required.", name=name), extra={"field": name})


def kind_refusal(name: str, kinds: tuple) -> Invalid:
    return Invalid(gettext("'%(name)s' must be %(kind)s.", name=name, kind=_kind_name(kinds)),
                   extra={"field": name})


def too_long_refusal(name: str, max_length: int) -> Invalid:
    return Invalid(gettext("'%(name)s' is longer than %(max)s characters.", name=name, max=max_length),
                   extra={"field": name, "max_length": max_length})


def _kind_name(kinds) -> str:
    names = {str: gettext("a string"), int: gettext("an integer"), bool: gettext("true or false"),
             dict: gettext("an object"), list: gettext("a list"), float: gettext("a number")}
    return gettext(" or ").join(names.get(k, k.__name__) for k in kinds)


def id_field(data: dict, name: str, kind: str, *, required: bool = True):
    """A public id in a JSON body (app/public_ids.py): the integer it names, or
    public_ids.NOTHING when it names nothing (the operation then answers as for a
    missing row); a non-string is a 422 like any mistyped field."""
    value = field(data, name, str, required=required, max_length=64)
    if value is None:
        return None
    found = decode(kind, value)
    return NOTHING if found is None else found


def query_id(name: str, kind: str) -> int | None:
    """A public id in the query string: None when absent or empty, else the integer it
    names (public_ids.NOTHING when it names nothing)."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    found = decode(kind, raw)
    return NOTHING if found is None else found


def form_id(name: str, kind: str) -> int | None:
    """A public id in an HTML form: None when absent or empty, else the integer it names
    (public_ids.NOTHING when it names nothing)."""
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    found = decode(kind, raw)
    return NOTHING if found is None else found


def parse_deadline(raw) -> datetime | None:
    """ISO 8601; a time without an offset is taken as UTC."""
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise Invalid("'deadline' must be an ISO 8601 date and time.")
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid("'deadline' must be an ISO 8601 date and time, e.g. 2026-12-01T17:00:00Z.") from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
