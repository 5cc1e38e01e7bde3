"""Errors: domain exceptions raised by operations, and one handler that answers
JSON under /api/ and an HTML page elsewhere."""
from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


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

    def __init__(self, message: str = "Not found.", **kwargs):
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


def error_response(status: int, code: str, message: str, extra: dict | None = None):
    if wants_json():
        body = {"error": code, "message": message}
        body.update(extra or {})
        return jsonify(body), status
    return render_template("errors/error.html", status=status, code=code,
                           message=message), status


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large",
               415: "unsupported_media_type", 422: "invalid", 429: "too_many_requests"}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(err: DomainError):
        return error_response(err.status, err.code, err.message, err.extra)

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):
        code = _HTTP_CODES.get(err.code or 500, "error")
        message = err.description or err.name
        if err.code == 404:
            message = "Not found."
        if err.code == 413:
            message = "The request is larger than this server accepts."
        response = error_response(err.code or 500, code, message)
        if err.code == 405 and hasattr(err, "valid_methods") and err.valid_methods:
            resp, status = response
            resp.headers["Allow"] = ", ".join(err.valid_methods)
            return resp, status
        return response

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        app.logger.exception("Unhandled error")
        return error_response(500, "server_error",
                              "Something went wrong on our side; nothing was saved.")
