"""Findings in the application: stored per clause version, re-checked when a wording or
the clauses it refers to change, reviewed by legal advisers, hidden from parties."""
import json

import pytest
from sqlalchemy import func, select

from app.compliance.models import Finding
from app.compliance.refresh import confirmed_violations
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.db_state import db_state

AMNESTY = "An amnesty is granted for all acts committed during the conflict."
LIMITED = ("An amnesty is granted for all acts committed during the conflict, subject to Article 2.")
EXCLUSIONS = ("This Agreement excludes from any amnesty genocide, crimes against humanity, war crimes, gross "
              "violations of human rights including torture, enforced disappearance, extrajudicial executions "
              "and slavery, and rape and other sexual violence.")


def findings(client, world, document, who="legal", **params):
    r = client.get(f"/api/v1/documents/{document.public_id}/findings", headers=world.headers(who), query_string=params)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["findings"]


def edit(client, world, clause, text):
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": current["version_id"]})
    assert r.status_code == 200, r.get_json()


def review(client, world, finding_id, who="legal", **body):
    return client.post(f"/api/v1/findings/{finding_id}/review", headers=world.headers(who), json=body)


def test_a_new_wording_is_checked_and_the_old_findings_leave_the_queue(client, world, doc):
    document, _, clauses = doc
    assert findings(client, world, document) == []
    edit(client, world, clauses[0], AMNESTY)
    found = findings(client, world, document)
    assert [(f["clause_id"], f["severity"], f["rule"]) for f in found] == \
        [(clauses[0].public_id, "violation", "amnesty.missing-exclusions")]
    assert found[0]["excerpt"] == AMNESTY[found[0]["start"]:found[0]["end"]] and found[0]["citation"]
    edit(client, world, clauses[0], "The Parties commit to peace.")
    assert findings(client, world, document) == []
    old = db.session.get(Finding, found[0]["id"])
    assert old.superseded_at is not None          # kept in history


def test_an_unchanged_wording_keeps_its_findings_and_reviews(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    first = findings(client, world, document)[0]
    assert review(client, world, first["id"], decision="confirmed", reason="Blanket amnesty.").status_code == 201
    edit(client, world, clauses[2], "Forces shall withdraw to the agreed lines.")
    again = findings(client, world, document)
    assert again[0]["id"] == first["id"] and again[0]["review"]["decision"] == "confirmed"
    assert db.session.scalar(select(func.count()).select_from(Finding)) == 1


def test_clauses_that_refer_to_a_changed_clause_are_rechecked(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[1], EXCLUSIONS)            # becomes Article 2
    edit(client, world, clauses[0], LIMITED)               # "subject to Article 2"
    assert [f["severity"] for f in findings(client, world, document)] == ["notice"]
    edit(client, world, clauses[1], "This Agreement excludes genocide from any amnesty.")
    assert [f["severity"] for f in findings(client, world, document) if f["clause_id"] == clauses[0].public_id] \
        == ["violation"]


def test_the_review_workflow(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    edit(client, world, clauses[2], "Members of the Parties shall benefit from the broadest possible amnesty.")
    violation, warning = findings(client, world, document)
    assert violation["severity"] == "violation" and warning["severity"] == "warning"
    # Dismissing needs a reason; unknown decisions are refused; nothing is recorded.
    assert review(client, world, warning["id"], decision="dismissed").status_code == 422
    assert review(client, world, warning["id"], decision="maybe", reason="x").status_code == 422
    assert findings(client, world, document)[1]["reviews"] == []
    r = review(client, world, warning["id"], decision="escalated", reason="Ask OLA in New York.",
               assignee_id=world.users["mediator"].id, note="Take it to OLA at the Thursday call.")
    assert r.status_code == 201 and r.get_json()["open"] is True           # escalated stays in the queue
    assert r.get_json()["review"]["assignee"] == world.users["mediator"].name
    r = review(client, world, warning["id"], decision="dismissed", reason="HQ: conditional scheme with exclusions in the law.")
    assert r.get_json()["open"] is False
    assert [x["decision"] for x in r.get_json()["reviews"]] == ["escalated", "dismissed"]
    assert r.get_json()["reviews"][0]["reviewer"] == world.users["legal"].name
    assert [f["id"] for f in findings(client, world, document, open="1")] == [violation["id"]]
    assert confirmed_violations(document) == []
    review(client, world, violation["id"], decision="confirmed", reason="Blanket amnesty.")
    assert [f.id for f in confirmed_violations(document)] == [violation["id"]]
    # A new wording supersedes the confirmed violation: it no longer blocks anything.
    edit(client, world, clauses[0], "The Parties commit to peace.")
    assert confirmed_violations(document) == []
    assert review(client, world, violation["id"], decision="confirmed").status_code == 422


@pytest.mark.parametrize("who, read, write", [
    ("mediator", 200, 403), ("drafter", 200, 403), ("legal", 200, 201), ("delegate_a", 404, 404),
    ("delegate_b", 404, 404), ("observer", 404, 404), ("outsider", 404, 404), (None, 401, 401)])
def test_who_may_read_and_review_findings(client, world, doc, who, read, write):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    circulate_round(document, actor=world.users["mediator"], confirm_findings=True)
    db.session.commit()
    finding_id = findings(client, world, document)[0]["id"]
    r = client.get(f"/api/v1/documents/{document.public_id}/findings", headers=world.headers(who))
    assert r.status_code == read
    w = review(client, world, finding_id, who=who, decision="confirmed", reason="x")
    assert w.status_code == write
    if write == 404:
        assert w.get_json() == review(client, world, 987654, who=who, decision="confirmed").get_json()
    if who and who.startswith(("delegate", "observer")):
        for url in (f"/documents/{document.public_id}/rounds/1", f"/api/v1/documents/{document.public_id}",
                    f"/api/v1/documents/{document.public_id}/rounds/1/diff?from=1"):
            body = client.get(url, headers=world.headers(who)).get_data(as_text=True)
            assert "amnesty.missing" not in body and "S/2009/189" not in body


def test_the_queue_page_highlights_the_span_and_takes_reviews(make_client, world, doc):
    from tests.helpers import login
    document, _, clauses = doc
    edit(make_client(), world, clauses[0], "Peace. " + AMNESTY)
    legal = make_client()
    login(legal, world.users["legal"])
    page = legal.get(f"/documents/{document.public_id}/findings").get_data(as_text=True)
    assert "<mark>An amnesty is granted" in page and "Record review" in page
    finding_id = db.session.scalar(select(Finding.id))
    before = db_state()
    r = legal.post(f"/findings/{finding_id}/review", data={"decision": "dismissed", "reason": ""})
    assert r.status_code == 303
    assert db_state() == before
    assert "needs a written reason" in legal.get(r.location).get_data(as_text=True)
    legal.post(f"/findings/{finding_id}/review", data={"decision": "confirmed", "reason": "Blanket."})
    assert "No open findings" in legal.get(f"/documents/{document.public_id}/findings").get_data(as_text=True)
    delegate = make_client()
    login(delegate, world.users["delegate_a"])
    assert delegate.get(f"/documents/{document.public_id}/findings").status_code == 404


def test_compliance_check_cli(app, tmp_path):
    runner = app.test_cli_runner()
    lines = [{"id": 1, "text": AMNESTY}, {"id": "two", "text": "Amnesty shall not be granted for war crimes."}]
    result = runner.invoke(args=["compliance-check", "-"], input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert out[0]["id"] == 1 and out[0]["findings"][0]["severity"] == "violation"
    assert set(out[0]["findings"][0]) >= {"rule", "severity", "message", "start", "end", "citation"}
    assert set(out[0]["findings"][0]) - {"rule", "severity", "message", "start", "end", "citation"} \
        == {"label", "explanation"}
    assert out[1] == {"id": "two", "findings": []}
    path = tmp_path / "clauses.jsonl"
    path.write_text(json.dumps(lines[0]) + "\n{broken\n", encoding="utf-8")
    bad = runner.invoke(args=["compliance-check", str(path)])
    assert bad.exit_code == 1 and "line 2" in bad.output and '"findings"' not in bad.stdout
    assert runner.invoke(args=["compliance-check", str(tmp_path / "missing.jsonl")]).exit_code == 2
