"""The drafting and round pages: what each role sees, and that nothing typed is lost."""
import pytest

from tests.db_state import db_state
from tests.helpers import circulation_counts, login, pid, without_csrf


def test_team_drafting_view_edits_and_highlights_brackets(client, world, doc):
    document, _, clauses = doc
    login(client, world.users["drafter"])
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    assert "Working draft" in page and "Article 2" in page
    assert '<span class="bracket">[in 72 hours / in 7 days]</span>' in page
    r = client.post(f"/clauses/{clauses[0].public_id}/edit",
                    data={"text": "The Parties commit to a <b>just</b> peace.",
                          "base_version_id": pid("version", clauses[0].current_version_id), "reason": "clearer"})
    assert r.status_code == 303
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    assert "a &lt;b&gt;just&lt;/b&gt; peace" in page and "<b>just</b>" not in page


def test_stale_edit_page_keeps_the_users_text(client, world, doc):
    _, _, clauses = doc
    base = pid("version", clauses[0].current_version_id)
    login(client, world.users["drafter"])
    client.post(f"/clauses/{clauses[0].public_id}/edit", data={"text": "First change.", "base_version_id": base})
    before = db_state()
    r = client.post(f"/clauses/{clauses[0].public_id}/edit", data={"text": "My careful wording.", "base_version_id": base})
    assert r.status_code == 409
    assert db_state() == before
    page = r.get_data(as_text=True)
    assert "My careful wording." in page and "First change." in page


def test_history_and_compare(client, world, doc):
    _, _, clauses = doc
    login(client, world.users["drafter"])
    client.post(f"/clauses/{clauses[0].public_id}/edit",
                data={"text": "The Parties commit to lasting peace.", "base_version_id": pid("version", clauses[0].current_version_id)})
    page = client.get(f"/clauses/{clauses[0].public_id}/history").get_data(as_text=True)
    assert "<ins>lasting </ins>" in page and "v2" in page and "Restore this wording" in page


@pytest.mark.parametrize("who", ["delegate_a", "observer"])
def test_parties_are_sent_to_the_latest_round_and_never_see_the_draft(client, world, doc, who):
    document, _, clauses = doc
    login(client, world.users[who])
    # Never circulated: the document does not exist for them yet, as a missing id.
    page, missing = client.get(f"/documents/{document.public_id}"), client.get("/documents/987654321")
    assert page.status_code == 404 and without_csrf(page.get_data()) == without_csrf(missing.get_data())
    assert client.get(f"/clauses/{clauses[0].public_id}/history").status_code == 404
    from app.rounds.operations import circulate_round
    from app.extensions import db
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    r = client.get(f"/documents/{document.public_id}")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/documents/{document.public_id}/rounds/1")
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "Rev. 1" in page and "Working draft" not in page
    before = db_state()
    assert client.post(f"/documents/{document.public_id}/rounds").status_code == 404
    assert db_state() == before


def test_mediator_circulates_from_the_rounds_page_and_reads_the_diff(client, world, doc):
    document, _, clauses = doc
    login(client, world.users["mediator"])
    assert client.post(f"/documents/{document.public_id}/rounds",
                       data={"note": "First", "confirm_counts": circulation_counts(client, document)}
                       ).headers["Location"].endswith("/rounds/1")
    client.post(f"/clauses/{clauses[2].public_id}/edit",
                data={"text": "Forces shall withdraw to positions agreed in Annex 1.",
                      "base_version_id": pid("version", clauses[2].current_version_id)})
    r = client.post(f"/documents/{document.public_id}/rounds", data={"confirm_counts": "1:0"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/rounds/2")
    page = client.get(f"/documents/{document.public_id}/rounds/2/diff").get_data(as_text=True)
    assert "<del>agreed</del>" in page or "<del>agreed " in page
    assert "<ins>" in page and "1 clauses changed" in page
    page = client.get(f"/documents/{document.public_id}/rounds").get_data(as_text=True)
    assert "Rev. 2" in page and "1 modified" in page
