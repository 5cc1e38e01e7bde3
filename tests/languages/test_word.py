"""The bilingual side-by-side table in Word (issue #22): a column per language, Arabic
right to left (w:bidi, w:rtl, complex-script font), opened by LibreOffice."""
import io
import re
import zipfile

import pytest

from tests.agreement.test_positions import circulate
from tests.export.libreoffice import available
from tests.helpers import login
from tests.languages.conftest import AR


def download(client, document, query="lang=en&lang=ar"):
    r = client.get(f"/documents/{document.public_id}/bilingual.docx?{query}")
    assert r.status_code == 200, r.status_code
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    return r.get_data()


def document_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def test_the_table_sets_arabic_right_to_left(client, world, bilingual):
    document, _, clauses = bilingual
    circulate(client, world, document)
    login(client, world.users["drafter"])
    xml = document_xml(download(client, document, "lang=en&lang=ar&round=1"))
    assert xml.count("<w:tc>") == 2 * (1 + 2 + 3)          # header, two section rows, three articles
    arabic_paragraph = re.search(r"<w:p><w:pPr><w:bidi/></w:pPr>(?:(?!</w:p>).)*%s" % re.escape(AR[0]), xml).group(0)
    assert "<w:rtl/>" in arabic_paragraph and 'w:cs="Arial"' in arabic_paragraph and 'w:bidi="ar-SA"' in arabic_paragraph
    english = re.search(r"<w:p>(?:(?!</w:p>).)*The Parties commit to peace\.", xml).group(0)
    assert "<w:bidi/>" not in english and "<w:rtl/>" not in english


def test_a_party_cannot_download_the_table(client, world, bilingual):
    document, _, _ = bilingual
    circulate(client, world, document)
    login(client, world.users["delegate_a"])
    r = client.get(f"/documents/{document.public_id}/bilingual.docx")
    missing = client.get("/documents/doc_AAAAAAAAAAAAAAAAAAAAAA/bilingual.docx")
    assert r.status_code == 404 and missing.status_code == 404


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_opens_the_table_with_both_languages_side_by_side(client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the file is the same on both databases; LibreOffice is slow")
    document, _, _ = bilingual
    login(client, world.users["drafter"])
    seen = libreoffice.open(download(client, document), actions=("read",))
    tables = [p for p in seen["read"] if p["style"] == "(table)"]
    assert len(tables) == 1
    rows = tables[0]["rows"]
    assert rows[0] == ["English", "العربية"]         # each header in its column's language
    article = next(r for r in rows if "The Parties commit to peace." in r[0])
    assert AR[0] in article[1]
