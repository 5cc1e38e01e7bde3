"""Audit entries in words, for the mediation team's log: who did what to which article,
with a link to the object, instead of action codes, table names and database ids.

The stored entry stays as it is (it is hash-chained); this module only reads it. Names
of articles are their numbers in the working draft as it is now, because that is where
the link leads; the entry's details keep the ids for anyone who needs them.
"""
import json
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from ..drafting.models import Clause, Section
from ..drafting.queries import working_outline
from ..drafting.numbering import article_label
from ..extensions import db
from ..processes.models import Membership, Party
from ..rounds.models import Round
from ..i18n import N_
from .models import AuditEntry

ROLE_NAMES = {"mediator": "Mediator", "drafter": "Drafter", "legal_adviser": "Legal adviser"}

# What each family of actions is called in the log's "kind" filter (translated on the page).
KINDS = {
    "process": N_("Process and settings"), "party": N_("Parties"), "user": N_("Accounts"),
    "membership": N_("Accounts"), "token": N_("Sign-ins"), "login": N_("Sign-ins"), "logout": N_("Sign-ins"),
    "document": N_("Documents"), "section": N_("Drafting"), "clause": N_("Drafting"),
    "round": N_("Rounds"), "submission": N_("Comments and proposals"), "note": N_("Internal notes"),
    "position": N_("Positions"), "package": N_("Positions"), "finding": N_("Compliance"),
}


@dataclass(frozen=True)
class Described:
    who: str                 # "Mediator", "Delegate of the Government of Northland"
    actor: str               # the email (or "system") as recorded
    what: str                # "circulated Rev. 2 (6 clauses changed)"
    link: str | None         # where the object is, for the team


def kind_choices() -> list[tuple[str, str]]:
    """(label, comma-separated action prefixes) for the kind filter, in a stable order."""
    grouped: dict[str, list[str]] = {}
    for prefix, label in KINDS.items():
        grouped.setdefault(label, []).append(prefix)
    return [(label, ",".join(prefixes)) for label, prefixes in grouped.items()]


class _Page:
    """What a page of entries needs to be described, read once per page, not per row."""

    def __init__(self, process_id: int, entries: list[AuditEntry]):
        self.process_id = process_id
        actor_ids = {e.actor_id for e in entries if e.actor_id}
        self.roles: dict[int, str] = {}
        if actor_ids:
            rows = db.session.execute(
                select(Membership.user_id, Membership.role, Party.name)
                .outerjoin(Party, Party.id == Membership.party_id)
                .where(Membership.process_id == process_id, Membership.user_id.in_(actor_ids)))
            for user_id, role, party in rows:
                role = getattr(role, "value", role)
                if role == "delegate":
                    self.roles[user_id] = f"Delegate of {party}"
                elif role == "observer":
                    self.roles[user_id] = f"Observer ({party})"
                else:
                    self.roles[user_id] = ROLE_NAMES.get(role, role.replace("_", " ").capitalize())
        self._clauses: dict[int, Clause | None] = {}
        self._numbers: dict[int, int | None] = {}
        self._parties: dict[str, str] = dict(db.session.execute(
            select(Party.slug, Party.name).where(Party.process_id == process_id)).all())

    def role_of(self, user_id) -> str:
        """A member's role in words, read when needed (an escalation's assignee)."""
        cache = self.__dict__.setdefault("_assignees", {})
        if user_id not in cache:
            role = None
            if isinstance(user_id, int):
                role = db.session.scalar(select(Membership.role).where(
                    Membership.process_id == self.process_id, Membership.user_id == user_id))
            role = getattr(role, "value", role)
            cache[user_id] = ROLE_NAMES.get(role, "former member") if role else "former member"
        return cache[user_id]

    def who(self, entry: AuditEntry) -> str:
        if entry.actor_id is None:
            return "System"
        return self.roles.get(entry.actor_id, "Site administrator")

    def clause(self, clause_id) -> Clause | None:
        if not isinstance(clause_id, int):
            return None
        if clause_id not in self._clauses:
            self._clauses[clause_id] = db.session.get(Clause, clause_id)
        return self._clauses[clause_id]

    def article(self, clause_id) -> str:
        clause = self.clause(clause_id)
        if clause is None:
            return "a clause"
        if clause_id not in self._numbers:
            # One outline read per section: a page of 50 edits in one long section reads it once.
            for section in working_outline(clause.document_id, section_id=clause.section_id):
                self._numbers.update((row.clause_id, row.number) for row in section.clauses)
        number = self._numbers.get(clause_id)
        return article_label(number) if number else "a clause since deleted"

    def clause_link(self, clause_id) -> str | None:
        clause = self.clause(clause_id)
        if clause is None:
            return None
        return url_for("drafting.document", document_id=clause.document_id) + f"#clause-{clause.public_id}"

    def party(self, slug) -> str:
        return self._parties.get(slug, slug or "a party")


def describe_page(process_id: int, entries: list[AuditEntry]) -> list[Described]:
    page = _Page(process_id, entries)
    return [_describe(page, entry) for entry in entries]


def _describe(page: _Page, entry: AuditEntry) -> Described:
    changes = json.loads(entry.changes or "{}")
    what, link = _sentence(page, entry, changes)
    return Described(page.who(entry), entry.actor_label, what, link)


def _quoted(value) -> str:
    return f"“{value}”" if value else ""


def _round_words(changes: dict) -> str:
    summary = changes.get("summary") or {}
    label = f"Rev. {changes.get('number')}"
    if summary.get("first_round"):
        return f"circulated {label}, the first round ({changes.get('clauses', 0)} clauses)"
    if summary.get("unchanged"):
        return f"circulated {label} unchanged"
    return f"circulated {label} ({summary.get('clauses_changed', 0)} clauses changed)"


def _settings_words(changes: dict) -> str:
    names = sorted(key.replace("_", " ") for key in changes)
    return "changed the settings: " + ", ".join(names) if names else "saved the settings unchanged"


def _document_link(document_id) -> str | None:
    return url_for("drafting.document", document_id=document_id) if isinstance(document_id, int) else None


def _round_link(round_id) -> str | None:
    round_ = db.session.get(Round, int(round_id)) if str(round_id).isdigit() else None
    return url_for("rounds.view", document_id=round_.document_id, number=round_.number) if round_ else None


def _section_link(section_id) -> str | None:
    section = db.session.get(Section, int(section_id)) if str(section_id).isdigit() else None
    return (url_for("drafting.document", document_id=section.document_id) + f"#section-{section.public_id}"
            if section else None)


def _sentence(page: _Page, entry: AuditEntry, c: dict) -> tuple[str, str | None]:
    """The sentence after the actor's name, and the link to the object."""
    action, oid = entry.action, entry.object_id
    clause_id = c.get("clause_id") if entry.object_type != "clauses" else int(oid) if oid.isdigit() else None
    art = page.article(clause_id) if clause_id is not None else None
    kind = c.get("kind", "submission")
    # (sentence, which link): only the chosen entry's link is looked up.
    table: dict[str, tuple[str, str | None]] = {
        "process.create": (f"created the process {_quoted(c.get('title'))}", None),
        "process.settings": (_settings_words(c), None),
        "party.create": (f"added the {'observer group' if c.get('kind') == 'observer' else 'party'} "
                         f"{_quoted(c.get('name'))}", None),
        "user.create": (f"created the account {c.get('email', '')}".strip(), None),
        "user.activate": ("reactivated an account", None),
        "user.deactivate": ("deactivated an account", None),
        "user.password_change": ("changed their password", None),
        "user.time_zone": ("chose the time zone deadlines are shown in", None),
        "user.language": (f"chose the interface language {c.get('language', '')}".strip(), None),
        "user.password_check_failed": ("gave a wrong current password to change their password", None),
        "logout": ("signed out", None),
        "membership.create": (f"gave {c.get('user', 'a user')} the role "
                              f"{(c.get('role') or '').replace('_', ' ')}"
                              + (f" for {page.party(c.get('party'))}" if c.get("party") else ""), None),
        "token.issue": ("signed in to the API", None),
        "token.revoke": ("revoked an API token", None),
        "login.failed": ("failed to sign in", None),
        "document.create": (f"created the document {_quoted(c.get('title'))}", "document"),
        "document.conclude": (f"concluded the text at Rev. {c.get('round')}", "document"),
        "document.reopen": ("reopened the text", "document"),
        "document.add_language": (f"added the {'authentic' if c.get('authentic') else 'translated'} "
                                  f"language {c.get('code', '')}", "document"),
        "document.word_roundtrip": (_roundtrip_words(c), "document"),
        "section.create": (f"added the section {_quoted(c.get('title'))}", "section"),
        "section.rename": (_rename_words(c), "section"),
        "section.remove": (f"removed the section {_quoted(c.get('title'))} "
                           f"({c.get('clauses_deleted', 0)} clauses deleted)", "section"),
        "section.move": ("moved a section", "section"),
        "clause.create": (f"added {art}", "clause"),
        "clause.import": (f"imported {art} from Word", "clause"),
        "clause.edit": (f"edited {art}" + (f" in {c['language']}" if c.get("language") else "")
                        + (f": {c['reason']}" if c.get("reason") else ""), "clause"),
        "clause.delete": (f"deleted {art}" + (f": {c['reason']}" if c.get("reason") else ""), "clause"),
        "clause.restore": (f"restored {art}", "clause"),
        "clause.move": (f"moved {art}", "clause"),
        "clause.answers": (f"linked the wording of {art} to the proposals it answers", "clause"),
        "round.circulate": (_round_words(c), "round"),
        "round.close": ("closed the comment window of a round", "round"),
        "export.archive": (f"archived Rev. {c.get('round')} ({c.get('files', 0)} files, each party's copy "
                           "included)", "round"),
        "submission.draft": (f"began a {kind} on {art}", "clause"),
        "submission.submit": ("submitted a comment or proposal"
                              + (" in joint mode (every party reads it)" if c.get("joint") else ""), None),
        "submission.withdraw": ("withdrew a comment or proposal", None),
        "submission.reply": ("replied to a submission", None),
        "submission.disposition": (f"decided “{(c.get('decision') or '').replace('_', ' ')}” "
                                   "on a proposal", None),
        "submission.share": ("shared a submission with all parties"
                             + (f", with {len(c['replies'])} of the team's replies" if c.get("replies") else ""),
                             None),
        "bridging.create": (f"drafted a bridging proposal on {art} from {len(c.get('answers') or [])} "
                            "proposals (hidden from the parties)", "clause"),
        "bridging.release": (f"released a bridging proposal to {len(c.get('recipients') or [])} parties "
                             "and observer groups", None),
        "note.create": (f"wrote an internal note on {art}", "clause"),
        "note.import": (f"imported {c.get('count', 0)} Word comments as internal notes",
                        "changes_document"),
        "position.set": (_position_words(page, c, art), "clause"),
        "position.confirm": (f"confirmed the agreement ad referendum of {page.party(c.get('party'))} on {art}", "clause"),
        "package.create": (f"made the package {_quoted(c.get('name'))} "
                           f"of {len(c.get('clause_ids') or [])} clauses", None),
        "package.update": (f"changed the package {_quoted(c.get('name'))}".strip(), None),
        "package.position": (f"recorded “{(c.get('status') or '').replace('_', ' ')}” on a package "
                             f"for {page.party(c.get('party'))}", None),
        "finding.review": (_review_words(page, c, art), "clause"),
        "round.circulate_over_findings": (_over_findings_words(c), "round"),
        "group.create": (f"set up the working group {_quoted(c.get('name'))}", None),
        "group.update": ("changed a working group" + (f": now {_quoted(c['name'][1])}" if c.get("name") else ""), None),
        "group.members_add": (f"added {len(c.get('user_ids') or [])} members to a working group", None),
        "group.members_remove": ("removed a member from a working group", None),
        "group.sections": ("changed the sections of a working group", None),
        "scope.grant": (f"widened a drafter's scope by {len(c.get('section_ids') or [])} sections", None),
        "scope.revoke": ("narrowed a drafter's scope by a section", None),
    }
    if action in table:
        words, link = table[action]
        return words, _link(page, link, oid, clause_id, c)
    family, _, verb = action.partition(".")
    return f"{verb.replace('_', ' ') or 'changed'} ({family.replace('_', ' ')})", None


def _link(page: _Page, kind: str | None, oid: str, clause_id, c: dict) -> str | None:
    if kind == "clause":
        return page.clause_link(clause_id) if clause_id is not None else None
    if kind == "document":
        return _document_link(int(oid)) if oid.isdigit() else None
    if kind == "changes_document":
        return _document_link(c.get("document_id"))
    if kind == "section":
        return _section_link(oid)
    if kind == "round":
        return _round_link(oid)
    return None


def _review_words(page: _Page, c: dict, art: str | None) -> str:
    words = f"{c.get('decision', 'reviewed')} a compliance finding on {art or 'a clause'}"
    if c.get("assignee_id"):
        words += f" to the {page.role_of(c['assignee_id']).lower()}"
    return words + (f": {c['note']}" if c.get("note") else "")


def _over_findings_words(c: dict) -> str:
    """The mediator's decision at the circulation gate, as the legal advisers read it."""
    found = c.get("findings") or []
    numbers = sorted({f["number"] for f in found if isinstance(f, dict) and isinstance(f.get("number"), int)})
    where = [f"Article {n}" for n in numbers]
    count = len(found)
    return (f"confirmed circulating Rev. {c.get('number')} over {count} unreviewed finding{'s' if count != 1 else ''}"
            + (f" ({', '.join(where)}, as numbered then)" if where else ""))


def _roundtrip_words(c: dict) -> str:
    counts = c.get("counts") or {}
    done = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items() if n and k != "conflicts")
    skipped = len(c.get("skipped_conflicts") or [])
    return ("took an edited Word copy back in" + (f" ({done})" if done else " (no changes)")
            + (f", leaving {skipped} conflicting article(s) as they were" if skipped else ""))


def _rename_words(c: dict) -> str:
    title = c.get("title")
    if isinstance(title, list) and len(title) == 2:
        return f"renamed the section {_quoted(title[0])} to {_quoted(title[1])}"
    return f"renamed a section to {_quoted(title)}" if title else "renamed a section"


def _position_words(page: _Page, c: dict, art: str | None) -> str:
    status = (c.get("status") or "").replace("_", " ")
    party = page.party(c.get("party"))
    behalf = " on behalf of " if c.get("on_behalf") else " for "
    return f"recorded “{status}”{behalf}{party} on {art or 'a clause'}"
