"""The log reads as sentences a mediator understands ("Mediator circulated Rev. 1"), links
to the objects, and filters by document, person and kind; the recorded details stay one
click away."""
import re

import pytest

from app.drafting.operations import add_clause, add_section, create_document
from app.extensions import db
from app.processes.models import Role
from app.processes.permissions import Access
from app.rounds.operations import circulate_round
from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.helpers import login, pid


def _entries(client, world, query="", who="mediator"):
    response = client.get(f"/api/v1/processes/testland/audit?limit=200&{query}",
                          headers=world.headers(who))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["entries"]


@pytest.fixture
def edited(client, world, doc):
    """The doc circulated once, then Article 2 edited by the drafter through the API."""
    document, _, clauses = doc
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    base = pid("version", clauses[1].current_version_id)
    response = client.patch(f"/api/v1/clauses/{clauses[1].public_id}", headers=world.headers("drafter"),
                            json={"text": "A ceasefire shall enter into force in 72 hours.",
                                  "base_version_id": base, "reason": "Agreed at the security table"})
    assert response.status_code == 200
    return document, clauses


def test_entries_say_who_did_what_in_words(client, world, edited):
    document, clauses = edited
    said = {(e["who"], e["what"]) for e in _entries(client, world)}
    assert ("Mediator", "created the document “Framework Agreement”") in said
    assert ("Mediator", "added the section “Security”") in said
    assert ("Mediator", "added Article 2") in said
    assert ("Mediator", "circulated Rev. 1, the first round (3 clauses)") in said
    assert ("Drafter", "edited Article 2: Agreed at the security table") in said
    assert ("System", "created the process “Testland Talks”") in said
    assert ("System", "gave delegate_a@testland.test the role delegate for Alpha Government") in said


def test_entries_link_to_the_object_and_keep_the_record(client, world, edited):
    document, clauses = edited
    edit = next(e for e in _entries(client, world, "action=clause.edit"))
    assert edit["link"] == f"/documents/{document.public_id}#clause-{clauses[1].public_id}"
    assert edit["changes"]["reason"] == "Agreed at the security table"     # the record itself
    circulated = next(e for e in _entries(client, world, "action=round.circulate"))
    assert circulated["link"] == f"/documents/{document.public_id}/rounds/1"
    assert client.get(circulated["link"], headers=world.headers("mediator")).status_code == 200


def test_a_later_round_counts_the_clauses_changed(client, world, edited):
    document, _ = edited
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    whats = [e["what"] for e in _entries(client, world, "action=round.circulate")]
    assert whats[0] == "circulated Rev. 2 (1 clause changed)"


def test_the_document_filter_holds_everything_about_that_document_only(client, world, edited):
    document, clauses = edited
    mediator = world.users["mediator"]
    other = create_document(Access(mediator.id, world.process, Role.mediator, None), "Annex", actor=mediator)
    add_clause(other, add_section(other, "Maps", actor=mediator), "Map one.", actor=mediator)
    db.session.commit()
    about = _entries(client, world, f"document={document.id}")
    kinds = {e["object_type"] for e in about}
    assert kinds == {"documents", "sections", "clauses", "rounds"}
    assert {e["action"] for e in about} >= {"document.create", "section.create", "clause.create",
                                            "clause.edit", "round.circulate"}
    assert all("Annex" not in e["what"] and "Maps" not in e["what"] for e in about)
    assert not any(e["action"].startswith(("process.", "membership.")) for e in about)
    assert {e["what"] for e in _entries(client, world, f"document={other.id}")} == {
        "created the document “Annex”", "added the section “Maps”", "added Article 1"}


def test_submissions_positions_and_notes_count_as_the_document(client, world, talks):
    about = _entries(client, world, f"document={talks.document.id}")
    assert {"submissions", "submission_replies", "dispositions", "internal_notes"} <= {
        e["object_type"] for e in about}
    assert "Delegate of Alpha Government" in {e["who"] for e in about}


def test_the_kind_filter_takes_action_families(client, world, edited):
    drafting = _entries(client, world, "kind=clause,section")
    assert drafting and all(e["action"].split(".")[0] in {"clause", "section"} for e in drafting)
    assert {e["action"].split(".")[0] for e in _entries(client, world, "kind=round")} == {"round"}


@pytest.mark.parametrize("query", ["document=x", "document=0", "kind=clause.edit", "kind=%3Cscript%3E"])
def test_bad_document_or_kind_is_refused_clearly(client, world, query):
    response = client.get(f"/api/v1/processes/testland/audit?{query}", headers=world.headers("mediator"))
    assert response.status_code == 422 and response.get_json()["error"] == "invalid"


def test_the_page_shows_sentences_with_details_on_demand(client, world, edited):
    document, clauses = edited
    login(client, world.users["mediator"])
    page = client.get(f"/p/testland/audit?document={document.id}").get_data(as_text=True)
    assert f'<a href="/documents/{document.public_id}#clause-{clauses[1].public_id}">edited Article 2: Agreed' in page
    assert "Drafter<br>" in page and "drafter@testland.test" in page
    details = re.findall(r"<details.*?</details>", page, re.S)
    assert details and all("<summary>Details</summary>" in d for d in details)
    assert "<code>clause.edit</code>" in page                  # the action code is a detail
    assert '<option value="section,clause"' in page            # the kind filter


def test_the_documents_audit_link_opens_the_whole_documents_log(client, world, edited):
    document, _ = edited
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    link = re.search(r'href="([^"]*/audit[^"]*)"', page).group(1).replace("&amp;", "&")
    assert link == f"/p/testland/audit?document={document.id}"
    log = client.get(link).get_data(as_text=True)
    assert log.count("<details") >= 6                          # not the document's one entry
