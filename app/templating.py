"""Template helpers for pages that repeat a form per clause (a 1,000-clause section
page renders thousands of forms): each URL rule is built once per request and the CSRF
token is looked up once, instead of once per form."""
from flask import Flask, g, url_for
from flask_wtf.csrf import generate_csrf

_MARK = 918273645          # an id no URL contains otherwise; replaced by the real one


def clause_url(endpoint: str, clause_id: int) -> str:
    """url_for(endpoint, clause_id=...) built from a per-request pattern."""
    patterns = g.setdefault("_clause_url_patterns", {})
    pattern = patterns.get(endpoint)
    if pattern is None:
        pattern = patterns[endpoint] = url_for(endpoint, clause_id=_MARK).split(str(_MARK))
    return str(clause_id).join(pattern)


def page_csrf_token() -> str:
    if "_page_csrf_token" not in g:
        g._page_csrf_token = generate_csrf()
    return g._page_csrf_token


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals["clause_url"] = clause_url
    # Replaces Flask-WTF's global and its context processor (registered before this one,
    # so ours wins); the token is the same, computed once.
    app.jinja_env.globals["csrf_token"] = page_csrf_token
    app.context_processor(lambda: {"csrf_token": page_csrf_token})
