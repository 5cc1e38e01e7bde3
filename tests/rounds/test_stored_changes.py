"""A round stores its comparison with the previous one at circulation; the diff of two
consecutive rounds reads it and must say exactly what comparing the pins says."""
from app.extensions import db
from app.rounds.queries import latest_round

from .test_rounds_api import circulate, edit


def diff(client, world, document, number, **query):
    args = "&".join(f"{k}={v}" for k, v in {"changed_only": 1, **query}.items())
    r = client.get(f"/api/v1/documents/{document.public_id}/rounds/{number}/diff?{args}", headers=world.headers("mediator"))
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_consecutive_diffs_read_the_stored_comparison_and_match_the_pins(client, world, doc):
    document, sections, clauses = doc
    h = world.headers("drafter")
    assert circulate(client, world, document).status_code == 201
    assert latest_round(document.id).changes is None               # nothing to compare the first with
    edit(client, world, clauses[0], "The Parties commit to a just and lasting peace.")
    assert client.post(f"/api/v1/clauses/{clauses[2].public_id}/move", headers=h,
                       json={"section_id": sections[0].public_id, "position": 1}).status_code == 200
    current = client.get(f"/api/v1/clauses/{clauses[1].public_id}", headers=h).get_json()
    client.delete(f"/api/v1/clauses/{clauses[1].public_id}", headers=h, json={"base_version_id": current["version_id"]})
    client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=h,
                json={"section_id": sections[1].public_id, "text": "Monitors shall report weekly."})
    assert circulate(client, world, document).status_code == 201
    second = latest_round(document.id)
    assert second.changes is not None
    stored = diff(client, world, document, 2)
    assert {c["change"] for c in stored["clauses"]} == {"modified", "removed", "added", "moved"}
    second.changes = None                                          # as for a round from before
    db.session.commit()
    compared = diff(client, world, document, 2)
    assert stored == compared
    # Non-consecutive rounds and full-text diffs compare the pins.
    edit(client, world, clauses[0], "The Parties commit to peace.")
    assert circulate(client, world, document).status_code == 201
    assert diff(client, world, document, 3, **{"from": 1})["summary"]["clauses_changed"] == 4
    full = client.get(f"/api/v1/documents/{document.public_id}/rounds/3/diff", headers=world.headers("mediator")).get_json()
    assert [c["change"] for c in full["clauses"]].count("unchanged") == diff(client, world, document, 3)["summary"]["unchanged"]
