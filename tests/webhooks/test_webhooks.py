"""Webhooks: the mediator registers an address and its events; each event becomes a
signed delivery sent by the queue's job to a real HTTP receiver in this process, retried
with backoff when the receiver fails, and logged; a party learns nothing of them."""
import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.queue.engine import run_in_process
from app.rounds.operations import circulate_round
from app.webhooks.delivery import run_pending, verify
from app.webhooks.models import Webhook, WebhookDelivery
from tests.db_state import db_state
from tests.helpers import pid
from tests.webhooks.receiver import Receiver

ALL = ["round.circulated", "submission.received", "disposition.recorded", "position.changed",
       "agreement.lapsed", "finding.opened", "finding.escalated", "finding.decided", "document.concluded"]


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


@pytest.fixture
def config(app):
    saved = dict(app.config)
    yield app.config
    app.config.clear()
    app.config.update(saved)


def hooks_url(world, suffix=""):
    return f"/api/v1/processes/{world.process.slug}/webhooks{suffix}"


def register(client, world, url, events=("round.circulated",), who="mediator"):
    return client.post(hooks_url(world), headers=world.headers(who), json={"url": url, "events": list(events)})


def test_a_circulation_is_delivered_signed_with_ids_and_a_link_only(app, client, world, doc, receiver):
    answer = register(client, world, receiver.url, ALL)
    assert answer.status_code == 201, answer.get_json()
    hook = answer.get_json()
    secret = hook["secret"]
    assert secret.startswith("whsec_") and hook["id"].startswith("whk_")
    listed = client.get(hooks_url(world), headers=world.headers("mediator")).get_json()
    assert listed["webhooks"] == [{k: v for k, v in hook.items() if k != "secret"}]   # shown once

    document = doc[0]
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    assert receiver.received == []          # sent by the job, not by the circulation
    run_in_process()
    (got,) = receiver.received
    headers, body = got["headers"], got["body"]
    assert got["path"] == "/hooks/penholder"
    assert headers["X-Penholder-Signature"].startswith("sha256=")
    assert verify(secret, headers["X-Penholder-Timestamp"], body, headers["X-Penholder-Signature"])
    assert not verify("whsec_wrong", headers["X-Penholder-Timestamp"], body, headers["X-Penholder-Signature"])
    assert not verify(secret, str(int(headers["X-Penholder-Timestamp"]) - 3600), body,
                      headers["X-Penholder-Signature"])                          # a replay an hour later
    assert not verify(secret, headers["X-Penholder-Timestamp"], body + b" ", headers["X-Penholder-Signature"])
    payload = json.loads(body)
    assert payload["event"] == headers["X-Penholder-Event"] == "round.circulated"
    assert payload["id"] == headers["X-Penholder-Delivery"]
    assert payload["process"] == "testland"
    assert payload["objects"] == {"document": pid("document", document.id), "round": 1}
    assert payload["link"].endswith(f"/documents/{pid('document', document.id)}/rounds/1")
    for text in ("Framework", "ceasefire", "Testland Talks", "Alpha", "peace"):
        assert text not in body.decode()

    (delivery,) = client.get(hooks_url(world, f"/{hook['id']}/deliveries"),
                             headers=world.headers("mediator")).get_json()["deliveries"]
    assert delivery["id"] == payload["id"] and delivery["status"] == "delivered" and delivery["attempts"] == 1
    (entry,) = delivery["log"]
    assert entry["attempt"] == 1 and entry["status_code"] == 200 and entry["error"] is None


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(app, client, world, doc, receiver, config):
    config.update(WEBHOOK_RETRY_BASE=0)      # no wait between attempts in the test
    hook = register(client, world, receiver.url).get_json()
    receiver.answers = [500, 503]
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    assert run_pending() == 1 and run_pending() == 1 and run_pending() == 1 and run_pending() == 0
    assert [r["answered"] for r in receiver.received] == [500, 503, 200]
    ids = {r["headers"]["X-Penholder-Delivery"] for r in receiver.received}
    assert len(ids) == 1                     # the same delivery each time
    (delivery,) = client.get(hooks_url(world, f"/{hook['id']}/deliveries"),
                             headers=world.headers("mediator")).get_json()["deliveries"]
    assert delivery["status"] == "delivered"
    assert [(e["attempt"], e["status_code"]) for e in delivery["log"]] == [(1, 500), (2, 503), (3, 200)]
    assert delivery["log"][0]["error"] == "the receiver answered 500"


def test_the_backoff_waits_longer_each_time_and_gives_up(app, client, world, doc, receiver, config):
    config.update(WEBHOOK_RETRY_BASE=4, WEBHOOK_RETRIES=2)
    register(client, world, receiver.url)
    receiver.answers = [500] * 10
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    assert run_pending() == 1
    assert run_pending() == 0                # the retry is not due yet
    delivery = db.session.scalar(select(WebhookDelivery))
    first_wait = (delivery.next_attempt_at - delivery.log[-1].at).total_seconds()
    assert 3.5 < first_wait < 4.5
    for _ in range(2):
        delivery.next_attempt_at = delivery.log[-1].at     # time passes
        db.session.commit()
        run_pending()
        db.session.expire_all()
        delivery = db.session.scalar(select(WebhookDelivery))
    assert delivery.status == "failed" and delivery.attempts == 3 and delivery.next_attempt_at is None
    assert len(receiver.received) == 3


def test_a_webhook_hears_only_the_events_it_asked_for(app, client, world, doc, receiver):
    register(client, world, receiver.url, ["position.changed"])
    document, _, clauses = doc
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    assert receiver.received == []
    version = pid("version", clauses[0].current_version_id)
    answer = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha",
                        headers=world.headers("delegate_a"), json={"status": "agreed", "version_id": version})
    assert answer.status_code == 200, answer.get_json()
    run_in_process()
    (got,) = receiver.received
    payload = json.loads(got["body"])
    assert payload["event"] == "position.changed"
    assert set(payload["objects"]) == {"document", "clause", "position"}
    assert "alpha" not in got["body"].decode() and "agreed" not in got["body"].decode()


def test_a_refused_write_queues_no_delivery(app, client, world, doc, receiver):
    register(client, world, receiver.url, ALL)
    document, _, clauses = doc
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    world.token("delegate_a")
    before = db_state()
    stale = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha", headers=world.headers("delegate_a"),
                       json={"status": "agreed", "version_id": pid("version", clauses[0].current_version_id + 999)})
    assert stale.status_code in (404, 409, 422)
    assert db_state() == before
    run_in_process()
    assert len(receiver.received) == 1      # the circulation only


def test_a_paused_or_removed_webhook_sends_nothing(app, client, world, doc, receiver):
    hook = register(client, world, receiver.url).get_json()
    assert client.patch(hooks_url(world, f"/{hook['id']}"), headers=world.headers("mediator"),
                        json={"active": False}).get_json()["active"] is False
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    assert receiver.received == []
    assert client.delete(hooks_url(world, f"/{hook['id']}"), headers=world.headers("mediator")).status_code == 204
    assert db.session.scalars(select(Webhook)).all() == [] and db.session.scalars(select(WebhookDelivery)).all() == []


@pytest.mark.parametrize("url, why", [
    ("http://example.org/hook", "plain http elsewhere than localhost"),
    ("ftp://example.org/hook", "not http"),
    ("https://user:pw@example.org/hook", "credentials in the address"),
    ("https:///nohost", "no host"),
    ("https://example.org:99999/hook", "bad port"),
    ("", "empty"),
])
def test_bad_addresses_are_refused_and_nothing_is_written(app, client, world, url, why):
    world.token("mediator")
    before = db_state()
    answer = register(client, world, url)
    assert answer.status_code == 422, why
    assert db_state() == before


def test_bad_events_are_refused_and_nothing_is_written(app, client, world):
    world.token("mediator")
    before = db_state()
    for events in ([], ["round.deleted"], "round.circulated"):
        answer = client.post(hooks_url(world), headers=world.headers("mediator"),
                             json={"url": "https://example.org/h", "events": events})
        assert answer.status_code == 422
    assert db_state() == before


@pytest.mark.parametrize("url", ["http://localhost:8080/h", "https://127.0.0.1/h", "https://10.0.0.5/h",
                                 "https://169.254.169.254/latest/meta-data", "https://[::1]/h",
                                 "https://192.168.1.1/h"])
def test_private_and_loopback_addresses_are_refused_in_production(app, client, world, url, config):
    world.token("mediator")
    config.update(WEBHOOK_ALLOW_PRIVATE=False)
    before = db_state()
    assert register(client, world, url).status_code == 422
    assert db_state() == before


def test_a_name_that_resolves_to_a_private_address_is_refused_at_delivery(app, client, world, doc, receiver, config,
                                                                          monkeypatch):
    # A public-looking name whose DNS answers a private address (or comes to, later: DNS
    # rebinding) is checked by address at each attempt, and never connected to.
    import socket

    from app.webhooks import delivery as module
    config.update(WEBHOOK_ALLOW_PRIVATE=False)
    hook = register(client, world, "https://hooks.example.org/h").get_json()
    assert "id" in hook
    looked_up = []

    def resolve(host, port, *args, **kwargs):
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    def no_connection(*args, **kwargs):
        raise AssertionError("connected to a private address")
    monkeypatch.setattr(module.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(module.socket, "create_connection", no_connection)
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    assert looked_up == ["hooks.example.org"]
    (delivery,) = client.get(hooks_url(world, f"/{hook['id']}/deliveries"),
                             headers=world.headers("mediator")).get_json()["deliveries"]
    assert delivery["status"] == "failed" and "not a public one" in delivery["log"][0]["error"]


@pytest.mark.parametrize("who", ["delegate_a", "observer", "outsider"])
def test_parties_and_outsiders_get_what_a_missing_process_answers(app, client, world, who, receiver):
    hook = register(client, world, receiver.url).get_json()
    missing = "/api/v1/processes/no-such-process/webhooks"
    world.token(who)
    before = db_state()
    for method, suffix, body in (("get", "", None), ("post", "", {"url": "https://example.org/h", "events": ALL}),
                                 ("post", "", {"bad": 1}), ("patch", f"/{hook['id']}", {"active": False}),
                                 ("delete", f"/{hook['id']}", None), ("get", f"/{hook['id']}/deliveries", None)):
        theirs = getattr(client, method)(hooks_url(world, suffix), headers=world.headers(who), json=body)
        absent = getattr(client, method)(missing + suffix, headers=world.headers(who), json=body)
        assert theirs.status_code == absent.status_code == 404, (method, suffix)
        assert theirs.get_data() == absent.get_data()
    assert db_state() == before


@pytest.mark.parametrize("who", ["drafter", "legal"])
def test_the_rest_of_the_team_may_not_manage_webhooks(app, client, world, who, receiver):
    hook = register(client, world, receiver.url).get_json()
    world.token(who)
    before = db_state()
    assert client.get(hooks_url(world), headers=world.headers(who)).status_code == 403
    assert register(client, world, receiver.url, who=who).status_code == 403
    assert client.patch(hooks_url(world, f"/{hook['id']}"), headers=world.headers(who),
                        json={"active": False}).status_code == 403
    assert client.delete(hooks_url(world, f"/{hook['id']}"), headers=world.headers(who)).status_code == 403
    assert db_state() == before


def test_another_process_webhook_answers_as_a_missing_one(app, client, world, receiver):
    hook = register(client, world, receiver.url).get_json()
    from app.processes.models import Membership, Role
    db.session.add(Membership(process_id=world.other_process.id, user_id=world.users["mediator"].id,
                              role=Role.mediator))
    db.session.commit()
    other = f"/api/v1/processes/{world.other_process.slug}/webhooks"
    theirs = client.get(f"{other}/{hook['id']}/deliveries", headers=world.headers("mediator"))
    absent = client.get(f"{other}/whk_AAAAAAAAAAAAAAAAAAAAAA/deliveries", headers=world.headers("mediator"))
    assert theirs.status_code == absent.status_code == 404 and theirs.get_data() == absent.get_data()


def test_the_mediator_page_registers_shows_the_secret_once_and_lists_deliveries(app, client, world, doc, receiver):
    from tests.helpers import login
    login(client, world.users["mediator"])
    page = client.get(f"/p/{world.process.slug}/webhooks")
    assert page.status_code == 200 and b"Register an address" in page.data
    created = client.post(f"/p/{world.process.slug}/webhooks",
                          data={"url": receiver.url, "events": ["round.circulated", "document.concluded"]})
    assert created.status_code == 201
    secret = db.session.scalar(select(Webhook.secret))
    assert secret.encode() in created.data
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    again = client.get(f"/p/{world.process.slug}/webhooks")
    assert secret.encode() not in again.data
    assert b"round.circulated" in again.data and b"delivered" in again.data
    before = db_state()
    refused = client.post(f"/p/{world.process.slug}/webhooks", data={"url": "http://example.org/x",
                                                                     "events": ["round.circulated"]})
    assert refused.status_code == 303 and db_state() == before
