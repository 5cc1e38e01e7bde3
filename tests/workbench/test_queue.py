"""The team's queue: per document and round, what waits on the team, with links; the
same as JSON; nothing of it for parties and observers (not on their home page, and the
API answers them as for a missing process)."""
import re

import pytest

from tests.helpers import login
from tests.rounds.test_rounds_api import circulate

SECRET_A = "Alpha-queue-secret"
SECRET_B = "Beta-queue-secret"


def comment(client, world, who, clause, kind="comment", body="A remark.", proposed=None):
    r = client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers(who),
                    json={"kind": kind, "body": body, **({"proposed_text": proposed} if proposed else {})})
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


@pytest.fixture
def queued(client, world, doc):
    document, _, clauses = doc
    assert circulate(client, world, document, deadline="2099-01-01T12:00:00Z").status_code == 201
    ids = {
        "question": comment(client, world, "delegate_a", clauses[0], "question", f"{SECRET_A}: what is meant?"),
        "proposal": comment(client, world, "delegate_b", clauses[1], "proposal", f"{SECRET_B}: seven days",
                            "A ceasefire shall enter into force in 7 days."),
        "answered": comment(client, world, "delegate_a", clauses[2], "comment", "Answered already"),
    }
    r = client.post(f"/api/v1/submissions/{ids['answered']}/replies", headers=world.headers("mediator"),
                    json={"body": "Noted."})
    assert r.status_code == 201, r.get_json()
    return document, clauses, ids


def test_the_api_queue_lists_what_waits_per_document_and_round(client, world, queued):
    document, clauses, ids = queued
    r = client.get(f"/api/v1/processes/{world.process.slug}/queue", headers=world.headers("drafter"))
    assert r.status_code == 200
    (entry,) = [d for d in r.get_json()["documents"] if d["id"] == document.public_id]
    assert entry["counts"] == {"unanswered": 2, "undecided": 1, "open_findings": 0}
    assert entry["deadline"].startswith("2099-01-01T12:00")
    (rev1,) = entry["rounds"]
    assert rev1["number"] == 1
    assert {i["submission_id"] for i in rev1["unanswered"]} == {ids["question"], ids["proposal"]}
    (proposal,) = rev1["undecided"]
    assert proposal["submission_id"] == ids["proposal"] and proposal["party"] == "beta"
    assert proposal["article"] == "Article 2"
    assert proposal["url"] == (f"/documents/{document.public_id}/rounds/1?respond={clauses[1].public_id}"
                               f"#s-{ids['proposal']}")
    # A disposition takes the proposal out of both lists.
    d = client.post(f"/api/v1/submissions/{ids['proposal']}/disposition", headers=world.headers("mediator"),
                    json={"decision": "not_accepted", "reason": "Seventy-two hours stands."})
    assert d.status_code == 201, d.get_json()
    entry = next(d for d in client.get(f"/api/v1/processes/{world.process.slug}/queue",
                                       headers=world.headers("mediator")).get_json()["documents"]
                 if d["id"] == document.public_id)
    assert entry["counts"] == {"unanswered": 1, "undecided": 0, "open_findings": 0}


def test_the_home_page_shows_the_queue_with_links_to_where_items_are_answered(client, world, queued):
    document, clauses, ids = queued
    login(client, world.users["mediator"])
    home = client.get("/").get_data(as_text=True)
    assert "Waiting on the team" in home
    assert re.search(r'data-state="unanswered">2 submissions not yet answered', home)
    assert re.search(r'data-state="undecided">1 proposal without a disposition', home)
    link = f'href="/documents/{document.public_id}/rounds/1?respond={clauses[1].public_id}#s-{ids["proposal"]}"'
    assert link in home
    target = client.get(f"/documents/{document.public_id}/rounds/1?respond={clauses[1].public_id}").get_data(as_text=True)
    assert f'id="s-{ids["proposal"]}"' in target and "disposition" in target


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "outsider"])
def test_parties_and_observers_have_no_team_queue(make_client, world, queued, who):
    client = make_client()
    got = client.get(f"/api/v1/processes/{world.process.slug}/queue", headers=world.headers(who))
    missing = client.get("/api/v1/processes/no-such-process/queue", headers=world.headers(who))
    assert got.status_code == missing.status_code == 404
    assert got.get_data() == missing.get_data()
    login(client, world.users[who])
    home = client.get("/").get_data(as_text=True)
    assert "Waiting on the team" not in home and "not yet answered" not in home
    assert "without a disposition" not in home and "open finding" not in home
    own = {"delegate_a": SECRET_A, "delegate_b": SECRET_B}.get(who)
    for secret in (SECRET_A, SECRET_B):
        if secret != own:
            assert secret not in home


def test_the_legal_adviser_reads_the_queue_and_keeps_the_findings_queue_at_home(client, world, queued):
    r = client.get(f"/api/v1/processes/{world.process.slug}/queue", headers=world.headers("legal"))
    assert r.status_code == 200
    login(client, world.users["legal"])
    home = client.get("/").get_data(as_text=True)
    assert "Findings to review" in home and "Waiting on the team" not in home
