"""The side-by-side page (issue #22): columns per language aligned by clause, Arabic
right to left, "to be updated" marked, per-language word diffs between rounds, editing a
text in a chosen language; a party reads circulated rounds only."""
import re

from tests.agreement.test_positions import circulate
from tests.db_state import db_state
from tests.helpers import login
from tests.languages.conftest import AR


def page(client, document, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    r = client.get(f"/documents/{document.public_id}/texts?{query}")
    assert r.status_code == 200, r.status_code
    return r.get_data(as_text=True)


def test_the_team_reads_english_and_arabic_side_by_side_right_to_left(client, world, bilingual):
    document, _, clauses = bilingual
    login(client, world.users["drafter"])
    html = page(client, document, lang="en&lang=ar")
    assert 'lang="ar" dir="rtl"' in html and 'lang="en" dir="ltr"' in html
    assert AR[0] in html and "The Parties commit to peace." in html
    assert "Les Parties" not in html                # two columns asked
    row = re.search(r'<tr id="clause-%s">(.*?)</tr>' % clauses[1].public_id, html, re.S).group(1)
    assert row.index('lang="en"') < row.index('lang="ar"')          # aligned: one row per clause
    assert "<bdi>" in row
    assert 'class="bracket' in row.split('lang="ar"')[1] or "[" in row.split('lang="ar"')[1]
    three = page(client, document, lang="en&lang=ar&lang=fr")
    assert "Les Parties s&#39;engagent" in three


def test_an_english_edit_shows_the_arabic_to_be_updated_and_the_arabic_is_edited_on_the_page(client, world, bilingual):
    document, _, clauses = bilingual
    login(client, world.users["drafter"])
    html = page(client, document, lang="en&lang=ar")
    base = re.search(r'name="base_version_id" value="([^"]+)"', html.split(f'clause-{clauses[0].public_id}')[1]).group(1)
    r = client.post(f"/clauses/{clauses[0].public_id}/text", data={"text": "The Parties commit to a lasting peace.",
                                                                 "base_version_id": base, "language": "en",
                                                                 "lang": ["en", "ar"]})
    assert r.status_code == 303
    html = page(client, document, lang="en&lang=ar")
    row = re.search(r'<tr id="clause-%s">(.*?)</tr>' % clauses[0].public_id, html, re.S).group(1)
    arabic = row.split('data-language="ar"')[1]
    assert "To be updated" in arabic and "To be updated" not in row.split('data-language="ar"')[0]
    base = re.search(r'name="base_version_id" value="([^"]+)"', row).group(1)
    r = client.post(f"/clauses/{clauses[0].public_id}/text", data={"text": "تلتزم الأطراف بسلام دائم.",
                                                                 "base_version_id": base, "language": "ar"})
    assert r.status_code == 303
    html = page(client, document, lang="en&lang=ar")
    row = re.search(r'<tr id="clause-%s">(.*?)</tr>' % clauses[0].public_id, html, re.S).group(1)
    assert "تلتزم الأطراف بسلام دائم." in row and "To be updated" not in row


def test_word_diffs_per_language_between_rounds(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    login(client, world.users["drafter"])
    html = page(client, document, lang="en&lang=ar")
    base = re.search(r'name="base_version_id" value="([^"]+)"', html.split(f'clause-{clauses[0].public_id}')[1]).group(1)
    client.post(f"/clauses/{clauses[0].public_id}/text", data={"text": "تلتزم الأطراف بسلام دائم.",
                                                             "base_version_id": base, "language": "ar"})
    circulate(client, world, document)
    html = page(client, document, lang="en&lang=ar", round=2, diff=1)
    row = re.search(r'<tr id="clause-%s">(.*?)</tr>' % clauses[0].public_id, html, re.S).group(1)
    arabic = row.split('data-language="ar"')[1]
    assert "<ins>" in arabic and "<del>" in arabic and "دائم" in arabic
    assert "<ins>" not in row.split('data-language="ar"')[0]          # English unchanged


def test_a_party_reads_the_latest_round_never_the_draft(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    from app.drafting.operations import edit_clause
    from app.extensions import db
    db.session.refresh(clauses[0])
    edit_clause(clauses[0].id, "نص داخلي سري.", clauses[0].current_version_id, actor=world.users["drafter"],
                language="ar")
    db.session.commit()
    login(client, world.users["delegate_a"])
    html = page(client, document, lang="en&lang=ar")
    assert AR[0] in html and "نص داخلي سري" not in html
    assert "Edit the" not in html and "Add a language" not in html


def test_adding_a_language_on_the_page(client, make_client, world, doc):
    document, _, _ = doc
    login(client, world.users["drafter"])
    r = client.post(f"/documents/{document.public_id}/languages", data={"code": "ar", "authentic": "1"})
    assert r.status_code == 303
    html = page(client, document, lang="en&lang=ar")
    assert html.count("No text yet") == 3
    party = make_client()
    login(party, world.users["delegate_a"])
    state = db_state()
    r = party.post(f"/documents/{document.public_id}/languages", data={"code": "fr"})
    assert r.status_code == 404
    assert db_state() == state
