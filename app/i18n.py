"""The interface's languages (issue #22): English, French, Spanish and Arabic.

The catalogues are gettext .po files kept in the repository (app/translations/<lang>/
LC_MESSAGES/messages.po, extracted with babel.cfg). The .mo files are not committed: the app
compiles each catalogue at start-up into the instance folder when its .mo is missing or
older than the .po (written atomically, so several workers starting together are safe).

The language of a request: the user's own choice (users.language, set from the menu in the
page header or on the account page), else the session's choice (before logging in), else
the browser's Accept-Language, else English. Dates and numbers are formatted by that locale
(the `when`, `day` and `number` filters).
"""
import os
import tempfile
from datetime import timezone
from io import BytesIO
from pathlib import Path

from babel.dates import format_skeleton, get_datetime_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, get_locale, get_translations
from flask_login import current_user
from markupsafe import Markup

# Code -> the language's own name (what the menu shows, whatever the interface language).
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})
DEFAULT_LANGUAGE = "en"
SESSION_KEY = "language"


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


ROLE_NAMES = {"mediator": N_("mediator"), "drafter": N_("drafter"), "legal_adviser": N_("legal adviser"),
              "delegate": N_("delegate"), "observer": N_("observer")}

# Values of the models' enums as the pages show them ("partly_accepted" -> "partly accepted").
TERMS = {value.replace(" ", "_"): value for value in (
    N_("comment"), N_("question"), N_("reservation"), N_("proposal"), N_("view"),
    N_("draft"), N_("submitted"), N_("withdrawn"),
    N_("accepted"), N_("partly accepted"), N_("not accepted"), N_("deferred"),
    N_("confirmed"), N_("dismissed"), N_("escalated"),
    N_("open"), N_("agreed"), N_("contested"), N_("provisionally agreed"),
    N_("violation"), N_("warning"), N_("notice"),
    N_("attributed"), N_("anonymous"), N_("hidden"),
    N_("party"), N_("observer"),
    N_("added"), N_("removed"), N_("modified"), N_("unchanged"), N_("moved"),
)}

CATALOGUES = Path(__file__).parent / "translations"

# What `pybabel extract -F babel.cfg` must be told besides its defaults (_, gettext, ngettext,
# N_, ...): lazy_gettext for form labels, and the refusals, whose first argument is the
# message the API and the pages answer (translated in app/errors.py `translated`).
EXTRACT_KEYWORDS = ("_l", "lazy_gettext", "Invalid", "Conflict", "NotFound", "Forbidden",
                    "Unauthorized", "DomainError")

babel = Babel()


def select_language() -> str:
    if not has_request_context():       # a job or a command: the source language
        return DEFAULT_LANGUAGE
    try:
        chosen = getattr(current_user, "language", None) if current_user else None
    except Exception:       # no request user yet (an error raised while loading it)
        chosen = None
    if chosen in LANGUAGES:
        return chosen
    if session.get(SESSION_KEY) in LANGUAGES:
        return session[SESSION_KEY]
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT_LANGUAGE)


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def is_rtl(language: str | None = None) -> bool:
    return (language or current_language()) in RTL_LANGUAGES


def compile_catalogues(target: Path) -> Path:
    """Each messages.po compiled to target/<lang>/LC_MESSAGES/messages.mo if stale."""
    for po in sorted(CATALOGUES.glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        mo = target / language / "LC_MESSAGES" / "messages.mo"
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalogue = read_po(handle, locale=language)
        out = BytesIO()
        write_mo(out, catalogue, use_fuzzy=False)
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(out.getvalue())
        os.replace(tmp, mo)
    return target


def _translations():
    """The request's translations, looked up once per request (a 1,000-clause page
    calls gettext thousands of times)."""
    translations = g.get("_i18n_translations")
    if translations is None:
        translations = g._i18n_translations = get_translations()
    return translations


def _forget_language() -> None:
    g.pop("_flask_babel", None)
    g.pop("_i18n_translations", None)


def fast_gettext(message: str) -> str:
    """gettext for code called once per clause (no variables): the request's translations
    looked up once."""
    return _translations().ugettext(message)


def fast_ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """ngettext with the request's translations looked up once; %(num)s is the count."""
    variables.setdefault("num", num)
    return _translations().ungettext(singular, plural, num) % variables


def _template_gettext(message: str, **variables) -> Markup:
    translated = Markup(_translations().ugettext(message))
    return translated % variables if variables else translated


def _template_ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
    variables.setdefault("num", num)
    return Markup(_translations().ungettext(singular, plural, num)) % variables


def when(value) -> str:
    """A UTC date and time in the reader's locale: "2 Dec 2026, 10:00 UTC"."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    locale = get_locale() or "en"
    date = format_skeleton("yMMMd", value, tzinfo=timezone.utc, locale=locale)
    time = format_skeleton("Hm", value, tzinfo=timezone.utc, locale=locale)
    return get_datetime_format("medium", locale=locale).replace("{1}", date).replace("{0}", time) + " UTC"


def day(value) -> str:
    if value is None:
        return ""
    if getattr(value, "tzinfo", None) is None and hasattr(value, "hour"):
        value = value.replace(tzinfo=timezone.utc)
    return format_skeleton("yMMMd", value, tzinfo=timezone.utc, locale=get_locale() or "en")


def number(value) -> str:
    return format_decimal(value, locale=get_locale() or "en")


def percent(share) -> str:
    """A share (0.25) as the locale writes a percentage with one decimal ("25.0 %")."""
    return format_percent(share, "#,##0.0 %", locale=get_locale() or "en")


def role_name(role) -> str:
    value = getattr(role, "value", role)
    return _translations().ugettext(ROLE_NAMES.get(value, value))


def term(value) -> str:
    """An enum value in the reader's language (its English words if it has no entry)."""
    value = getattr(value, "value", value)
    if value is None:
        return ""
    return _translations().ugettext(TERMS.get(value, str(value).replace("_", " ")))


def init_i18n(app: Flask) -> None:
    target = compile_catalogues(Path(app.instance_path) / "translations")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(target))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    babel.init_app(app, locale_selector=select_language)
    # Flask-Babel installs Jinja's "new style" callables, which find the translations anew
    # on every call and pass through three context wrappers (a cost per call that a
    # 1,000-clause round page pays thousands of times: docs/performance.md, "Measurements
    # behind the code"). Ours look the translations up once a
    # request and do what the new style does: the translation is markup, the variables
    # are escaped into it (every template is autoescaped HTML).
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext,
                                 ngettext=_template_ngettext)
    app.jinja_env.filters.update(when=when, day=day, number=number, percent=percent)
    # Each request decides its own language, also when it runs inside an application
    # context pushed before it (tests, CLI), whose `g` it would otherwise share.
    app.before_request(_forget_language)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language, is_rtl=is_rtl,
                           role_name=role_name, term=term)
