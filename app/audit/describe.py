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
from ..extensions import db
from ..processes.models import Membership, Party
from ..rounds.models import Round
from ..i18n import N_, fast_gettext, fast_ngettext, term
from .models import AuditEntry

ROLE_NAMES = {"mediator": N_("Mediator"), "drafter": N_("Drafter"), "legal_adviser": N_("Legal adviser")}


def _(message: str, **variables) -> str:
    """The reader's translation (the log is described when it is shown, in the reader's
    language; what is stored stays as it was written)."""
    translated = fast_gettext(message)
    return translated % variables if variables else translated


ngettext = fast_ngettext


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
                    self.roles[user_id] = _("Delegate of %(party)s", party=party)
                elif role == "observer":
                    self.roles[user_id] = _("Observer (%(party)s)", party=party)
                else:
                    self.roles[user_id] = _(ROLE_NAMES.get(role, role.replace("_", " ").capitalize()))
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
            cache[user_id] = _(ROLE_NAMES.get(role, N_("former member")) if role else N_("former member"))
        return cache[user_id]

    def who(self, entry: AuditEntry) -> str:
        if entry.actor_id is None:
            return _("System")
        return self.roles.get(entry.actor_id) or _("Site administrator")

    def clause(self, clause_id) -> Clause | None:
        if not isinstance(clause_id, int):
            return None
        if clause_id not in self._clauses:
            self._clauses[clause_id] = db.session.get(Clause, clause_id)
        return self._clauses[clause_id]

    def article(self, clause_id) -> str:
        clause = self.clause(clause_id)
        if clause is None:
            return _("a clause")
        if clause_id not in self._numbers:
            # One outline read per section: a page of 50 edits in one long section reads it once.
            for section in working_outline(clause.document_id, section_id=clause.section_id):
                self._numbers.update((row.clause_id, row.number) for row in section.clauses)
        number = self._numbers.get(clause_id)
        return _("Article %(number)s", number=number) if number else _("a clause since deleted")

    def clause_link(self, clause_id) -> str | None:
        clause = self.clause(clause_id)
        if clause is None:
            return None
        return url_for("drafting.document", document_id=clause.document_id) + f"#clause-{clause.public_id}"

    def party(self, slug) -> str:
        return self._parties.get(slug, slug or _("a party"))


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
    number = changes.get("number")
    if summary.get("first_round"):
        return ngettext("circulated Rev. %(number)s, the first round (%(num)s clause)",
                  "circulated Rev. %(number)s, the first round (%(num)s clauses)",
                  changes.get("clauses", 0), number=number)
    if summary.get("unchanged"):
        return _("circulated Rev. %(number)s unchanged", number=number)
    return ngettext("circulated Rev. %(number)s (%(num)s clause changed)", "circulated Rev. %(number)s (%(num)s clauses changed)",
              summary.get("clauses_changed", 0), number=number)


def _settings_words(changes: dict) -> str:
    names = sorted(key.replace("_", " ") for key in changes)
    return (_("changed the settings: %(names)s", names=", ".join(names)) if names
            else _("saved the settings unchanged"))


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
    """The sentence after the actor's name, in the reader's language, and the link to the
    object. Each action's words are built only for the entry that has it."""
    action, oid = entry.action, entry.object_id
    clause_id = c.get("clause_id") if entry.object_type != "clauses" else int(oid) if oid.isdigit() else None
    art = page.article(clause_id) if clause_id is not None else None
    kind = c.get("kind", "submission")
    reason = c.get("reason")
    # action -> (words, which link): only the chosen entry's words and link are made.
    table: dict[str, tuple] = {
        "process.create": (lambda: _("created the process %(title)s", title=_quoted(c.get("title"))), None),
        "process.settings": (lambda: _settings_words(c), None),
        "party.create": (lambda: (_("added the observer group %(name)s", name=_quoted(c.get("name")))
                                  if c.get("kind") == "observer"
                                  else _("added the party %(name)s", name=_quoted(c.get("name")))), None),
        "user.create": (lambda: _("created the account %(email)s", email=c.get("email", "")).strip(), None),
        "user.activate": (lambda: _("reactivated an account"), None),
        "user.deactivate": (lambda: _("deactivated an account"), None),
        "user.password_change": (lambda: _("changed their password"), None),
        "user.time_zone": (lambda: _("chose the time zone deadlines are shown in"), None),
        "user.language": (lambda: _("chose the interface language %(language)s",
                                    language=c.get("language", "")).strip(), None),
        "user.password_check_failed": (lambda: _("gave a wrong current password to change their password"), None),
        "logout": (lambda: _("signed out"), None),
        "membership.create": (lambda: (_("gave %(user)s the role %(role)s for %(party)s", user=c.get("user") or _("a user"),
                                         role=_((c.get("role") or "").replace("_", " ")), party=page.party(c.get("party")))
                                       if c.get("party") else
                                       _("gave %(user)s the role %(role)s", user=c.get("user") or _("a user"),
                                         role=_((c.get("role") or "").replace("_", " ")))), None),
        "token.issue": (lambda: _("signed in to the API"), None),
        "token.revoke": (lambda: _("revoked an API token"), None),
        "login.failed": (lambda: _("failed to sign in"), None),
        "document.create": (lambda: _("created the document %(title)s", title=_quoted(c.get("title"))), "document"),
        "document.conclude": (lambda: _("concluded the text at Rev. %(number)s", number=c.get("round")), "document"),
        "document.reopen": (lambda: _("reopened the text"), "document"),
        "document.add_language": (lambda: (_("added the authentic language %(code)s", code=c.get("code", ""))
                                           if c.get("authentic") else
                                           _("added the translated language %(code)s", code=c.get("code", ""))),
                                  "document"),
        "document.word_roundtrip": (lambda: _roundtrip_words(c), "document"),
        "section.create": (lambda: _("added the section %(title)s", title=_quoted(c.get("title"))), "section"),
        "section.rename": (lambda: _rename_words(c), "section"),
        "section.remove": (lambda: ngettext("removed the section %(title)s (%(num)s clause deleted)",
                                      "removed the section %(title)s (%(num)s clauses deleted)",
                                      c.get("clauses_deleted", 0), title=_quoted(c.get("title"))), "section"),
        "section.move": (lambda: _("moved a section"), "section"),
        "clause.create": (lambda: _("added %(article)s", article=art), "clause"),
        "clause.import": (lambda: _("imported %(article)s from Word", article=art), "clause"),
        "clause.edit": (lambda: _edit_words(art, c.get("language"), reason), "clause"),
        "clause.delete": (lambda: (_("deleted %(article)s: %(reason)s", article=art, reason=reason) if reason
                                   else _("deleted %(article)s", article=art)), "clause"),
        "clause.restore": (lambda: _("restored %(article)s", article=art), "clause"),
        "clause.move": (lambda: _("moved %(article)s", article=art), "clause"),
        "clause.answers": (lambda: _("linked the wording of %(article)s to the proposals it answers", article=art),
                           "clause"),
        "round.circulate": (lambda: _round_words(c), "round"),
        "round.close": (lambda: _("closed the comment window of a round"), "round"),
        "export.archive": (lambda: _("archived Rev. %(round)s (%(files)s files, each party's copy included)",
                                     round=c.get("round"), files=c.get("files", 0)), "round"),
        "submission.draft": (lambda: _("began a %(kind)s on %(article)s", kind=term(kind), article=art), "clause"),
        "submission.submit": (lambda: (_("submitted a comment or proposal in joint mode (every party reads it)")
                                       if c.get("joint") else _("submitted a comment or proposal")), None),
        "submission.withdraw": (lambda: _("withdrew a comment or proposal"), None),
        "submission.reply": (lambda: _("replied to a submission"), None),
        "submission.disposition": (lambda: _("decided “%(decision)s” on a proposal",
                                             decision=term(c.get("decision") or "")), None),
        "submission.share": (lambda: (ngettext("shared a submission with all parties, with %(num)s of the team's replies",
                                         "shared a submission with all parties, with %(num)s of the team's replies",
                                         len(c["replies"])) if c.get("replies")
                                      else _("shared a submission with all parties")), None),
        "bridging.create": (lambda: ngettext("drafted a bridging proposal on %(article)s from %(num)s proposal "
                                       "(hidden from the parties)",
                                       "drafted a bridging proposal on %(article)s from %(num)s proposals "
                                       "(hidden from the parties)", len(c.get("answers") or []), article=art),
                            "clause"),
        "bridging.release": (lambda: ngettext("released a bridging proposal to %(num)s party or observer group",
                                        "released a bridging proposal to %(num)s parties and observer groups",
                                        len(c.get("recipients") or [])), None),
        "note.create": (lambda: _("wrote an internal note on %(article)s", article=art), "clause"),
        "note.import": (lambda: ngettext("imported %(num)s Word comment as an internal note",
                                   "imported %(num)s Word comments as internal notes", c.get("count", 0)),
                        "changes_document"),
        "position.set": (lambda: _position_words(page, c, art), "clause"),
        "position.confirm": (lambda: _("confirmed the agreement ad referendum of %(party)s on %(article)s",
                                       party=page.party(c.get("party")), article=art), "clause"),
        "package.create": (lambda: ngettext("made the package %(name)s of %(num)s clause",
                                      "made the package %(name)s of %(num)s clauses",
                                      len(c.get("clause_ids") or []), name=_quoted(c.get("name"))), None),
        "package.update": (lambda: _("changed the package %(name)s", name=_quoted(c.get("name"))).strip(), None),
        "package.position": (lambda: _("recorded “%(status)s” on a package for %(party)s",
                                       status=term(c.get("status") or ""), party=page.party(c.get("party"))), None),
        "finding.review": (lambda: _review_words(page, c, art), "clause"),
        "round.circulate_over_findings": (lambda: _over_findings_words(c), "round"),
        "group.create": (lambda: _("set up the working group %(name)s", name=_quoted(c.get("name"))), None),
        "group.update": (lambda: (_("changed a working group: now %(name)s", name=_quoted(c["name"][1]))
                                  if c.get("name") else _("changed a working group")), None),
        "group.members_add": (lambda: ngettext("added %(num)s member to a working group",
                                         "added %(num)s members to a working group", len(c.get("user_ids") or [])),
                              None),
        "group.members_remove": (lambda: _("removed a member from a working group"), None),
        "group.sections": (lambda: _("changed the sections of a working group"), None),
        "scope.grant": (lambda: ngettext("widened a drafter's scope by %(num)s section",
                                   "widened a drafter's scope by %(num)s sections", len(c.get("section_ids") or [])),
                        None),
        "scope.revoke": (lambda: _("narrowed a drafter's scope by a section"), None),
    }
    if action in table:
        words, link = table[action]
        return words(), _link(page, link, oid, clause_id, c)
    family, _sep, verb = action.partition(".")
    return f"{verb.replace('_', ' ') or _('changed')} ({family.replace('_', ' ')})", None


def _edit_words(art, language, reason) -> str:
    if language and reason:
        return _("edited %(article)s in %(language)s: %(reason)s", article=art, language=language, reason=reason)
    if language:
        return _("edited %(article)s in %(language)s", article=art, language=language)
    if reason:
        return _("edited %(article)s: %(reason)s", article=art, reason=reason)
    return _("edited %(article)s", article=art)


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
    decision = term(c["decision"]) if c.get("decision") else _("reviewed")
    art = art or _("a clause")
    if c.get("assignee_id"):
        words = _("%(decision)s a compliance finding on %(article)s to the %(assignee)s", decision=decision,
                  article=art, assignee=page.role_of(c["assignee_id"]).lower())
    else:
        words = _("%(decision)s a compliance finding on %(article)s", decision=decision, article=art)
    return _("%(words)s: %(note)s", words=words, note=c["note"]) if c.get("note") else words


def _over_findings_words(c: dict) -> str:
    """The mediator's decision at the circulation gate, as the legal advisers read it."""
    found = c.get("findings") or []
    numbers = sorted({f["number"] for f in found if isinstance(f, dict) and isinstance(f.get("number"), int)})
    where = [_("Article %(number)s", number=n) for n in numbers]
    words = ngettext("confirmed circulating Rev. %(number)s over %(num)s unreviewed finding",
               "confirmed circulating Rev. %(number)s over %(num)s unreviewed findings", len(found),
               number=c.get("number"))
    return _("%(words)s (%(articles)s, as numbered then)", words=words, articles=", ".join(where)) if where else words


def _roundtrip_words(c: dict) -> str:
    counts = c.get("counts") or {}
    done = ", ".join(_("%(num)s %(what)s", num=n, what=_(k.replace('_', ' ')))
                     for k, n in counts.items() if n and k != "conflicts")
    skipped = len(c.get("skipped_conflicts") or [])
    words = (_("took an edited Word copy back in (%(done)s)", done=done) if done
             else _("took an edited Word copy back in (no changes)"))
    if skipped:
        words = ngettext("%(words)s, leaving %(num)s conflicting article as it was",
                   "%(words)s, leaving %(num)s conflicting articles as they were", skipped, words=words)
    return words


def _rename_words(c: dict) -> str:
    title = c.get("title")
    if isinstance(title, list) and len(title) == 2:
        return _("renamed the section %(old)s to %(new)s", old=_quoted(title[0]), new=_quoted(title[1]))
    return _("renamed a section to %(title)s", title=_quoted(title)) if title else _("renamed a section")


def _position_words(page: _Page, c: dict, art: str | None) -> str:
    status = term(c.get("status") or "")
    party = page.party(c.get("party"))
    art = art or _("a clause")
    if c.get("on_behalf"):
        return _("recorded “%(status)s” on behalf of %(party)s on %(article)s", status=status, party=party, article=art)
    return _("recorded “%(status)s” for %(party)s on %(article)s", status=status, party=party, article=art)
