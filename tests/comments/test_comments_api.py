"""Submissions, drafts, threads, dispositions, sharing, joint mode, observers and the
proposals a revision answers, through the API."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.comments.models import Submission
from app.extensions import db
from app.models_base import utcnow
from tests.db_state import db_state
from tests.helpers import pid


def comments(client, world, who, clause):
    r = client.get(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers(who))
    assert r.status_code == 200
    return r.get_json()["comments"]


def post(client, world, who, clause, **body):
    return client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers(who), json=body)


def count_submissions():
    return db.session.scalar(select(func.count()).select_from(Submission))


def test_a_delegate_proposes_and_sees_the_redline(client, world, talks):
    r = post(client, world, "delegate_b", talks.clauses[0], kind="proposal", body="Clearer.",
             proposed_text="The Parties commit to lasting peace.")
    assert r.status_code == 201
    body = r.get_json()
    assert body["status"] == "submitted" and body["party"] == "Beta Movement" and body["own"] is True
    live = client.post("/api/v1/redline", headers=world.headers("delegate_b"),
                       json={"old": "The Parties commit to peace.", "new": "The Parties commit to lasting peace."})
    assert [1, "lasting "] in live.get_json()["ops"] and [1, "lasting "] in body["redline"] and "<ins>" in live.get_json()["html"]


def test_drafts_are_shared_inside_the_party_and_reach_the_team_only_when_submitted(client, world, talks):
    draft = talks.a_draft.public_id
    assert draft in [c["id"] for c in comments(client, world, "delegate_a2", talks.clauses[0])]
    assert draft not in [c["id"] for c in comments(client, world, "mediator", talks.clauses[0])]
    # Any delegate of the party may submit it.
    r = client.post(f"/api/v1/submissions/{draft}/submit", headers=world.headers("delegate_a2"))
    assert r.status_code == 200 and r.get_json()["status"] == "submitted"
    assert draft in [c["id"] for c in comments(client, world, "mediator", talks.clauses[0])]
    world.headers("delegate_a")
    before = db_state()
    again = client.post(f"/api/v1/submissions/{draft}/submit", headers=world.headers("delegate_a"))
    assert again.status_code == 409
    assert db_state() == before


def test_submissions_close_with_the_round(client, world, talks):
    before = count_submissions()
    r = client.post(f"/api/v1/documents/{talks.document.public_id}/rounds/1/close", headers=world.headers("mediator"))
    assert r.status_code == 200
    world.headers("delegate_a")
    state = db_state()
    late = post(client, world, "delegate_a", talks.clauses[0], kind="comment", body="Too late?")
    assert late.status_code == 409 and late.get_json()["error"] == "round_closed"
    assert "closed" in late.get_json()["message"]
    draft = client.post(f"/api/v1/submissions/{talks.a_draft.public_id}/submit", headers=world.headers("delegate_a"))
    assert draft.status_code == 409
    assert count_submissions() == before
    assert db_state() == state


def test_submissions_close_at_the_deadline(client, world, talks):
    talks.round.deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    world.headers("delegate_b")
    before = db_state()
    late = post(client, world, "delegate_b", talks.clauses[0], kind="comment", body="After the deadline")
    assert late.status_code == 409 and "deadline" in late.get_json()["message"]
    assert db_state() == before


def test_submitted_items_are_withdrawn_on_the_record_never_edited(client, world, talks):
    url = f"/api/v1/submissions/{talks.a_proposal.public_id}"
    world.headers("delegate_a")
    before = db_state()
    assert client.patch(url, headers=world.headers("delegate_a"), json={"body": "x"}).status_code in (404, 405)
    assert client.delete(url, headers=world.headers("delegate_a")).status_code in (404, 405)
    assert db_state() == before
    r = client.post(url + "/withdraw", headers=world.headers("delegate_a"))
    assert r.status_code == 200 and r.get_json()["status"] == "withdrawn"
    before = db_state()
    assert client.post(url + "/withdraw", headers=world.headers("delegate_a")).status_code == 409
    assert db_state() == before
    # The team still sees it, marked withdrawn; the audit log has the act.
    team_view = {c["id"]: c for c in comments(client, world, "mediator", talks.clauses[1])}
    assert team_view[talks.a_proposal.public_id]["status"] == "withdrawn"
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "submission.withdraw")) == 1


def test_threads_and_dispositions_reach_the_proposing_party(client, world, talks):
    mine = {c["id"]: c for c in comments(client, world, "delegate_a", talks.clauses[1])}
    item = mine[talks.a_proposal.public_id]
    assert item["disposition"]["decision"] == "deferred"
    assert item["disposition"]["reason"] == "Disposition-reason-alpha"
    assert item["replies"][0]["author"] == "Mediation team"       # team members stay unnamed
    r = client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/replies",
                    headers=world.headers("delegate_a"), json={"body": "Thank you; 7 days please."})
    assert r.status_code == 201 and len(r.get_json()["replies"]) == 2
    d = client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/disposition",
                    headers=world.headers("drafter"), json={"decision": "partly_accepted", "reason": "5 days."})
    assert d.status_code == 201 and d.get_json()["disposition"]["decision"] == "partly_accepted"


@pytest.mark.parametrize("body, status", [
    ({"decision": "maybe", "reason": "x"}, 422), ({"decision": "accepted"}, 422), ({"reason": "x"}, 422)])
def test_bad_dispositions_change_nothing(client, world, talks, body, status):
    world.headers("mediator")
    before = db_state()
    r = client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/disposition",
                    headers=world.headers("mediator"), json=body)
    assert r.status_code == status
    assert len(talks.a_proposal.dispositions) == 1
    assert db_state() == before


def test_dispositions_are_for_proposals(client, world, talks):
    world.headers("mediator")
    before = db_state()
    r = client.post(f"/api/v1/submissions/{talks.b_comment.public_id}/disposition",
                    headers=world.headers("mediator"), json={"decision": "accepted", "reason": "x"})
    assert r.status_code == 422
    assert db_state() == before


@pytest.mark.parametrize("body", [
    {"kind": "rumour", "body": "x"}, {"kind": "comment"}, {"kind": "comment", "body": "   "},
    {"kind": "view", "body": "x"}, {"kind": "comment", "body": 5}])
def test_bad_submissions_are_refused_and_nothing_is_stored(client, world, talks, body):
    before = count_submissions()
    world.headers("delegate_a")
    state = db_state()
    r = post(client, world, "delegate_a", talks.clauses[0], **body)
    assert r.status_code in (400, 422) and r.get_json()["message"]
    assert count_submissions() == before
    assert db_state() == state


def test_the_team_does_not_submit_and_oversized_bodies_are_refused(client, world, talks):
    world.headers("drafter"), world.headers("delegate_a")
    before = db_state()
    assert post(client, world, "drafter", talks.clauses[0], kind="comment", body="x").status_code == 403
    big = post(client, world, "delegate_a", talks.clauses[0], kind="comment", body="x" * 20_001)
    assert big.status_code in (413, 422)
    assert db_state() == before


def test_uncirculated_clauses_do_not_exist_for_parties(client, world, talks):
    r = client.post(f"/api/v1/documents/{talks.document.public_id}/clauses", headers=world.headers("drafter"),
                    json={"section_id": pid("section", talks.clauses[0].section_id), "text": "A new working-draft clause."})
    assert r.status_code == 201
    new_id = r.get_json()["id"]
    for url in (f"/api/v1/clauses/{new_id}/comments", "/api/v1/clauses/999999/comments"):
        assert client.get(url, headers=world.headers("delegate_a")).status_code == 404
    before = db_state()
    assert client.post(f"/api/v1/clauses/{new_id}/comments", headers=world.headers("delegate_a"),
                       json={"kind": "comment", "body": "x"}).get_json() == \
        client.post("/api/v1/clauses/999999/comments", headers=world.headers("delegate_a"),
                    json={"kind": "comment", "body": "x"}).get_json()
    assert db_state() == before


def test_sharing_one_submission_with_all_parties(client, world, talks):
    b_id = talks.b_comment.public_id
    assert b_id not in [c["id"] for c in comments(client, world, "delegate_a", talks.clauses[1])]
    world.headers("drafter")
    before = db_state()
    assert client.post(f"/api/v1/submissions/{b_id}/share", headers=world.headers("drafter")).status_code == 403
    assert db_state() == before
    assert client.post(f"/api/v1/submissions/{b_id}/share", headers=world.headers("mediator")).status_code == 200
    shared = {c["id"]: c for c in comments(client, world, "delegate_a", talks.clauses[1])}[b_id]
    # Shared: the text and the party, never the author's name or the team's thread with B.
    assert shared["shared"] and shared["author"] is None and shared["replies"] == [] and shared["own"] is False
    assert b_id in [c["id"] for c in comments(client, world, "observer", talks.clauses[1])]


def test_joint_mode_opens_what_is_submitted_in_it_but_not_drafts(client, world, talks):
    url = f"/api/v1/processes/{world.process.slug}/settings"
    on = {"joint_mode": True, "confirm_joint_mode": True}
    world.headers("drafter"), world.headers("delegate_a")
    before = db_state()
    assert client.patch(url, headers=world.headers("drafter"), json=on).status_code == 403
    assert client.patch(url, headers=world.headers("delegate_a"), json=on).status_code == 403
    assert db_state() == before
    r = client.patch(url, headers=world.headers("mediator"), json=on)
    assert r.status_code == 200 and r.get_json()["changed"] == {"joint_mode": [False, True]}
    made = post(client, world, "delegate_a", talks.clauses[1], kind="proposal", body="Joint-time proposal.",
                proposed_text="A ceasefire shall hold.").get_json()
    client.post(f"/api/v1/submissions/{made['id']}/replies", headers=world.headers("mediator"),
                json={"body": "Team-answer-in-joint-mode."})
    seen_by_b = {c["id"]: c for c in comments(client, world, "delegate_b", talks.clauses[1])}
    assert made["id"] in seen_by_b and talks.a_proposal.public_id not in seen_by_b
    item = seen_by_b[made["id"]]
    assert item["replies"] == [] and item["disposition"] is None and item["author"] is None
    assert talks.a_draft.public_id not in [c["id"] for c in comments(client, world, "delegate_b", talks.clauses[0])]
    # Observer views stay with the team even in joint mode, and observers do not read the parties.
    assert comments(client, world, "delegate_b", talks.clauses[2]) == []
    assert made["id"] not in [c["id"] for c in comments(client, world, "observer", talks.clauses[1])]
    before = db_state()
    bad = client.patch(url, headers=world.headers("mediator"), json={"joint_mode": "yes"})
    assert bad.status_code == 422
    assert db_state() == before


def test_observers_submit_views_only_where_the_process_allows(client, world, talks):
    r = post(client, world, "observer", talks.clauses[0], kind="view", body="Our view")
    assert r.status_code == 201
    before = db_state()
    assert post(client, world, "observer", talks.clauses[0], kind="proposal", body="x",
                proposed_text="y").status_code == 422
    assert db_state() == before
    client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                 json={"observers_may_submit": False})
    before = db_state()
    assert post(client, world, "observer", talks.clauses[0], kind="view", body="Again").status_code == 403
    assert db_state() == before


@pytest.mark.parametrize("mode, party_sees", [("attributed", "Alpha Government"), ("anonymous", None),
                                              ("hidden", "nothing")])
def test_a_revision_names_the_proposals_it_answers_in_the_next_diff(client, world, talks, mode, party_sees):
    clause = talks.clauses[1]
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    r = client.post(f"/api/v1/clauses/{clause.public_id}/revisions", headers=world.headers("drafter"),
                    json={"text": "A ceasefire shall enter into force in 5 days.",
                          "base_version_id": current["version_id"], "answers": [talks.a_proposal.public_id]})
    assert r.status_code == 201
    client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                 json={"proposal_attribution": mode})
    assert client.post(f"/api/v1/documents/{talks.document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201

    def answers(who):
        diff = client.get(f"/api/v1/documents/{talks.document.public_id}/rounds/2/diff",
                          headers=world.headers(who)).get_json()
        return next(c for c in diff["clauses"] if c["clause_id"] == clause.public_id)["answers"]

    assert answers("mediator") == [{"submission_id": talks.a_proposal.public_id, "party": "Alpha Government"}]
    assert answers("delegate_a")[0]["party"] == "Alpha Government"       # its own, always
    seen = answers("delegate_b")
    if party_sees == "nothing":
        assert seen == []
    else:
        assert seen == [{"submission_id": talks.a_proposal.public_id if party_sees else None, "party": party_sees}]
    page = client.get(f"/documents/{talks.document.public_id}/rounds/2/diff", headers=world.headers("delegate_b"))
    shown = page.get_data(as_text=True)
    assert ("Answers proposals from" in shown) == (party_sees != "nothing")
    assert ("Alpha Government" in shown) == (party_sees == "Alpha Government")


def test_revisions_answer_only_submitted_proposals_on_that_clause(client, world, talks):
    clause = talks.clauses[0]
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    before = db_state()
    for answers in ([talks.a_proposal.public_id], [talks.b_comment.public_id], ["nope"], [5]):
        r = client.post(f"/api/v1/clauses/{clause.public_id}/revisions", headers=world.headers("drafter"),
                        json={"text": "Changed.", "base_version_id": current["version_id"], "answers": answers})
        assert r.status_code == 422, answers
    assert db_state() == before
    assert client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()["version_id"] \
        == current["version_id"]
