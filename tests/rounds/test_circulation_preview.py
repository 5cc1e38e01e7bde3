"""A safe circulation: the preview of the next round (diff, findings, counts, each
recipient's view), the confirmation that names the counts, and what parties learn of
it (nothing: the preview answers them as a missing document does)."""
import re

from app.extensions import db
from tests.db_state import db_state
from tests.helpers import login
from tests.rounds.test_rounds_api import circulate, edit

AMNESTY = ("All members of the armed forces shall be granted a full amnesty for all acts committed "
           "in the course of the conflict.")


def preview(client, world, document, who="mediator", party=None):
    query = f"?party={party}" if party else ""
    return client.get(f"/api/v1/documents/{document.public_id}/rounds/preview{query}", headers=world.headers(who))


def test_the_preview_as_a_party_is_what_the_party_gets_after_circulation(client, world, doc):
    document, _, clauses = doc
    assert circulate(client, world, document).status_code == 201
    edit(client, world, clauses[1], "A ceasefire shall enter into force in 72 hours.")
    r = preview(client, world, document, party="alpha")
    assert r.status_code == 200
    body = r.get_json()
    assert body["next_round"] == 2 and body["from"] == 1
    assert body["counts"] == {"clauses_changed": 1, "open_findings": 0}
    assert [c["clause_id"] for c in body["clauses"]] == [clauses[1].public_id]
    assert body["party"]["slug"] == "alpha"
    assert {p["slug"] for p in body["recipients"]} == {"alpha", "beta", "watchers"}
    before = body["receives"]
    observers = preview(client, world, document, party="watchers").get_json()["receives"]
    assert circulate(client, world, document).status_code == 201
    for who, seen in (("delegate_a", before), ("observer", observers)):
        got = client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers(who)).get_json()
        assert got["round"] == seen["round"] == 2
        assert got["sections"] == seen["sections"]
        assert {k: v for k, v in got.items() if k != "rounds"} == {k: v for k, v in seen.items() if k != "rounds"}
        assert [r["number"] for r in got["rounds"]] == [r["number"] for r in seen["rounds"]]
        assert seen["rounds"][-1]["circulated_at"] is None


def test_the_first_round_preview_counts_every_clause_and_the_open_findings(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[2], AMNESTY)
    body = preview(client, world, document, who="drafter").get_json()
    assert body["next_round"] == 1 and body["from"] is None
    assert body["counts"]["clauses_changed"] == 3
    assert body["counts"]["open_findings"] >= 1
    assert {f["clause_id"] for f in body["findings"]} == {clauses[2].public_id}
    assert body["confirmation"] == f"3:{body['counts']['open_findings']}"
    assert "receives" not in body


def test_parties_and_observers_get_the_preview_as_a_missing_document(client, world, doc):
    document, _, _ = doc
    circulate(client, world, document)
    for who in ("delegate_a", "delegate_b", "observer", "outsider"):
        for query in ("", "?party=alpha", "?party=nobody"):
            got = client.get(f"/api/v1/documents/{document.public_id}/rounds/preview{query}", headers=world.headers(who))
            missing = client.get(f"/api/v1/documents/999999/rounds/preview{query}", headers=world.headers(who))
            assert got.status_code == missing.status_code == 404
            assert got.get_data() == missing.get_data()
            assert dict(got.headers) == dict(missing.headers)
    assert preview(client, world, document, party="nobody").status_code == 404


def test_the_preview_pages_show_the_diff_each_recipient_and_the_counts(client, world, doc):
    document, _, clauses = doc
    circulate(client, world, document)
    edit(client, world, clauses[0], "The Parties commit to a lasting peace.")
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/preview?party=beta").get_data(as_text=True)
    assert "Rev. 2" in page and "Beta Movement" in page and "lasting" in page
    assert re.search(r"1 clause changed", page)
    index = client.get(f"/documents/{document.public_id}/rounds").get_data(as_text=True)
    assert 'name="confirm_counts" value="1:0"' in index
    assert "1 clause changed since Rev. 1" in index and "0 open findings" in index


def test_preview_pages_do_not_exist_for_parties(make_client, world, doc):
    document, _, _ = doc
    circulate(make_client(), world, document)
    for who in ("delegate_a", "observer"):
        client = make_client()
        login(client, world.users[who])
        got = client.get(f"/documents/{document.public_id}/rounds/preview?party=alpha")
        missing = client.get("/documents/999999/rounds/preview?party=alpha")
        assert got.status_code == missing.status_code == 404
        assert got.get_data() == missing.get_data()


def test_circulating_without_the_confirmation_keeps_the_note_and_changes_nothing(client, world, doc):
    document, _, clauses = doc
    login(client, world.users["mediator"])
    before = db_state()
    r = client.post(f"/documents/{document.public_id}/rounds", data={"note": "For the parties, with care"})
    assert r.status_code == 303
    assert db_state() == before
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "For the parties, with care" in page and "tick the box" in page
    before = db_state()         # reading the page brought the findings up to date
    # A confirmation of other counts (the draft moved since) is refused too.
    r = client.post(f"/documents/{document.public_id}/rounds", data={"note": "Again", "confirm_counts": "2:0"})
    assert r.status_code == 303 and db_state() == before
    assert "Again" in client.get(r.headers["Location"]).get_data(as_text=True)
    r = client.post(f"/documents/{document.public_id}/rounds", data={"note": "Now", "confirm_counts": "3:0"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/rounds/1")
    db.session.expire_all()
