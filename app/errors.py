"""Errors: domain exceptions raised by operations, and one handler that answers
JSON under /api/ and an HTML page elsewhere."""
from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from .extensions import db


def N_(message: str) -> str:
    """Marks a message for the catalogues (app/i18n.py has the same; errors imports nothing of the app)."""
    return message


class DomainError(Exception):
    """A refused request. `extra` is merged into the JSON body (e.g. the current text on 409)."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 extra: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.extra = extra or {}


class NotFound(DomainError):
    """Also what a caller gets for anything they may not see: never 403."""
    status = 404
    code = "not_found"

    def __init__(self, message: str = N_("Not found."), **kwargs):
        super().__init__(message, **kwargs)


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Invalid(DomainError):
    status = 422
    code = "invalid"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    """For actions on something the caller may see but not do (e.g. a delegate
    circulating a round): the object's existence is already known to them."""
    status = 403
    code = "forbidden"


def wants_json() -> bool:
    return request.path.startswith("/api/")


def translated(message: str) -> str:
    """A refusal's message in the caller's language (the user's choice, else the browser's):
    messages are catalogue msgids (extracted from the raise sites, see babel.cfg); one the
    catalogue lacks (a message with figures in it) stays in English. The code never changes."""
    return gettext(message) if message else message


def error_response(status: int, code: str, message: str, extra: dict | None = None) -> Response:
    """The error answer, JSON under /api/ and a page elsewhere, as a Response (so that
    callers can add headers)."""
    message = translated(message)
    if wants_json():
        body = {"error": code, "message": message}
        body.update(extra or {})
        response = jsonify(body)
    else:
        response = make_response(render_template("errors/error.html", status=status, code=code,
                                                 message=message))
    response.status_code = status
    return response


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large",
               415: "unsupported_media_type", 422: "invalid", 429: "too_many_requests"}


def register_error_handlers(app: Flask) -> None:
    """HTTP errors and crashes. Refusals (DomainError) have their own handler at the
    request boundary, app/requests.py."""
    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):
        db.session.rollback()
        status = err.code or 500
        code = _HTTP_CODES.get(status, "error")
        message = err.description or err.name
        if status == 404:
            message = N_("Not found.")
        if status == 413:
            message = N_("The request is larger than this server accepts.")
        if status == 405:
            message = _method_not_allowed_message(err)
        response = error_response(status, code, message)
        if status == 405 and getattr(err, "valid_methods", None):
            response.headers["Allow"] = ", ".join(err.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return error_response(500, "server_error",
                              N_("Something went wrong on our side; nothing was saved."))


def _method_not_allowed_message(err) -> str:
    allowed = [m for m in (getattr(err, "valid_methods", None) or []) if m not in ("HEAD", "OPTIONS")]
    if request.method == "GET" and allowed and "GET" not in allowed:
        # A reload of the address a form was sent to (after a preview, an edit conflict)
        # or a typed address: nothing to show here, and nothing was done.
        return N_("This address only receives a form when you send one; there is no page to show "
                  "here, and nothing was changed. Go back to the page the form was on.")
    return gettext("This address does not accept %(method)s; it accepts %(allowed)s.", method=request.method,
                   allowed=", ".join(allowed) or gettext("nothing"))
