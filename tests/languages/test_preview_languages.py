"""The circulation preview's "view as party" (issue #22): the languages the party will
actually receive with the next round, not every language of the document. A language
only the working draft has no text in stays out; one the next round carries comes in."""
from app.drafting.operations import add_document_language, edit_clause
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.helpers import login
from tests.languages.conftest import AR


def _preview(client, world, document, party):
    r = client.get(f"/api/v1/documents/{document.public_id}/rounds/preview?party={party}",
                   headers=world.headers("mediator"))
    assert r.status_code == 200, r.get_json()
    return r.get_json()["receives"]


def test_the_preview_as_a_party_lists_the_languages_it_will_receive(app, client, world, doc):
    document, _, clauses = doc
    drafter = world.users["drafter"]
    circulate_round(document, actor=world.users["mediator"])
    add_document_language(document, "ar", authentic=True, actor=drafter)
    add_document_language(document, "fr", authentic=False, actor=drafter)
    # Only the Arabic has a text, in one clause: the French is nothing yet but a column.
    edit_clause(clauses[0].id, AR[0], clauses[0].current_version_id, actor=drafter, language="ar")
    db.session.commit()
    receives = _preview(client, world, document, "alpha")
    assert [lang["code"] for lang in receives["languages"]] == ["en", "ar"]
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/preview?party=alpha").get_data(as_text=True)
    shown = page.split('id="received-languages"')[1].split("</p>")[0]
    assert "English, Arabic" in shown and "French" not in shown
    # Circulated: the party reads exactly those languages.
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    got = client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers("delegate_a")).get_json()
    assert got["languages"] == receives["languages"]
    assert {k: v for k, v in got.items() if k != "rounds"} == {k: v for k, v in receives.items() if k != "rounds"}


def test_a_language_an_earlier_round_carried_is_received_even_without_a_text_now(client, world, bilingual):
    document, _, _ = bilingual
    circulate_round(document, actor=world.users["mediator"], allow_unchanged=True)
    db.session.commit()
    receives = _preview(client, world, document, "watchers")
    assert [lang["code"] for lang in receives["languages"]] == ["en", "ar", "fr"]
    one = client.get(f"/api/v1/documents/{document.public_id}/rounds/preview",
                     headers=world.headers("mediator")).get_json()
    assert "receives" not in one
