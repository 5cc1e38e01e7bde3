"""No lost typing, no preselected answers: a proposed wording typed under another kind is
refused with the form kept, never dropped; a disposition has no default decision; the
button that locks the text is not the page's primary action."""
import re

import pytest

from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.db_state import db_state
from tests.helpers import login

WORDING = "A ceasefire shall enter into force in 5 days."


@pytest.mark.parametrize("kind", ["comment", "question", "reservation"])
def test_a_wording_typed_under_another_kind_is_refused_and_changes_nothing(client, world, talks, kind):
    clause = talks.clauses[1]
    headers = world.headers("delegate_b")          # the token is issued (and committed) first
    before = db_state()
    r = client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=headers,
                    json={"kind": kind, "body": "Five days is enough.", "proposed_text": WORDING})
    assert r.status_code == 422
    assert r.get_json()["field"] == "proposed_text" and "proposal" in r.get_json()["message"]
    assert db_state() == before


def test_an_untouched_copy_of_the_circulated_text_is_no_wording(client, world, talks):
    clause = talks.clauses[1]
    circulated = "A ceasefire shall enter into force [in 72 hours / in 7 days]."
    r = client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers("delegate_b"),
                    json={"kind": "comment", "body": "We welcome the brackets.",
                          "proposed_text": circulated.replace(" ", "  ") + "\n", "draft": False})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["proposed_text"] is None


def test_the_form_keeps_the_wording_and_says_why(client, world, talks):
    clause = talks.clauses[1]
    login(client, world.users["delegate_b"])
    before = db_state()
    r = client.post(f"/clauses/{clause.public_id}/comments",
                    data={"kind": "comment", "body": "Five days is enough.", "proposed_text": WORDING},
                    follow_redirects=True)
    page = r.get_data(as_text=True)
    assert db_state() == before
    assert "choose “proposal” to propose it" in page
    assert WORDING in page and "Five days is enough." in page         # both fields refilled


def test_a_disposition_has_no_preselected_decision(client, world, talks):
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    select = re.search(r'<select name="decision".*?</select>', page, re.S).group(0)
    assert "required" in select
    assert re.findall(r"<option[^>]*selected[^>]*>([^<]*)", select) == ["Choose a decision…"]
    before = db_state()
    r = client.post(f"/submissions/{talks.b_comment.public_id}/disposition", data={"reason": "No choice"})
    assert r.status_code in (303, 404, 422) and db_state() == before


def test_conclude_is_not_the_primary_button(client, world, talks):
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{talks.document.public_id}/status").get_data(as_text=True)
    button = re.search(r"<button[^>]*>Conclude the text</button>", page).group(0)
    assert "primary" not in button and "data-confirm" in button


def test_a_legal_review_has_no_preselected_decision(client, world, doc):
    from tests.security.scene import build_scene
    scene = build_scene(world, doc)
    login(client, world.users["legal"])
    page = client.get(f"/documents/{scene.document.public_id}/findings").get_data(as_text=True)
    select = re.search(r'<select name="decision".*?</select>', page, re.S).group(0)
    assert "required" in select
    assert re.findall(r"<option[^>]*selected[^>]*>([^<]*)", select) == ["Choose a decision…"]
