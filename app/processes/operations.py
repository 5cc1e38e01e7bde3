"""Writes for processes, parties and memberships."""
import re

from sqlalchemy import select
from flask_babel import gettext

from ..audit.operations import record_event
from ..auth.models import User
from ..errors import Conflict, Invalid
from ..extensions import db
from ..timezones import valid_time_zone
from .models import Attribution, Membership, Party, PartyKind, Process, Role

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
SETTINGS = {"nauea": bool, "un_endorsed": bool, "joint_mode": bool,
            "observers_may_submit": bool, "status_matrix_shared": bool,
            "status_shared_with_observers": bool, "refuse_stale_texts": bool,
            "proposal_attribution": Attribution, "line_numbering": bool,
            "house_font": str, "language": str, "document_symbol": str,
            # Deadlines (issue #23): after a comment deadline, refuse or accept-and-mark-late;
            # the zone deadlines are shown in by default; days to confirm an ad referendum.
            "late_submissions": "choice", "time_zone": "zone", "ad_referendum_days": "days",
            # Notification mail carries the text its recipient may read (off: a neutral line).
            "mail_includes_text": bool}
LATE_CHOICES = ("refuse", "mark_late")
MAX_CONFIRM_DAYS = 366
# The Word house style's text settings: what each must look like, and why.
_TEXT_SETTINGS = {
    "house_font": (re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,99}$"),
                   "a font name of letters, digits, spaces and hyphens (at most 100)"),
    "language": (re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$"), "a language tag such as en-GB, fr or ar"),
    "document_symbol": (re.compile(r"^[^\x00-\x1f\x7f<>]{0,100}$"),
                        "at most 100 printable characters, e.g. NL/CPA (\"{round}\" places the round number)"),
}


def _check_slug(slug: str) -> str:
    if not SLUG_RE.match(slug or ""):
        raise Invalid("A slug is 1-63 lowercase letters, digits or hyphens.")
    return slug


def create_process(slug: str, title: str, *, actor=None, **settings) -> Process:
    _check_slug(slug)
    if db.session.scalar(select(Process.id).where(Process.slug == slug)):
        raise Invalid(gettext("A process with the slug '%(slug)s' exists already.", slug=slug))
    process = Process(slug=slug, title=title.strip())
    db.session.add(process)
    db.session.flush()
    record_event(actor, "process.create", process, process_id=process.id,
                 changes={"slug": slug, "title": process.title})
    if settings:
        update_settings(process, settings, actor=actor, confirmed=True)   # nothing said before it
    return process


# Turning joint mode on: what it opens and what it does not (the confirmation step says it).
JOINT_MODE_OPENS = ("From now on, what a party submits (comments, questions, reservations, proposals) "
                    "is read by the delegates of every party.")
JOINT_MODE_KEEPS = ("Everything submitted before stays confidential, as it was made: each party still "
                    "sees only its own earlier items. Drafts, the team's replies and decisions, internal "
                    "notes and observers' views stay as they are. To show an earlier item to all parties, "
                    "share that item on its own. Items made in joint mode stay readable by every party "
                    "after joint mode is turned off.")


def joint_mode_turns_on(process: Process, settings: dict) -> bool:
    return settings.get("joint_mode") is True and not process.joint_mode


def update_settings(process: Process, settings: dict, *, actor, confirmed: bool = False) -> dict:
    """Changes the named settings; returns {name: [old, new]} for what changed. Every value
    is checked before any is set: one bad value changes nothing. Turning joint mode on
    needs `confirmed` (the mediator was told what it opens): without it, nothing changes."""
    checked = check_settings(settings)
    if joint_mode_turns_on(process, checked) and not confirmed:
        raise Conflict(f"Turning joint mode on needs a confirmation. {JOINT_MODE_OPENS} {JOINT_MODE_KEEPS}",
                       code="confirmation_required",
                       extra={"confirm": "confirm_joint_mode", "opens": JOINT_MODE_OPENS,
                              "stays_confidential": JOINT_MODE_KEEPS})
    changed = {}
    for name, value in checked.items():
        old = getattr(process, name)
        if old != value:
            setattr(process, name, value)
            changed[name] = [getattr(old, "value", old), getattr(value, "value", value)]
    if changed:
        record_event(actor, "process.settings", process, process_id=process.id, changes=changed)
    return changed


def check_settings(settings: dict) -> dict:
    """Every value checked (422 on the first bad one), nothing set."""
    return {name: _checked_setting(name, value) for name, value in settings.items()}


def _checked_setting(name: str, value):
    kind = SETTINGS.get(name)
    if kind is None:
        raise Invalid(gettext("Unknown setting '%(name)s'.", name=name))
    if kind is bool and not isinstance(value, bool):
        raise Invalid(gettext("'%(name)s' must be true or false.", name=name))
    if kind is str:
        pattern, what = _TEXT_SETTINGS[name]
        value = value.strip() if isinstance(value, str) else value
        if not isinstance(value, str) or not pattern.match(value) or (name != "document_symbol" and not value):
            raise Invalid(f"'{name}' must be {what}.")
    if kind == "choice":
        if value not in LATE_CHOICES:
            raise Invalid(gettext("'%(name)s' must be one of: %(choices)s.", name=name, choices=", ".join(LATE_CHOICES)))
        return value
    if kind == "zone":
        if not valid_time_zone(value):
            raise Invalid(gettext("'%(name)s' must be an IANA time zone such as Europe/Nicosia or UTC.", name=name))
        return value
    if kind == "days":
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CONFIRM_DAYS:
            raise Invalid(gettext("'%(name)s' must be a number of days from 1 to %(max)s, or null for no limit.", name=name, max=MAX_CONFIRM_DAYS))
        return value
    if kind is Attribution:
        try:
            return Attribution(value)
        except (ValueError, TypeError):
            raise Invalid(gettext("'%(name)s' must be one of: attributed, anonymous, hidden.", name=name)) from None
    return value


def add_party(process: Process, slug: str, name: str, kind: PartyKind = PartyKind.party,
              *, actor=None) -> Party:
    _check_slug(slug)
    if any(p.slug == slug for p in process.parties):
        raise Invalid(gettext("The process has a party '%(slug)s' already.", slug=slug))
    party = Party(process=process, slug=slug, name=name.strip(), kind=kind)
    db.session.add(party)
    db.session.flush()
    record_event(actor, "party.create", party, process_id=process.id,
                 changes={"slug": slug, "name": party.name, "kind": kind.value})
    return party


def add_member(process: Process, user: User, role: Role, party: Party | None = None,
               *, actor=None) -> Membership:
    needs_party = {Role.delegate: PartyKind.party, Role.observer: PartyKind.observer}.get(role)
    if needs_party and (party is None or party.kind != needs_party):
        raise Invalid(gettext("A %(role)s belongs to one %(kind)s group of this process.", role=gettext(role.value), kind=gettext(needs_party.value)))
    if not needs_party and party is not None:
        raise Invalid(gettext("A %(role)s belongs to the mediation team, not to a party.", role=gettext(role.value)))
    if party is not None and party.process_id != process.id:
        raise Invalid("That party is not in this process.")
    existing = db.session.scalar(select(Membership).where(
        Membership.user_id == user.id, Membership.process_id == process.id))
    if existing is not None:
        raise Invalid("This user is a member of the process already.")
    membership = Membership(user=user, process=process, role=role, party=party)
    db.session.add(membership)
    db.session.flush()
    record_event(actor, "membership.create", membership, process_id=process.id,
                 changes={"user": user.email, "role": role.value,
                          "party": party.slug if party else None})
    return membership
