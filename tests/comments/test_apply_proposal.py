"""Accepting a proposal puts its wording into the working draft, as a version that
answers it, with the disposition, in one step; a draft that moved on since the round is
merged three ways, and words both changed are a conflict shown, never overwritten."""
import re

import pytest
from sqlalchemy import select

from app.comments.applying import merge_proposal
from app.comments.models import VersionAnswer
from app.drafting.models import ClauseVersion
from app.extensions import db
from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.db_state import db_state
from tests.helpers import login, without_csrf, pid

ROUND = "A ceasefire shall enter into force [in 72 hours / in 7 days]."
PROPOSED = "A ceasefire shall enter into force in 7 days."


def test_merge_applies_the_proposal_to_an_untouched_draft():
    assert merge_proposal(ROUND, ROUND, PROPOSED).text == PROPOSED


def test_merge_keeps_the_drafts_other_edits():
    draft = ROUND + " It shall be monitored by the Joint Commission."
    merged = merge_proposal(ROUND, draft, PROPOSED)
    assert merged.clean and merged.text == PROPOSED + " It shall be monitored by the Joint Commission."


def test_merge_reports_words_both_changed_as_a_conflict():
    draft = "A ceasefire shall enter into force [in 48 hours / in 7 days]."
    merged = merge_proposal(ROUND, draft, PROPOSED)
    assert not merged.clean and merged.text == draft                  # nothing half-applied
    assert merged.conflicts and "72 hours" in merged.conflicts[0]["round"]


def _edit(client, world, clause, text):
    r = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": pid("version", clause.current_version_id)})
    assert r.status_code == 200, r.get_json()
    db.session.refresh(clause)


def test_accepting_writes_the_version_links_the_answer_and_records_the_disposition(client, world, talks):
    clause, proposal = talks.clauses[1], talks.a_proposal
    h = world.headers("mediator")
    merge = client.get(f"/api/v1/submissions/{proposal.public_id}/merge", headers=h).get_json()
    assert merge["clean"] and merge["merged"] == PROPOSED and merge["base_version_id"] == pid("version", clause.current_version_id)
    r = client.post(f"/api/v1/submissions/{proposal.public_id}/apply", headers=h,
                    json={"base_version_id": merge["base_version_id"], "reason": "Seven days agreed in plenary."})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["decision"] == "accepted" and body["text"] == PROPOSED
    db.session.refresh(clause)
    assert pid("version", clause.current_version_id) == body["version_id"]
    assert db.session.scalar(select(VersionAnswer.submission_id).where(
        VersionAnswer.version_id == clause.current_version_id)) == proposal.id
    assert body["submission"]["disposition"]["decision"] == "accepted"
    actions = [e["action"] for e in client.get("/api/v1/processes/testland/audit?limit=5", headers=h).get_json()["entries"]]
    assert {"clause.edit", "clause.answers", "submission.disposition"} <= set(actions[:3])


def test_a_conflict_is_refused_with_the_merge_and_changes_nothing(client, world, talks):
    clause, proposal = talks.clauses[1], talks.a_proposal
    _edit(client, world, clause, "A ceasefire shall enter into force [in 48 hours / in 7 days].")
    h = world.headers("mediator")
    before = db_state()
    r = client.post(f"/api/v1/submissions/{proposal.public_id}/apply", headers=h,
                    json={"base_version_id": pid("version", clause.current_version_id), "reason": "Agreed"})
    assert r.status_code == 409 and r.get_json()["error"] == "merge_conflict"
    assert r.get_json()["conflicts"] and db_state() == before


def test_partly_accepting_saves_the_teams_wording(client, world, talks):
    clause, proposal = talks.clauses[1], talks.a_proposal
    _edit(client, world, clause, "A ceasefire shall enter into force [in 48 hours / in 7 days].")
    r = client.post(f"/api/v1/submissions/{proposal.public_id}/apply", headers=world.headers("drafter"),
                    json={"base_version_id": pid("version", clause.current_version_id), "reason": "A bridge: five days.",
                          "text": "A ceasefire shall enter into force in 5 days."})
    assert r.status_code == 201 and r.get_json()["decision"] == "partly_accepted"
    assert r.get_json()["text"] == "A ceasefire shall enter into force in 5 days."


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "legal"])
def test_only_editors_learn_of_the_merge_and_others_get_a_missing_ids_answer(client, world, talks, who):
    h = world.headers(who)
    for method, path in (("get", "merge"), ("post", "apply")):
        theirs = getattr(client, method)(f"/api/v1/submissions/{talks.a_proposal.public_id}/{path}",
                                         headers=h, json={} if method == "post" else None)
        missing = getattr(client, method)(f"/api/v1/submissions/NoSuchSubmission/{path}",
                                          headers=h, json={} if method == "post" else None)
        assert theirs.status_code == 404 and theirs.get_data() == missing.get_data()


def test_the_team_applies_through_the_pages(client, world, talks):
    clause, proposal = talks.clauses[1], talks.a_proposal
    login(client, world.users["mediator"])
    round_page = client.get(f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    assert f"/submissions/{proposal.public_id}/apply" in round_page
    page = client.get(f"/submissions/{proposal.public_id}/apply").get_data(as_text=True)
    assert "Accept and apply this wording" in page and "<del>" in page
    base = re.search(r'name="base_version_id" value="([^"]+)"', page).group(1)

    before = db_state()
    refused = client.post(f"/submissions/{proposal.public_id}/apply", follow_redirects=True,
                          data={"base_version_id": base, "reason": "", "how": "partly",
                                "text": "A ceasefire shall enter into force in 6 days."})
    assert db_state() == before
    assert "A ceasefire shall enter into force in 6 days." in refused.get_data(as_text=True)

    done = client.post(f"/submissions/{proposal.public_id}/apply",
                       data={"base_version_id": base, "reason": "Seven days.", "how": "accept"})
    assert done.status_code == 303 and f"#clause-{clause.public_id}" in done.location
    db.session.refresh(clause)
    assert db.session.get(ClauseVersion, clause.current_version_id).text == PROPOSED
    assert "Accepted: the working draft has the new wording" in client.get(done.location).get_data(as_text=True)


def test_a_party_sees_the_apply_page_as_missing(client, world, talks):
    login(client, world.users["delegate_a"])
    theirs = client.get(f"/submissions/{talks.a_proposal.public_id}/apply")
    missing = client.get("/submissions/NoSuchSubmission/apply")
    assert theirs.status_code == 404 and without_csrf(theirs.get_data()) == without_csrf(missing.get_data())


from hypothesis import given, settings, strategies as st  # noqa: E402

WORDS = st.lists(st.sampled_from(["the", "Parties", "shall", "[", "]", "72", "hours", "days", ",", "."]),
                 min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS, WORDS)
def test_merge_laws(base, ours, theirs):
    join = " ".join
    b, o, t = join(base), join(ours), join(theirs)
    assert merge_proposal(b, b, t).text == t                 # an untouched draft takes the proposal
    assert merge_proposal(b, o, b).text == o                 # a proposal of no change keeps the draft
    merged = merge_proposal(b, o, t)
    if not merged.clean:
        assert merged.text == o                              # a conflict applies nothing
    # The draft's changes and the proposal's commute when they do not clash.
    flipped = merge_proposal(b, t, o)
    if merged.clean and flipped.clean:
        assert merged.text == flipped.text
