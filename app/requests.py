"""What happens around every request: one commit at the boundary, refusals that change
nothing, CSRF except for bearer-token API calls, and security headers.

The boundary's rule: a request commits only if nothing refused it and its response is
below 400. Operations only flush. A refusal is a DomainError (app/errors.py) raised by
an operation or a view, and it goes to one handler, `answer_refusal`, which rolls the
session back *before* it builds any answer and marks the request refused, so that no
later code in the request can commit what the refused operation had flushed.

How a view refuses (the only way; views never catch DomainError):

- an API view raises; the answer is `{"error", "message"}` with the error's status;
- an HTML form view says where a refusal goes back to, once it has checked access,
  then raises or lets the operation raise:

      on_refusal(url_for("rounds.index", document_id=document.id),
                 form=f"circulate-{document.id}", keep=("note", "deadline"))

  A refusal then flashes its message and redirects there (303), and the fields named
  in `keep` come back into the form whose key is `form`: the page reads them with the
  template global `typed(form_key)`. Values too long for the session cookie come back
  on a page of their own instead (errors/refused_form.html), with the form to send
  again (also with `refill=False`, when that page will not show the form). `render={code: fn}` answers a refusal of that code with fn(err) instead (the
  edit conflict page). A refusal before on_refusal (no access, a missing object) and
  any 404 answer the plain error page, exactly as a missing object does.

Writes that a refused request must keep (the record of a failed login) are passed to
`keep_despite_refusal(fn)`: they run after the rollback, alone in their own transaction.
"""
from dataclasses import dataclass, field
from typing import Callable, Iterable

from flask import Flask, Request, current_app, flash, g, redirect, render_template, request, session
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import ImmutableMultiDict

from .api.body import refuse_ids_beyond_the_database
from .errors import DomainError, NotFound, error_response, translated, wants_json
from .extensions import csrf, db
from .textinput import normalise_text

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

TYPED_KEY = "typed"
# Browsers drop cookies over 4 KB (and with it the login): typed values beyond this
# many bytes of cookie come back on a page of their own instead of through the session.
TYPED_COOKIE_BUDGET = 3500


@dataclass
class RefusalTarget:
    url: str
    form: str | None = None
    keep: tuple[str, ...] = ()
    render: dict[str, Callable] = field(default_factory=dict)
    refill: bool = True


def on_refusal(url: str, *, form: str | None = None, keep: Iterable[str] = (),
               render: dict[str, Callable] | None = None, refill: bool = True) -> None:
    """Where a refusal of this HTML form request goes back to (see the module docstring).
    `refill=False` when the page at `url` will not show the form (a closed round): the
    typed values then come back on the refusal's own page."""
    g.refusal_target = RefusalTarget(url, form, tuple(keep), dict(render or {}), refill)


def keep_despite_refusal(write: Callable[[], None]) -> None:
    """A write that stays even if the request is refused; it runs after the request's
    own writes are rolled back (or before they are committed), in the same database
    session."""
    g.setdefault("kept_writes", []).append(write)


def was_refused() -> bool:
    return bool(g.get("refused"))


def answer_refusal(err: DomainError):
    """The one answer to every refusal: roll back first, then JSON, the error page, the
    view's own page for that refusal, or a flash and a redirect with the typed values."""
    db.session.rollback()
    g.refused = True
    target: RefusalTarget | None = g.get("refusal_target")
    if wants_json() or target is None or isinstance(err, NotFound):
        return error_response(err.status, err.code, err.message, err.extra)
    if err.code in target.render:
        return target.render[err.code](err)
    typed = {name: request.form[name] for name in target.keep if name in request.form}
    if typed and target.form and not (target.refill and _fits_in_cookie({"form": target.form, "values": typed})):
        return _refused_form_page(err, target, typed)
    if typed and target.form:
        session[TYPED_KEY] = {"form": target.form, "values": typed}
    flash(translated(err.message), "error")
    return redirect(target.url, 303)


def _fits_in_cookie(stash: dict) -> bool:
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    if serializer is None:
        return False
    return len(serializer.dumps({**dict(session), TYPED_KEY: stash})) <= TYPED_COOKIE_BUDGET


def _refused_form_page(err: DomainError, target: RefusalTarget, typed: dict):
    others = [(name, value) for name, value in request.form.items(multi=True)
              if name not in typed and name != "csrf_token"]
    return render_template("errors/refused_form.html", message=translated(err.message), action=request.path,
                           typed=typed, hidden=others, back=target.url), err.status


def typed(form: str) -> dict:
    """What the user typed into `form` before a refusal sent them back, or {}."""
    stash = g.get("typed_stash")
    if stash and stash.get("form") == form:
        return stash.get("values") or {}
    return {}


class PenholderRequest(Request):
    """Form fields follow the one rule for text (app/textinput.py) before any view reads
    them; JSON bodies follow it in app/api/body.py."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form:
            self.__dict__["form"] = ImmutableMultiDict(
                [(key, normalise_text(value, name=key)) for key, value in form.items(multi=True)])


def install_request_hooks(app: Flask) -> None:
    app.request_class = PenholderRequest
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.jinja_env.globals["typed"] = typed
    app.register_error_handler(DomainError, answer_refusal)
    app.url_value_preprocessor(refuse_ids_beyond_the_database)

    @app.before_request
    def _take_typed_values():
        # Typed values come back once, on the page the refusal redirected to.
        if request.method == "GET" and TYPED_KEY in session and not request.path.startswith(("/api/", "/static/")):
            g.typed_stash = session.pop(TYPED_KEY)

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
        db.session.rollback()
        return error_response(400, "csrf_failed",
                              "The form expired or did not come from this site: reload the page and try again.")

    @app.after_request
    def _commit_or_rollback(response):
        # One commit per request: operations only flush. A refused request, or one that
        # answers 400 or more, keeps only what was passed to keep_despite_refusal.
        kept = g.pop("kept_writes", [])
        if was_refused() or response.status_code >= 400:
            db.session.rollback()
            if kept and response.status_code < 500:
                for write in kept:
                    write()
                db.session.commit()
            return response
        for write in kept:
            write()
        db.session.commit()
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


def uses_bearer_token() -> bool:
    return request.headers.get("Authorization", "").startswith("Bearer ")
