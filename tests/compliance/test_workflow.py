"""The legal review's workflow around the findings: the circulation gate (API, pages,
CLI), escalations with an assignee and a note, the legal adviser's queue, human labels
and the links from a finding to the draft and the rounds; and that none of it reaches
a party or an observer."""
import json
import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.compliance.labels import FALLBACK, finding_label
from app.compliance.models import Finding
from app.extensions import db
from app.rounds.models import Round
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import circulation_counts, login, pid

AMNESTY = ("All members of the armed forces and of the Movement shall be granted a full amnesty "
           "for all acts committed in the course of the conflict.")
VAGUE = "Members of the Parties shall benefit from the broadest possible amnesty."
RAW_RULE = re.compile(r"\b(amnesty|limitation|courts)\.[a-z]+(-[a-z]+)*\b")


def edit(client, world, clause, text):
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": current["version_id"]})
    assert r.status_code == 200, r.get_json()


def findings(client, world, document, who="legal"):
    r = client.get(f"/api/v1/documents/{document.public_id}/findings", headers=world.headers(who))
    assert r.status_code == 200
    return r.get_json()["findings"]


def circulate(client, world, document, who="mediator", **body):
    return client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers(who), json=body)


def review(client, world, finding_id, who="legal", **body):
    return client.post(f"/api/v1/findings/{finding_id}/review", headers=world.headers(who), json=body)


def rounds(document) -> int:
    return len(db.session.scalars(select(Round).where(Round.document_id == document.id)).all())


def web(make_client, world, who):
    client = make_client()
    login(client, world.users[who])
    return client


@pytest.fixture
def flagged(client, world, doc):
    """Rev. 1 is out; then Article 3 becomes a blanket amnesty (a violation) and
    Article 1 a vague one (a warning), unreviewed."""
    document, _, clauses = doc
    assert circulate(client, world, document).status_code == 201
    edit(client, world, clauses[2], AMNESTY)
    edit(client, world, clauses[0], VAGUE)
    return document, clauses


def test_the_api_gate_names_the_clauses_refuses_and_changes_nothing(client, world, flagged):
    document, clauses = flagged
    findings(client, world, document)           # the queue was read: findings are stored
    before = db_state()
    r = circulate(client, world, document, note="Rev. 2")
    assert r.status_code == 409
    body = r.get_json()
    assert body["error"] == "unreviewed_findings" and "Article 1" in body["message"] and "Article 3" in body["message"]
    assert [(f["article"], f["severity"], f["state"]) for f in body["findings"]] == [
        ("Article 1", "warning", "unreviewed"), ("Article 3", "violation", "unreviewed")]
    assert body["findings"][1]["clause_text"].startswith("All members of the armed forces")
    assert all(not RAW_RULE.fullmatch(f["label"]) for f in body["findings"])
    assert db_state() == before and rounds(document) == 1
    # Not a boolean: refused as such, nothing written either.
    assert circulate(client, world, document, confirm_findings="yes").status_code == 422
    assert db_state() == before


def test_the_gate_holds_even_when_no_one_has_read_the_findings(client, world, flagged):
    """The gate checks the wording itself: findings not yet stored are made, and the
    refusal rolls them back with the rest."""
    document, _ = flagged
    before = db_state()
    r = circulate(client, world, document)
    assert r.status_code == 409 and len(r.get_json()["findings"]) == 2
    assert db_state() == before
    # Found by this check, rolled back with it: no id that would name nothing.
    assert [f["id"] for f in r.get_json()["findings"]] == [None, None]
    assert db.session.scalar(select(Finding.id).where(Finding.superseded_at.is_(None),
                                                      Finding.severity == "violation")) is None


def test_a_confirmed_circulation_is_recorded_and_told_to_the_legal_advisers(client, make_client, world, flagged):
    document, clauses = flagged
    findings(client, world, document)
    held = circulate(client, world, document).get_json()
    assert None not in [f["id"] for f in held["findings"]]
    r = circulate(client, world, document, confirm_findings=True, findings_fingerprint=held["findings_fingerprint"],
                  note="Rev. 2 for the Parties")
    assert r.status_code == 201 and r.get_json()["number"] == 2 and r.get_json()["circulated_over_findings"] == 2
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "round.circulate_over_findings"))
    changes = json.loads(entry.changes)
    assert entry.actor_id == world.users["mediator"].id and changes["decision"] == "circulated"
    assert changes["number"] == 2 and {f["id"] for f in changes["findings"]} == {f["id"] for f in held["findings"]}
    assert {f["clause_id"] for f in changes["findings"]} == {clauses[0].public_id, clauses[2].public_id}
    # The legal adviser is told on the home page and in the queue API; the mediator's
    # home page and a party's do not carry the notice.
    home = web(make_client, world, "legal").get("/").get_data(as_text=True)
    assert "Circulated over unreviewed findings" in home and "Rev. 2" in home and "Article 3" in home
    queue = client.get(f"/api/v1/processes/{world.process.slug}/findings/queue", headers=world.headers("legal"))
    assert queue.get_json()["circulated_over_findings"][0]["number"] == 2
    assert "Circulated over unreviewed findings" not in web(make_client, world, "mediator").get("/").get_data(as_text=True)
    party_home = web(make_client, world, "delegate_a").get("/").get_data(as_text=True)
    assert "unreviewed" not in party_home and "finding" not in party_home.lower()
    # The round itself says nothing of it to a party, on its page or through the API.
    for who in ("delegate_a", "observer"):
        delegate = web(make_client, world, who)
        for url in (f"/documents/{document.public_id}/rounds/2", f"/documents/{document.public_id}/rounds",
                    f"/documents/{document.public_id}/rounds/2/diff"):
            text = delegate.get(url).get_data(as_text=True).lower()
            assert "finding" not in text and "unreviewed" not in text and "legal adviser" not in text, (who, url)
        for url in (f"/api/v1/documents/{document.public_id}/rounds", f"/api/v1/documents/{document.public_id}?round=2"):
            text = client.get(url, headers=world.headers(who)).get_data(as_text=True).lower()
            assert "finding" not in text and "unreviewed" not in text, (who, url)


def test_a_confirmation_holds_only_for_the_findings_shown(client, world, flagged):
    document, clauses = flagged
    held = circulate(client, world, document).get_json()
    edit(client, world, clauses[1], "A general amnesty is granted for all acts committed during the conflict.")
    before = db_state()
    r = circulate(client, world, document, confirm_findings=True, findings_fingerprint=held["findings_fingerprint"])
    assert r.status_code == 409 and "changed since you were shown them" in r.get_json()["message"]
    assert len(r.get_json()["findings"]) == 3 and db_state() == before


def test_reviewed_findings_no_longer_hold_a_round_but_escalated_ones_do(client, world, flagged):
    document, _ = flagged
    warning, violation = sorted(findings(client, world, document), key=lambda f: f["severity"] == "violation")
    assert review(client, world, violation["id"], decision="confirmed", reason="Blanket amnesty.").status_code == 201
    assert review(client, world, warning["id"], decision="escalated", assignee_id=world.users["legal"].id,
                  note="Ask OLA whether the TRC conditions suffice.").status_code == 201
    held = circulate(client, world, document).get_json()
    assert [(f["id"], f["state"]) for f in held["findings"]] == [(warning["id"], "escalated")]
    assert review(client, world, warning["id"], decision="dismissed",
                  reason="OLA: the Commission's law excludes every category.").status_code == 201
    assert circulate(client, world, document).status_code == 201       # nothing held: no confirmation asked
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "round.circulate_over_findings")) is None


def test_findings_on_wordings_already_reviewed_or_in_no_round_do_not_block_a_first_round(client, world, doc):
    document, _, clauses = doc
    assert circulate(client, world, document).status_code == 201       # nothing flagged


def test_the_circulate_page_asks_to_confirm_then_circulates(make_client, world, flagged):
    document, clauses = flagged
    mediator = web(make_client, world, "mediator")
    before = db_state()
    r = mediator.post(f"/documents/{document.public_id}/rounds", data={"note": "For the Parties <b>now</b>"})
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and db_state() == before
    assert "Circulate over unreviewed findings?" in page and "Article 3" in page and "Article 1" in page
    assert "All members of the armed forces" in page and 'name="confirm_findings"' in page
    assert "For the Parties &lt;b&gt;now&lt;/b&gt;" in page             # what was typed rides along, escaped
    assert f'href="/documents/{document.public_id}?section={clauses[2].section.public_id}#clause-{clauses[2].public_id}"' in page
    assert not RAW_RULE.search(page)
    fingerprint = re.search(r'name="findings_fingerprint" value="([0-9a-f]+)"', page).group(1)
    # Sent again without ticking the box: the same page, nothing circulated.
    again = mediator.post(f"/documents/{document.public_id}/rounds",
                          data={"note": "For the Parties", "findings_fingerprint": fingerprint})
    assert again.status_code == 409 and rounds(document) == 1
    done = mediator.post(f"/documents/{document.public_id}/rounds", data={
        "note": "For the Parties", "findings_fingerprint": fingerprint, "confirm_findings": "1",
        "confirm_counts": circulation_counts(mediator, document)})
    assert done.status_code == 303 and done.location.endswith(f"/documents/{document.public_id}/rounds/2")
    assert "legal advisers are told" in mediator.get(done.location).get_data(as_text=True)
    assert db.session.get(Round, db.session.scalar(select(Round.id).where(Round.number == 2))).note == "For the Parties"


def test_the_cli_refuses_with_a_clear_message_unless_confirmed(app, client, world, flagged):
    document, _ = flagged
    runner = app.test_cli_runner()
    before = db_state()
    refused = runner.invoke(args=["circulate", str(document.id)])
    assert refused.exit_code == 3, refused.output
    assert "no legal adviser has reviewed" in refused.output and "--confirm-findings" in refused.output
    assert "Article 3: violation" in refused.output
    assert db_state() == before and rounds(document) == 1
    done = runner.invoke(args=["circulate", str(document.id), "--confirm-findings"])
    assert done.exit_code == 0, done.output
    assert "Circulated Rev. 2" in done.output and "over 2 unreviewed findings" in done.output
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "round.circulate_over_findings"))


def test_an_escalation_names_a_team_member_who_sees_it_in_their_queue(client, make_client, world, flagged):
    document, _ = flagged
    warning = next(f for f in findings(client, world, document) if f["severity"] == "warning")
    before = db_state()
    for who in ("delegate_a", "observer", "drafter", "outsider"):
        r = review(client, world, warning["id"], decision="escalated", assignee_id=world.users[who].id, note="x")
        assert r.status_code == 422, who
    assert review(client, world, warning["id"], decision="escalated", assignee_id=world.users["mediator"].id,
                  note="  ").status_code == 422
    assert review(client, world, warning["id"], decision="escalated", note="Take it to OLA.").status_code == 422
    assert review(client, world, warning["id"], decision="confirmed",
                  assignee_id=world.users["mediator"].id).status_code == 422
    assert db_state() == before
    r = review(client, world, warning["id"], decision="escalated", assignee_id=world.users["mediator"].id,
               note="Take it to OLA at Thursday's call.")
    assert r.status_code == 201
    assert r.get_json()["review"] | {"at": None} == {
        "decision": "escalated", "reason": None, "reviewer": world.users["legal"].name, "at": None,
        "assignee_id": world.users["mediator"].id, "assignee": world.users["mediator"].name,
        "note": "Take it to OLA at Thursday's call."}
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "finding.review")
                              .order_by(AuditEntry.id.desc()))
    assert json.loads(entry.changes)["assignee_id"] == world.users["mediator"].id
    assert json.loads(entry.changes)["note"] == "Take it to OLA at Thursday's call."
    mine = client.get(f"/api/v1/processes/{world.process.slug}/findings/queue", headers=world.headers("mediator"))
    assert [f["id"] for f in mine.get_json()["assigned_to_me"]] == [warning["id"]]
    theirs = client.get(f"/api/v1/processes/{world.process.slug}/findings/queue", headers=world.headers("legal"))
    assert theirs.get_json()["assigned_to_me"] == []
    home = web(make_client, world, "mediator").get("/").get_data(as_text=True)
    assert "Escalated to you" in home and "Take it to OLA at Thursday&#39;s call." in home


def test_the_escalation_form_on_the_queue_page(make_client, client, world, flagged):
    document, _ = flagged
    warning = next(f for f in findings(client, world, document) if f["severity"] == "warning")
    legal = web(make_client, world, "legal")
    page = legal.get(f"/documents/{document.public_id}/findings").get_data(as_text=True)
    assert f'<option value="{world.users["mediator"].id}">' in page
    assert f'<option value="{world.users["drafter"].id}">' not in page
    before = db_state()
    r = legal.post(f"/findings/{warning['id']}/review", data={
        "decision": "escalated", "assignee_id": str(world.users["outsider"].id), "note": "Typed note"})
    assert r.status_code == 303
    assert db_state() == before
    back = legal.get(r.location).get_data(as_text=True)
    assert "must be a legal adviser or mediator" in back and "Typed note" in back
    r = legal.post(f"/findings/{warning['id']}/review", data={
        "decision": "escalated", "assignee_id": str(world.users["mediator"].id), "note": "Over to you"})
    page = legal.get(r.location).get_data(as_text=True)
    assert "assigned to " + world.users["mediator"].name in page and "note: Over to you" in page


def test_the_legal_advisers_queue_counts_findings_by_state_newest_first(client, make_client, world, doc, flagged):
    document, clauses = flagged
    from app.drafting.operations import add_clause, create_document, add_section
    from tests.security.scene import access
    other = create_document(access(world, "mediator"), "Annex on transitional justice", actor=world.users["mediator"])
    section = add_section(other, "Justice", actor=world.users["mediator"])
    add_clause(other, section, AMNESTY, actor=world.users["mediator"])
    db.session.commit()
    warning, violation = sorted(findings(client, world, document), key=lambda f: f["severity"] == "violation")
    review(client, world, violation["id"], decision="confirmed", reason="Blanket.")
    r = client.get(f"/api/v1/processes/{world.process.slug}/findings/queue", headers=world.headers("legal"))
    body = r.get_json()
    assert [d["title"] for d in body["documents"]] == ["Annex on transitional justice", "Framework Agreement"]
    assert body["documents"][0]["counts"] == {"unreviewed_violations": 1, "unreviewed_warnings": 0, "escalated": 0,
                                              "confirmed": 0, "dismissed": 0}
    assert body["documents"][1]["counts"] == {"unreviewed_violations": 0, "unreviewed_warnings": 1, "escalated": 0,
                                              "confirmed": 1, "dismissed": 0}
    assert [f["id"] for f in body["documents"][1]["open"]] == [warning["id"]]
    assert body["documents"][1]["open"][0]["url"].endswith(f"/documents/{document.public_id}/findings#finding-{warning['id']}")
    home = web(make_client, world, "legal").get("/").get_data(as_text=True)
    assert "Findings to review" in home and f"#finding-{warning['id']}" in home
    assert "1 unreviewed violation" in home and "1 confirmed" in home
    assert not RAW_RULE.search(home)


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "outsider", None])
def test_parties_and_observers_learn_nothing_of_findings_or_the_gate(client, make_client, world, flagged, who):
    document, _ = flagged
    slug = world.process.slug
    queue = client.get(f"/api/v1/processes/{slug}/findings/queue", headers=world.headers(who))
    missing = client.get("/api/v1/processes/no-such-talks/findings/queue", headers=world.headers(who))
    assert queue.status_code == missing.status_code == (401 if who is None else 404)
    assert queue.get_json() == missing.get_json()
    gate = circulate(client, world, document, who=who) if who else None
    if gate is not None:
        nowhere = client.post("/api/v1/documents/987654/rounds", headers=world.headers(who), json={})
        assert gate.status_code == nowhere.status_code == 404 and gate.get_json() == nowhere.get_json()
    if who is not None:
        home = web(make_client, world, who).get("/").get_data(as_text=True)
        for word in ("Findings to review", "Escalated to you", "unreviewed", "amnesty"):
            assert word not in home, (who, word)


def test_the_queue_page_links_to_the_draft_and_the_rounds_that_carried_the_wording(client, make_client, world, flagged):
    document, clauses = flagged
    circulate(client, world, document, confirm_findings=True)          # Rev. 2 carries both findings
    legal = web(make_client, world, "legal")
    page = legal.get(f"/documents/{document.public_id}/findings").get_data(as_text=True)
    assert f'href="/documents/{document.public_id}?section={clauses[2].section.public_id}#clause-{clauses[2].public_id}"' in page
    assert f'href="/documents/{document.public_id}/rounds/2#clause-{clauses[2].public_id}">Rev. 2</a>' in page
    assert f"/rounds/1#clause-{clauses[2].public_id}" not in page         # Rev. 1 had another wording
    # The API says the same, and the page names the finding by the engine's label.
    [api] = [f for f in findings(client, world, document) if f["clause_id"] == clauses[2].public_id]
    assert api["label"] and not RAW_RULE.search(api["label"])
    assert not RAW_RULE.search(page) and str(escape(api["label"])) in page
    assert api["draft_url"] == f"/documents/{document.public_id}?section={clauses[2].section.public_id}#clause-{clauses[2].public_id}"
    assert api["rounds"] == [{"number": 2, "url": f"/documents/{document.public_id}/rounds/2#clause-{clauses[2].public_id}"}]
    edit(client, world, clauses[0], VAGUE + " It shall be decided by law.")
    page = legal.get(f"/documents/{document.public_id}/findings").get_data(as_text=True)
    assert "This wording has not been circulated." in page


def test_finding_labels_never_show_a_rule_id():
    class Stored:
        def __init__(self, rule, label=None):
            self.rule, self.label = rule, label

    assert finding_label(Stored("amnesty.missing-exclusions")) == "Amnesty without the required exclusions"
    assert finding_label(Stored("amnesty.missing-exclusions", "Blanket amnesty")) == "Blanket amnesty"
    assert finding_label(Stored("amnesty.some-future-rule", "  ")) == "Amnesty concern"
    assert finding_label(Stored("limitation.some-future-rule")) == "Limitation period concern"
    assert finding_label(Stored("")) == FALLBACK and finding_label(object()) == FALLBACK


def test_circulate_round_refuses_direct_callers_too(world, doc):
    """The gate is in the operation, not only at its doors."""
    from app.drafting.operations import add_clause
    from app.errors import Conflict
    document, sections, _ = doc
    add_clause(document, sections[1], AMNESTY, actor=world.users["drafter"])
    with pytest.raises(Conflict) as refused:
        circulate_round(document, actor=world.users["mediator"])
    assert refused.value.code == "unreviewed_findings"


def test_the_demo_shows_the_queue_the_escalation_and_the_gate(app, make_client):
    from app.demo import DEMO_PASSWORD, seed_demo
    from app.drafting.models import Document
    seed_demo()
    db.session.commit()
    legal = make_client()
    login(legal, "legal@demo.test", DEMO_PASSWORD)
    home = legal.get("/").get_data(as_text=True)
    assert "Findings to review" in home and "Circulated over unreviewed findings" in home
    assert re.search(r"[1-9] unreviewed violation", home) and not RAW_RULE.search(home)
    mediator = make_client()
    login(mediator, "mediator@demo.test", DEMO_PASSWORD)
    assert "Escalated to you" in mediator.get("/").get_data(as_text=True)
    document = db.session.scalar(select(Document))
    gate = mediator.post(f"/documents/{document.public_id}/rounds", data={})
    assert gate.status_code == 409 and "No criminal proceedings shall be instituted" in gate.get_data(as_text=True)


def test_the_audit_log_says_who_circulated_over_which_findings_and_who_was_asked(client, world, flagged):
    document, _ = flagged
    warning = next(f for f in findings(client, world, document) if f["severity"] == "warning")
    review(client, world, warning["id"], decision="escalated", assignee_id=world.users["mediator"].id,
           note="Ask OLA.")
    circulate(client, world, document, confirm_findings=True)
    r = client.get(f"/api/v1/processes/{world.process.slug}/audit", headers=world.headers("legal"))
    said = [(e.get("who"), e.get("what")) for e in r.get_json()["entries"]]
    assert ("Mediator", "confirmed circulating Rev. 2 over 2 unreviewed findings (Article 1, Article 3, "
                        "as numbered then)") in said
    assert ("Legal adviser", "escalated a compliance finding on Article 1 to the mediator: Ask OLA.") in said
