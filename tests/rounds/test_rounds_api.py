"""Rounds through the API: circulation, immutable snapshots, what parties see, diffs."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from app.extensions import db
from tests.db_state import db_state
from app.rounds.models import Round
from app.rounds.textdiff import apply_ops_new, apply_ops_old


def circulate(client, world, document, who="mediator", **body):
    return client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers(who), json=body)


def edit(client, world, clause, text):
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": current["version_id"]})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def texts(body):
    return [c["text"] for s in body["sections"] for c in s["clauses"]]


def test_circulation_freezes_the_text_and_parties_only_see_rounds(client, world, doc):
    document, _, clauses = doc
    r = circulate(client, world, document, deadline="2099-01-01T12:00:00Z")
    assert r.status_code == 201 and r.get_json()["number"] == 1
    frozen = texts(client.get(f"/api/v1/documents/{document.public_id}?round=1", headers=world.headers("mediator")).get_json())
    edit(client, world, clauses[0], "The Parties commit to a just peace.")
    # The team's working draft moved on; the round did not.
    assert texts(client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers("drafter")).get_json())[0] \
        == "The Parties commit to a just peace."
    assert texts(client.get(f"/api/v1/documents/{document.public_id}?round=1", headers=world.headers("drafter")).get_json()) == frozen
    # A delegate gets the latest round whatever they ask for; never the working draft.
    for query in ("", "?round=1"):
        body = client.get(f"/api/v1/documents/{document.public_id}{query}", headers=world.headers("delegate_a")).get_json()
        assert body["round"] == 1 and body["working_draft"] is False
        assert texts(body) == frozen
    assert client.get(f"/api/v1/documents/{document.public_id}?round=2", headers=world.headers("delegate_a")).status_code == 404


def test_only_the_mediator_circulates(client, world, doc):
    document, _, _ = doc
    assert circulate(client, world, document, who="drafter").status_code == 403
    assert circulate(client, world, document, who="legal").status_code == 403
    assert circulate(client, world, document, who="delegate_a").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Round)) == 0


def test_unchanged_round_is_refused_unless_asked_and_then_says_so(client, world, doc):
    document, _, _ = doc
    assert circulate(client, world, document).status_code == 201
    r = circulate(client, world, document)
    assert r.status_code == 409 and r.get_json()["error"] == "unchanged"
    r = circulate(client, world, document, allow_unchanged=True)
    assert r.status_code == 201
    assert r.get_json()["summary"]["unchanged"] is True and "Nothing changed" in r.get_json()["message"]


@pytest.mark.parametrize("deadline", ["2001-01-01T00:00:00Z", "tomorrow", 5])
def test_bad_deadlines_are_refused(client, world, doc, deadline):
    document, _, _ = doc
    assert circulate(client, world, document, deadline=deadline).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Round)) == 0


def test_close_round(client, world, doc):
    document, _, _ = doc
    circulate(client, world, document)
    url = f"/api/v1/documents/{document.public_id}/rounds/1/close"
    world.headers("drafter")
    before = db_state()
    assert client.post(url, headers=world.headers("drafter")).status_code == 403
    assert db_state() == before
    r = client.post(url, headers=world.headers("mediator"))
    assert r.status_code == 200 and r.get_json()["closed"] is True
    before = db_state()
    assert client.post(url, headers=world.headers("mediator")).status_code == 409
    assert db_state() == before


def test_round_diff_classifies_clauses_and_gives_word_ops(client, world, doc):
    document, sections, clauses = doc
    circulate(client, world, document)
    edit(client, world, clauses[1], "A ceasefire shall enter into force in 72 hours.")
    h = world.headers("drafter")
    client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=h,
                json={"section_id": sections[1].public_id, "text": "Mines shall be cleared."})
    current = client.get(f"/api/v1/clauses/{clauses[0].public_id}", headers=h).get_json()
    client.delete(f"/api/v1/clauses/{clauses[0].public_id}", headers=h, json={"base_version_id": current["version_id"]})
    circulate(client, world, document)
    body = client.get(f"/api/v1/documents/{document.public_id}/rounds/2/diff",
                      headers=world.headers("delegate_b")).get_json()
    changes = {c["clause_id"]: c["change"] for c in body["clauses"]}
    assert changes[clauses[0].public_id] == "removed"
    assert changes[clauses[1].public_id] == "modified"
    assert changes[clauses[2].public_id] == "unchanged"
    assert sorted(changes.values()).count("added") == 1
    modified = next(c for c in body["clauses"] if c["change"] == "modified")
    assert apply_ops_old(modified["ops"]) == "A ceasefire shall enter into force [in 72 hours / in 7 days]."
    assert apply_ops_new(modified["ops"]) == "A ceasefire shall enter into force in 72 hours."
    assert [-1, "["] in modified["ops"] or any(op == -1 and "[" in t for op, t in modified["ops"])
    summary = body["summary"]
    assert summary["added"] == 1 and summary["removed"] == 1 and summary["modified"] == 1
    assert summary["brackets_closed"] == 1
    assert client.get(f"/api/v1/documents/{document.public_id}/rounds/2/diff?from=9",
                      headers=world.headers("mediator")).status_code == 404


_pieces = st.sampled_from(["the", "Parties", "shall", " ", " ", ",", ".", ";", "\n", "Ωμέγα",
                           "мир", "和平", "سلام", "शांति", "(a)", "72"])
_text = st.lists(_pieces, max_size=14).map("".join).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=_text, new=_text)
def test_diff_ops_rebuild_both_rounds(client, world, doc, old, new):
    """Property: the API's ops for a modified clause apply to the old text to give the new."""
    document, sections, _ = doc
    h = world.headers("drafter")
    clause = client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=h,
                         json={"section_id": sections[0].public_id, "text": old}).get_json()
    first = circulate(client, world, document, allow_unchanged=True).get_json()["number"]
    if old != new:
        client.patch(f"/api/v1/clauses/{clause['id']}", headers=h,
                     json={"text": new, "base_version_id": clause["version_id"]})
    second = circulate(client, world, document, allow_unchanged=True).get_json()["number"]
    body = client.get(f"/api/v1/documents/{document.public_id}/rounds/{second}/diff?from={first}",
                      headers=world.headers("mediator")).get_json()
    entry = next(c for c in body["clauses"] if c["clause_id"] == clause["id"])
    assert apply_ops_old(entry["ops"]) == old
    assert apply_ops_new(entry["ops"]) == new
