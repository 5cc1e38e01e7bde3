"""Positions tied to exact wordings, derived status, packages, conclusion and reopening."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db
from tests.helpers import pid
from tests.db_state import db_state


def circulate(client, world, document, **body):
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"), json=body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()["number"]


def status(client, world, document, who="mediator"):
    r = client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers(who))
    assert r.status_code == 200
    return r.get_json()


def clause_status(body, clause):
    return next(c for c in body["clauses"] if c["clause_id"] == clause.public_id)


def put(client, world, who, clause, party, stance, version_id=None, note=None):
    if version_id is None:
        version_id = clause_status(status(client, world, clause.section.document), clause)["version_id"]
    if isinstance(version_id, int) and not isinstance(version_id, bool):
        version_id = pid("version", version_id)
    body = {"status": stance, "version_id": version_id}
    if note is not None:
        body["note"] = note
    return client.put(f"/api/v1/clauses/{clause.public_id}/positions/{party}", headers=world.headers(who), json=body)


def agree_all(client, world, clause):
    assert put(client, world, "delegate_a", clause, "alpha", "agreed").status_code == 200
    assert put(client, world, "delegate_b", clause, "beta", "agreed").status_code == 200


def edit(client, world, clause, text):
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": current["version_id"]})
    assert r.status_code == 200, r.get_json()


@pytest.fixture
def circulated(client, world, doc):
    document, sections, clauses = doc
    circulate(client, world, document)
    return document, sections, clauses


def test_a_clause_is_agreed_when_every_party_agreed_its_wording(client, world, circulated):
    document, _, clauses = circulated
    first = clauses[0]
    assert clause_status(status(client, world, document), first)["status"] == "open"
    assert put(client, world, "delegate_a", first, "alpha", "agreed").status_code == 200
    assert clause_status(status(client, world, document), first)["status"] == "open"
    assert put(client, world, "delegate_b", first, "beta", "agreed").status_code == 200
    body = status(client, world, document)
    assert clause_status(body, first)["status"] == "agreed"
    assert clause_status(body, first)["label"] == "provisionally agreed"
    # Brackets keep a clause contested whatever the parties say.
    agree_all(client, world, clauses[1])
    assert clause_status(status(client, world, document), clauses[1])["status"] == "contested"


def test_an_edit_lapses_positions_and_the_party_is_told_what_changed(client, world, circulated):
    document, _, clauses = circulated
    first = clauses[0]
    agree_all(client, world, first)
    edit(client, world, first, "The Parties commit to a just and lasting peace.")
    team = clause_status(status(client, world, document), first)
    assert team["status"] == "agreed" and team["changed_in_draft"] is True
    assert status(client, world, document)["agreed"] is False       # the draft differs from the round
    # The party hears nothing of the working draft until it is circulated.
    party = status(client, world, document, "delegate_a")
    assert "changed_in_draft" not in clause_status(party, first) and party["look_again"] == []
    circulate(client, world, document)
    body = status(client, world, document)
    assert clause_status(body, first)["status"] == "open"
    assert clause_status(body, first)["positions"]["alpha"]["lapsed"] is True
    party = status(client, world, document, "delegate_a")
    [item] = party["look_again"]
    assert item["clause_id"] == first.public_id and [1, "a just and lasting "] in item["ops"]
    # The history keeps the lapsed position.
    history = client.get(f"/api/v1/clauses/{first.public_id}/positions", headers=world.headers("mediator")).get_json()
    assert [p["status"] for p in history["positions"]] == ["agreed", "agreed"]


def test_a_move_keeps_the_wording_and_the_agreement(client, world, circulated):
    document, sections, clauses = circulated
    agree_all(client, world, clauses[0])
    r = client.post(f"/api/v1/clauses/{clauses[0].public_id}/move", headers=world.headers("drafter"),
                    json={"section_id": sections[1].public_id, "position": 1})
    assert r.status_code == 200, r.get_json()
    circulate(client, world, document)
    assert clause_status(status(client, world, document), clauses[0])["status"] == "agreed"


def test_delete_and_restore_lapse_positions(client, world, circulated):
    document, _, clauses = circulated
    third = clauses[2]
    agree_all(client, world, third)
    current = client.get(f"/api/v1/clauses/{third.public_id}", headers=world.headers("drafter")).get_json()["version_id"]
    assert client.delete(f"/api/v1/clauses/{third.public_id}", headers=world.headers("drafter"),
                         json={"base_version_id": current}).status_code == 200
    circulate(client, world, document)
    assert third.public_id not in [c["clause_id"] for c in status(client, world, document)["clauses"]]
    versions = client.get(f"/api/v1/clauses/{third.public_id}/versions", headers=world.headers("drafter")).get_json()
    ids = [v["id"] for v in sorted(versions["versions"], key=lambda v: v["seq"])]
    first_version, tombstone = ids[0], ids[-1]
    r = client.post(f"/api/v1/clauses/{third.public_id}/restore", headers=world.headers("drafter"),
                    json={"version_id": first_version, "base_version_id": tombstone})
    assert r.status_code in (200, 201), r.get_json()
    circulate(client, world, document)
    restored = clause_status(status(client, world, document), third)
    # The same words, but a new version: the parties must look again.
    assert restored["status"] == "open" and restored["positions"]["alpha"]["lapsed"] is True


def test_packages_are_agreed_whole_and_lapse_whole(client, world, circulated):
    document, _, clauses = circulated
    first, third = clauses[0], clauses[2]
    r = client.post(f"/api/v1/documents/{document.public_id}/packages", headers=world.headers("drafter"),
                    json={"name": "Peace and forces", "clause_ids": [first.public_id, third.public_id]})
    assert r.status_code == 201
    package = r.get_json()["id"]
    # A packaged clause cannot be agreed on its own.
    world.headers("delegate_a")
    before = db_state()
    assert put(client, world, "delegate_a", first, "alpha", "agreed").status_code == 422
    assert db_state() == before
    for who, party in (("delegate_a", "alpha"), ("delegate_b", "beta")):
        r = client.put(f"/api/v1/packages/{package}/positions/{party}", headers=world.headers(who),
                       json={"status": "agreed"})
        assert r.status_code == 200, r.get_json()
    body = status(client, world, document)
    assert clause_status(body, first)["status"] == clause_status(body, third)["status"] == "agreed"
    # A change to one clause lapses the agreement to the whole package.
    edit(client, world, third, "Forces shall withdraw to agreed positions within 30 days.")
    circulate(client, world, document)
    body = status(client, world, document)
    assert clause_status(body, first)["status"] == "open"
    assert clause_status(body, first)["positions"]["alpha"]["lapsed"] is True
    # So does changing what the package holds.
    for who, party in (("delegate_a", "alpha"), ("delegate_b", "beta")):
        client.put(f"/api/v1/packages/{package}/positions/{party}", headers=world.headers(who), json={"status": "agreed"})
    assert clause_status(status(client, world, document), first)["status"] == "agreed"
    r = client.put(f"/api/v1/packages/{package}", headers=world.headers("drafter"),
                   json={"clause_ids": [first.public_id, third.public_id, clauses[1].public_id]})
    assert r.status_code == 200
    assert clause_status(status(client, world, document), first)["status"] == "open"


def test_conclude_locks_the_text_and_reopen_lapses_every_position(client, world, circulated):
    document, _, clauses = circulated
    url = f"/api/v1/documents/{document.public_id}"
    world.headers("mediator"), world.headers("drafter"), world.headers("delegate_a")
    before = db_state()
    r = client.post(url + "/conclude", headers=world.headers("mediator"))
    assert r.status_code == 409 and "not agreed" in r.get_json()["message"]
    assert db_state() == before
    edit(client, world, clauses[1], "A ceasefire shall enter into force in 72 hours.")
    circulate(client, world, document)
    for c in clauses:
        agree_all(client, world, c)
    assert status(client, world, document)["agreed"] is True
    before = db_state()
    assert client.post(url + "/conclude", headers=world.headers("drafter")).status_code == 403
    assert client.post(url + "/conclude", headers=world.headers("delegate_a")).status_code == 404
    assert db_state() == before
    assert client.post(url + "/conclude", headers=world.headers("mediator")).status_code == 200
    body = status(client, world, document, "delegate_b")
    assert body["concluded"] is True and body["nauea"] is False and body["notice"] is None
    assert clause_status(body, clauses[0])["label"] == "agreed"
    current = client.get(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter")).get_json()
    before = db_state()
    r = client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                     json={"text": "Changed after conclusion.", "base_version_id": current["version_id"]})
    assert r.status_code == 409
    assert put(client, world, "delegate_a", clauses[0], "alpha", "open").status_code == 409
    assert client.post(url + "/conclude", headers=world.headers("mediator")).status_code == 409
    assert db_state() == before
    assert client.post(url + "/reopen", headers=world.headers("mediator"), json={"reason": "Annex added"}).status_code == 200
    body = status(client, world, document)
    assert body["agreed"] is False and body["concluded"] is False and body["counts"]["agreed"] == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action.in_(["document.conclude", "document.reopen"]))) == 2


def test_a_confirmed_violation_blocks_concluding_a_un_endorsed_text(client, world, circulated):
    document, _, clauses = circulated
    world.process.un_endorsed = True
    edit(client, world, clauses[1], "An amnesty is granted for all acts committed during the conflict.")
    circulate(client, world, document, confirm_findings=True)
    for c in clauses:
        agree_all(client, world, c)
    assert status(client, world, document)["agreed"] is True
    finding = client.get(f"/api/v1/documents/{document.public_id}/findings", headers=world.headers("legal")).get_json()["findings"][0]
    client.post(f"/api/v1/findings/{finding['id']}/review", headers=world.headers("legal"),
                json={"decision": "confirmed", "reason": "Blanket amnesty."})
    body = status(client, world, document)
    assert body["agreed"] is False and body["blocking_findings"] == 1
    world.headers("mediator")
    before = db_state()
    r = client.post(f"/api/v1/documents/{document.public_id}/conclude", headers=world.headers("mediator"))
    assert r.status_code == 409 and "violation" in r.get_json()["message"]
    assert db_state() == before
    # Parties learn nothing of the legal review.
    assert "blocking_findings" not in status(client, world, document, "delegate_a")


@pytest.mark.parametrize("body, code", [
    ({"status": "maybe"}, 422), ({"status": "reservation"}, 422), ({"status": "agreed", "version_id": "ver_names-nothing"}, 409),
    ({"status": "agreed", "version_id": 1}, 422), ({}, 422)])
def test_bad_positions_change_nothing(client, world, circulated, body, code):
    document, _, clauses = circulated
    version_id = clause_status(status(client, world, document), clauses[0])["version_id"]
    body = {"version_id": version_id, **body}
    world.headers("delegate_a")
    before = db_state()
    r = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha", headers=world.headers("delegate_a"), json=body)
    assert r.status_code == code and r.get_json()["message"]
    assert db_state() == before
    assert clause_status(status(client, world, document), clauses[0])["positions"]["alpha"] is None


def test_a_position_on_an_older_wording_is_refused(client, world, circulated):
    document, _, clauses = circulated
    old = clause_status(status(client, world, document), clauses[0])["version_id"]
    edit(client, world, clauses[0], "The Parties commit to lasting peace.")
    circulate(client, world, document)
    world.headers("delegate_a")
    before = db_state()
    r = put(client, world, "delegate_a", clauses[0], "alpha", "agreed", version_id=old)
    assert r.status_code == 409 and r.get_json()["error"] == "stale_version"
    assert db_state() == before


@pytest.mark.parametrize("who, party, code", [
    ("delegate_a", "alpha", 200), ("delegate_a2", "alpha", 200), ("delegate_a", "beta", 404),
    ("delegate_b", "alpha", 404), ("mediator", "alpha", 200), ("drafter", "alpha", 403),
    ("legal", "alpha", 403), ("observer", "alpha", 404), ("observer", "watchers", 404),
    ("outsider", "alpha", 404), (None, "alpha", 401)])
def test_who_may_set_which_positions(client, world, circulated, who, party, code):
    document, _, clauses = circulated
    version_id = clause_status(status(client, world, document), clauses[0])["version_id"]
    headers = world.headers(who)
    before = db_state()
    r = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/{party}", headers=headers,
                   json={"status": "agreed", "version_id": version_id})
    assert r.status_code == code
    if code != 200:
        assert db_state() == before
    if code == 200:
        assert r.get_json()["on_behalf"] is (who == "mediator")


def test_parties_see_their_own_positions_and_agreed_by_all_only(client, world, circulated):
    document, _, clauses = circulated
    put(client, world, "delegate_b", clauses[0], "beta", "reservation", note="Beta-secret-reason")
    put(client, world, "delegate_a", clauses[2], "alpha", "agreed")
    a = status(client, world, document, "delegate_a")
    raw = client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers("delegate_a")).get_data(as_text=True)
    assert "Beta-secret-reason" not in raw and "positions" not in clause_status(a, clauses[0])
    # Another party's reservation does not show through the status either.
    assert clause_status(a, clauses[0])["status"] == "open"
    assert clause_status(a, clauses[2])["own"]["status"] == "agreed"
    history = client.get(f"/api/v1/clauses/{clauses[0].public_id}/positions", headers=world.headers("delegate_a")).get_json()
    assert history["positions"] == []
    # The mediator shares the matrix for a joint session.
    client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                 json={"status_matrix_shared": True})
    shared = status(client, world, document, "delegate_a")
    assert clause_status(shared, clauses[0])["positions"]["beta"]["status"] == "reservation"
    # Without the matrix (?positions=0) a party is still shown its own reservation.
    lean = client.get(f"/api/v1/documents/{document.public_id}/status?positions=0", headers=world.headers("delegate_b"))
    assert clause_status(lean.get_json(), clauses[0])["status"] == "contested"
    # Observers hear of the status only when the mediator shares it with them.
    assert client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers("observer")).status_code == 404
    client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                 json={"status_shared_with_observers": True})
    observer = status(client, world, document, "observer")
    assert "own" not in clause_status(observer, clauses[0]) or clause_status(observer, clauses[0])["own"] is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stances=st.lists(st.tuples(st.sampled_from(["open", "reservation", "agreed", None]),
                                  st.sampled_from(["open", "reservation", "agreed", None])), min_size=3, max_size=3))
def test_the_document_is_agreed_exactly_when_the_definition_holds(client, world, circulated, stances):
    document, _, clauses = circulated
    for clause, (a, b) in zip(clauses, stances):
        for who, party, stance in (("delegate_a", "alpha", a), ("delegate_b", "beta", b)):
            if stance is not None:
                put(client, world, who, clause, party, stance, note="why" if stance == "reservation" else None)
    body = status(client, world, document)
    expected = {}
    for clause in clauses:
        item = clause_status(body, clause)
        mine = {p: (item["positions"][p] or {}).get("status") for p in ("alpha", "beta")}
        if item["brackets"] or "reservation" in mine.values():
            expected[clause.id] = "contested"
        elif all(v == "agreed" for v in mine.values()):
            expected[clause.id] = "agreed"
        else:
            expected[clause.id] = "open"
        assert item["status"] == expected[clause.id]
    assert body["agreed"] == all(v == "agreed" for v in expected.values())
    assert body["agreed"] is False          # clause 2 keeps its brackets in this fixture
