"""Reading the audit log: the whole chain for verification, and one process's entries
for the team, filtered and paged newest first by `seq` (keyset, no OFFSET)."""
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import or_, select
from flask_babel import gettext

from ..errors import Invalid
from ..extensions import db
from .models import AuditEntry
from .scope import about_document

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def chain_rows(batch: int = 2000):
    """Every entry in chain order as plain rows, streamed (no identity map growth)."""
    columns = [AuditEntry.id, AuditEntry.seq, AuditEntry.created_at, AuditEntry.actor_id,
               AuditEntry.actor_label, AuditEntry.process_id, AuditEntry.action,
               AuditEntry.object_type, AuditEntry.object_id, AuditEntry.changes,
               AuditEntry.prev_hash, AuditEntry.entry_hash]
    query = (select(*columns)
             .order_by(AuditEntry.seq.is_(None), AuditEntry.seq, AuditEntry.id)
             .execution_options(yield_per=batch))
    yield from db.session.execute(query)


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None        # "clause.edit" exactly, or "clause" for every clause.* action
    actor: str | None = None         # part of the actor's email ("system" for the system)
    object_type: str | None = None
    object_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None    # exclusive
    document: int | None = None      # entries about this document and everything in it
    kind: tuple[str, ...] = ()       # action families ("clause", "section"): any of them

    @property
    def active(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", ())}


def parse_filter(args) -> AuditFilter:
    """From query-string arguments; refuses malformed values with 422."""
    def text(name: str, limit: int) -> str | None:
        value = (args.get(name) or "").strip()
        if len(value) > limit:
            raise Invalid(gettext("'%(name)s' is longer than %(max)s characters.", name=name, max=limit), extra={"field": name})
        return value or None

    return AuditFilter(action=text("action", 64), actor=text("actor", 300),
                       object_type=text("object_type", 64), object_id=text("object_id", 64),
                       since=_moment(args.get("since"), "since", end=False),
                       until=_moment(args.get("until"), "until", end=True),
                       document=number_arg(args, "document"), kind=_families(text("kind", 200)))


def _families(value: str | None) -> tuple[str, ...]:
    """"clause,section" -> ("clause", "section"); refuses anything but action families."""
    families = tuple(part.strip() for part in (value or "").split(",") if part.strip())
    if any(not (f.replace("_", "").isascii() and f.replace("_", "").isalpha()) for f in families):
        raise Invalid("'kind' is a comma-separated list of action families such as 'clause'.",
                      extra={"field": "kind"})
    return families


def number_arg(args, name: str, *, default: int | None = None, low: int = 1,
               high: int = 10**15) -> int | None:
    """A positive integer query argument (ASCII digits only), or a clear 422."""
    value = args.get(name)
    if value in (None, ""):
        return default
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        raise Invalid(gettext("'%(name)s' must be a whole number from %(low)s to %(high)s.", name=name, low=low, high=high), extra={"field": name})
    return int(value)


def _moment(value, name: str, *, end: bool) -> datetime | None:
    """An ISO date (the whole day, so `until` includes it) or an ISO date-time."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime.combine(day + timedelta(days=1 if end else 0), time(), timezone.utc)
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
        moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        raise Invalid(gettext("'%(name)s' must be a date (YYYY-MM-DD) or an ISO date-time.", name=name),
                      extra={"field": name}) from None
    return moment


def process_entries(process_id: int, filters: AuditFilter, *, before: int | None = None,
                    limit: int = PAGE_SIZE) -> tuple[list[AuditEntry], int | None]:
    """One page of a process's entries, newest first, and the `before` cursor of the next."""
    query = select(AuditEntry).where(AuditEntry.process_id == process_id,
                                     AuditEntry.seq.is_not(None))
    if filters.action:
        if "." in filters.action:
            query = query.where(AuditEntry.action == filters.action)
        else:
            query = query.where(AuditEntry.action.startswith(filters.action + ".", autoescape=True))
    if filters.actor:
        query = query.where(AuditEntry.actor_label.contains(filters.actor.lower(), autoescape=True))
    if filters.object_type:
        query = query.where(AuditEntry.object_type == filters.object_type)
    if filters.object_id:
        query = query.where(AuditEntry.object_id == filters.object_id)
    if filters.since:
        query = query.where(AuditEntry.created_at >= filters.since)
    if filters.until:
        query = query.where(AuditEntry.created_at < filters.until)
    if filters.document is not None:
        query = query.where(about_document(filters.document))
    if filters.kind:
        query = query.where(or_(*(AuditEntry.action.startswith(family + ".", autoescape=True)
                                  for family in filters.kind)))
    if before is not None:
        query = query.where(AuditEntry.seq < before)
    rows = list(db.session.scalars(query.order_by(AuditEntry.seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].seq if more else None)


FILTER_ARGS = ("action", "actor", "object_type", "object_id", "since", "until", "document", "kind")


def actions_in(process_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct()
                                   .where(AuditEntry.process_id == process_id)
                                   .order_by(AuditEntry.action)))


def actors_in(process_id: int) -> list[str]:
    """Everyone who appears in the process's log, for the person filter."""
    return list(db.session.scalars(select(AuditEntry.actor_label).distinct()
                                   .where(AuditEntry.process_id == process_id)
                                   .order_by(AuditEntry.actor_label)))


SYSTEM_PREFIX = "system: "


def actor_json(entry: AuditEntry) -> dict:
    """Who acted, for the API: a user (`actor` their email as recorded, `actor_kind`
    "user"), or the system, the server's command line or one of its jobs (`actor` null,
    `actor_kind` "system", `system` what it was doing: "command line", "background job")."""
    if entry.actor_id is not None:
        return {"actor": entry.actor_label, "actor_kind": "user", "system": None}
    label = entry.actor_label or ""
    what = label[len(SYSTEM_PREFIX):] if label.startswith(SYSTEM_PREFIX) else None
    return {"actor": None, "actor_kind": "system", "system": what}


def entry_json(entry: AuditEntry, described=None) -> dict:
    words = {"who": described.who, "what": described.what, "link": described.link} if described else {}
    return {**words, "seq": entry.seq, "at": entry.created_at.isoformat(), **actor_json(entry),
            "action": entry.action, "object_type": entry.object_type,
            "object_id": entry.object_id, "changes": json.loads(entry.changes),
            "hash": entry.entry_hash}
