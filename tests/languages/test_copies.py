"""Clean, redline and party copies per language (issue #22): ?language= on the round
exports, recorded as releases like the lead-language copies, Arabic right to left, the
fixed labels in the copy's language, and a language only the working draft has unknown
to a party (byte for byte as a language the document lacks)."""
import io
import re
import zipfile

import pytest
from babel.dates import format_date

from app.drafting.operations import add_document_language, edit_clause
from app.export.models import ExportFile
from app.extensions import db
from app.rounds.models import Round
from tests.agreement.test_positions import circulate
from tests.db_state import db_state
from tests.export.libreoffice import available, body, expected_body
from tests.helpers import login
from tests.languages.conftest import AR, FR

AR_NEW = "تنسحب القوات إلى المواقع المتفق عليها خلال 30 يوما."


def export(client, world, document, number, query, who="delegate_a", method="post"):
    call = client.post if method == "post" else client.get
    return call(f"/api/v1/documents/{document.public_id}/rounds/{number}/export?{query}", headers=world.headers(who))


def xml_of(data: bytes, part="word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(part).decode()


def two_rounds(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    clause = clauses[2]
    db.session.refresh(clause)
    edit_clause(clause.id, AR_NEW, clause.current_version_id, actor=world.users["drafter"], language="ar")
    db.session.commit()
    circulate(client, world, document)
    return document, clauses


def test_a_party_gets_the_clean_copy_in_arabic_right_to_left_recorded(client, world, bilingual):
    document, _, _ = bilingual
    circulate(client, world, document)
    r = export(client, world, document, 1, "variant=clean&language=ar")
    assert r.status_code == 201, r.get_json()
    assert "-ar.docx" in r.headers["Content-Disposition"]
    xml, styles = xml_of(r.data), xml_of(r.data, "word/styles.xml")
    assert AR[0] in xml and "The Parties commit to peace." not in xml
    assert "<w:bidi/>" in styles and "<w:rtl/>" in styles and 'w:cs="Arial"' in styles
    assert "نسخة لـ" in xml or "Alpha Government" in xml           # the party's copy, labels in Arabic
    assert "Rev. 1" not in xml.split("Alpha Government")[0] or "مراجعة" in xml
    row = db.session.query(ExportFile).order_by(ExportFile.id.desc()).first()
    assert row.language == "ar" and row.recipient_party_id == world.parties["a"].id
    lead = export(client, world, document, 1, "variant=clean")
    assert lead.status_code == 201 and "<w:bidi/>" not in xml_of(lead.data, "word/styles.xml")
    assert "The Parties commit to peace." in xml_of(lead.data)
    # the GET gives the copy released, in the language asked
    again = export(client, world, document, 1, "variant=clean&language=ar", method="get")
    assert again.status_code == 200 and again.data == r.data
    # verify-release names the copy and its language
    v = client.post(f"/api/v1/processes/{world.process.slug}/releases/verify", headers=world.headers("mediator"),
                    data={"file": (io.BytesIO(r.data), "x.docx")}, content_type="multipart/form-data")
    assert v.status_code == 200, v.get_json()
    found = v.get_json()
    release = found.get("release") or (found.get("releases") or [found])[0]
    assert release["language"] == "ar" and release["recipient"]["slug"] == "alpha"


def test_french_copy_labels_follow_the_copy_language(client, world, bilingual):
    document, _, _ = bilingual
    circulate(client, world, document)
    r = export(client, world, document, 1, "variant=clean&language=fr", who="mediator")
    assert r.status_code == 201
    xml = xml_of(r.data)
    assert FR[0] in xml and "Original : anglais" in xml and "Distr. : Restreinte" in xml
    circulated = db.session.scalars(db.select(Round).filter_by(document_id=document.id, number=1)).one().circulated_at
    assert "Texte de négociation, Rev. 1" in xml and format_date(circulated, "d MMMM", locale="fr") in xml


def test_the_redline_in_arabic_diffs_the_arabic_texts(client, world, bilingual):
    document, clauses = two_rounds(client, world, bilingual)
    r = export(client, world, document, 2, "variant=redline&from=1&language=ar")
    assert r.status_code == 201, r.get_json()
    xml = xml_of(r.data)
    assert "<w:ins " in xml and "30" in xml and "The Parties" not in xml
    assert "w:rtl" in xml_of(r.data, "word/styles.xml")


def test_a_language_only_the_draft_has_is_unknown_to_a_party(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    add_document_language(document, "es", authentic=False, actor=world.users["drafter"])
    db.session.commit()
    clause = clauses[0]
    db.session.refresh(clause)
    edit_clause(clause.id, "Las Partes se comprometen.", clause.current_version_id, actor=world.users["drafter"],
                language="es")
    db.session.commit()
    world.headers("delegate_a")            # the token, issued once
    db.session.commit()
    before = db_state()
    draft_only = export(client, world, document, 1, "variant=clean&language=es")
    lacking = export(client, world, document, 1, "variant=clean&language=de")
    assert draft_only.status_code == 404 and draft_only.data == lacking.data
    for method in ("post", "get"):
        a = export(client, world, document, 1, "variant=redline&language=es", method=method)
        b = export(client, world, document, 1, "variant=redline&language=de", method=method)
        assert a.status_code == b.status_code == 404 and a.data == b.data
    assert db_state() == before
    # the team has it (the round carries no Spanish text: empty articles)
    assert export(client, world, document, 1, "variant=clean&language=es", who="mediator").status_code == 201


def test_comments_and_matrix_are_lead_only(client, world, bilingual):
    document, _, _ = bilingual
    circulate(client, world, document)
    world.headers("mediator")
    before = db_state()
    r = export(client, world, document, 1, "variant=comments&language=ar", who="mediator")
    assert r.status_code == 422 and r.get_json()["error"]
    assert db_state() == before


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_accepts_and_rejects_the_arabic_redline(client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the file is the same on both databases; LibreOffice is slow")
    document, _ = two_rounds(client, world, bilingual)
    r = export(client, world, document, 2, "variant=redline&from=1&language=ar")
    assert r.status_code == 201
    seen = libreoffice.open(r.data, ("accept", "reject"))
    assert seen["accept_left"] == 0 and seen["reject_left"] == 0

    def sections(number):
        data = client.get(f"/api/v1/documents/{document.public_id}?round={number}&language=ar",
                          headers=world.headers("mediator")).get_json()
        return data["sections"]
    assert body(seen["accept"]) == expected_body(sections(2), "المادة")
    assert body(seen["reject"]) == expected_body(sections(1), "المادة")
    assert any(AR_NEW in p["text"] for p in seen["accept"]) and not any(AR_NEW in p["text"] for p in seen["reject"])


def test_the_round_page_offers_the_languages_a_party_heard_of(app, client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    add_document_language(document, "es", authentic=False, actor=world.users["drafter"])
    db.session.commit()
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    picker = page.split('class="inline small language-copy"')[1].split("</form>")[0]
    assert 'value="ar"' in picker and 'value="fr"' in picker and 'value="es"' not in picker
    assert 'name="party"' not in picker                    # a party's copy is its own
    r = client.post(f"/documents/{document.public_id}/rounds/1/export",
                    data={"variant": "clean", "language": "ar"})
    assert r.status_code == 303 and "language=ar" in r.headers["Location"]
    got = client.get(r.headers["Location"])
    assert got.status_code == 200 and AR[0] in xml_of(got.data)
    row = db.session.query(ExportFile).order_by(ExportFile.id.desc()).first()
    assert row.language == "ar" and row.recipient_party_id == world.parties["a"].id
    client = app.test_client()
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    picker = page.split('class="inline small language-copy"')[1].split("</form>")[0]
    assert 'value="es"' in picker and 'name="party"' in picker


def test_the_command_line_writes_a_copy_in_a_language(app, client, world, bilingual, tmp_path):
    document, _, _ = bilingual
    circulate(client, world, document)
    runner = app.test_cli_runner()
    out = tmp_path / "ar.docx"
    result = runner.invoke(args=["export", str(document.id), "--round", "1", "--variant", "clean",
                                 "--language", "ar", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert AR[0] in xml_of(out.read_bytes())
    assert db.session.query(ExportFile).order_by(ExportFile.id.desc()).first().language == "ar"
    bad = runner.invoke(args=["export", str(document.id), "--round", "1", "--variant", "clean",
                              "--language", "de", "--out", str(out)])
    assert bad.exit_code == 1 and "no language" in bad.output


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_reads_the_arabic_copy_right_to_left(client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the file is the same on both databases; LibreOffice is slow")
    document, _, _ = bilingual
    circulate(client, world, document)
    arabic = export(client, world, document, 1, "variant=clean&language=ar")
    english = export(client, world, document, 1, "variant=clean")
    seen = libreoffice.open(arabic.data, actions=("read",))["read"]
    articles = [p for p in seen if p["text"] in AR]
    assert len(articles) == 3 and all(p["rtl"] for p in articles)
    lead = libreoffice.open(english.data, actions=("read",))["read"]
    assert not any(p.get("rtl") for p in lead if p["text"] == "The Parties commit to peace.")


def numbering_text(data: bytes) -> str:
    return re.search(r'<w:abstractNum w:abstractNumId="1">.*?<w:lvlText w:val="([^"]*)"', xml_of(data, "word/numbering.xml"),
                     re.S).group(1)


def with_spanish_and_a_stale_arabic(client, world, bilingual):
    """Spanish (a translation) with one article's text; an English edit of Article 3
    leaves its Arabic and French to be updated; then the round is circulated."""
    document, _, clauses = bilingual
    drafter = world.users["drafter"]
    add_document_language(document, "es", authentic=False, actor=drafter)
    db.session.refresh(clauses[0])
    edit_clause(clauses[0].id, "Las Partes se comprometen con la paz.", clauses[0].current_version_id,
                actor=drafter, language="es")
    db.session.refresh(clauses[2])
    edit_clause(clauses[2].id, "Forces shall withdraw to agreed positions within 30 days.",
                clauses[2].current_version_id, actor=drafter)
    db.session.commit()
    circulate(client, world, document)
    return document, clauses


def test_a_copys_articles_are_numbered_in_its_language(client, world, bilingual):
    document, _ = with_spanish_and_a_stale_arabic(client, world, bilingual)
    labels = {}
    for language in ("", "fr", "es", "ar"):
        r = export(client, world, document, 1, "variant=clean" + (f"&language={language}" if language else ""),
                   who="mediator")
        assert r.status_code == 201, r.get_json()
        labels[language] = numbering_text(r.data)
    assert labels == {"": "Article %1.", "fr": "Article %1.", "es": "Artículo %1.", "ar": "المادة %1."}


def stale_marks(data: bytes) -> list[str]:
    xml = xml_of(data)
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<w:p>(?:(?!</w:p>).)*?<w:pStyle w:val="ToBeUpdated"/>.*?</w:p>',
                                                           xml, re.S)]


def test_a_language_copy_marks_the_texts_to_be_updated(client, world, bilingual):
    document, _ = with_spanish_and_a_stale_arabic(client, world, bilingual)
    arabic = export(client, world, document, 1, "variant=clean&language=ar", who="mediator").data
    # One mark, after Article 3 (the one the English edit left behind), in the copy's language.
    marks = stale_marks(arabic)
    assert marks == ["يلزم تحديثه: لم يُراجَع هذا النص بعد وفق الصيغة الحالية للمادة."]
    xml = xml_of(arabic)
    assert xml.index(AR[2]) < xml.index(marks[0]) and xml.index(AR[0]) < xml.index(AR[2])
    french = export(client, world, document, 1, "variant=clean&language=fr", who="mediator").data
    assert stale_marks(french) == ["À mettre à jour : ce texte n'est pas encore révisé pour la version actuelle "
                                   "de l'article."]
    # Spanish has a text for Article 1 only: the other two are marked as missing.
    spanish = stale_marks(export(client, world, document, 1, "variant=clean&language=es", who="mediator").data)
    assert spanish == ["Todavía no hay texto en este idioma: por actualizar."] * 2
    # The lead copy (and a party's) has nothing to mark: the English is up to date.
    assert stale_marks(export(client, world, document, 1, "variant=clean", who="mediator").data) == []
    assert stale_marks(export(client, world, document, 1, "variant=clean&language=en").data) == []
    assert 'w:styleId="ToBeUpdated"' in xml_of(arabic, "word/styles.xml")


def test_the_mark_is_not_taken_for_text_when_the_copy_comes_back(client, world, bilingual):
    from tests.languages.test_import_language import send, texts
    document, clauses = with_spanish_and_a_stale_arabic(client, world, bilingual)
    arabic = export(client, world, document, 1, "variant=clean&language=ar", who="mediator").data
    r = send(client, world, document, "ar", arabic)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["counts"]["aligned"] == 3 and r.get_json()["unaligned"] == []
    assert texts(clauses, "ar") == AR


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_shows_the_arabic_labels_and_the_mark(client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the file is the same on both databases; LibreOffice is slow")
    document, _ = with_spanish_and_a_stale_arabic(client, world, bilingual)
    arabic = export(client, world, document, 1, "variant=clean&language=ar", who="mediator").data
    seen = libreoffice.open(arabic, actions=("read",))["read"]
    articles = [(p["label"], p["text"]) for p in seen if p["style"] == "Article"]
    assert articles == [("المادة 1.", AR[0]), ("المادة 2.", AR[1]), ("المادة 3.", AR[2])]
    marks = [p for p in seen if p["style"] == "To Be Updated"]
    assert [p["text"] for p in marks] == ["يلزم تحديثه: لم يُراجَع هذا النص بعد وفق الصيغة الحالية للمادة."]
    assert seen.index(marks[0]) == next(i for i, p in enumerate(seen) if p["text"] == AR[2]) + 1
    spanish = export(client, world, document, 1, "variant=clean&language=es", who="mediator").data
    labels = [p["label"] for p in libreoffice.open(spanish, actions=("read",))["read"] if p["style"] == "Article"]
    assert labels == ["Artículo 1.", "Artículo 2.", "Artículo 3."]
