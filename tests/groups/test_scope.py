"""A drafter in a working group edits its sections (and those the mediator grants); a
drafter in no group and the mediator edit everything. Every door asks the same rule:
the page, the API, an import, an accepted proposal applied. A refusal is 403 with what to
do, changes nothing, and the page keeps what was typed."""
from app.extensions import db
from tests.db_state import db_state
from tests.groups.conftest import make_group
from tests.helpers import login, pid
from tests.security.refusal_cases import GOOD_WORD


def _patch(client, world, who, clause, text):
    return client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers(who),
                        json={"text": text, "base_version_id": pid("version", clause.current_version_id)})


def test_a_drafter_in_no_group_edits_everything(client, world, talks):
    document, sections, clauses = talks
    make_group(client, world, [sections[0]], ["delegate_a"])
    assert _patch(client, world, "drafter", clauses[2], "Forces shall withdraw at once.").status_code == 200


def test_a_drafter_in_a_group_edits_only_its_sections_until_granted_more(client, world, talks):
    document, sections, clauses = talks
    make_group(client, world, [sections[0]], ["drafter"])
    assert _patch(client, world, "drafter", clauses[0], "The Parties commit to a lasting peace.").status_code == 200
    headers = world.headers("drafter")
    before = db_state()
    r = _patch(client, world, "drafter", clauses[2], "Forces shall withdraw at once.")
    assert r.status_code == 403 and r.get_json()["error"] == "outside_scope"
    assert "“Security”" in r.get_json()["message"] and "mediator" in r.get_json()["message"]
    assert db_state() == before
    # Adding a clause there, adding a section, moving a clause into it: refused alike.
    for method, url, body in [
        ("post", f"/api/v1/documents/{document.public_id}/clauses", {"section_id": sections[1].public_id, "text": "New."}),
        ("post", f"/api/v1/documents/{document.public_id}/sections", {"title": "Annex"}),
        ("post", f"/api/v1/clauses/{clauses[0].public_id}/move", {"section_id": sections[1].public_id, "position": 1}),
    ]:
        r = getattr(client, method)(url, headers=headers, json=body)
        assert r.status_code == 403, (url, r.get_json())
        assert db_state() == before
    # The mediator edits everything, and widens the drafter's scope.
    assert _patch(client, world, "mediator", clauses[2], "Forces shall withdraw in 30 days.").status_code == 200
    db.session.refresh(clauses[2])
    r = client.post(f"/api/v1/processes/{world.process.slug}/scope-grants", headers=world.headers("mediator"),
                    json={"email": world.users["drafter"].email, "section_ids": [sections[1].public_id]})
    assert r.status_code == 201, r.get_json()
    assert _patch(client, world, "drafter", clauses[2], "Forces shall withdraw in 60 days.").status_code == 200
    db.session.refresh(clauses[2])
    r = client.post(f"/api/v1/processes/{world.process.slug}/scope-grants/revoke", headers=world.headers("mediator"),
                    json={"email": world.users["drafter"].email, "section_id": sections[1].public_id})
    assert r.status_code == 200 and r.get_json()["grants"] == []
    assert _patch(client, world, "drafter", clauses[2], "Forces shall withdraw in 90 days.").status_code == 403


def test_only_drafters_get_grants(client, world, talks):
    document, sections, clauses = talks
    headers = world.headers("mediator")
    before = db_state()
    r = client.post(f"/api/v1/processes/{world.process.slug}/scope-grants", headers=headers,
                    json={"email": world.users["delegate_a"].email, "section_ids": [sections[1].public_id]})
    assert r.status_code == 422 and db_state() == before
    headers = world.headers("drafter")
    before = db_state()
    r = client.post(f"/api/v1/processes/{world.process.slug}/scope-grants", headers=headers,
                    json={"email": world.users["drafter"].email, "section_ids": [sections[1].public_id]})
    assert r.status_code == 403 and db_state() == before


def test_the_edit_form_refusal_keeps_the_typed_text(client, world, talks):
    document, sections, clauses = talks
    make_group(client, world, [sections[0]], ["drafter"])
    login(client, world.users["drafter"])
    before = db_state()
    r = client.post(f"/clauses/{clauses[2].public_id}/edit",
                    data={"text": "My carefully typed withdrawal text.", "reason": "Typed reason",
                          "base_version_id": pid("version", clauses[2].current_version_id)})
    assert r.status_code == 303
    assert db_state() == before
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "My carefully typed withdrawal text." in page and "working groups" in page
    assert "You edit the sections of your working groups shown here: General provisions." in page


def test_importing_a_new_document_is_refused_to_a_scoped_drafter(client, world, talks):
    import io
    document, sections, clauses = talks
    make_group(client, world, [sections[0]], ["drafter"])
    headers = world.headers("drafter")
    before = db_state()
    r = client.post(f"/api/v1/processes/{world.process.slug}/documents/import", headers=headers,
                    data={"file": (io.BytesIO(GOOD_WORD), "annex.docx")})
    assert r.status_code == 403, r.get_json()
    assert db_state() == before


def test_applying_a_proposal_outside_the_scope_is_refused(client, world, talks):
    document, sections, clauses = talks
    r = client.post(f"/api/v1/clauses/{clauses[2].public_id}/comments", headers=world.headers("delegate_a"),
                    json={"kind": "proposal", "body": "Sooner.", "proposed_text": "Forces shall withdraw at once."})
    assert r.status_code == 201, r.get_json()
    proposal = r.get_json()["id"]
    make_group(client, world, [sections[0]], ["drafter"])
    headers = world.headers("drafter")
    before = db_state()
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=headers,
                    json={"base_version_id": pid("version", clauses[2].current_version_id), "reason": "Agreed."})
    assert r.status_code == 403, r.get_json()
    assert db_state() == before
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=world.headers("mediator"),
                    json={"base_version_id": pid("version", clauses[2].current_version_id), "reason": "Agreed."})
    assert r.status_code == 201, r.get_json()


def test_a_word_round_trip_touching_another_section_is_refused(client, world, talks):
    """The team's clean working draft, edited in Word (an article of "Security" retyped)."""
    import io
    from tests.export.roundtrip_edit import Edit
    document, sections, clauses = talks
    make_group(client, world, [sections[0]], ["drafter"])
    headers = world.headers("drafter")
    r = client.post(f"/api/v1/documents/{document.public_id}/export", headers=headers)
    assert r.status_code == 201, r.get_json()
    edited = Edit(r.data).retype("Forces shall withdraw", "to agreed positions", "at once").save()
    before = db_state()
    r = client.post(f"/api/v1/documents/{document.public_id}/import", headers=headers,
                    data={"file": (io.BytesIO(edited), "draft.docx")})
    assert r.status_code == 403, r.get_json()
    assert db_state() == before
