"""Who may do what in a process: the one place that maps roles to abilities.

Feature permissions (drafting, comments, ...) build on `Access`. A user who is not a
member of a process cannot see it at all, so they get 404 from `access_or_404`.
Site administrators manage users and processes but read no process content unless
they are also members: confidentiality is by membership, not by rank.

The system (`system_access`: the server's command line and its background jobs) is a
third kind of caller: no user, no membership and no role, so every rule that asks for a
role refuses it. It is granted by name, here and in the features' permissions, exactly
what those jobs and commands do, and nothing else:

- it reads a process's content as the mediation team sees it, to write the files the
  team keeps and sends (`reads_as_team`): the round archive's copies (the team's clean
  text and redline, each party's copy), the command line's exports (`export`,
  `export-akn`), and the Word comments an import brings in as internal notes;
- it writes nothing that speaks for a member: no position, submission, reply, decision,
  conclusion, process setting or finding review (those ask for a role: refused).

Commands that change the text (`import-docx`, `circulate`) are the server operators'
door, like the mediator's page: they authorise themselves by being run on the server and
record the system as the actor (audit.operations.acting_as_system; in the log "System",
`actor: null` with `actor_kind: "system"` in the API).
"""
from dataclasses import dataclass

from flask import g
from sqlalchemy import select

from ..errors import Forbidden, NotFound
from ..extensions import db
from .models import Membership, Party, PartyKind, Process, Role, TEAM_ROLES


@dataclass(frozen=True)
class Access:
    """The caller's standing in one process: a member's (a role), or the server's own
    (`system_access`: no user and no role; `system` says what it is doing)."""

    user_id: int | None
    process: Process
    role: Role | None               # None only for the system
    party_id: int | None
    system: str | None = None       # audit.operations.COMMAND_LINE or BACKGROUND_JOB

    @property
    def is_system(self) -> bool:
        return self.system is not None

    @property
    def is_team(self) -> bool:
        return self.role in TEAM_ROLES

    @property
    def is_mediator(self) -> bool:
        return self.role == Role.mediator

    @property
    def is_delegate(self) -> bool:
        return self.role == Role.delegate

    @property
    def is_observer(self) -> bool:
        return self.role == Role.observer


def access_for(user, process: Process) -> Access | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cache = g.setdefault("_access_cache", {})
    key = (user.id, process.id)
    if key not in cache:
        membership = db.session.scalar(select(Membership).where(
            Membership.user_id == user.id, Membership.process_id == process.id))
        cache[key] = None if membership is None else Access(
            user.id, process, membership.role, membership.party_id)
    return cache[key]


def access_or_404(user, process: Process | None) -> Access:
    access = access_for(user, process) if process is not None else None
    if access is None:
        raise NotFound()
    return access


def process_access_or_404(user, slug: str) -> Access:
    process = db.session.scalar(select(Process).where(Process.slug == slug))
    return access_or_404(user, process)


def visible_processes(user) -> list[tuple[Process, Membership]]:
    rows = db.session.execute(
        select(Process, Membership).join(Membership, Membership.process_id == Process.id)
        .where(Membership.user_id == user.id).order_by(Process.title)
    ).all()
    return [(p, m) for p, m in rows]


def visible_parties(access: Access) -> list[Party]:
    """The team sees every party and observer group; a party delegate or observer sees the
    list of parties to the talks (public knowledge) and its own group, nothing about users."""
    parties = access.process.parties
    if access.is_team:
        return list(parties)
    return [p for p in parties if p.kind == PartyKind.party or p.id == access.party_id]


# Abilities by role. Object-level rules (own party, round open, ...) live in the features.
def can_view_working_draft(access: Access) -> bool:
    return access.is_team


def can_edit_text(access: Access) -> bool:
    return access.role in (Role.mediator, Role.drafter)


def can_circulate(access: Access) -> bool:
    return access.is_mediator


def can_manage_process(access: Access) -> bool:
    return access.is_mediator


def require_process_manager(access: Access) -> None:
    """The process settings: the mediator only; the rest of the members are told why."""
    if not can_manage_process(access):
        raise Forbidden("Only the mediator changes the process settings.")


def system_access(process: Process, what: str) -> Access:
    """The server itself at work in a process: a command its operators run, or one of its
    background jobs (`what`). No user, no membership, no role: it may do only what the
    module's docstring lists, each granted by name (`reads_as_team`). In the audit log its
    entries are the system's ("system: <what>", audit.operations.acting_as_system)."""
    if not what:
        raise ValueError("system_access needs to say what the system is doing")
    return Access(None, process, None, None, system=what)


def reads_as_team(access: Access) -> bool:
    """Whether the caller reads the process's content as the mediation team sees it: a team
    member, or the system writing the team's files (archive, exports, imported notes)."""
    return access.is_team or access.is_system


def can_view_internal(access: Access) -> bool:
    """Internal notes, findings, compilations, the audit log: the mediation team only."""
    return access.is_team


def can_review_findings(access: Access) -> bool:
    return access.role == Role.legal_adviser


def can_answer_submissions(access: Access) -> bool:
    return access.role in (Role.mediator, Role.drafter)


def can_submit(access: Access) -> bool:
    return access.is_delegate or (access.is_observer and access.process.observers_may_submit)


def can_set_position_for(access: Access, party: Party) -> bool:
    if party.process_id != access.process.id or party.kind != PartyKind.party:
        return False
    return access.is_mediator or (access.is_delegate and access.party_id == party.id)
