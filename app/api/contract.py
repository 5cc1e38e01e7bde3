"""Each API operation described once, with pydantic models for its bodies.

`operation(...)` attaches the description to a view. From it:
- `openapi.py` writes the operation into the OpenAPI document (the models' JSON Schema
  becomes `components/schemas`);
- `parse_body(Model)` / `parse_query(Model)` validate what the request sends, with the
  same clear 400/413/422s as the rest of the API (`body.py` reads the JSON first: size,
  depth and the text rule hold before pydantic sees it);
- `check_response` (on under tests, `VALIDATE_RESPONSES`) holds every answer the API
  gives to the model documented for its status, so the document cannot drift from the
  code. It is off in production: a mismatch there is a bug to find in CI, not a 500.

Why not flask-openapi3 or spectree: both read the JSON body themselves (bypassing the
size, depth and text rules of `body.py`), answer validation errors in their own shape,
and spectree turns a response mismatch into a 500 in production."""
from dataclasses import dataclass, field as dataclass_field
from typing import Annotated, Any, Callable

from flask import current_app, request
from flask_babel import gettext
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import Invalid
from .body import MAX_DB_INT, json_body, kind_refusal, required_refusal, too_long_refusal

# Media types of the answers that are files, not JSON.
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"
XML = "application/xml"
PDF = "application/pdf"


class Schema(BaseModel):
    """A response body: exactly the fields it declares (an undeclared field fails the
    response check, so nothing reaches a client undocumented), types held strictly."""
    model_config = ConfigDict(strict=True, extra="forbid")


class Body(BaseModel):
    """A request body: strict types (no "5" for 5, no 1 for true); keys it does not
    declare are ignored, as the API always did."""
    model_config = ConfigDict(strict=True, extra="ignore")


class Query(BaseModel):
    """Query-string parameters: strings on the wire, converted (a number from "5")."""
    model_config = ConfigDict(extra="ignore")


# An integer the database can hold (ids and counts are 64-bit).
DbInt = Annotated[int, Field(ge=-MAX_DB_INT, le=MAX_DB_INT)]


def absent(description: str | None = None, **details) -> Any:
    """A field that may be left out but is never null (a setting a request does not change,
    a part of an answer only some callers get): the document gives it no `default: null`,
    which its type would contradict."""
    return Field(None, description=description, json_schema_extra=_no_default, **details)


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


@dataclass(frozen=True)
class Binary:
    """An answer that is a file (DOCX, ZIP, XML): its media type and a description."""
    media_type: str
    description: str = "The file"


@dataclass(frozen=True)
class Upload:
    """A multipart request body: the form fields and which of them are files."""
    files: tuple[str, ...]
    fields: dict[str, str] = dataclass_field(default_factory=dict)   # name: description
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    summary: str
    responses: dict           # status: a Schema class, Binary, or None (no body)
    body: type[BaseModel] | Upload | None = None
    body_required: bool = True
    query: type[BaseModel] | None = None
    errors: tuple[int, ...] = ()
    public: bool = False      # needs no bearer token
    description: str | None = None

    def statuses(self, path_has_ids: bool, writes: bool = False) -> set[int]:
        """Every status this operation may answer: the ones it names, and the ones every
        operation of its kind may answer (401 without a login, 404 for an id that names
        nothing, 400/413/422 for a body that is malformed, too large or invalid)."""
        implied = set()
        if not self.public:
            implied.add(401)
        if path_has_ids:
            implied.add(404)
        if self.body is not None:
            implied |= {400, 413, 422}
        if writes and not self.public:
            implied.add(400)      # a write made with the session cookie and no CSRF token
        if self.query is not None:
            implied.add(422)
        return set(self.responses) | set(self.errors) | implied


def operation(summary: str, *, responses: dict, **details) -> Callable:
    """Describe a view as an API operation (see the module docstring)."""
    described = Operation(summary=summary, responses=responses, **details)

    def attach(view):
        view.__openapi__ = described
        return view

    return attach


def described(view) -> Operation | None:
    return getattr(view, "__openapi__", None)


def parse_body(model: type[BaseModel], data: dict | None = None) -> Any:
    """The request's JSON body as `model`, or the API's 422 naming the first field at fault.
    Nothing is written before this passes."""
    return _validated(model, json_body() if data is None else data)


def parse_query(model: type[BaseModel]) -> Any:
    return _validated(model, request.args.to_dict())


def _validated(model: type[BaseModel], data) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise refusal(error.errors(include_url=False)[0], data) from None


_KINDS = {"string": str, "int": int, "bool": bool, "dict": dict, "model": dict,
          "list": list, "float": float, "tuple": list}


def refusal(error: dict, data) -> Invalid:
    """pydantic's error in the API's words (the same messages `body.field` gives)."""
    location = [part for part in error["loc"] if isinstance(part, (str, int))]
    name = ".".join(str(part) for part in location) or "body"
    kind, context = error["type"], error.get("ctx", {})
    given = _at(data, location)
    if kind == "missing" or (given is None and kind.endswith("_type")):
        return required_refusal(name)
    if kind in ("string_too_long", "too_long"):
        return too_long_refusal(name, context["max_length"])
    if kind.endswith("_type") and kind.split("_")[0] in _KINDS:
        return kind_refusal(name, (_KINDS[kind.split("_")[0]],))
    if kind in ("less_than_equal", "greater_than_equal") and isinstance(given, int):
        return Invalid(gettext("'%(name)s' is out of range.", name=name), extra={"field": name})
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return Invalid(gettext("'%(name)s' must be one of: %(choices)s.", name=name, choices=expected),
                       extra={"field": name})
    return Invalid(gettext("'%(name)s' is invalid: %(reason)s.", name=name, reason=error["msg"]),
                   extra={"field": name})


def _at(data, location: list):
    for part in location:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


class UndocumentedResponse(AssertionError):
    """An API answer that its operation's description does not allow (tests only)."""


def check_response(response):
    """After every API request when `VALIDATE_RESPONSES` is on: the status must be one
    the operation names, and a JSON body must validate against the model for it."""
    view = current_app.view_functions.get(request.endpoint or "")
    described_as = described(view) if view else None
    if described_as is None or response.status_code >= 500:
        return response
    path_has_ids = bool(request.view_args)
    writes = request.method not in ("GET", "HEAD", "OPTIONS")
    if response.status_code not in described_as.statuses(path_has_ids, writes):
        raise UndocumentedResponse(
            f"{request.method} {request.path} answered {response.status_code}, which "
            f"{request.endpoint} does not document")
    model = model_for(described_as, response.status_code)
    if isinstance(model, type) and issubclass(model, BaseModel):
        try:
            model.model_validate_json(response.get_data())
        except ValidationError as error:
            raise UndocumentedResponse(
                f"{request.method} {request.path} answered {response.status_code} with a body "
                f"its schema {model.__name__} does not allow: {error}") from None
    return response


def model_for(described_as: Operation, status: int):
    """The model an answer of `status` follows: the operation's own, else the error body."""
    if status in described_as.responses:
        return described_as.responses[status]
    return Error if status >= 400 else None


class Error(Schema):
    """Every refusal: a stable code and a message in the caller's language, and what some
    refusals add."""
    # Some refusals carry what the caller needs to go on (a stale write's current text, a
    # collision's fingerprint): open to further fields, the named ones typed.
    model_config = ConfigDict(strict=True, extra="allow")
    error: str
    message: str
    field: str | None = Field(None, description="The field at fault")
    max_length: int | None = Field(None, description="The field's limit")
    position: int | None = Field(None, description="The place in the text (brackets)")
    latest_round: int | None = Field(None, description="The latest round (nothing changed since)")
    retry_after: int | None = Field(None, description="Seconds to wait (too many attempts)")
