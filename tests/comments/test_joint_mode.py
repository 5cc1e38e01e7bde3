"""Joint mode does not open the past (issue #17, point 7): a submission's visibility is
fixed by the phase it was made in; turning joint mode on asks first and says what opens;
sharing an item shares the question, and only the team replies the mediator picks."""
from sqlalchemy import select

from app.comments.models import Reply
from app.extensions import db
from tests.comments.test_comments_api import comments, post
from tests.db_state import db_state
from tests.export.wordxml import everything
from tests.helpers import login

ON = {"joint_mode": True, "confirm_joint_mode": True}


def settings_url(world):
    return f"/api/v1/processes/{world.process.slug}/settings"


def joint_on(client, world):
    r = client.patch(settings_url(world), headers=world.headers("mediator"), json=ON)
    assert r.status_code == 200, r.get_json()


def page(make_client, world, who):
    c = make_client()
    login(c, world.users[who])
    return c


def comments_copy(client, world, talks, who) -> str:
    r = client.post(f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=comments",
                    headers=world.headers(who))
    assert r.status_code == 201
    return everything(r.data)


def test_turning_joint_mode_on_opens_nothing_said_before(client, make_client, world, talks):
    joint_on(client, world)
    # Through the API, the round page and B's own Word copy: A's earlier items stay A's.
    seen = [c["id"] for clause in talks.clauses for c in comments(client, world, "delegate_b", clause)]
    assert talks.a_proposal.public_id not in seen
    html = page(make_client, world, "delegate_b").get(
        f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    assert "Alpha-secret" not in html and talks.a_proposal.public_id not in html
    assert "Alpha-secret" not in comments_copy(client, world, talks, "delegate_b")
    # Acting on it answers as for a missing item.
    reply = client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/replies",
                        headers=world.headers("delegate_b"), json={"body": "x"})
    missing = client.post("/api/v1/submissions/no-such-item/replies", headers=world.headers("delegate_b"),
                          json={"body": "x"})
    assert reply.status_code == missing.status_code == 404 and reply.data == missing.data


def test_what_is_submitted_in_joint_mode_is_read_by_every_party_and_stays_so(client, world, talks):
    joint_on(client, world)
    made = post(client, world, "delegate_a", talks.clauses[0], kind="comment", body="Alpha-in-joint.").get_json()
    assert made["made_in_joint"] is True
    assert made["id"] in [c["id"] for c in comments(client, world, "delegate_b", talks.clauses[0])]
    # Turning joint mode off closes nothing that was open, and opens nothing new.
    client.patch(settings_url(world), headers=world.headers("mediator"), json={"joint_mode": False})
    later = post(client, world, "delegate_a", talks.clauses[0], kind="comment", body="Alpha-after.").get_json()
    seen = [c["id"] for c in comments(client, world, "delegate_b", talks.clauses[0])]
    assert made["id"] in seen and later["id"] not in seen


def test_a_draft_written_in_confidence_stays_confidential_when_submitted_in_joint_mode(client, world, talks):
    joint_on(client, world)
    r = client.post(f"/api/v1/submissions/{talks.a_draft.public_id}/submit", headers=world.headers("delegate_a"))
    assert r.status_code == 200 and r.get_json()["made_in_joint"] is False
    assert talks.a_draft.public_id not in [c["id"] for c in comments(client, world, "delegate_b", talks.clauses[0])]


def test_a_draft_written_in_joint_mode_but_submitted_after_it_stays_confidential(client, world, talks):
    joint_on(client, world)
    draft = post(client, world, "delegate_a", talks.clauses[0], kind="comment", body="Drafted in joint.",
                 draft=True).get_json()
    client.patch(settings_url(world), headers=world.headers("mediator"), json={"joint_mode": False})
    client.post(f"/api/v1/submissions/{draft['id']}/submit", headers=world.headers("delegate_a"))
    assert draft["id"] not in [c["id"] for c in comments(client, world, "delegate_b", talks.clauses[0])]


def test_the_api_asks_for_confirmation_and_changes_nothing_without_it(client, world, talks):
    headers = world.headers("mediator")
    before = db_state()
    r = client.patch(settings_url(world), headers=headers, json={"joint_mode": True, "nauea": False})
    assert r.status_code == 409
    body = r.get_json()
    assert body["error"] == "confirmation_required" and body["confirm"] == "confirm_joint_mode"
    assert "From now on" in body["opens"] and "stays confidential" in body["stays_confidential"]
    assert "Everything submitted before stays confidential" in body["message"]
    assert db_state() == before
    db.session.refresh(world.process)
    assert world.process.joint_mode is False and world.process.nauea is True
    # Turning it off, or leaving it off, needs no confirmation.
    assert client.patch(settings_url(world), headers=headers, json={"joint_mode": False}).status_code == 200


def test_the_settings_page_shows_what_opens_and_what_does_not_before_it_changes(make_client, world, talks):
    mediator = page(make_client, world, "mediator")
    form = {"joint_mode": "1", "nauea": "1", "observers_may_submit": "1", "proposal_attribution": "attributed",
            "house_font": "Times New Roman", "language": "en-GB", "document_symbol": ""}
    before = db_state()
    asked = mediator.post(f"/p/{world.process.slug}/settings", data=form)
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "What becomes visible:" in text and "What stays confidential:" in text
    assert "Everything submitted before stays confidential" in text and 'name="confirm_joint_mode" value="1"' in text
    assert 'name="proposal_attribution" value="attributed"' in text        # the form comes back whole
    assert db_state() == before
    done = mediator.post(f"/p/{world.process.slug}/settings", data={**form, "confirm_joint_mode": "1"})
    assert done.status_code == 303
    db.session.refresh(world.process)
    assert world.process.joint_mode is True


def test_sharing_shares_the_question_not_the_teams_answer(client, make_client, world, talks):
    a = talks.a_proposal
    team_reply = a.replies[0]
    own_reply = client.post(f"/api/v1/submissions/{a.public_id}/replies", headers=world.headers("delegate_a"),
                            json={"body": "Alpha-own-reply."}).get_json()["replies"][-1]
    r = client.post(f"/api/v1/submissions/{a.public_id}/share", headers=world.headers("mediator"))
    assert r.status_code == 200 and r.get_json()["shared"] is True
    item = {c["id"]: c for c in comments(client, world, "delegate_b", talks.clauses[1])}[a.public_id]
    assert item["body"].startswith("Alpha-secret") and item["replies"] == [] and item["disposition"] is None
    html = page(make_client, world, "delegate_b").get(f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    assert "Alpha-secret" in html and "Team-reply-to-alpha" not in html and "Disposition-reason-alpha" not in html
    copy = comments_copy(client, world, talks, "delegate_b")
    assert "Alpha-secret" in copy and "Team-reply-to-alpha" not in copy and "Disposition-reason-alpha" not in copy
    assert "Alpha-own-reply" not in copy

    # The mediator then shares the team's reply with it: that reply, nothing else.
    mediator_page = page(make_client, world, "mediator").get(
        f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    assert f'name="replies" value="{team_reply.public_id}"' in mediator_page
    assert f'value="{own_reply["id"]}"' not in mediator_page                 # a party's reply is not the team's
    refused = client.post(f"/api/v1/submissions/{a.public_id}/share", headers=world.headers("mediator"),
                          json={"replies": [own_reply["id"]]})
    assert refused.status_code == 422
    r = client.post(f"/api/v1/submissions/{a.public_id}/share", headers=world.headers("mediator"),
                    json={"replies": [team_reply.public_id]})
    assert r.status_code == 200
    item = {c["id"]: c for c in comments(client, world, "delegate_b", talks.clauses[1])}[a.public_id]
    assert [(x["id"], x["author"]) for x in item["replies"]] == [(team_reply.public_id, "Mediation team")]
    assert item["disposition"] is None
    copy = comments_copy(client, world, talks, "delegate_b")
    assert "Team-reply-to-alpha" in copy and "Alpha-own-reply" not in copy and "Disposition-reason-alpha" not in copy
    # Sharing the same again is a conflict that changes nothing.
    again = client.post(f"/api/v1/submissions/{a.public_id}/share", headers=world.headers("mediator"),
                        json={"replies": [team_reply.public_id]})
    assert again.status_code == 409


def test_the_share_form_sends_the_ticked_replies(make_client, world, talks):
    a = talks.a_proposal
    mediator = page(make_client, world, "mediator")
    r = mediator.post(f"/submissions/{a.public_id}/share", data={"replies": [a.replies[0].public_id]})
    assert r.status_code == 303
    shared = db.session.scalars(select(Reply.shared_with_all).where(Reply.submission_id == a.id)).all()
    assert shared == [True]
    html = page(make_client, world, "delegate_b").get(f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    assert "Team-reply-to-alpha" in html and "Mediation team" in html
