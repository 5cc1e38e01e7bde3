"""Who may do what in a process: the one place that maps roles to abilities.

Feature permissions (drafting, comments, ...) build on `Access`. A user who is not a
member of a process cannot see it at all, so they get 404 from `access_or_404`.
Site administrators manage users and processes but read no process content unless
they are also members: confidentiality is by membership, not by rank.
"""
from dataclasses import dataclass

from flask import g
from sqlalchemy import select

from ..errors import Forbidden, NotFound
from ..extensions import db
from .models import Membership, Party, PartyKind, Process, Role, TEAM_ROLES


@dataclass(frozen=True)
class Access:
    """The caller's standing in one process: a member's, or the server's own
    (`system_access`: no user, `system` says what it is doing)."""

    user_id: int | None
    process: Process
    role: Role
    party_id: int | None
    system: str | None = None       # audit.operations.COMMAND_LINE or BACKGROUND_JOB

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
    background jobs (`what`). No user and no membership (user_id None: in the audit log
    the entries are "system: <what>", see audit.operations.acting_as_system); it does the
    mediation team's work, so it has the standing the team gives its mediator."""
    return Access(None, process, Role.mediator, None, system=what)


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
