"""What happens around every request: one commit at the boundary, CSRF except for
bearer-token API calls, and security headers."""
from flask import Flask, g, request
from flask_wtf.csrf import CSRFError

from .errors import error_response
from .extensions import csrf, db

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def uses_bearer_token() -> bool:
    return request.headers.get("Authorization", "").startswith("Bearer ")


def install_request_hooks(app: Flask) -> None:
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False

    @app.before_request
    def _csrf():
        # Token clients are not browsers: no ambient cookie, so no CSRF to defend against.
        # POST /api/v1/tokens is the login of such clients and has no session either.
        if request.method in ("GET", "HEAD", "OPTIONS") or uses_bearer_token():
            return
        if request.path == "/api/v1/tokens":
            return
        csrf.protect()

    @app.errorhandler(CSRFError)
    def _csrf_error(err):
        return error_response(400, "csrf_failed",
                              "The form expired or did not come from this site: reload the page and try again.")

    @app.after_request
    def _commit_or_rollback(response):
        # One commit per request: operations only flush. Refused requests change nothing,
        # except what an operation asked to keep regardless (e.g. a failed-login record).
        if response.status_code < 400 or g.get("commit_despite_error"):
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def _rollback_on_exception(exc):
        if exc is not None:
            db.session.rollback()

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.path.startswith("/api/") or response.mimetype == "text/html":
            headers.setdefault("Cache-Control", "no-store")
        return response
