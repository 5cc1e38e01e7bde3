"""The API of authentic texts (issue #22): documents list their languages, a document is
read in a language with per clause whether it is to be updated, a clause is edited in a
language, the team adds a language; a party reads other languages only of circulated
rounds, never the working draft's."""
from tests.agreement.test_positions import circulate
from tests.db_state import db_state
from tests.helpers import pid
from tests.languages.conftest import AR

LANGS = [{"code": "en", "authentic": True, "lead": True}, {"code": "ar", "authentic": True, "lead": False},
         {"code": "fr", "authentic": False, "lead": False}]


def get(client, world, document, who="mediator", **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return client.get(f"/api/v1/documents/{document.public_id}?{query}", headers=world.headers(who))


def texts(body):
    return [(c["text"], c["to_be_updated"]) for s in body["sections"] for c in s["clauses"]]


def test_documents_list_their_languages(client, world, bilingual):
    document, _, _ = bilingual
    body = client.get(f"/api/v1/processes/{world.process.slug}", headers=world.headers("mediator")).get_json()
    assert body["documents"] == [{"id": document.public_id, "title": document.title, "languages": LANGS}]
    assert get(client, world, document).get_json()["languages"] == LANGS


def test_a_single_language_document_answers_as_before(client, world, doc):
    document, _, _ = doc
    body = get(client, world, document).get_json()
    assert body["languages"] == [{"code": "en", "authentic": True, "lead": True}]
    assert "to_be_updated" not in body["sections"][0]["clauses"][0]


def test_the_working_draft_in_arabic_says_which_clause_is_to_be_updated(client, world, bilingual):
    document, _, clauses = bilingual
    base = client.get(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                     json={"text": "The Parties commit to a lasting peace.", "base_version_id": base["version_id"]})
    assert r.status_code == 200
    assert {t["code"]: t["to_be_updated"] for t in r.get_json()["texts"]} == {"en": False, "ar": True, "fr": True}
    body = get(client, world, document, language="ar").get_json()
    assert body["language"] == "ar" and body["dir"] == "rtl"
    assert texts(body) == [(AR[0], True), (AR[1], False), (AR[2], False)]
    english = get(client, world, document, language="en").get_json()
    assert english["dir"] == "ltr" and texts(english)[0] == ("The Parties commit to a lasting peace.", False)
    # Updating the Arabic through the API restores concordance.
    r = client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                     json={"text": "تلتزم الأطراف بسلام دائم.", "base_version_id": r.get_json()["version_id"],
                           "language": "ar"})
    assert r.status_code == 200, r.get_json()
    assert texts(get(client, world, document, language="ar").get_json())[0] == ("تلتزم الأطراف بسلام دائم.", False)


def test_an_unknown_language_answers_404(client, world, bilingual):
    document, _, _ = bilingual
    r = get(client, world, document, language="de")
    assert r.status_code == 404


def test_a_party_reads_other_languages_of_circulated_rounds_only(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    base = client.get(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                     json={"text": "نص جديد للعمل الداخلي.", "base_version_id": base["version_id"], "language": "ar"})
    assert r.status_code == 200
    for who in ("delegate_a", "observer"):
        body = get(client, world, document, who, language="ar").get_json()
        assert body["round"] == 1 and body["working_draft"] is False
        assert texts(body)[0] == (AR[0], False)
        assert "نص جديد" not in str(body)
        assert get(client, world, document, who, language="ar", round=2).status_code == 404
    # The team sees the draft's new Arabic.
    assert texts(get(client, world, document, language="ar").get_json())[0] == ("نص جديد للعمل الداخلي.", False)


def test_the_team_adds_a_language_and_parties_cannot(client, world, doc):
    document, _, _ = doc
    r = client.post(f"/api/v1/documents/{document.public_id}/languages", headers=world.headers("drafter"),
                    json={"code": "ar", "authentic": True})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["languages"] == [{"code": "en", "authentic": True, "lead": True},
                                         {"code": "ar", "authentic": True, "lead": False}]
    body = get(client, world, document, language="ar").get_json()
    assert all(c["missing"] and c["to_be_updated"] and c["text"] == "" for s in body["sections"] for c in s["clauses"])
    for who in ("delegate_a", "observer", "outsider"):
        world.headers(who)          # tokens issued before the snapshot
    state = db_state()
    for who in ("delegate_a", "observer", "outsider"):
        r = client.post(f"/api/v1/documents/{document.public_id}/languages", headers=world.headers(who),
                        json={"code": "fr", "authentic": False})
        missing = client.post(f"/api/v1/documents/{pid('document', 987654321)}/languages",
                              headers=world.headers(who), json={"code": "fr", "authentic": False})
        assert r.status_code == 404 and r.get_data() == missing.get_data()
    assert db_state() == state


def test_a_stale_base_in_another_language_is_refused_with_nothing_changed(client, world, bilingual):
    document, _, clauses = bilingual
    base = client.get(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter")).get_json()
    r = client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                     json={"text": "تلتزم الأطراف بسلام دائم.", "base_version_id": base["version_id"], "language": "ar"})
    assert r.status_code == 200
    state = db_state()
    r = client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                     json={"text": "Les Parties.", "base_version_id": base["version_id"], "language": "fr"})
    assert r.status_code == 409 and r.get_json()["error"] == "stale_version"
    assert db_state() == state


def test_a_language_only_the_working_draft_has_is_the_teams(client, world, doc):
    """A party hears of a language once a circulated round carries a text in it: before,
    the lists leave it out and asking for it answers as for a language the document lacks."""
    document, _, clauses = doc
    circulate(client, world, document)
    r = client.post(f"/api/v1/documents/{document.public_id}/languages", headers=world.headers("drafter"),
                    json={"code": "ar", "authentic": True})
    assert r.status_code == 201
    english = [{"code": "en", "authentic": True, "lead": True}]
    for who in ("delegate_a", "observer"):
        listed = client.get(f"/api/v1/processes/{world.process.slug}", headers=world.headers(who)).get_json()
        assert [d["languages"] for d in listed["documents"]] == [english]
        assert get(client, world, document, who).get_json()["languages"] == english
        asked, unknown = get(client, world, document, who, language="ar"), get(client, world, document, who, language="de")
        assert asked.status_code == 404 and asked.get_data() == unknown.get_data()
    assert len(get(client, world, document).get_json()["languages"]) == 2
    # Once a round carries an Arabic text, the parties hear of the language.
    base = client.get(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter")).get_json()
    assert client.patch(f"/api/v1/clauses/{clauses[0].public_id}", headers=world.headers("drafter"),
                        json={"text": "نص عربي.", "base_version_id": base["version_id"],
                              "language": "ar"}).status_code == 200
    circulate(client, world, document)
    assert [lang["code"] for lang in get(client, world, document, "delegate_a").get_json()["languages"]] == ["en", "ar"]
