"""Template helpers for pages that repeat a form per clause (a 1,000-clause section
page renders thousands of forms): each URL rule is built once per request and the CSRF
token is looked up once, instead of once per form."""
from flask import Flask, g, url_for
from jinja2 import pass_context
from markupsafe import Markup, escape
from flask_wtf.csrf import generate_csrf

from .i18n import fast_gettext as gettext   # extracted as gettext
from .public_ids import encode, encoder
from flask_login import current_user
from .timezones import deadline_markup

_MARK = "PH-CLAUSE-MARK"   # no URL contains it otherwise; replaced by the real (public) id


def clause_url(endpoint: str, clause_id: int) -> str:
    """url_for(endpoint, clause_id=...) built from a per-request pattern."""
    patterns = g.setdefault("_clause_url_patterns", {})
    pattern = patterns.get(endpoint)
    if pattern is None:
        pattern = patterns[endpoint] = url_for(endpoint, clause_id=_MARK).split(_MARK)
    return encode("clause", clause_id).join(pattern)


def public_id_filter(value, kind: str):
    """`{{ clause.clause_id|pid('clause') }}`: the public id (app/public_ids.py) of an
    integer id, for anchors, form values and query strings (url_for's path parts do it
    themselves)."""
    if isinstance(value, str):
        return value             # already a public id (a serialised row)
    return encode(kind, value)


def page_csrf_token() -> str:
    if "_page_csrf_token" not in g:
        g._page_csrf_token = generate_csrf()
    return g._page_csrf_token


@pass_context
def clause_panels(context, panel) -> list:
    """The panel's per-clause templates as modules with the page's context, made once per
    page; the page calls `module.render(clause)` per clause (an include per clause costs a
    new template context each time)."""
    if not panel:
        return []
    return [context.environment.get_template(name).make_module(context.get_all())
            for name in panel.clause_templates]


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals["clause_url"] = clause_url
    app.jinja_env.filters["pid"] = public_id_filter
    app.jinja_env.globals["form_opener"] = form_opener
    app.jinja_env.globals["clause_panels"] = clause_panels
    app.jinja_env.globals["deadline"] = deadline
    # Replaces Flask-WTF's global and its context processor (registered before this one,
    # so ours wins); the token is the same, computed once.
    app.jinja_env.globals["csrf_token"] = page_csrf_token
    app.context_processor(lambda: {"csrf_token": page_csrf_token})


def form_opener(template_id: str, summary: str, action: str, link: str, version: int | None = None) -> Markup:
    """A clause's closed form on a long page: comments.js fills it from the page's single
    <template id=template_id> when opened; without JavaScript its link reloads the page with
    ?respond=<clause>, which renders the real form in that clause only. (A function, not a
    macro: a macro import per included clause template costs more than the page's text.)"""
    # Plain formatting: every part is an id, a URL built from ids, or a constant of ours.
    data_version = f' data-version="{escape(encode("version", version))}"' if version is not None else ""
    opener = gettext("Open the form")
    return Markup(f'<details class="small" data-form="{template_id}" data-action="{escape(action)}"{data_version}>'
                  f'<summary>{summary}</summary><a href="{escape(link)}">{escape(opener)}</a></details>')


def deadline(moment, process=None):
    """A deadline in the reader's time zone with the time left (app/timezones.py)."""
    return deadline_markup(moment, current_user, process)
