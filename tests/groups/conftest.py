import pytest

from app.extensions import db
from tests.rounds.test_rounds_api import circulate


@pytest.fixture
def talks(client, world, doc):
    """Rev. 1 circulated (sections "General provisions" and "Security") with a deadline ahead."""
    document, sections, clauses = doc
    assert circulate(client, world, document, deadline="2099-01-01T12:00:00Z").status_code == 201
    db.session.commit()
    return document, sections, clauses


def make_group(client, world, sections, members, name="Ceasefire", who="mediator"):
    r = client.post(f"/api/v1/processes/{world.process.slug}/working-groups", headers=world.headers(who),
                    json={"name": name, "section_ids": [s.public_id for s in sections],
                          "members": [world.users[m].email for m in members]})
    assert r.status_code == 201, r.get_json()
    db.session.commit()
    return r.get_json()
