"""Sections removed and moved: the team reorders agenda items and drops one with its
clauses; rounds that circulated them keep them; refusals change nothing; parties never
reach these routes (404, as for a missing section)."""
import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.maintenance.backup import row_counts
from tests.db_state import db_state
from tests.helpers import login


def titles(client, world, document_id, round_=None):
    url = f"/api/v1/documents/{document_id}" + (f"?round={round_}" if round_ else "")
    data = client.get(url, headers=world.headers("mediator")).get_json()
    return [(s["title"], [c["text"] for c in s["clauses"]]) for s in data["sections"]]


def audit_head():
    return db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))


def test_move_and_remove_sections_through_the_api(client, world, doc):
    document, (general, security), _ = doc
    h = world.headers("drafter")
    third = client.post(f"/api/v1/documents/{document.public_id}/sections", headers=h, json={"title": "Annex"}).get_json()
    assert client.post(f"/api/v1/sections/{third['id']}/move", headers=h, json={"position": 1}).status_code == 200
    assert [t for t, _ in titles(client, world, document.public_id)] == ["Annex", "General provisions", "Security"]
    assert client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    removed = client.delete(f"/api/v1/sections/{security.public_id}", headers=h, json={"reason": "Merged into General"})
    assert removed.status_code == 200 and removed.get_json()["clauses_deleted"] == 1
    assert titles(client, world, document.public_id) == [
        ("Annex", []), ("General provisions", ["The Parties commit to peace.",
                                               "A ceasefire shall enter into force [in 72 hours / in 7 days]."])]
    # The working draft numbers the clauses again; the circulated round keeps its text.
    data = client.get(f"/api/v1/documents/{document.public_id}", headers=h).get_json()
    assert [c["number"] for s in data["sections"] for c in s["clauses"]] == [1, 2]
    assert [t for t, _ in titles(client, world, document.public_id, 1)] == ["Annex", "General provisions", "Security"]
    assert client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    assert [t for t, _ in titles(client, world, document.public_id, 2)] == ["Annex", "General provisions"]
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"section.move", "section.remove", "clause.delete"} <= actions


def test_a_removed_section_takes_no_clause_and_its_clauses_are_not_restored_into_it(client, world, doc):
    document, (general, security), clauses = doc
    h = world.headers("drafter")
    assert client.delete(f"/api/v1/sections/{security.public_id}", headers=h).status_code == 200
    counts, head = row_counts(), audit_head()
    refusals = [
        client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=h,
                    json={"section_id": security.public_id, "text": "Into a removed section."}),
        client.patch(f"/api/v1/sections/{security.public_id}", headers=h, json={"title": "Back"}),
        client.delete(f"/api/v1/sections/{security.public_id}", headers=h),
        client.post(f"/api/v1/sections/{security.public_id}/move", headers=h, json={"position": 1}),
        client.post(f"/api/v1/clauses/{clauses[0].public_id}/move", headers=h,
                    json={"section_id": security.public_id, "position": 1}),
        client.post(f"/api/v1/sections/{general.public_id}/move", headers=h, json={"position": 0}),
        client.post(f"/api/v1/sections/{general.public_id}/move", headers=h, json={"position": "first"}),
    ]
    versions = client.get(f"/api/v1/clauses/{clauses[2].public_id}/versions", headers=h).get_json()["versions"]
    first = next(v for v in versions if not v["deleted"])
    current = client.get(f"/api/v1/clauses/{clauses[2].public_id}", headers=h).get_json()
    refusals.append(client.post(f"/api/v1/clauses/{clauses[2].public_id}/restore", headers=h,
                                json={"version_id": first["id"], "base_version_id": current["version_id"]}))
    assert [r.status_code for r in refusals] == [404, 404, 404, 404, 422, 422, 422, 409]
    assert row_counts() == counts and audit_head() == head
    # Moved out to a live section, the clause can be restored.
    assert client.post(f"/api/v1/clauses/{clauses[2].public_id}/move", headers=h,
                       json={"section_id": general.public_id, "position": 1}).status_code == 200
    restored = client.post(f"/api/v1/clauses/{clauses[2].public_id}/restore", headers=h,
                           json={"version_id": first["id"], "base_version_id": current["version_id"]})
    assert restored.status_code == 200


@pytest.mark.parametrize("who", ["delegate_a", "observer", "outsider"])
def test_parties_never_reach_section_routes(client, world, doc, who):
    document, (general, _), _ = doc
    h = world.headers(who)
    missing = client.delete("/api/v1/sections/999999", headers=h)
    world.headers("legal")
    counts = row_counts()
    before = db_state()
    for response in (client.delete(f"/api/v1/sections/{general.public_id}", headers=h),
                     client.post(f"/api/v1/sections/{general.public_id}/move", headers=h, json={"position": 2})):
        assert (response.status_code, response.get_json()) == (404, missing.get_json())
    assert row_counts() == counts
    assert client.delete(f"/api/v1/sections/{general.public_id}", headers=world.headers("legal")).status_code == 403
    assert db_state() == before


def test_sections_are_moved_and_removed_from_the_document_page(make_client, world, doc):
    document, (general, security), _ = doc
    page = make_client()
    login(page, world.users["drafter"])
    html = page.get(f"/documents/{document.public_id}").get_data(as_text=True)
    assert "Move section" in html and "Remove section and its clauses" in html
    assert page.post(f"/sections/{security.public_id}/move", data={"position": "1"}).status_code == 303
    response = page.post(f"/sections/{general.public_id}/remove", data={"reason": ""})
    assert response.status_code == 303
    db.session.expire_all()
    assert general.removed_at is not None and security.position == 1
    html = page.get(f"/documents/{document.public_id}").get_data(as_text=True)
    assert "removed (2 clauses deleted)" in html and "1. Security" in html
    assert "General provisions</h2>" not in html and "2. General provisions" not in html
