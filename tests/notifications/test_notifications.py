"""Notifications: the centre (page and API) holds the caller's own; mail goes through a
real SMTP server in this process (aiosmtpd) and carries a neutral line and a link only;
each user's choice per kind; a party never hears of another party's activity."""
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import EMAIL_LINE, Notification
from app.queue.engine import run_in_process
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import pid


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self, email):
        return [m for rcpt, m in self.messages if email in rcpt]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: app.config.get(k) for k in ("SMTP_HOST", "SMTP_PORT", "SMTP_USER")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_USER="")
    yield inbox
    app.config.update(saved)
    controller.stop()


def api(client, world, who, method="get", path="/api/v1/notifications", **kw):
    return getattr(client, method)(path, headers=world.headers(who), **kw)


def circulate(world, doc):
    document = doc[0]
    round_ = circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    return round_


def test_a_circulation_notifies_each_party_member_and_mails_a_neutral_line(app, client, world, doc, smtp):
    round_ = circulate(world, doc)
    run_in_process()
    members = ["delegate_a", "delegate_a2", "delegate_b", "observer"]
    for who in members:
        (mail,) = smtp.to(world.users[who].email)
        body = mail.get_content()
        assert EMAIL_LINE in body and f"/documents/{pid('document', round_.document_id)}/rounds/{round_.number}" in body
        for secret in ("Testland", "Framework", "ceasefire", "Alpha", "Beta"):
            assert secret not in body and secret not in mail["Subject"]
    for who in ("mediator", "drafter", "legal", "outsider"):
        assert smtp.to(world.users[who].email) == []
    answer = api(client, world, "delegate_a").get_json()
    assert answer["unread"] == 1 and answer["notifications"][0]["kind"] == "round_circulated"
    assert api(client, world, "outsider").get_json() == {"notifications": [], "unread": 0}
    sent = db.session.scalars(select(Notification.email)).all()
    assert sent and set(sent) == {"sent"}


def test_a_reply_tells_its_author_only_and_the_other_party_learns_nothing(app, client, world, doc, smtp):
    circulate(world, doc)
    run_in_process()
    clause = doc[2][0]
    before_b = api(client, world, "delegate_b").get_data()
    before_a2 = api(client, world, "delegate_a2").get_data()
    made = api(client, world, "delegate_a", "post", f"/api/v1/clauses/{clause.public_id}/comments",
               json={"kind": "comment", "body": "We need more time."})
    assert made.status_code == 201, made.get_data(as_text=True)
    public_id = made.get_json()["public_id"] if "public_id" in made.get_json() else made.get_json()["id"]
    replied = api(client, world, "mediator", "post", f"/api/v1/submissions/{public_id}/replies",
                  json={"body": "Noted; we will come back to it."})
    assert replied.status_code == 201, replied.get_data(as_text=True)
    run_in_process()
    mine = api(client, world, "delegate_a").get_json()
    assert mine["unread"] == 2 and mine["notifications"][0]["kind"] == "submission_answered"
    (mail,) = [m for m in smtp.to(world.users["delegate_a"].email) if "rounds" in m.get_content()][-1:]
    assert "Noted" not in mail.get_content() and "more time" not in mail.get_content()
    # Neither the other party nor the author's colleague hears of it: same bytes as before.
    assert api(client, world, "delegate_b").get_data() == before_b
    assert api(client, world, "delegate_a2").get_data() == before_a2
    assert len(smtp.to(world.users["delegate_b"].email)) == 1      # the round only


def test_preferences_off_and_digest(app, client, world, doc, smtp):
    assert api(client, world, "delegate_a", "put", "/api/v1/notifications/preferences",
               json={"round_circulated": "off"}).get_json()["round_circulated"] == "off"
    assert api(client, world, "delegate_b", "put", "/api/v1/notifications/preferences",
               json={"round_circulated": "digest"}).status_code == 200
    world.token("delegate_b")
    state = db_state()
    refused = api(client, world, "delegate_b", "put", "/api/v1/notifications/preferences",
                  json={"round_circulated": "hourly"})
    assert refused.status_code == 422 and db_state() == state
    circulate(world, doc)
    run_in_process()
    assert api(client, world, "delegate_a").get_json()["unread"] == 0
    assert smtp.to(world.users["delegate_a"].email) == []
    assert api(client, world, "delegate_b").get_json()["unread"] == 1      # in the centre, for the digest
    assert smtp.to(world.users["delegate_b"].email) == []


def test_marking_read_is_for_ones_own_only(app, client, world, doc, smtp):
    circulate(world, doc)
    mine = api(client, world, "delegate_a").get_json()["notifications"][0]["id"]
    # Opaque: sequential integers would count the notifications of everyone else in between.
    assert isinstance(mine, str) and mine.startswith("ntf_") and not mine[4:].isdigit()
    world.token("delegate_b")
    state = db_state()
    other = api(client, world, "delegate_b", "post", f"/api/v1/notifications/{mine}/read")
    missing = api(client, world, "delegate_b", "post", "/api/v1/notifications/999999/read")
    assert other.status_code == missing.status_code == 404
    assert other.get_data() == missing.get_data() and db_state() == state
    done = api(client, world, "delegate_a", "post", f"/api/v1/notifications/{mine}/read")
    assert done.status_code == 200 and done.get_json()["read"] is True
    assert api(client, world, "delegate_a").get_json()["unread"] == 0


def test_the_centre_page(app, client, world, doc):
    from tests.helpers import login
    circulate(world, doc)
    login(client, world.users["delegate_a"])
    page = client.get("/notifications")
    assert page.status_code == 200 and b"A new round was circulated to you." in page.data
    saved = client.post("/notifications/preferences", data={"round_circulated": "digest"})
    assert saved.status_code == 303
    assert b'value="digest" selected' in client.get("/notifications").data


def test_a_reopened_text_tells_each_user_whose_agreement_lapsed(app, client, world, doc, smtp):
    from tests.agreement.test_positions import agree_all, circulate as circulate_api, edit
    document, _, clauses = doc
    circulate_api(client, world, document)
    edit(client, world, clauses[1], "A ceasefire shall enter into force in 72 hours.")
    circulate_api(client, world, document)
    for clause in clauses:
        agree_all(client, world, clause)
    url = f"/api/v1/documents/{document.public_id}"
    assert client.post(url + "/conclude", headers=world.headers("mediator")).status_code == 200
    before = {who: api(client, world, who).get_json()["unread"] for who in ("delegate_a", "delegate_a2", "delegate_b")}
    assert client.post(url + "/reopen", headers=world.headers("mediator"), json={"reason": "Annex"}).status_code == 200
    after = {who: api(client, world, who).get_json() for who in ("delegate_a", "delegate_a2", "delegate_b")}
    # delegate_a and delegate_b recorded agreement; delegate_a2 recorded nothing.
    assert after["delegate_a"]["unread"] == before["delegate_a"] + 1
    assert after["delegate_a"]["notifications"][0]["kind"] == "agreement_lapsed"
    assert after["delegate_b"]["unread"] == before["delegate_b"] + 1
    assert after["delegate_a2"]["unread"] == before["delegate_a2"]


def test_the_daily_digest_mails_once_per_user_with_a_neutral_line(app, client, world, doc, smtp):
    from app.notifications.mail import send_digests
    for who in ("delegate_a", "delegate_b"):
        api(client, world, who, "put", "/api/v1/notifications/preferences", json={"round_circulated": "digest"})
    circulate(world, doc)
    run_in_process()
    assert smtp.to(world.users["delegate_a"].email) == []
    assert send_digests() == 2
    (mail,) = smtp.to(world.users["delegate_a"].email)
    assert EMAIL_LINE in mail.get_content() and "/notifications" in mail.get_content()
    assert "Testland" not in mail.get_content()
    assert send_digests() == 0          # sent once
