"""Proposals in the language the party writes in (issue #22): one of the clause's languages
the party has heard of, by default its interface language, else the lead; stored, shown,
and diffed against the round's text in that language."""
from app.auth.models import User
from app.drafting.operations import add_document_language, edit_clause
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import login
from tests.languages.conftest import AR


def _circulate(world, document):
    circulate_round(document, actor=world.users["mediator"], allow_unchanged=True)
    db.session.commit()


def _propose(client, world, clause, text, who="delegate_a", **extra):
    return client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers(who),
                       json={"kind": "proposal", "body": "Our wording.", "proposed_text": text, **extra})


def test_a_proposal_in_arabic_is_diffed_against_the_arabic_round_text(client, world, bilingual):
    document, _, clauses = bilingual
    _circulate(world, document)
    answer = _propose(client, world, clauses[0], "تلتزم الأطراف بالسلام الدائم.", language="ar")
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert body["language"] == "ar"
    assert "".join(t for op, t in body["redline"] if op <= 0) == AR[0]          # the Arabic round text
    listed = client.get(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=world.headers("mediator")).get_json()
    assert listed["comments"][0]["language"] == "ar"
    english = _propose(client, world, clauses[1], "A ceasefire enters into force at once.").get_json()
    assert english["language"] == "en"                                          # the lead by default


def test_the_default_is_the_interface_language_when_the_document_has_it(client, world, bilingual):
    document, _, clauses = bilingual
    _circulate(world, document)
    user = db.session.get(User, world.users["delegate_a"].id)
    user.language = "ar"
    db.session.commit()
    body = _propose(client, world, clauses[0], "تلتزم الأطراف بالسلام الدائم.").get_json()
    assert body["language"] == "ar"
    user = db.session.get(User, world.users["delegate_a"].id)
    user.language = "es"                                # the document has no Spanish: the lead
    db.session.commit()
    assert _propose(client, world, clauses[1], "A ceasefire now.").get_json()["language"] == "en"


def test_a_language_only_the_working_draft_has_is_refused_as_one_the_document_lacks(client, world, doc):
    document, _, clauses = doc
    _circulate(world, document)
    drafter = world.users["drafter"]
    add_document_language(document, "ar", authentic=True, actor=drafter)
    edit_clause(clauses[0].id, AR[0], clauses[0].current_version_id, actor=drafter, language="ar")
    db.session.commit()
    headers = world.headers("delegate_a")
    before = db_state()
    draft_only = _propose(client, world, clauses[0], "نص مقترح.", language="ar")
    lacking = _propose(client, world, clauses[0], "nouveau texte", language="de")
    assert draft_only.status_code == lacking.status_code == 422
    assert draft_only.get_data() == lacking.get_data()
    assert draft_only.get_json()["error"] == "bad_language"
    assert db_state() == before
    assert headers


def test_the_round_page_shows_the_proposals_language(client, world, bilingual):
    document, _, clauses = bilingual
    _circulate(world, document)
    assert _propose(client, world, clauses[0], "تلتزم الأطراف بالسلام الدائم.", language="ar").status_code == 201
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "Proposed wording (ar):" in page and 'lang="ar" dir="rtl"' in page


def test_the_team_reads_a_proposal_beside_the_clauses_other_languages(app, client, world, bilingual):
    document, _, clauses = bilingual
    _circulate(world, document)
    assert _propose(client, world, clauses[0], "تلتزم الأطراف بالسلام الدائم.", language="ar").status_code == 201
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    card = page.split('class="submission card small"')[1].split('class="actions"')[0]
    assert 'class="side-by-side proposal-beside"' in card
    assert "Proposed wording (ar):" in card
    # The round's English (lead) and French texts of the clause beside it; not the Arabic twice.
    assert "The round’s text (en):" in card and "The Parties commit to peace." in card
    assert "The round’s text (fr):" in card and "Les Parties s&#39;engagent en faveur de la paix." in card
    assert "The round’s text (ar):" not in card and 'lang="fr" dir="ltr"' in card
    # The party reads its own proposal without the team's columns.
    party = app.test_client()
    login(party, world.users["delegate_a"])
    own = party.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "Proposed wording (ar):" in own and "The round’s text" not in own


def test_beside_a_proposal_a_text_to_be_updated_says_so(client, world, bilingual):
    document, _, clauses = bilingual
    clause = clauses[1]
    db.session.refresh(clause)
    edit_clause(clause.id, "A ceasefire shall enter into force [in 24 hours / in 7 days].",
                clause.current_version_id, actor=world.users["drafter"])        # the Arabic now to be updated
    db.session.commit()
    _circulate(world, document)
    assert _propose(client, world, clause, "A ceasefire shall enter into force at once.").status_code == 201
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    card = page.split('class="submission card small"')[1].split('class="actions"')[0]
    arabic = card.split('lang="ar" dir="rtl"')[1].split("</div>")[0]
    assert "The round’s text (ar):" in arabic and "To be updated" in arabic and AR[1] in arabic
    french = card.split('lang="fr" dir="ltr"')[1].split("</div>")[0]
    assert "To be updated" in french                     # the French translation is stale too


def test_the_page_form_chooses_the_language_the_party_writes_in(client, world, bilingual):
    document, _, clauses = bilingual
    _circulate(world, document)
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    form = page.split('<template id="comment-form">')[1].split("</template>")[0]
    select = form.split('<select name="language">')[1].split("</select>")[0]
    assert [o.split('"')[0] for o in select.split('<option value="')[1:]] == ["en", "ar", "fr"]
    assert 'value="en" lang="en" selected' in select                  # the interface language by default
    r = client.post(f"/clauses/{clauses[0].public_id}/comments",
                    data={"kind": "proposal", "body": "Notre texte.", "proposed_text": "تلتزم الأطراف بالسلام الدائم.",
                          "language": "ar"})
    assert r.status_code in (302, 303)
    listed = client.get(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=world.headers("mediator")).get_json()
    assert listed["comments"][0]["language"] == "ar"
    # In Arabic, the form starts on Arabic.
    user = db.session.get(User, world.users["delegate_a"].id)
    user.language = "ar"
    db.session.commit()
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    form = page.split('<template id="comment-form">')[1].split("</template>")[0]
    assert 'value="ar" lang="ar" selected' in form


def test_a_preview_diffs_against_the_round_text_in_the_chosen_language(client, world, bilingual):
    document, _, clauses = bilingual
    _circulate(world, document)
    login(client, world.users["delegate_a"])
    r = client.post(f"/clauses/{clauses[0].public_id}/comments",
                    data={"kind": "proposal", "body": "Notre texte.", "proposed_text": AR[0] + " الدائم",
                          "language": "ar", "preview": "1"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'name="language" value="ar"' in html
    assert "The Parties commit" not in html.split("<main")[1]      # the Arabic round text, not the lead's
