"""The process option `mail_includes_text`: off (the default), every mail is the neutral
line and a link; on, immediate mails and digests quote what their recipient may already
read (the round's note, the team's reply or decision on their own submission, an
escalation's note to its assignee) and never another party's text. Read from a real SMTP
server in this process (aiosmtpd)."""
import json

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.notifications.mail import send_digests
from app.notifications.models import EMAIL_LINE, Notification
from app.notifications.permissions import mail_text
from app.queue.engine import run_in_process
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.notifications.test_notifications import api, smtp  # noqa: F401

NOTE = "Please send your views on Article 2 by Friday."
A_COMMENT, B_COMMENT = "Alpha asks for more time.", "Beta has a concern of its own."
A_REPLY, B_REPLY = "Granted to Alpha: two more days.", "For Beta: the team will call you."
PROPOSAL_REASON = "Seven days would leave the front open too long."


def settings(client, world, who="mediator", **values):
    return client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers(who), json=values)


def allow(client, world, on=True):
    answer = settings(client, world, mail_includes_text=on)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["settings"]["mail_includes_text"] is on


def circulate(world, doc, note=NOTE):
    round_ = circulate_round(doc[0], actor=world.users["mediator"], note=note)
    db.session.commit()
    return round_


def comment(client, world, who, clause, body, kind="comment", **extra):
    made = api(client, world, who, "post", f"/api/v1/clauses/{clause.public_id}/comments",
               json={"kind": kind, "body": body, **extra})
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def reply(client, world, submission, body):
    answer = api(client, world, "mediator", "post", f"/api/v1/submissions/{submission}/replies", json={"body": body})
    assert answer.status_code == 201, answer.get_json()


def bodies(smtp, world, who):  # noqa: F811
    return [m.get_content() for m in smtp.to(world.users[who].email)]


def exchange(client, world, doc):
    """A round with a note; each party comments and the team answers each one."""
    circulate(world, doc)
    clause = doc[2][0]
    a = comment(client, world, "delegate_a", clause, A_COMMENT)
    b = comment(client, world, "delegate_b", clause, B_COMMENT)
    reply(client, world, a, A_REPLY)
    reply(client, world, b, B_REPLY)
    run_in_process()


def test_off_by_default_every_mail_is_the_neutral_line_and_a_link(app, client, world, doc, smtp):  # noqa: F811
    assert api(client, world, "mediator", path=f"/api/v1/processes/{world.process.slug}").get_json()[
        "settings"]["mail_includes_text"] is False
    exchange(client, world, doc)
    for who in ("delegate_a", "delegate_a2", "delegate_b", "observer"):
        mails = bodies(smtp, world, who)
        assert mails, who
        for body in mails:
            assert EMAIL_LINE in body and "/documents/" in body
            for text in (NOTE, A_COMMENT, B_COMMENT, A_REPLY, B_REPLY, "Friday", "> "):
                assert text not in body, (who, text)
    assert len(bodies(smtp, world, "delegate_a")) == 2 and len(bodies(smtp, world, "delegate_a2")) == 1


def test_on_each_recipient_reads_their_own_visible_text_and_never_another_partys(app, client, world, doc,
                                                                                smtp):  # noqa: F811
    allow(client, world)
    exchange(client, world, doc)
    # The round's note is every party member's to read.
    for who in ("delegate_a", "delegate_a2", "delegate_b", "observer"):
        (round_mail,) = [b for b in bodies(smtp, world, who) if "rounds/1" in b and f"> {NOTE}" in b]
        assert EMAIL_LINE in round_mail
    a_mails, b_mails = bodies(smtp, world, "delegate_a"), bodies(smtp, world, "delegate_b")
    assert len(a_mails) == len(b_mails) == 2
    assert any(f"> {A_REPLY}" in body for body in a_mails)
    assert any(f"> {B_REPLY}" in body for body in b_mails)
    for body in a_mails:
        assert B_REPLY not in body and B_COMMENT not in body
    for body in b_mails:
        assert A_REPLY not in body and A_COMMENT not in body
    # The author's colleague heard of the round only; the team heard of nothing by mail.
    assert all(A_REPLY not in body for body in bodies(smtp, world, "delegate_a2"))
    for who in ("mediator", "drafter", "legal", "outsider"):
        assert bodies(smtp, world, who) == []
    for rcpt, message in smtp.messages:
        assert NOTE not in message["Subject"] and A_REPLY not in message["Subject"]


def test_on_a_decision_on_a_proposal_is_quoted_to_its_author(app, client, world, doc, smtp):  # noqa: F811
    allow(client, world)
    circulate(world, doc, note=None)
    proposal = comment(client, world, "delegate_a", doc[2][1], "Seventy-two hours is too short.", kind="proposal",
                       proposed_text="A ceasefire shall enter into force in 7 days.")
    decided = api(client, world, "mediator", "post", f"/api/v1/submissions/{proposal}/disposition",
                  json={"decision": "not_accepted", "reason": PROPOSAL_REASON})
    assert decided.status_code == 201, decided.get_json()
    run_in_process()
    round_mail, decision_mail = bodies(smtp, world, "delegate_a")
    assert "> " not in round_mail                               # a round without a note quotes nothing
    assert f"> not accepted: {PROPOSAL_REASON}" in decision_mail
    assert all(PROPOSAL_REASON not in body for body in bodies(smtp, world, "delegate_b"))


def test_on_the_digest_lists_the_recipients_own_texts_only(app, client, world, doc, smtp):  # noqa: F811
    allow(client, world)
    for who in ("delegate_a", "delegate_b"):
        api(client, world, who, "put", "/api/v1/notifications/preferences",
            json={"round_circulated": "digest", "submission_answered": "digest"})
    exchange(client, world, doc)
    assert bodies(smtp, world, "delegate_a") == [] and bodies(smtp, world, "delegate_b") == []
    assert send_digests() == 2
    (a_digest,) = bodies(smtp, world, "delegate_a")
    (b_digest,) = bodies(smtp, world, "delegate_b")
    assert EMAIL_LINE in a_digest and "/notifications" in a_digest
    assert f"> {NOTE}" in a_digest and f"> {A_REPLY}" in a_digest
    assert f"> {NOTE}" in b_digest and f"> {B_REPLY}" in b_digest
    assert B_REPLY not in a_digest and B_COMMENT not in a_digest and A_COMMENT not in a_digest
    assert A_REPLY not in b_digest and A_COMMENT not in b_digest and B_COMMENT not in b_digest


def test_off_digest_stays_neutral(app, client, world, doc, smtp):  # noqa: F811
    api(client, world, "delegate_a", "put", "/api/v1/notifications/preferences",
        json={"round_circulated": "digest", "submission_answered": "digest"})
    exchange(client, world, doc)
    assert send_digests() == 1
    (digest,) = bodies(smtp, world, "delegate_a")
    assert EMAIL_LINE in digest
    for text in (NOTE, A_REPLY, B_REPLY, "> "):
        assert text not in digest


def test_the_setting_is_read_when_the_mail_is_written(app, client, world, doc, smtp):  # noqa: F811
    # Queued while it was on, sent after the mediator turned it off: neutral.
    allow(client, world)
    circulate(world, doc)
    allow(client, world, on=False)
    run_in_process()
    for body in bodies(smtp, world, "delegate_a"):
        assert NOTE not in body


def test_mail_text_answers_only_for_the_recipient_who_may_read_it(app, client, world, doc, smtp):  # noqa: F811
    allow(client, world)
    exchange(client, world, doc)
    (a_answer,) = db.session.scalars(select(Notification).where(
        Notification.user_id == world.users["delegate_a"].id, Notification.kind == "submission_answered"))
    assert mail_text(a_answer, world.users["delegate_a"]) == A_REPLY
    # The same subject addressed to someone else (another party, the author's colleague,
    # an outsider) quotes nothing: the check is the reader's access, not the row's owner.
    for who in ("delegate_b", "observer", "outsider", "delegate_a2"):
        forged = Notification(user_id=world.users[who].id, kind=a_answer.kind, link=a_answer.link,
                              subject=a_answer.subject, subject_id=a_answer.subject_id)
        expected = A_REPLY if who == "delegate_a2" else None      # the thread is their party's
        assert mail_text(forged, world.users[who]) == expected, who
        assert mail_text(a_answer, world.users[who]) is None      # not theirs at all


def test_an_escalation_note_is_quoted_to_its_assignee_when_on(app, client, world, doc, smtp):  # noqa: F811
    from tests.security.scene import build_scene
    allow(client, world)
    scene = build_scene(world, doc)
    run_in_process()
    answer = client.post(f"/api/v1/findings/{scene.finding.id}/review", headers=world.headers("legal"),
                         json={"decision": "escalated", "reason": "For headquarters.",
                               "assignee_id": world.users["mediator"].id, "note": "Raise it with OLA."})
    assert answer.status_code == 201, answer.get_json()
    run_in_process()
    (mail,) = bodies(smtp, world, "mediator")
    assert "> Raise it with OLA." in mail and "/findings" in mail
    assert "headquarters" not in mail          # the reason is not the assignee's note


def test_the_mediator_sets_it_audited_and_others_change_nothing(app, client, world):
    assert settings(client, world, mail_includes_text=True).get_json()["changed"] == \
        {"mail_includes_text": [False, True]}
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "process.settings")
                               .order_by(AuditEntry.id.desc())).first()
    assert json.loads(entry.changes) == {"mail_includes_text": [False, True]}
    for who in ("drafter", "legal", "delegate_a", "observer"):
        world.token(who)
        before = db_state()
        assert settings(client, world, who, mail_includes_text=False).status_code in (403, 404), who
        assert db_state() == before
    world.token("mediator")
    before = db_state()
    assert settings(client, world, mail_includes_text="yes").status_code == 422
    assert db_state() == before


@pytest.mark.parametrize("ticked", [True, False])
def test_the_settings_form_sets_it(app, client, world, ticked):
    from app.processes.models import Process
    from tests.helpers import login
    login(client, world.users["mediator"])
    page = client.get(f"/p/{world.process.slug}")
    assert b'name="mail_includes_text"' in page.data
    process = world.process
    form = {name: "1" for name in ("nauea", "un_endorsed")} | {
        "proposal_attribution": process.proposal_attribution.value, "house_font": process.house_font,
        "language": process.language, "document_symbol": process.document_symbol,
        "late_submissions": process.late_submissions, "time_zone": process.time_zone, "ad_referendum_days": ""}
    if ticked:
        form["mail_includes_text"] = "1"
    assert client.post(f"/p/{world.process.slug}/settings", data=form).status_code == 303
    db.session.expire_all()
    assert db.session.get(Process, world.process.id).mail_includes_text is ticked
