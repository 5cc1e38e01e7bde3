"""Applying a proposal written in a language other than the lead (issue #22): it merges
with the round's and the draft's text in its own language, the new version carries it in
that language, and every other language (the lead included) is to be updated for it.
Colliding proposals are compared within one language only."""
from sqlalchemy import select

from app.comments.models import Submission
from app.drafting.models import Clause
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import login, pid
from tests.languages.conftest import AR, FR

FR_PROPOSED = "Un cessez-le-feu entre en vigueur dans les 7 jours."
EN_LEAD = "A ceasefire shall enter into force [in 72 hours / in 7 days]."


def _circulate(world, document):
    circulate_round(document, actor=world.users["mediator"], allow_unchanged=True)
    db.session.commit()


def _propose(client, world, clause, text, who="delegate_a", language="fr"):
    r = client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers(who),
                    json={"kind": "proposal", "body": "Notre texte.", "proposed_text": text, "language": language})
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


def _texts(client, world, clause) -> dict:
    body = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("mediator")).get_json()
    return {t["code"]: t for t in body["texts"]}


def _current(clause) -> str:
    return pid("version", db.session.scalar(select(Clause.current_version_id).where(Clause.id == clause.id)))


def _edit(client, world, clause, text, language=None):
    r = client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": _current(clause),
                           **({"language": language} if language else {})})
    assert r.status_code == 200, r.get_json()


def test_a_french_proposal_applied_becomes_the_french_text_and_the_others_are_to_be_updated(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    h = world.headers("mediator")
    merge = client.get(f"/api/v1/submissions/{proposal}/merge", headers=h).get_json()
    assert merge["language"] == "fr" and not merge["lead"] and merge["round_text"] == FR[1]
    assert merge["current_text"] == FR[1] and merge["merged"] == FR_PROPOSED and merge["clean"]
    assert merge["others_to_be_updated"] == ["en", "ar"] and merge["to_be_updated"] is False
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=h,
                    json={"base_version_id": merge["base_version_id"], "reason": "Sept jours."})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["language"] == "fr" and body["text"] == FR_PROPOSED and body["decision"] == "accepted"
    texts = _texts(client, world, clause)
    assert texts["fr"]["text"] == FR_PROPOSED and texts["fr"]["to_be_updated"] is False
    # The lead keeps its English (never the French words), to be updated, as the Arabic.
    assert texts["en"]["text"] == EN_LEAD and texts["en"]["to_be_updated"] is True
    assert texts["ar"]["text"] == AR[1] and texts["ar"]["to_be_updated"] is True


def test_the_merge_is_against_the_drafts_text_in_the_proposals_language(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    # Since the round: the English changed words the proposal also changes (no matter: other
    # language), and the French gained a sentence elsewhere (merged with the proposal).
    _edit(client, world, clause, "A ceasefire shall enter into force [in 48 hours / in 7 days].")
    _edit(client, world, clause, FR[1] + " Il est contrôlé.", language="fr")
    h = world.headers("mediator")
    merge = client.get(f"/api/v1/submissions/{proposal}/merge", headers=h).get_json()
    assert merge["clean"] and merge["merged"] == FR_PROPOSED + " Il est contrôlé."
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=h,
                    json={"base_version_id": merge["base_version_id"], "reason": "Sept jours."})
    assert r.status_code == 201, r.get_json()
    texts = _texts(client, world, clause)
    assert texts["fr"]["text"] == FR_PROPOSED + " Il est contrôlé."
    assert texts["en"]["text"] == "A ceasefire shall enter into force [in 48 hours / in 7 days]."
    assert texts["en"]["to_be_updated"] and texts["ar"]["to_be_updated"]


def test_a_stale_text_the_proposal_is_applied_to_stays_to_be_updated(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    _edit(client, world, clause, "A ceasefire shall enter into force [in 48 hours / in 7 days].")
    assert _texts(client, world, clause)["fr"]["to_be_updated"]
    h = world.headers("mediator")
    merge = client.get(f"/api/v1/submissions/{proposal}/merge", headers=h).get_json()
    assert merge["to_be_updated"] is True
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=h,
                    json={"base_version_id": merge["base_version_id"], "reason": "Sept jours."})
    assert r.status_code == 201, r.get_json()
    texts = _texts(client, world, clause)
    # The French lacks the English change of 48 hours: applying the proposal is no update.
    assert texts["fr"]["text"] == FR_PROPOSED and texts["fr"]["to_be_updated"] is True
    assert texts["en"]["to_be_updated"] is True and texts["ar"]["to_be_updated"] is True


def test_partly_accepting_writes_the_teams_wording_in_the_proposals_language(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=world.headers("drafter"),
                    json={"base_version_id": _current(clause), "reason": "Cinq jours.",
                          "text": "Un cessez-le-feu entre en vigueur dans les 5 jours."})
    assert r.status_code == 201 and r.get_json()["decision"] == "partly_accepted"
    texts = _texts(client, world, clause)
    assert texts["fr"]["text"] == "Un cessez-le-feu entre en vigueur dans les 5 jours."
    assert texts["en"]["text"] == EN_LEAD and texts["en"]["to_be_updated"]


def test_refusals_change_nothing(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    base = _current(clause)
    # The draft changed the same French words since the round: a conflict, refused.
    _edit(client, world, clause, "Un cessez-le-feu entre en vigueur [dans les 48 heures / dans les 7 jours].",
          language="fr")
    h, party_h = world.headers("mediator"), world.headers("delegate_a")      # tokens issued before the snapshot
    before = db_state()
    conflict = client.post(f"/api/v1/submissions/{proposal}/apply", headers=h,
                           json={"base_version_id": _current(clause), "reason": "Sept jours."})
    assert conflict.status_code == 409 and conflict.get_json()["error"] == "merge_conflict"
    assert "72 heures" in conflict.get_json()["conflicts"][0]["round"]
    stale = client.post(f"/api/v1/submissions/{proposal}/apply", headers=h,
                        json={"base_version_id": base, "reason": "Sept jours.", "text": FR_PROPOSED})
    assert stale.status_code == 409 and stale.get_json()["error"] == "stale_version"
    unreasoned = client.post(f"/api/v1/submissions/{proposal}/apply", headers=h,
                             json={"base_version_id": _current(clause), "reason": " ", "text": FR_PROPOSED})
    assert unreasoned.status_code == 422
    # A party: as for a missing proposal, to the byte.
    party = client.post(f"/api/v1/submissions/{proposal}/apply", headers=party_h,
                        json={"base_version_id": _current(clause), "reason": "x", "text": FR_PROPOSED})
    missing = client.post("/api/v1/submissions/sub_doesnotexist000000/apply", headers=party_h,
                          json={"base_version_id": _current(clause), "reason": "x", "text": FR_PROPOSED})
    assert party.status_code == missing.status_code == 404 and party.get_data() == missing.get_data()
    assert db_state() == before


def test_no_party_sees_another_partys_proposal_or_its_merge(app, client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    hb = world.headers("delegate_b")
    other = client.get(f"/api/v1/submissions/{proposal}/merge", headers=hb)
    missing = client.get("/api/v1/submissions/sub_doesnotexist000000/merge", headers=hb)
    assert other.status_code == missing.status_code == 404 and other.get_data() == missing.get_data()
    r = client.post(f"/api/v1/submissions/{proposal}/apply", headers=world.headers("mediator"),
                    json={"base_version_id": _current(clause), "reason": "Sept jours."})
    assert r.status_code == 201
    listed = client.get(f"/api/v1/clauses/{clause.public_id}/comments", headers=hb).get_json()
    assert all(c["id"] != proposal for c in listed["comments"])
    beta = app.test_client()
    login(beta, world.users["delegate_b"])
    page = beta.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert FR_PROPOSED not in page and "Notre texte." not in page
    assert beta.get(f"/submissions/{proposal}/apply").status_code == 404


def test_the_apply_page_reads_and_applies_in_the_proposals_language(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    proposal = _propose(client, world, clause, FR_PROPOSED)
    login(client, world.users["drafter"])
    page = client.get(f"/submissions/{proposal}/apply").get_data(as_text=True)
    card = page.split('id="apply-language"')[1].split("</p>")[0]
    assert "French" in card and "English, Arabic" in card
    assert f'lang="fr" dir="ltr">{FR_PROPOSED}</textarea>' in page
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post(f"/submissions/{proposal}/apply", data={"csrf_token": csrf, "base_version_id": _current(clause),
                                                            "reason": "Sept jours.", "how": "accept"})
    assert r.status_code == 303
    texts = _texts(client, world, clause)
    assert texts["fr"]["text"] == FR_PROPOSED and texts["en"]["to_be_updated"] and texts["en"]["text"] == EN_LEAD


# ------------------------------------------------------------------ colliding proposals


def test_proposals_collide_only_within_their_language(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    a_fr = _propose(client, world, clause, FR_PROPOSED)
    b_fr = _propose(client, world, clause, "Un cessez-le-feu entre en vigueur dans les 72 heures.", who="delegate_b")
    # An English proposal on the same words: no French text to collide with.
    _propose(client, world, clause, "A ceasefire shall enter into force in 24 hours.", who="delegate_b",
             language="en")
    h = world.headers("mediator")
    fr = client.get(f"/api/v1/clauses/{clause.public_id}/collisions?language=fr", headers=h).get_json()
    assert fr["language"] == "fr" and fr["languages"] == ["en", "fr"] and fr["round_text"] == FR[1]
    assert fr["colliding"] and [p["submission_id"] for p in fr["proposals"]] == [a_fr, b_fr]
    en = client.get(f"/api/v1/clauses/{clause.public_id}/collisions", headers=h).get_json()
    assert en["language"] == "en" and len(en["proposals"]) == 1 and not en["colliding"]
    assert client.get(f"/api/v1/clauses/{clause.public_id}/collisions?language=de", headers=h).status_code == 404


def test_a_french_proposal_and_an_english_one_never_collide(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    _propose(client, world, clause, FR_PROPOSED)
    _propose(client, world, clause, "A ceasefire shall enter into force in 24 hours.", who="delegate_b", language="en")
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "Colliding proposals" not in page
    both = client.get(f"/clauses/{clause.public_id}/collisions?language=fr").get_data(as_text=True)
    assert 'id="proposal-languages"' in both and 'lang="fr" dir="ltr">' + FR[1] in both


def test_a_french_compromise_saved_as_draft_is_the_french_text(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    a = _propose(client, world, clause, FR_PROPOSED)
    b = _propose(client, world, clause, "Un cessez-le-feu entre en vigueur dans les 72 heures.", who="delegate_b")
    h = world.headers("mediator")
    c = client.get(f"/api/v1/clauses/{clause.public_id}/collisions?language=fr", headers=h).get_json()
    colliding = [r["region"] for r in c["regions"] if r["colliding"]]
    assert colliding
    saved = client.post(f"/api/v1/clauses/{clause.public_id}/merge", headers=h,
                        json={"language": "fr", "choices": {str(n): a for n in colliding},
                              "fingerprint": c["fingerprint"], "save_as": "draft", "reason": "Sept jours.",
                              "base_version_id": c["base_version_id"]})
    assert saved.status_code == 201, saved.get_json()
    assert saved.get_json()["decisions"] == {a: "accepted", b: "not_accepted"}
    texts = _texts(client, world, clause)
    assert texts["fr"]["text"] == FR_PROPOSED and not texts["fr"]["to_be_updated"]
    assert texts["en"]["text"] == EN_LEAD and texts["en"]["to_be_updated"] and texts["ar"]["to_be_updated"]
    assert db.session.scalar(select(Submission.language).where(Submission.public_id == a)) == "fr"


def test_a_french_bridging_proposal_is_read_in_french_by_every_party_once_released(app, client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    _circulate(world, document)
    a = _propose(client, world, clause, FR_PROPOSED)
    _propose(client, world, clause, "Un cessez-le-feu entre en vigueur dans les 72 heures.", who="delegate_b")
    h, hb = world.headers("mediator"), world.headers("delegate_b")
    c = client.get(f"/api/v1/clauses/{clause.public_id}/collisions?language=fr", headers=h).get_json()
    choices = {str(r["region"]): "custom" for r in c["regions"] if r["colliding"]}
    custom = {n: "dans les 5 jours" for n in choices}
    saved = client.post(f"/api/v1/clauses/{clause.public_id}/merge", headers=h,
                        json={"language": "fr", "choices": choices, "custom": custom, "fingerprint": c["fingerprint"],
                              "save_as": "bridging", "reason": "Cinq jours, entre les deux."})
    assert saved.status_code == 201, saved.get_json()
    bridging = saved.get_json()["bridging_proposal"]
    assert bridging["language"] == "fr" and bridging["text"] == "Un cessez-le-feu entre en vigueur dans les 5 jours."
    assert "".join(t for op, t in bridging["ops"] if op <= 0) == FR[1]        # against the French round text
    assert _texts(client, world, clause)["en"]["to_be_updated"] is False       # the draft is untouched
    # Hidden from the parties until released, then read in French, right way round.
    listed = f"/api/v1/clauses/{clause.public_id}/bridging-proposals"
    assert client.get(listed, headers=hb).get_json()["bridging_proposals"] == []
    assert client.post(f"/api/v1/bridging-proposals/{bridging['id']}/release", headers=h).status_code in (200, 201)
    seen = client.get(listed, headers=hb).get_json()["bridging_proposals"]
    assert [(s["language"], s["text"]) for s in seen] == [("fr", bridging["text"])]
    assert "answers" not in seen[0] and a not in str(seen[0])                  # no party learns whose it bridges
    beta = app.test_client()
    login(beta, world.users["delegate_b"])
    page = beta.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    card = page.split('class="card small bridging"')[1].split("</div>\n</div>")[0]
    assert 'lang="fr" dir="ltr">Un cessez-le-feu' in card and "<ins>5</ins> jours" in card
