"""Colliding proposals: detection by word ranges against the round's wording, the
collision view and the merge (as the team's draft wording or as a bridging proposal
hidden until the mediator releases it), and each recipient's release recorded."""
import html
import json

import pytest
from sqlalchemy import select

from app.comments.colliding import build_merge, detect, proposal_edits, word_range
from app.comments.models import BridgingProposal, Disposition, VersionAnswer
from app.comments.operations import create_submission
from app.extensions import db
from app.rounds.models import Release
from app.rounds.operations import circulate_round
from tests.comments.conftest import access
from tests.db_state import db_state
from tests.helpers import login, pid, without_csrf

ROUND = "Forces shall withdraw to agreed positions."
A_TEXT = "Forces shall withdraw to the lines of 1 May."            # "agreed positions" -> ...
B_TEXT = "All forces shall withdraw to neutral positions."         # "Forces" -> ..., "agreed" -> "neutral"


# ---------------------------------------------------------------- detection

def _colliding(round_text, *proposals):
    return [r for r in detect(round_text, list(proposals)) if r.colliding]


def test_proposals_changing_overlapping_words_collide():
    regions = detect(ROUND, [A_TEXT, B_TEXT])
    colliding = [r for r in regions if r.colliding]
    assert len(colliding) == 1
    r = colliding[0]
    assert ROUND[r.start:r.end] == "agreed positions" and r.proposals == [0, 1]
    assert r.wording(ROUND, 0) == "the lines of 1 May" and r.wording(ROUND, 1) == "neutral positions"
    assert word_range(ROUND, r.start, r.end) == (4, 6)
    # B's other change ("Forces" -> "All forces") is its own, and collides with nothing
    assert [ROUND[x.start:x.end] for x in regions if not x.colliding] == ["Forces"]


def test_proposals_touching_disjoint_words_do_not_collide():
    assert not _colliding(ROUND, "Troops shall withdraw to agreed positions.",
                          "Forces shall withdraw to agreed lines.")
    # neighbouring words, one kept word between them: still disjoint
    assert not _colliding("the quick brown fox", "the slow brown fox", "the quick brown dog")
    # adjacent words with only a space between
    assert not _colliding("the quick brown fox", "the slow brown fox", "the quick red fox")


def test_insertions_collide_only_at_one_place():
    assert _colliding(ROUND, "Forces shall withdraw to agreed positions forthwith.",
                      "Forces shall withdraw to agreed positions within 30 days.")
    assert not _colliding(ROUND, "All forces shall withdraw to agreed positions.",
                          "Forces shall withdraw to agreed positions within 30 days.")
    # an insertion strictly inside another's replaced words collides
    assert _colliding("withdraw to agreed positions", "withdraw to agreed new positions",
                      "withdraw to the lines")


def test_arabic_words_collide_by_word_not_by_letter():
    round_text = "تنسحب القوات إلى المواقع المتفق عليها."
    a = "تنسحب القوات إلى خطوط الأول من مايو."           # replaces "المواقع المتفق عليها"
    b = "تنسحب القوات إلى المواقع المحايدة."              # replaces "المتفق عليها"
    c = "تنسحب جميع القوات إلى المواقع المتفق عليها."     # inserts a word before "القوات"
    assert _colliding(round_text, a, b)
    assert not _colliding(round_text, b, c)
    # harakat belong to their word: a vowelled word is one changed word, not a letter
    edits = proposal_edits("قال الطرفان", "قالَ الطرفان")
    assert len(edits) == 1 and "قال" == "قال الطرفان"[edits[0].start:edits[0].end]


def test_french_words_collide_by_word():
    round_text = "Les forces se retirent sur les positions convenues d'un commun accord."
    a = "Les forces se retirent sur les lignes du 1er mai."
    b = "Les forces se retirent sur les positions neutres d'un commun accord."
    c = "Toutes les forces se retirent sur les positions convenues d'un commun accord."
    assert _colliding(round_text, a, b)
    assert not _colliding(round_text, b, c)
    assert not _colliding(round_text, "Les forces se retirent sur les positions convenues d'une seule voix.",
                          "Les armées se retirent sur les positions convenues d'un commun accord.")


def test_the_merge_takes_parts_of_each():
    regions = detect(ROUND, [A_TEXT, B_TEXT])
    assert [r.colliding for r in regions] == [False, True]
    assert build_merge(ROUND, regions, [("proposal", 1), ("proposal", 0)]) == "All forces shall withdraw to the lines of 1 May."
    assert build_merge(ROUND, regions, [("round", None), ("custom", "jointly agreed positions")]) == \
        "Forces shall withdraw to jointly agreed positions."
    assert build_merge(ROUND, regions, [("round", None), ("round", None)]) == ROUND


# ---------------------------------------------------------------- the scene

@pytest.fixture
def clash(world, doc):
    document, _, clauses = doc
    users = world.users
    round_ = circulate_round(document, actor=users["mediator"])
    clause = clauses[2]
    a = create_submission(access(world, "delegate_a"), clause, kind="proposal", body="Alpha-reason: the 1 May lines.",
                          proposed_text=A_TEXT, draft=False, actor=users["delegate_a"])
    b = create_submission(access(world, "delegate_b"), clause, kind="proposal", body="Beta-reason: neutral ground.",
                          proposed_text=B_TEXT, draft=False, actor=users["delegate_b"])
    db.session.commit()
    return {"document": document, "round": round_, "clause": clause, "a": a, "b": b, "clauses": clauses}


def _collisions(client, world, clash, who="mediator"):
    return client.get(f"/api/v1/clauses/{clash['clause'].public_id}/collisions?round=1", headers=world.headers(who))


def _merge_body(c, **over):
    body = {"round": 1, "fingerprint": c["fingerprint"], "reason": "Bridging the two lines.",
            "choices": {"1": c["proposals"][1]["submission_id"], "2": c["proposals"][0]["submission_id"]},
            "save_as": "bridging"}
    body.update(over)
    return body


def test_the_team_reads_the_collisions(client, world, clash):
    r = _collisions(client, world, clash)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["colliding"] and body["round_text"] == ROUND
    assert [p["party"] for p in body["proposals"]] == ["alpha", "beta"]
    collision = [g for g in body["regions"] if g["colliding"]]
    assert len(collision) == 1 and collision[0]["round_text"] == "agreed positions" and collision[0]["parties_collide"]
    assert {w["text"] for w in collision[0]["wordings"]} == {"the lines of 1 May", "neutral positions"}
    assert _collisions(client, world, clash, "legal").status_code == 200          # legal advisers read


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "outsider"])
def test_a_party_gets_for_the_collisions_exactly_what_a_missing_clause_gives(client, world, clash, who):
    h = world.headers(who)
    missing = pid("clause", 999_999)
    for path in ("collisions?round=1", "collisions"):
        hidden = client.get(f"/api/v1/clauses/{clash['clause'].public_id}/{path}", headers=h)
        absent = client.get(f"/api/v1/clauses/{missing}/{path}", headers=h)
        assert hidden.status_code == absent.status_code == 404
        assert hidden.get_data() == absent.get_data() and hidden.headers.get("Content-Type") == absent.headers.get("Content-Type")
    # and a clause with no proposals at all answers the same
    quiet = client.get(f"/api/v1/clauses/{clash['clauses'][0].public_id}/collisions", headers=h)
    assert quiet.get_data() == absent.get_data()
    missing_merge = client.post(f"/api/v1/clauses/{missing}/merge", headers=h,
                                json={"round": 1, "fingerprint": "x", "reason": "x", "save_as": "bridging"})
    before = db_state()
    r = client.post(f"/api/v1/clauses/{clash['clause'].public_id}/merge", headers=h,
                    json={"round": 1, "fingerprint": "x", "reason": "x", "save_as": "bridging"})
    assert r.status_code == 404 and r.get_data() == missing_merge.get_data()
    assert db_state() == before


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer"])
def test_a_party_gets_the_collision_page_as_a_missing_clause(make_client, world, clash, who):
    client = make_client()
    login(client, world.users[who].email)
    hidden = client.get(f"/clauses/{clash['clause'].public_id}/collisions?round=1")
    absent = client.get(f"/clauses/{pid('clause', 999_999)}/collisions?round=1")
    assert hidden.status_code == absent.status_code == 404
    assert without_csrf(hidden.get_data()) == without_csrf(absent.get_data())
    page = client.get(f"/documents/{clash['document'].public_id}/rounds/1").get_data(as_text=True)
    assert "collisions" not in page and "Colliding" not in page


def test_merged_into_the_draft_with_dispositions(client, world, clash):
    c = _collisions(client, world, clash).get_json()
    r = client.post(f"/api/v1/clauses/{clash['clause'].public_id}/merge", headers=world.headers("drafter"),
                    json=_merge_body(c, save_as="draft", base_version_id=c["base_version_id"]))
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["text"] == "All forces shall withdraw to the lines of 1 May."
    assert body["decisions"] == {clash["a"].public_id: "accepted", clash["b"].public_id: "partly_accepted"}
    clause = clash["clause"]
    db.session.refresh(clause)
    assert pid("version", clause.current_version_id) == body["version_id"]
    answered = set(db.session.scalars(select(VersionAnswer.submission_id).where(
        VersionAnswer.version_id == clause.current_version_id)))
    assert answered == {clash["a"].id, clash["b"].id}
    decisions = {d.submission_id: d.decision.value for d in db.session.scalars(select(Disposition))}
    assert decisions == {clash["a"].id: "accepted", clash["b"].id: "partly_accepted"}


def test_refusals_of_the_merge_change_nothing(client, world, clash):
    c = _collisions(client, world, clash).get_json()
    url = f"/api/v1/clauses/{clash['clause'].public_id}/merge"
    h = world.headers("mediator")
    cases = [
        (_merge_body(c, choices={"1": "round"}), 422, "choice_required"),           # a collision left open
        (_merge_body(c, fingerprint="0" * 32), 409, "stale_collisions"),
        (_merge_body(c, reason=" "), 422, None),
        (_merge_body(c, save_as="maybe"), 422, None),
        (_merge_body(c, choices={"1": "round", "2": "custom"}), 422, None),          # custom without text
        (_merge_body(c, choices={"1": clash["a"].public_id, "2": "round"}), 422, None),  # A does not change region 1
        (_merge_body(c, save_as="draft"), 422, None),                                # no base version
        (_merge_body(c, save_as="draft", base_version_id=pid("version", 999_999)), 409, None),
        (_merge_body(c, choices={"1": "round", "2": "round"}), 422, "unchanged"),     # nothing to propose
    ]
    for body, status, code in cases:
        before = db_state()
        r = client.post(url, headers=h, json=body)
        assert r.status_code == status, (body, r.get_json())
        if code:
            assert r.get_json()["error"] == code
        assert db_state() == before, body
    legal = world.headers("legal")
    before = db_state()
    r = client.post(url, headers=legal, json=_merge_body(c))
    assert r.status_code == 403 and db_state() == before


def test_a_stale_merge_after_a_new_proposal_is_refused(client, world, clash):
    c = _collisions(client, world, clash).get_json()
    create_submission(access(world, "delegate_a2"), clash["clause"], kind="proposal", body="Another.",
                      proposed_text="Forces shall withdraw to agreed lines.", draft=False,
                      actor=world.users["delegate_a2"])
    db.session.commit()
    before = db_state()
    r = client.post(f"/api/v1/clauses/{clash['clause'].public_id}/merge", headers=world.headers("mediator"),
                    json=_merge_body(c))
    assert r.status_code == 409 and r.get_json()["error"] == "stale_collisions"
    assert db_state() == before


def test_a_bridging_proposal_is_hidden_until_released(client, world, clash):
    c = _collisions(client, world, clash).get_json()
    r = client.post(f"/api/v1/clauses/{clash['clause'].public_id}/merge", headers=world.headers("mediator"),
                    json=_merge_body(c, choices={"1": "round", "2": "custom"}, custom={"2": "Bridge-wording lines"}))
    assert r.status_code == 201, r.get_json()
    bridging = r.get_json()["bridging_proposal"]
    assert bridging["text"] == "Forces shall withdraw to Bridge-wording lines." and not bridging["released"]
    bid = bridging["id"]
    clause_url = f"/api/v1/clauses/{clash['clause'].public_id}/bridging-proposals?round=1"
    missing = "/api/v1/bridging-proposals/bp-does-not-exist"
    for who in ("delegate_a", "delegate_b", "observer"):
        h = world.headers(who)
        hidden = client.get(f"/api/v1/bridging-proposals/{bid}", headers=h)
        absent = client.get(missing, headers=h)
        assert hidden.status_code == absent.status_code == 404 and hidden.get_data() == absent.get_data()
        assert client.get(clause_url, headers=h).get_json()["bridging_proposals"] == []
        rel_hidden = client.post(f"/api/v1/bridging-proposals/{bid}/release", headers=h)
        assert rel_hidden.get_data() == client.post(f"{missing}/release", headers=h).get_data()
    # the drafter may not release; a refusal changes nothing
    drafter = world.headers("drafter")
    before = db_state()
    assert client.post(f"/api/v1/bridging-proposals/{bid}/release", headers=drafter).status_code == 403
    assert db_state() == before
    r = client.post(f"/api/v1/bridging-proposals/{bid}/release", headers=world.headers("mediator"))
    assert r.status_code == 200, r.get_json()
    before = db_state()
    again = client.post(f"/api/v1/bridging-proposals/{bid}/release", headers=world.headers("mediator"))
    assert again.status_code == 409 and db_state() == before
    seen = {}
    for who in ("delegate_a", "delegate_b", "observer"):
        listed = client.get(clause_url, headers=world.headers(who)).get_json()["bridging_proposals"]
        assert [b["id"] for b in listed] == [bid]
        assert "answers" not in listed[0] and listed[0]["from"] == "mediator"      # which proposals: the team's
        seen[who] = listed[0]
    assert seen["delegate_a"] == seen["delegate_b"] == seen["observer"]          # all parties alike
    rows = db.session.scalars(select(Release).where(Release.kind == "bridging")).all()
    assert sorted(row.party_id for row in rows) == sorted(p.id for p in world.parties.values())
    assert all(json.loads(row.items) == [bid] for row in rows)


def test_each_recipients_release_is_recorded_at_circulation(client, world, clash):
    rows = db.session.scalars(select(Release).where(Release.kind == "round")).all()
    assert sorted(r.party_id for r in rows) == sorted(p.id for p in world.parties.values())
    assert len({r.digest for r in rows}) == 1 and json.loads(rows[0].counts)["clauses"] == 3
    url = f"/api/v1/documents/{clash['document'].public_id}/rounds/1/releases"
    body = client.get(url, headers=world.headers("mediator")).get_json()
    assert {r["recipient"] for r in body["releases"]} == {"alpha", "beta", "watchers"}
    absent = client.get(f"/api/v1/documents/{pid('document', 999_999)}/rounds/1/releases", headers=world.headers("delegate_a"))
    for who in ("delegate_a", "observer"):
        hidden = client.get(url, headers=world.headers(who))
        assert hidden.status_code == 404 and hidden.get_data() == absent.get_data()


def _login(make_client, world, who):
    client = make_client()
    login(client, world.users[who].email)
    return client


def test_the_collision_page_and_a_refused_merge_keep_what_was_typed(make_client, world, clash):
    client = _login(make_client, world, "mediator")
    url = f"/clauses/{clash['clause'].public_id}/collisions?round=1"
    page = client.get(url).get_data(as_text=True)
    assert "Colliding proposals" in page and 'class="collision"' in page and "Alpha Government" in page
    round_page = client.get(f"/documents/{clash['document'].public_id}/rounds/1").get_data(as_text=True)
    assert "Colliding proposals" in round_page
    c = client.get(f"/api/v1/clauses/{clash['clause'].public_id}/collisions?round=1").get_json()
    form = {"round": "1", "fingerprint": c["fingerprint"], "base_version_id": c["base_version_id"],
            "choice-1": "round", "choice-2": "custom", "custom-2": "Typed-compromise words", "save_as": "bridging",
            "reason": " "}
    before = db_state()
    r = client.post(f"/clauses/{clash['clause'].public_id}/merge", data=form)
    assert r.status_code == 303 and db_state() == before
    again = client.get(r.location).get_data(as_text=True)
    assert "Typed-compromise words" in again and "Say why" in again
    # a stale form answers 409 with the page and the typed text, nothing written
    r = client.post(f"/clauses/{clash['clause'].public_id}/merge", data={**form, "fingerprint": "stale", "reason": "R-typed"})
    assert r.status_code == 409 and db_state() == before
    body = r.get_data(as_text=True)
    assert "Typed-compromise words" in body and "R-typed" in body and "changed since you opened" in body
    r = client.post(f"/clauses/{clash['clause'].public_id}/merge", data={**form, "reason": "Bridge"})
    assert r.status_code == 303
    assert db.session.scalar(select(BridgingProposal.text)) == "Forces shall withdraw to Typed-compromise words."
    # the releases are on the round page, for the team only
    assert "Released to each party" in client.get(f"/documents/{clash['document'].public_id}/rounds/1").get_data(as_text=True)
    party = _login(make_client, world, "delegate_b").get(f"/documents/{clash['document'].public_id}/rounds/1")
    assert "Released to each party" not in party.get_data(as_text=True)
    assert "Typed-compromise" not in party.get_data(as_text=True)


def test_releasing_on_the_page_records_each_recipient(make_client, world, clash):
    client = _login(make_client, world, "mediator")
    c = client.get(f"/api/v1/clauses/{clash['clause'].public_id}/collisions?round=1").get_json()
    r = client.post(f"/clauses/{clash['clause'].public_id}/merge", data={
        "round": "1", "fingerprint": c["fingerprint"], "choice-1": "round", "choice-2": c["proposals"][0]["submission_id"],
        "save_as": "bridging", "reason": "A bridge"})
    assert r.status_code == 303
    bid = db.session.scalar(select(BridgingProposal.public_id))
    drafter = _login(make_client, world, "drafter")
    before = db_state()
    assert drafter.post(f"/bridging-proposals/{bid}/release").status_code == 303 and db_state() == before
    assert client.post(f"/bridging-proposals/{bid}/release").status_code == 303
    page = client.get(f"/documents/{clash['document'].public_id}/rounds/1").get_data(as_text=True)
    assert "Mediator's bridging proposal" in html.unescape(page) and bid in page and "released to all parties" in page
    party = _login(make_client, world, "observer").get(f"/documents/{clash['document'].public_id}/rounds/1")
    text = party.get_data(as_text=True)
    assert "Mediator’s bridging proposal" in text and "the lines of 1 May" in text
    assert "Released to each party" not in text and "Alpha-reason" not in text


def test_the_working_draft_links_to_the_collisions(make_client, world, clash):
    client = _login(make_client, world, "drafter")
    page = client.get(f"/documents/{clash['document'].public_id}").get_data(as_text=True)
    assert page.count("Colliding proposals") == 1
    assert f"/clauses/{clash['clause'].public_id}/collisions?round=1" in page
