"""A circulated round with what each side wrote on it: the ground for comments tests."""
from dataclasses import dataclass

import pytest

from app.comments.operations import add_note, add_reply, create_submission, set_disposition
from app.extensions import db
from app.processes.models import Role
from app.processes.permissions import Access
from app.rounds.operations import circulate_round


@dataclass
class Talks:
    document: object
    clauses: list
    round: object
    a_proposal: object      # submitted by party A, answered, with a disposition
    a_draft: object         # party A's draft, shared inside party A only
    b_comment: object       # submitted by party B
    view: object            # the observer group's view
    note: object            # the team's internal note


def access(world, who):
    role = {"mediator": Role.mediator, "drafter": Role.drafter, "legal": Role.legal_adviser,
            "observer": Role.observer}.get(who, Role.delegate)
    party = {"delegate_a": "a", "delegate_a2": "a", "delegate_b": "b", "observer": "obs"}.get(who)
    return Access(world.users[who].id, world.process, role, world.parties[party].id if party else None)


@pytest.fixture
def talks(world, doc):
    document, _, clauses = doc
    users = world.users
    round_ = circulate_round(document, actor=users["mediator"])
    a_proposal = create_submission(access(world, "delegate_a"), clauses[1], kind="proposal",
                                   body="Alpha-secret: 72 hours is too short.",
                                   proposed_text="A ceasefire shall enter into force in 7 days.",
                                   draft=False, actor=users["delegate_a"])
    a_draft = create_submission(access(world, "delegate_a"), clauses[0], kind="comment",
                                body="Alpha-draft: internal wording idea.", proposed_text=None,
                                draft=True, actor=users["delegate_a"])
    b_comment = create_submission(access(world, "delegate_b"), clauses[1], kind="reservation",
                                  body="Beta-secret: we reserve on the ceasefire.", proposed_text=None,
                                  draft=False, actor=users["delegate_b"])
    view = create_submission(access(world, "observer"), clauses[2], kind="view",
                             body="Watchers-view: include women monitors.", proposed_text=None,
                             draft=False, actor=users["observer"])
    team = access(world, "mediator")
    add_reply(team, a_proposal, "Team-reply-to-alpha: we will consider 7 days.", actor=users["mediator"])
    set_disposition(team, a_proposal, "deferred", "Disposition-reason-alpha", actor=users["mediator"])
    note = add_note(team, clauses[1], "Team-note: both sides can live with 5 days.", actor=users["mediator"])
    db.session.commit()
    return Talks(document, clauses, round_, a_proposal, a_draft, b_comment, view, note)
