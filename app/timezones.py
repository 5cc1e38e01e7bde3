"""Deadlines as each reader reads them: in their own time zone, with the time left.

The zone is the reader's own choice (`User.time_zone`, on the account page and the API),
else the process's (`Process.time_zone`, a setting), else UTC. A reader who chose none
also gets, from a small script (static/penholder.js), the deadline in their browser's
zone: the page says which zone the server used, so without the script nothing is wrong,
only less convenient. Everything is stored and sent in UTC; zones only format."""
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext, ngettext
from markupsafe import Markup, escape
from .models_base import utcnow


def valid_time_zone(value) -> bool:
    """An IANA zone name zoneinfo knows (no paths, no empty name)."""
    if not isinstance(value, str) or not value or len(value) > 64 or value.startswith(("/", ".")) or ".." in value:
        return False
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def reader_zone(user, process=None) -> tuple[str, bool]:
    """(zone name, whether the reader chose it)."""
    own = getattr(user, "time_zone", None)
    if own and valid_time_zone(own):
        return own, True
    zone = getattr(process, "time_zone", None)
    return (zone if zone and valid_time_zone(zone) else "UTC"), False


def time_left(deadline: datetime, now: datetime) -> str:
    """"2 days 3 hours left", "40 minutes left", "passed"."""
    seconds = int((deadline - now).total_seconds())
    if seconds <= 0:
        return gettext("passed")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    day = lambda n: ngettext("%(num)s day", "%(num)s days", n)              # noqa: E731
    hour = lambda n: ngettext("%(num)s hour", "%(num)s hours", n)           # noqa: E731
    minute = lambda n: ngettext("%(num)s minute", "%(num)s minutes", n)     # noqa: E731
    if days:
        parts = [day(days)] + ([hour(hours)] if hours else [])
    elif hours:
        parts = [hour(hours)] + ([minute(minutes)] if minutes else [])
    else:
        parts = [minute(max(minutes, 1))]
    return gettext("%(time)s left", time=" ".join(parts))


def format_in_zone(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.strftime('%Y-%m-%d %H:%M')} {local.tzname()} ({zone})" if zone != "UTC" else \
        f"{local.strftime('%Y-%m-%d %H:%M')} UTC"


def deadline_markup(moment: datetime | None, user, process=None, now: datetime | None = None) -> Markup:
    """<time> with the deadline in the reader's zone and the time left; the script shows a
    reader who chose no zone the browser's."""
    if moment is None:
        return Markup("")
    zone, chosen = reader_zone(user, process)
    text = f"{format_in_zone(moment, zone)} · {time_left(moment, now or utcnow())}"
    return Markup('<time class="deadline" datetime="{}" data-zone-chosen="{}">{}</time>').format(
        moment.isoformat(), "1" if chosen else "0", escape(text))
