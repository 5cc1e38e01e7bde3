"""The negotiation on the working draft: each clause's submissions, dispositions,
findings, positions and whether it changed since the latest round; the filters
"changed", "contested", "with open findings"; for the team only."""
import pytest

from tests.db_state import db_state
from tests.helpers import login, pid
from tests.rounds.test_rounds_api import circulate, edit
from tests.workbench.test_queue import comment

AMNESTY = ("All members of the armed forces shall be granted a full amnesty for all acts committed "
           "in the course of the conflict.")


@pytest.fixture
def negotiated(client, world, doc):
    """Rev. 1 circulated; Alpha agrees Article 1 and Beta proposes on Article 2 (which holds
    brackets: contested); the draft then changes Article 3 into a blanket amnesty."""
    document, _, clauses = doc
    assert circulate(client, world, document).status_code == 201
    r = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha", headers=world.headers("delegate_a"),
                   json={"status": "agreed", "version_id": pid("version", clauses[0].current_version_id)})
    assert r.status_code == 200, r.get_json()
    proposal = comment(client, world, "delegate_b", clauses[1], "proposal", "Seven days, please.",
                       "A ceasefire shall enter into force in 7 days.")
    d = client.post(f"/api/v1/submissions/{proposal}/disposition", headers=world.headers("mediator"),
                    json={"decision": "deferred", "reason": "Next session."})
    assert d.status_code == 201
    edit(client, world, clauses[2], AMNESTY)
    return document, clauses, proposal


def clauses_of(body):
    return {c["id"]: c for s in body["sections"] for c in s["clauses"]}


def test_the_api_gives_each_clause_its_negotiation(client, world, negotiated):
    document, clauses, proposal = negotiated
    r = client.get(f"/api/v1/documents/{document.public_id}?negotiation=1", headers=world.headers("drafter"))
    assert r.status_code == 200
    got = clauses_of(r.get_json())
    first, second, third = (got[c.public_id]["negotiation"] for c in clauses)
    assert first["positions"] == [{"party": "Alpha Government", "stance": "agreed"}]
    assert first["changed"] is False and first["submissions"] == []
    assert second["status"] == "contested" and second["contested"] is True
    assert second["submissions"] == [{"submission_id": proposal, "kind": "proposal", "party": "beta",
                                      "answered": True, "disposition": "deferred"}]
    assert third["changed"] is True and third["findings"]
    assert third["findings"][0]["severity"] in ("violation", "warning")


@pytest.mark.parametrize("name, expected", [("changed", [2]), ("contested", [1]), ("open_findings", [2])])
def test_the_filters_keep_the_matching_clauses(client, world, negotiated, name, expected):
    document, clauses, _ = negotiated
    body = client.get(f"/api/v1/documents/{document.public_id}?filter={name}", headers=world.headers("mediator")).get_json()
    assert body["filter"] == name
    assert list(clauses_of(body)) == [clauses[i].public_id for i in expected]
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}?filter={name}").get_data(as_text=True)
    shown = [c.public_id for c in clauses if f'id="clause-{c.public_id}"' in page]
    assert shown == [clauses[i].public_id for i in expected]
    assert "negotiation-filters" in page and 'aria-current="page"' in page


def test_the_working_draft_page_shows_the_negotiation_on_each_clause(client, world, negotiated):
    document, clauses, _ = negotiated
    login(client, world.users["drafter"])
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    assert "changed since the latest round" in page
    assert "Alpha Government: agreed" in page
    assert "Beta Movement's proposal: deferred" in page
    assert "1 open finding" in page or "open findings" in page


def test_an_unknown_filter_is_refused_and_changes_nothing(client, world, negotiated):
    document, _, _ = negotiated
    client.get(f"/api/v1/documents/{document.public_id}?negotiation=1", headers=world.headers("mediator"))
    before = db_state()
    r = client.get(f"/api/v1/documents/{document.public_id}?filter=everything", headers=world.headers("mediator"))
    assert r.status_code == 422 and r.get_json()["error"] == "invalid"
    assert db_state() == before


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer"])
def test_parties_get_the_round_whatever_filter_they_ask(make_client, world, negotiated, who):
    document, _, _ = negotiated
    client = make_client()
    plain = client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers(who))
    for query in ("?filter=changed", "?filter=open_findings", "?negotiation=1", "?filter=bogus"):
        got = client.get(f"/api/v1/documents/{document.public_id}{query}", headers=world.headers(who))
        assert got.status_code == 200 and got.get_data() == plain.get_data()
    assert b"negotiation" not in plain.get_data() and b"amnesty" not in plain.get_data()
