"""Labels with figures in Word copies follow the copy's language, not the reader's
interface (issue #22): the redline's counts, its annex of corresponding article numbers,
the comments copy's heading; and the import reports' notes follow the reader's interface."""
import io
import re
import zipfile

import pytest

from app.drafting.operations import add_clause, edit_clause
from app.extensions import db
from tests.agreement.test_positions import circulate
from tests.export.libreoffice import available
from tests.languages.conftest import AR

AR_NEW = "تنسحب القوات إلى المواقع المتفق عليها خلال 30 يوما."


def with_a_new_article(client, world, bilingual):
    """Rev. 2 adds an article at the end of the first section (Article 3 becomes 4) and
    rewords the Arabic of the last."""
    document, sections, clauses = bilingual
    circulate(client, world, document)
    drafter = world.users["drafter"]
    added = add_clause(document, sections[0], "The Parties shall meet monthly.", actor=drafter)
    db.session.refresh(clauses[2])
    edit_clause(clauses[2].id, AR_NEW, clauses[2].current_version_id, actor=drafter, language="ar")
    db.session.commit()
    edit_clause(added.id, "تجتمع الأطراف شهريا.", added.current_version_id, actor=drafter, language="ar")
    db.session.commit()
    circulate(client, world, document)
    return document


def copy(client, world, document, query, headers=None):
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds/2/export?{query}",
                    headers={**world.headers("mediator"), **(headers or {})})
    assert r.status_code == 201, r.get_json()
    return r.data


def text_of(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def test_the_redline_counts_and_annex_are_in_the_copys_language(client, world, bilingual):
    document = with_a_new_article(client, world, bilingual)
    english_reader = {"Accept-Language": "en"}
    french = text_of(copy(client, world, document, "variant=redline&language=fr", english_reader))
    # (the Arabic edit made a new version of Article 3: modified in every language's comparison)
    assert "Articles : 1 ajoutés ; 0 supprimés ; 1 modifiés ; 0 déplacés." in french
    assert "Crochets : 0 ouverts ; 0 fermés." in french
    assert "Annexe : correspondance des numéros d'articles, Rev. 1 et Rev. 2" in french
    assert "Article 3 (nouveau)" in french and "Articles: " not in french
    arabic = text_of(copy(client, world, document, "variant=redline&language=ar", english_reader))
    assert "المواد: 1 مضافة؛ 0 محذوفة؛ 1 معدّلة؛ 0 منقولة." in arabic
    assert "مرفق: أرقام المواد المتقابلة، التنقيح 1 والتنقيح 2" in arabic and "المادة 3 (جديد)" in arabic
    # The reader's interface does not change a copy: an Arabic reader's English copy is English.
    english = text_of(copy(client, world, document, "variant=redline", {"Accept-Language": "ar"}))
    assert re.search(r"Articles: 1 added; 0 removed; \d+ modified; 0 moved\.", english)
    assert "Annex: corresponding article numbers, Rev. 1 and Rev. 2" in english and "المادة" not in english


def test_the_comments_copy_heading_is_in_the_lead_language(client, world, bilingual):
    document = with_a_new_article(client, world, bilingual)
    data = text_of(copy(client, world, document, "variant=comments", {"Accept-Language": "fr"}))
    assert "Submissions on Rev. 2, as Word comments" in data


def test_an_import_report_is_in_the_readers_language(client, world, bilingual):
    document = with_a_new_article(client, world, bilingual)
    redline = copy(client, world, document, "variant=redline&language=ar")
    for language, note in (("fr", "paragraphe(s) avec suivi des modifications lu(s) comme si toutes les "
                                  "modifications étaient acceptées"),
                           ("es", "párrafo(s) con control de cambios leído(s) como si se aceptaran todos los cambios"),
                           ("en", "paragraph(s) with tracked changes read as if all changes were accepted")):
        r = client.post(f"/api/v1/documents/{document.public_id}/languages/ar/import?dry_run=1",
                        headers={**world.headers("drafter"), "Accept-Language": language},
                        data={"file": (io.BytesIO(redline), "ar.docx")}, content_type="multipart/form-data")
        assert r.status_code == 200, r.get_json()
        assert any(note in n for n in r.get_json()["notes"]), (language, r.get_json()["notes"])


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_shows_the_arabic_annex(client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the file is the same on both databases; LibreOffice is slow")
    document = with_a_new_article(client, world, bilingual)
    seen = libreoffice.open(copy(client, world, document, "variant=redline&language=ar"), ("accept",))["accept"]
    (annex,) = [p for p in seen if p["style"] == "(table)"]
    assert annex["rows"][0] == ["التنقيح 1", "التنقيح 2"]
    assert ["المادة 3", "المادة 4"] in annex["rows"] and ["—", "المادة 3 (جديد)"] in annex["rows"]
    assert any(p["text"] == AR_NEW for p in seen)


def test_the_verify_page_says_which_release_in_the_readers_language(app, client, world, bilingual):
    from tests.helpers import login
    document = with_a_new_article(client, world, bilingual)
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds/2/export?variant=redline&language=ar",
                    headers=world.headers("delegate_a"))
    assert r.status_code == 201
    page = app.test_client()
    login(page, world.users["mediator"])
    text = page.post(f"/p/{world.process.slug}/releases/verify", headers={"Accept-Language": "fr"},
                     data={"file": (io.BytesIO(r.data), "found.docx")},
                     content_type="multipart/form-data").get_data(as_text=True)
    assert "Ce fichier est exactement une copie diffusée" in text
    assert "redline de « Framework Agreement », Rev. 2 (par rapport à la Rev. 1), en ar" in text
    assert ", copie pour Alpha" in text
