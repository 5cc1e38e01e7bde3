"""A circulated round with what each side wrote on it, and words found in one place only.

| word         | where                                        | who may find it           |
|--------------|----------------------------------------------|---------------------------|
| ceasefire    | clause 2, in Rev. 1 and the working draft     | everyone in the process   |
| zephyrine    | party A's submitted proposal                 | the team, party A         |
| marmotvale   | party A's draft                              | party A only              |
| quokkaland   | party B's submitted reservation              | the team, party B         |
| watcherword  | the observer group's view                    | the team, the observers   |
| hushnote     | the team's internal note                     | the team                  |
| draftonly    | clause 3 as edited in the working draft       | the team                  |
"""
from dataclasses import dataclass

import pytest

from app.comments.operations import add_note, create_submission
from app.drafting.operations import edit_clause
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.security.scene import access


@dataclass
class Scene:
    document: object
    sections: list
    clauses: list
    round: object


@pytest.fixture
def scene(world, doc):
    document, sections, clauses = doc
    round_ = circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    return Scene(document, sections, clauses, round_)


def write_a(world, scene):
    """Party A's items (before anyone else writes)."""
    a = access(world, "delegate_a")
    proposal = create_submission(a, scene.clauses[1], kind="proposal", body="Alpha asks for zephyrine monitors.",
                                 proposed_text="A ceasefire shall enter into force in 7 days.", draft=False,
                                 actor=world.users["delegate_a"])
    draft = create_submission(a, scene.clauses[0], kind="comment", body="Alpha draft: marmotvale wording.",
                              proposed_text=None, draft=True, actor=world.users["delegate_a"])
    db.session.commit()
    return proposal, draft


def write_others(world, scene):
    """What party A must never find: B's item, the observers' view, the team's note and
    working-draft edit."""
    b = create_submission(access(world, "delegate_b"), scene.clauses[1], kind="reservation",
                          body="Beta reserves: quokkaland guarantees and the ceasefire zephyrine.",
                          proposed_text=None, draft=False, actor=world.users["delegate_b"])
    view = create_submission(access(world, "observer"), scene.clauses[2], kind="view",
                             body="Watchers: watcherword monitors.", proposed_text=None, draft=False,
                             actor=world.users["observer"])
    note = add_note(access(world, "mediator"), scene.clauses[1], "Team: hushnote compromise on the ceasefire.",
                    actor=world.users["mediator"])
    clause = scene.clauses[2]
    edit_clause(clause.id, "Forces shall withdraw to agreed positions under draftonly supervision.",
                clause.current_version_id, actor=world.users["drafter"])
    db.session.commit()
    return b, view, note


@pytest.fixture
def talks(world, scene):
    a_items = write_a(world, scene)
    others = write_others(world, scene)
    return scene, a_items, others


def search(client, world, who, **params):
    params.setdefault("process", world.process.slug)
    return client.get("/api/v1/search", query_string=params, headers=world.headers(who))


def found(client, world, who, **params):
    r = search(client, world, who, **params)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()
