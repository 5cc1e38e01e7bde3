"""The working draft through the API: versions, stale edits, tombstones, numbering,
brackets, limits, and who may see and write what."""
import pytest
from sqlalchemy import func, select

from tests.helpers import pid
from app.drafting.models import ClauseVersion
from app.extensions import db
from tests.db_state import db_state


def count_versions():
    return db.session.scalar(select(func.count()).select_from(ClauseVersion))


def _public(kind, value):
    """Ids as the API takes them: the public id of a row (an int here), or as given."""
    return pid(kind, value) if isinstance(value, int) and not isinstance(value, bool) else value


def patch(client, world, clause_id, text, base, who="drafter", **extra):
    return client.patch(f"/api/v1/clauses/{_public('clause', clause_id)}", headers=world.headers(who),
                        json={"text": text, "base_version_id": _public("version", base), **extra})


def test_team_reads_the_working_draft_with_computed_numbers(client, world, doc):
    document, _, clauses = doc
    body = client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers("drafter")).get_json()
    assert body["working_draft"] is True and body["rounds"] == []
    numbers = [(c["id"], c["number"]) for s in body["sections"] for c in s["clauses"]]
    assert numbers == [(clauses[0].public_id, 1), (clauses[1].public_id, 2), (clauses[2].public_id, 3)]
    assert body["sections"][0]["clauses"][1]["brackets"] == 1
    assert body["sections"][0]["clauses"][1]["options"] == 2


def test_edit_writes_a_new_immutable_version(client, world, doc):
    _, _, clauses = doc
    clause = clauses[0]
    first = clause.current_version_id
    r = patch(client, world, clause.id, "The Parties commit to a lasting peace.", first, reason="Stronger")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["version_id"] != pid("version", first)
    old = db.session.get(ClauseVersion, first)
    assert old.text == "The Parties commit to peace."     # untouched
    versions = client.get(f"/api/v1/clauses/{clause.public_id}/versions",
                          headers=world.headers("drafter")).get_json()["versions"]
    assert [v["seq"] for v in versions] == [2, 1]
    assert versions[0]["reason"] == "Stronger" and versions[0]["author"] == "Drafter"


def test_stale_base_is_refused_with_the_current_text_and_nothing_changes(client, world, doc):
    _, _, clauses = doc
    clause = clauses[0]
    base = clause.current_version_id
    assert patch(client, world, clause.id, "Version by drafter.", base).status_code == 200
    before = count_versions()
    world.headers("mediator")
    state = db_state()
    r = patch(client, world, clause.id, "Version by mediator.", base, who="mediator")
    assert r.status_code == 409
    body = r.get_json()
    assert body["error"] == "stale_version"
    assert body["text"] == "Version by drafter."
    assert body["version_id"] != pid("version", base)
    assert count_versions() == before
    assert db_state() == state


def test_unbalanced_brackets_are_refused_with_the_position(client, world, doc):
    _, _, clauses = doc
    before = count_versions()
    world.headers("drafter")
    state = db_state()
    r = patch(client, world, clauses[0].id, "The Parties [shall commit to peace.",
              clauses[0].current_version_id)
    assert r.status_code == 422
    body = r.get_json()
    assert body["error"] == "unbalanced_brackets" and body["position"] == 12
    assert "character 13" in body["message"]
    assert count_versions() == before
    assert db_state() == state


@pytest.mark.parametrize("text,status", [("", 422), ("   ", 422), (12, 422), (None, 422)])
def test_empty_or_wrong_text_is_refused(client, world, doc, text, status):
    _, _, clauses = doc
    world.headers("drafter")
    before = db_state()
    assert patch(client, world, clauses[0].id, text, clauses[0].current_version_id).status_code == status
    assert db_state() == before


def test_text_over_the_limit_is_refused_and_the_limit_itself_works(client, world, doc, app):
    _, _, clauses = doc
    limit = app.config["MAX_CLAUSE_CHARS"]
    base = clauses[0].current_version_id
    world.headers("drafter")
    before = db_state()
    assert patch(client, world, clauses[0].id, "x" * (limit + 1), base).status_code == 422
    assert db_state() == before
    r = patch(client, world, clauses[0].id, "y" * limit, base)
    assert r.status_code == 200 and len(r.get_json()["text"]) == limit


def test_delete_writes_a_tombstone_renumbers_and_restore_brings_it_back(client, world, doc):
    _, _, clauses = doc
    c1 = clauses[1]
    h = world.headers("drafter")
    original = c1.current_version_id
    r = client.delete(f"/api/v1/clauses/{c1.public_id}", headers=h, json={"base_version_id": pid("version", original)})
    assert r.status_code == 200 and r.get_json()["deleted"] is True
    tombstone = r.get_json()["version_id"]
    body = client.get(f"/api/v1/documents/{pid('document', c1.document_id)}", headers=h).get_json()
    assert [c["number"] for s in body["sections"] for c in s["clauses"]] == [1, 2]
    assert clauses[2].public_id == body["sections"][1]["clauses"][0]["id"]     # Article 3 became Article 2
    # A tombstoned clause cannot be edited.
    before = db_state()
    r = patch(client, world, c1.id, "New text.", tombstone)
    assert r.status_code == 409 and r.get_json()["error"] == "deleted"
    assert db_state() == before
    r = client.post(f"/api/v1/clauses/{c1.public_id}/restore", headers=h,
                    json={"version_id": pid("version", original), "base_version_id": tombstone})
    assert r.status_code == 200
    restored = r.get_json()
    assert restored["deleted"] is False and restored["number"] == 2
    assert restored["version_id"] not in (pid("version", original), tombstone)
    assert restored["text"] == db.session.get(ClauseVersion, original).text


def test_move_keeps_the_clause_identity_and_changes_its_number(client, world, doc):
    _, sections, clauses = doc
    h = world.headers("drafter")
    r = client.post(f"/api/v1/clauses/{clauses[2].public_id}/move", headers=h,
                    json={"section_id": sections[0].public_id, "position": 1})
    assert r.status_code == 200
    assert r.get_json()["number"] == 1 and r.get_json()["version_id"] == pid("version", clauses[2].current_version_id)
    body = client.get(f"/api/v1/documents/{pid('document', clauses[0].document_id)}", headers=h).get_json()
    assert [c["id"] for c in body["sections"][0]["clauses"]] == [clauses[2].public_id, clauses[0].public_id, clauses[1].public_id]


def test_add_clause_appends_to_the_section(client, world, doc):
    document, sections, _ = doc
    r = client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=world.headers("mediator"),
                    json={"section_id": sections[0].public_id, "text": "A new [contested] clause."})
    assert r.status_code == 201
    assert r.get_json()["number"] == 3 and r.get_json()["brackets"] == 1


def test_compare_two_versions_gives_word_ops(client, world, doc):
    _, _, clauses = doc
    c = clauses[0]
    first = c.current_version_id
    second = patch(client, world, c.id, "The Parties commit to lasting peace.", first).get_json()["version_id"]
    ops = client.get(f"/api/v1/clauses/{c.public_id}/compare?from={pid('version', first)}&to={second}",
                     headers=world.headers("legal")).get_json()["ops"]
    assert [1, "lasting "] in ops
    assert "".join(t for op, t in ops if op != 1) == "The Parties commit to peace."


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "outsider"])
def test_working_draft_routes_are_404_for_non_team(client, world, doc, who):
    document, sections, clauses = doc
    h = world.headers(who)
    c = clauses[0]
    missing = client.get("/api/v1/clauses/999999", headers=h)
    before = db_state()
    for response in (
        client.get(f"/api/v1/clauses/{c.public_id}", headers=h),
        client.get(f"/api/v1/clauses/{c.public_id}/versions", headers=h),
        client.patch(f"/api/v1/clauses/{c.public_id}", headers=h, json={"text": "x", "base_version_id": pid("version", c.current_version_id)}),
        client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=h,
                    json={"section_id": sections[0].public_id, "text": "x"}),
        client.delete(f"/api/v1/clauses/{c.public_id}", headers=h, json={"base_version_id": pid("version", c.current_version_id)}),
        client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=h, json={}),
    ):
        assert response.status_code == 404
        assert response.get_json() == missing.get_json()
    assert db_state() == before
    # Nothing circulated yet: the document itself does not exist for them.
    assert client.get(f"/api/v1/documents/{document.public_id}", headers=h).status_code == 404


def test_legal_adviser_reads_but_does_not_edit(client, world, doc):
    _, _, clauses = doc
    c = clauses[0]
    assert client.get(f"/api/v1/clauses/{c.public_id}", headers=world.headers("legal")).status_code == 200
    before = db_state()
    r = patch(client, world, c.id, "Changed.", c.current_version_id, who="legal")
    assert r.status_code == 403
    assert db_state() == before


def test_anonymous_gets_401(client, doc):
    document, _, _ = doc
    r = client.get(f"/api/v1/documents/{document.public_id}")
    assert r.status_code == 401 and r.get_json()["error"] == "unauthorized"
