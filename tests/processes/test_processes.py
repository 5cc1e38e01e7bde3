"""Processes: each caller sees only the processes they belong to, and parties see no
more of a process than they should."""
import pytest

from tests.helpers import login


def test_list_shows_only_member_processes(client, world):
    body = client.get("/api/v1/processes", headers=world.headers("delegate_a")).get_json()
    assert body == {"processes": [{"slug": "testland", "title": "Testland Talks", "role": "delegate"}]}


@pytest.mark.parametrize("who,parties", [
    ("mediator", {"alpha", "beta", "watchers"}),
    ("delegate_a", {"alpha", "beta"}),
    ("observer", {"alpha", "beta", "watchers"}),
])
def test_process_detail_parties_by_role(client, world, who, parties):
    body = client.get("/api/v1/processes/testland", headers=world.headers(who)).get_json()
    assert {p["slug"] for p in body["parties"]} == parties
    assert body["settings"]["nauea"] is True and body["documents"] == []


def test_non_member_gets_the_same_404_as_for_a_missing_process(client, world):
    hidden = client.get("/api/v1/processes/testland", headers=world.headers("outsider"))
    missing = client.get("/api/v1/processes/no-such-process", headers=world.headers("outsider"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data() == missing.get_data()
    assert hidden.get_json() == {"error": "not_found", "message": "Not found."}


def test_process_page_lists_parties_and_documents(client, make_client, world, doc):
    login(client, world.users["delegate_b"])
    page = client.get("/p/testland").get_data(as_text=True)
    assert "Alpha Government" in page and "Beta Movement" in page
    assert "Watchers Assembly" not in page
    assert "Framework Agreement" not in page        # never circulated: not there for parties
    assert "Create document" not in page
    team = make_client()
    login(team, world.users["drafter"])
    page = team.get("/p/testland").get_data(as_text=True)
    assert "Create document" in page and "Watchers Assembly" in page and "Framework Agreement" in page
    from app.rounds.operations import circulate_round
    from app.extensions import db
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    assert "Framework Agreement" in client.get("/p/testland").get_data(as_text=True)


def test_html_404_for_a_hidden_process(client, world):
    login(client, world.users["outsider"])
    r = client.get("/p/testland")
    assert r.status_code == 404 and "text/html" in r.content_type
