"""`finding.opened`: the rule engine opening a finding (no audit entry) is a webhook event,
delivered signed to a real HTTP receiver, once per new finding and never for one re-found
unchanged; it carries the ids, rule, severity and language a team member sees in the
queue, never the clause's text or the finding's message."""
import json

import pytest

from app.compliance.models import Finding
from app.extensions import db
from app.queue.engine import run_in_process
from app.webhooks.delivery import verify
from tests.helpers import pid
from tests.webhooks.receiver import Receiver

AMNESTY = "An amnesty is granted for all acts committed during the conflict."
BROAD = "Members of the Parties shall benefit from the broadest possible amnesty."
EXCLUSIONS = ("This Agreement excludes from any amnesty genocide, crimes against humanity, war crimes, gross "
              "violations of human rights including torture, enforced disappearance, extrajudicial executions "
              "and slavery, and rape and other sexual violence.")


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


def register(client, world, url, events):
    answer = client.post(f"/api/v1/processes/{world.process.slug}/webhooks", headers=world.headers("mediator"),
                         json={"url": url, "events": events})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def edit(client, world, clause, text):
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    answer = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                          json={"text": text, "base_version_id": current["version_id"]})
    assert answer.status_code == 200, answer.get_json()


def queue(client, world, document):
    """The legal adviser's read that runs the engine and stores what it opened."""
    answer = client.get(f"/api/v1/documents/{document.public_id}/findings", headers=world.headers("legal"))
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["findings"]


def payloads(receiver):
    return [json.loads(r["body"]) for r in receiver.received]


def test_a_new_finding_is_delivered_signed_with_what_the_queue_shows_and_no_text(app, client, world, doc, receiver):
    hook = register(client, world, receiver.url, ["finding.opened"])
    assert "finding.opened" in client.get(f"/api/v1/processes/{world.process.slug}/webhooks",
                                          headers=world.headers("mediator")).get_json()["events"]
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    run_in_process()
    assert receiver.received == []          # an edit stores no finding: the next read does
    (found,) = queue(client, world, document)
    run_in_process()
    (got,) = receiver.received
    headers, body = got["headers"], got["body"]
    assert headers["X-Penholder-Event"] == "finding.opened"
    assert verify(hook["secret"], headers["X-Penholder-Timestamp"], body, headers["X-Penholder-Signature"])
    payload = json.loads(body)
    finding = db.session.get(Finding, found["id"])
    assert payload["event"] == "finding.opened" and payload["process"] == world.process.slug
    assert payload["objects"] == {"document": pid("document", document.id), "clause": clauses[0].public_id,
                                  "version": pid("version", finding.version_id), "finding": found["id"],
                                  "rule": "amnesty.missing-exclusions", "severity": "violation", "language": None}
    assert payload["objects"]["clause"] == found["clause_id"]           # the ids the queue names
    assert payload["link"].endswith(f"/documents/{pid('document', document.id)}/findings")
    text = body.decode()
    for secret in ("amnesty is granted", "conflict", finding.message, finding.citation[:40], "Testland Talks"):
        assert secret not in text
    deliveries = client.get(f"/api/v1/processes/{world.process.slug}/webhooks/{hook['id']}/deliveries",
                            headers=world.headers("mediator")).get_json()["deliveries"]
    assert [(d["id"], d["status"]) for d in deliveries] == [(payload["id"], "delivered")]


def test_a_finding_re_found_unchanged_is_not_sent_again_and_only_new_ones_are(app, client, world, doc, receiver):
    register(client, world, receiver.url, ["finding.opened"])
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    first = queue(client, world, document)
    run_in_process()
    assert len(receiver.received) == 1
    # Another clause changes: the pass runs again, clause 1's finding is the same one.
    edit(client, world, clauses[2], "Forces shall withdraw to the agreed lines.")
    assert [f["id"] for f in queue(client, world, document)] == [f["id"] for f in first]
    run_in_process()
    assert len(receiver.received) == 1
    # A warning appears on another clause: only it is sent.
    edit(client, world, clauses[2], BROAD)
    queue(client, world, document)
    run_in_process()
    assert [(p["objects"]["clause"], p["objects"]["severity"]) for p in payloads(receiver)] == \
        [(clauses[0].public_id, "violation"), (clauses[2].public_id, "warning")]
    # A new wording of clause 1 that is still a violation is a new finding on a new version.
    edit(client, world, clauses[0], AMNESTY + " It applies to all.")
    queue(client, world, document)
    run_in_process()
    last = payloads(receiver)[-1]["objects"]
    assert len(receiver.received) == 3 and last["clause"] == clauses[0].public_id
    assert last["finding"] != first[0]["id"] and last["version"] != payloads(receiver)[0]["objects"]["version"]


def test_notices_open_nothing_and_other_subscriptions_hear_nothing(app, client, world, doc, receiver):
    register(client, world, receiver.url, ["finding.escalated", "finding.decided", "round.circulated"])
    with Receiver() as second:
        register(client, world, second.url, ["finding.opened"])
        document, _, clauses = doc
        edit(client, world, clauses[1], EXCLUSIONS)
        edit(client, world, clauses[0], "An amnesty is granted for all acts committed during the conflict, "
                                        "subject to Article 2.")
        assert [f["severity"] for f in queue(client, world, document)] == ["notice"]
        run_in_process()
        assert second.received == []            # a compliant amnesty is recorded, not opened
        edit(client, world, clauses[2], BROAD)
        queue(client, world, document)
        run_in_process()
        assert [p["objects"]["severity"] for p in payloads(second)] == ["warning"]
    assert receiver.received == []


def test_a_paused_webhook_queues_nothing_for_opened_findings(app, client, world, doc, receiver):
    hook = register(client, world, receiver.url, ["finding.opened"])
    assert client.patch(f"/api/v1/processes/{world.process.slug}/webhooks/{hook['id']}",
                        headers=world.headers("mediator"), json={"active": False}).status_code == 200
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    assert len(queue(client, world, document)) == 1
    run_in_process()
    assert receiver.received == []
    assert client.get(f"/api/v1/processes/{world.process.slug}/webhooks/{hook['id']}/deliveries",
                      headers=world.headers("mediator")).get_json()["deliveries"] == []
