"""NAUEA across languages (issue #22): a change to any authentic text lapses positions
(once circulated); a clause with an authentic text to be updated is not agreed and the
document cannot be concluded; circulation shows stale texts, or refuses them as a setting."""
from app.extensions import db
from tests.agreement.test_positions import agree_all, circulate, clause_status, status
from tests.db_state import db_state
from tests.helpers import login


def patch(client, world, clause, text, language=None, who="drafter"):
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    body = {"text": text, "base_version_id": current["version_id"]}
    if language:
        body["language"] = language
    return client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers(who), json=body)


def agree_everything(client, world, clauses):
    for clause in clauses:
        agree_all(client, world, clause)


def test_an_english_edit_lapses_positions_only_when_circulated_and_arabic_stale_blocks_agreement(
        client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    agree_everything(client, world, clauses)
    assert status(client, world, document)["agreed"] is False          # brackets in clause 2
    assert clause_status(status(client, world, document), clauses[0])["status"] == "agreed"
    assert patch(client, world, clauses[0], "The Parties commit to a lasting peace.").status_code == 200
    first = clause_status(status(client, world, document), clauses[0])
    assert first["status"] == "agreed" and first["to_be_updated"] == []     # not circulated yet
    body = circulate(client, world, document)
    rounds = client.get(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator")).get_json()
    assert rounds["rounds"][-1]["summary"]["to_be_updated"] == {"ar": 1}
    first = clause_status(status(client, world, document), clauses[0])
    assert first["status"] == "contested" and first["to_be_updated"] == ["ar"]
    # A party sees it too (the circulated round's Arabic is to be updated), as contested.
    party = clause_status(status(client, world, document, "delegate_a"), clauses[0])
    assert party["status"] == "contested" and party["own"]["lapsed"] is True
    assert body == 2


def test_an_arabic_change_lapses_positions_like_an_english_one(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    agree_all(client, world, clauses[0])
    assert patch(client, world, clauses[0], "تلتزم الأطراف بسلام دائم.", "ar").status_code == 200
    circulate(client, world, document)
    first = clause_status(status(client, world, document), clauses[0])
    assert first["to_be_updated"] == ["en"] and first["status"] == "contested"
    assert first["agreed_by_all"] is False


def test_a_translation_to_be_updated_does_not_block_agreement(client, world, bilingual):
    document, _, clauses = bilingual
    assert patch(client, world, clauses[0], "The Parties commit to a lasting peace.").status_code == 200
    assert patch(client, world, clauses[0], "تلتزم الأطراف بسلام دائم.", "ar").status_code == 200
    circulate(client, world, document)          # French is stale: a translation, not authentic
    agree_all(client, world, clauses[0])
    assert clause_status(status(client, world, document), clauses[0])["status"] == "agreed"


def test_the_document_cannot_be_concluded_while_an_authentic_text_is_to_be_updated(client, world, bilingual):
    document, _, clauses = bilingual
    assert patch(client, world, clauses[1], "A ceasefire shall enter into force in 72 hours.").status_code == 200
    assert patch(client, world, clauses[1], "يدخل وقف إطلاق النار حيز النفاذ خلال 72 ساعة.", "ar").status_code == 200
    assert patch(client, world, clauses[0], "The Parties commit to a lasting peace.").status_code == 200
    circulate(client, world, document)
    agree_everything(client, world, clauses)
    db.session.commit()
    state = db_state()
    r = client.post(f"/api/v1/documents/{document.public_id}/conclude", headers=world.headers("mediator"))
    assert r.status_code == 409 and r.get_json()["error"] == "not_agreed"
    assert db_state() == state
    assert patch(client, world, clauses[0], "تلتزم الأطراف بسلام دائم.", "ar").status_code == 200
    circulate(client, world, document)
    agree_all(client, world, clauses[0])
    r = client.post(f"/api/v1/documents/{document.public_id}/conclude", headers=world.headers("mediator"))
    assert r.status_code in (200, 201), r.get_json()


def test_circulation_refuses_stale_authentic_texts_when_the_process_says_so(client, world, bilingual):
    document, _, clauses = bilingual
    r = client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                     json={"refuse_stale_texts": True})
    assert r.status_code == 200, r.get_json()
    assert patch(client, world, clauses[0], "The Parties commit to a lasting peace.").status_code == 200
    preview = client.get(f"/api/v1/documents/{document.public_id}/rounds/preview",
                         headers=world.headers("mediator")).get_json()
    assert preview["summary"]["to_be_updated"] == {"ar": 1}
    login(client, world.users["mediator"])       # the preview page names them before circulating too
    page = client.get(f"/documents/{document.public_id}/rounds/preview").get_data(as_text=True)
    assert 'class="stale-texts"' in page and "Texts to be updated:" in page and "Arabic 1" in page
    db.session.commit()
    state = db_state()
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"), json={})
    assert r.status_code == 409
    body = r.get_json()
    assert body["error"] == "stale_texts" and body["to_be_updated"] == {"ar": 1}
    assert body["clauses"] == [clauses[0].public_id]
    assert db_state() == state
    assert patch(client, world, clauses[0], "تلتزم الأطراف بسلام دائم.", "ar").status_code == 200
    assert circulate(client, world, document) == 1
