"""Importing a language version of an existing document from Word (issue #22), with
files built the way users make them: Word's own numbering (w:numPr and numbering.xml),
hand-typed "Article 3" markers, an Arabic file right to left with typed "المادة ٣"."""
import io
from xml.sax.saxutils import escape

from app.auth.models import User
from app.drafting.languages import texts_for
from app.drafting.models import Clause
from app.extensions import db
from tests.db_state import db_state
from tests.export.word_material import abstract, level, num, numbering, p, package
from tests.helpers import login
from tests.languages.conftest import AR, FR

FR_NEW = ["Les Parties s'engagent résolument en faveur de la paix.",
          "Un cessez-le-feu entre en vigueur [dans les 72 heures / dans les 7 jours] partout.",
          "Les forces se retirent sur des positions convenues d'un commun accord."]
AR_NEW = ["تلتزم الأطراف التزاما تاما بالسلام.",
          "يدخل وقف إطلاق النار حيز النفاذ [خلال 72 ساعة / خلال 7 أيام] في كل مكان.",
          "تنسحب القوات إلى المواقع المتفق عليها بالتراضي."]


def word_numbered(texts) -> bytes:
    """Word's automatic numbering: every article paragraph in a list "Article %1."."""
    articles = abstract(5, [level(0, "decimal", "Article %1.")])
    body = (p("Général", style="Heading1") + p(texts[0], num=7) + p(texts[1], num=7)
            + p("Sécurité", style="Heading1") + p(texts[2], num=7))
    return package(body, numbering_xml=numbering(articles, num(7, 5)))


def rtl(text: str, style: str | None = None) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + '<w:bidi/><w:jc w:val="right"/>'
    return (f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr><w:rFonts w:cs="Arial"/><w:rtl/><w:lang w:bidi="ar-SA"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')


def arabic_typed(texts) -> bytes:
    body = (rtl("أحكام عامة", "Heading1") + rtl("المادة ١", "Heading2") + rtl(texts[0]) + rtl("المادة ٢", "Heading2")
            + rtl(texts[1]) + rtl("الأمن", "Heading1") + rtl("المادة ٣", "Heading2") + rtl(texts[2]))
    return package(body)


def send(client, world, document, code, data, who="drafter", query=""):
    return client.post(f"/api/v1/documents/{document.public_id}/languages/{code}/import{query}",
                       headers=world.headers(who), data={"file": (io.BytesIO(data), "version.docx")},
                       content_type="multipart/form-data")


def texts(clauses, code):
    for c in clauses:
        db.session.refresh(c)
    rows = texts_for([c.current_version_id for c in clauses], code)
    return [rows[c.current_version_id].text for c in clauses]


def test_word_numbering_french_version_is_aligned_and_written(client, world, bilingual):
    document, _, clauses = bilingual
    r = send(client, world, document, "fr", word_numbered(FR_NEW))
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["counts"]["aligned"] == 3 and body["counts"]["written"] == 3
    assert body["without_counterpart"] == [] and body["unaligned"] == [] and body["numbering_mismatches"] == []
    assert [a["file_label"] for a in body["aligned"]] == ["Article 1", "Article 2", "Article 3"]
    assert texts(clauses, "fr") == FR_NEW
    # the Arabic (authentic) is now to be updated on each clause, the English untouched
    rows = texts_for([c.current_version_id for c in clauses], "ar")
    assert all(rows[c.current_version_id].to_be_updated for c in clauses)
    assert [db.session.get(Clause, c.id).current_version.text for c in clauses][0] == "The Parties commit to peace."


def test_an_arabic_file_right_to_left_with_typed_markers(client, world, bilingual):
    document, _, clauses = bilingual
    r = send(client, world, document, "ar", arabic_typed(AR_NEW))
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["counts"]["aligned"] == 3
    assert texts(clauses, "ar") == AR_NEW


def test_hand_typed_markers_report_what_did_not_align(client, world, bilingual):
    document, _, clauses = bilingual
    body = (p("Général", style="Heading1") + p("Article 1", style="Heading2") + p(FR_NEW[0])
            + p("Article 9", style="Heading2") + p("Un article que le document n'a pas.")
            + p("Sécurité", style="Heading1") + p("Article 2", style="Heading2") + p(FR_NEW[1]))
    r = send(client, world, document, "fr", package(body))
    assert r.status_code == 200, r.get_json()
    report = r.get_json()
    assert report["counts"] == {"aligned": 2, "written": 2, "unchanged": 0, "without_counterpart": 1,
                                "unaligned": 1, "numbering_mismatches": 1}
    assert report["without_counterpart"][0]["article"] == "Article 3"
    assert report["unaligned"][0]["label"] == "Article 9" and report["unaligned"][0]["code"] == "no_such_article"
    assert report["numbering_mismatches"][0]["code"] == "other_section"
    assert texts(clauses, "fr") == [FR_NEW[0], FR_NEW[1], FR[2]]


def test_dry_run_reports_and_writes_nothing(client, world, bilingual):
    document, _, clauses = bilingual
    world.headers("drafter")
    before = db_state()
    r = send(client, world, document, "fr", word_numbered(FR_NEW), query="?dry_run=1")
    assert r.status_code == 200 and r.get_json()["counts"]["written"] == 3 and r.get_json()["dry_run"]
    assert db_state() == before


def test_refusals_change_nothing(app, client, world, bilingual):
    document, _, clauses = bilingual
    for who in ("drafter", "legal", "delegate_a"):
        world.headers(who)
    before = db_state()
    good = word_numbered(FR_NEW)
    cases = [("drafter", "de", good, 422), ("drafter", "en", good, 422),
             ("drafter", "fr", b"PK\x03\x04 not a zip", 422), ("drafter", "fr", b"", 422),
             ("legal", "fr", good, 403)]
    for who, code, data, status in cases:
        r = send(client, world, document, code, data, who=who)
        assert r.status_code == status, (who, code, r.get_json())
        assert r.get_json()["message"]
    # a text refused as an edit would be (over the length limit) refuses the whole file
    r = send(client, world, document, "fr", word_numbered([FR_NEW[0], "mot " * 6000, FR_NEW[2]]))
    assert r.status_code == 422 and "Article 2" in r.get_json()["message"]
    # a party: exactly as a missing document
    mine = send(client, world, document, "fr", good, who="delegate_a")
    missing = client.post("/api/v1/documents/doc_AAAAAAAAAAAAAAAAAAAAAA/languages/fr/import",
                          headers=world.headers("delegate_a"), data={"file": (io.BytesIO(good), "v.docx")},
                          content_type="multipart/form-data")
    assert mine.status_code == missing.status_code == 404 and mine.data == missing.data
    # oversized
    limit = app.config["MAX_CONTENT_LENGTH"]
    r = send(client, world, document, "fr", good + b"\0" * (limit + 1))
    assert r.status_code == 413
    assert db_state() == before
    assert texts(clauses, "fr") == FR


def test_the_page_previews_then_imports(client, world, bilingual):
    document, _, clauses = bilingual
    login(client, world.users["drafter"])
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    form = page.split('id="language-import"')[1].split("</form>")[0]
    assert 'value="ar"' in form and 'value="fr"' in form and 'value="en"' not in form
    url = f"/documents/{document.public_id}/languages/import"
    body = (p("Général", style="Heading1") + p("Article 1", style="Heading2") + p(FR_NEW[0])
            + p("Article 9", style="Heading2") + p("Un article que le document n'a pas."))
    data = package(body)
    before = db_state()
    r = client.post(url, data={"language": "fr", "dry_run": "1", "file": (io.BytesIO(data), "fr.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 303                 # post-redirect-get: the report is a page of its own
    report_url = r.headers["Location"]
    assert report_url.startswith(url + "/")
    html = client.get(report_url).get_data(as_text=True)
    assert "Preview only" in html and "Article 9" in html and "Article 2" in html
    assert "the document has no article of that number" in html
    assert db_state() == before
    r = client.post(url, data={"language": "fr", "file": (io.BytesIO(data), "fr.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    report_url = r.headers["Location"]
    page = client.get(report_url)
    assert page.status_code == 200 and "1 article text(s) written" in page.get_data(as_text=True)
    assert texts(clauses, "fr") == [FR_NEW[0], FR[1], FR[2]]
    # A reload shows the report again and imports nothing.
    after = db_state()
    again = client.get(report_url)
    def report_of(response):
        return response.get_data(as_text=True).split("<h1>")[1].split("Back to the working draft")[0]
    assert again.status_code == 200 and report_of(again) == report_of(page)
    assert db_state() == after


def test_the_report_page_is_its_users_only_and_speaks_the_interface_language(app, client, world, bilingual):
    document, _, _ = bilingual
    url = f"/documents/{document.public_id}/languages/import"
    login(client, world.users["drafter"])
    data = package(p("Général", style="Heading1") + p("Article 1", style="Heading2") + p(FR_NEW[0])
                   + p("Article 9", style="Heading2") + p("Un article de trop."))
    r = client.post(url, data={"language": "fr", "dry_run": "1", "file": (io.BytesIO(data), "fr.docx")},
                    content_type="multipart/form-data")
    report_url = r.headers["Location"]
    assert report_url.startswith(url + "/")
    mediator = app.test_client()
    login(mediator, world.users["mediator"])
    other = mediator.get(report_url)
    forged = mediator.get(url + "/" + "x" * 32)
    assert other.status_code == forged.status_code == 404 and other.get_data() == forged.get_data()
    party = app.test_client()
    login(party, world.users["delegate_a"])
    theirs = party.get(report_url)
    missing = party.get(f"/documents/doc_AAAAAAAAAAAAAAAAAAAAAA/languages/import/{report_url.rsplit('/', 1)[1]}")
    assert theirs.status_code == missing.status_code == 404 and theirs.get_data() == missing.get_data()
    user = db.session.get(User, world.users["drafter"].id)
    user.language = "fr"
    db.session.commit()
    french = client.get(report_url).get_data(as_text=True)
    assert "le document n'a pas d'article de ce numéro" in french or \
        "le document n&#39;a pas d&#39;article de ce numéro" in french


def test_the_page_refuses_and_changes_nothing(app, client, world, bilingual):
    document, _, clauses = bilingual
    url = f"/documents/{document.public_id}/languages/import"
    login(client, world.users["drafter"])
    before = db_state()
    r = client.post(url, data={"language": "de", "file": (io.BytesIO(word_numbered(FR_NEW)), "x.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    r = client.post(url, data={"language": "fr", "file": (io.BytesIO(b"garbage"), "x.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    assert db_state() == before
    party = app.test_client()
    login(party, world.users["delegate_a"])
    before = db_state()
    mine = party.post(url, data={"language": "fr", "file": (io.BytesIO(b"x"), "x.docx")},
                      content_type="multipart/form-data")
    missing = party.post("/documents/doc_AAAAAAAAAAAAAAAAAAAAAA/languages/import",
                         data={"language": "fr", "file": (io.BytesIO(b"x"), "x.docx")},
                         content_type="multipart/form-data")
    assert mine.status_code == missing.status_code == 404
    assert db_state() == before


def test_a_translator_edits_the_exported_copy_and_it_comes_back(client, world, bilingual):
    """The team's French clean copy, edited (as a translator would, in the article's
    text), imported back as the French version."""
    from tests.agreement.test_positions import circulate
    document, _, clauses = bilingual
    circulate(client, world, document)
    copy = client.post(f"/api/v1/documents/{document.public_id}/rounds/1/export?variant=clean&language=fr",
                       headers=world.headers("mediator"))
    assert copy.status_code == 201
    import zipfile
    source = zipfile.ZipFile(io.BytesIO(copy.data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"positions convenues.", b"positions convenues d'un commun accord.")
            target.writestr(item, data)
    r = send(client, world, document, "fr", out.getvalue())
    assert r.status_code == 200, r.get_json()
    report = r.get_json()
    assert report["counts"]["aligned"] == 3 and report["counts"]["written"] == 1 and report["counts"]["unchanged"] == 2
    assert texts(clauses, "fr") == [FR[0], FR[1], FR_NEW[2]]
