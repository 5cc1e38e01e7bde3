"""The "to be updated" mark of a language's text in the redline and in the bilingual table
(issue #22), as the clean copy has it: the same text in the copy's (the column's) language,
the same style, skipped when the file is read back; in the redline a tracked paragraph,
so that accepting every change shows the newer round's marks and rejecting them the
older round's, checked in LibreOffice."""
import io
import re
import zipfile

import pytest

from app.drafting.operations import edit_clause
from app.export.word import read_docx
from app.extensions import db
from tests.agreement.test_positions import circulate
from tests.export.libreoffice import available, body, expected_body
from tests.helpers import login
from tests.languages.conftest import AR, FR
from tests.languages.test_import_language import send, texts

AR_NEW = "تنسحب القوات إلى المواقع المتفق عليها خلال 30 يوما."
EN_NEW = "Forces shall withdraw to agreed positions within 30 days."
AR_MARK = "يلزم تحديثه: لم يُراجَع هذا النص بعد وفق الصيغة الحالية للمادة."
FR_MARK = "À mettre à jour : ce texte n'est pas encore révisé pour la version actuelle de l'article."
MARKS = (AR_MARK, FR_MARK, "To be updated: this text is not yet revised for the article's current wording.")


def three_rounds(client, world, bilingual):
    """Rev. 1 with every text up to date; an English edit of Article 3 leaves its Arabic
    and French to be updated in Rev. 2; the Arabic is updated for Rev. 3, the French
    still is not."""
    document, _, clauses = bilingual
    drafter = world.users["drafter"]
    circulate(client, world, document)
    db.session.refresh(clauses[2])
    edit_clause(clauses[2].id, EN_NEW, clauses[2].current_version_id, actor=drafter)
    db.session.commit()
    circulate(client, world, document)
    db.session.refresh(clauses[2])
    edit_clause(clauses[2].id, AR_NEW, clauses[2].current_version_id, actor=drafter, language="ar")
    db.session.commit()
    circulate(client, world, document)
    return document, clauses


def redline(client, world, document, new, language, who="mediator"):
    query = f"variant=redline&from={new - 1}" + (f"&language={language}" if language else "")
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds/{new}/export?{query}", headers=world.headers(who))
    assert r.status_code == 201, r.get_json()
    return r.data


def xml_of(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def marks_in(xml: str) -> list[tuple[str, str]]:
    """(how the mark's paragraph is tracked: ins, del or kept, its text) in order."""
    out = []
    for p in re.findall(r'<w:p>(?:(?!</w:p>).)*?<w:pStyle w:val="ToBeUpdated"/>.*?</w:p>', xml, re.S):
        tracked = "ins" if "<w:ins " in p else "del" if "<w:del " in p else "kept"
        text = "".join(re.findall(r"<w:(?:t|delText)[^>]*>([^<]*)</w:(?:t|delText)>", p))
        out.append((tracked, text))
    return out


def test_the_redline_inserts_keeps_and_deletes_the_mark_with_the_rounds(client, world, bilingual):
    document, _ = three_rounds(client, world, bilingual)
    # Rev. 1 -> 2: the Arabic of Article 3 became stale (its text did not change).
    assert marks_in(xml_of(redline(client, world, document, 2, "ar"))) == [("ins", AR_MARK)]
    # Rev. 2 -> 3: the Arabic was updated; the French stays stale in both rounds.
    assert marks_in(xml_of(redline(client, world, document, 3, "ar"))) == [("del", AR_MARK)]
    assert marks_in(xml_of(redline(client, world, document, 3, "fr"))) == [("kept", FR_MARK)]
    # The English lead is up to date in every round: nothing to mark.
    for new in (2, 3):
        assert marks_in(xml_of(redline(client, world, document, new, None))) == []
    # A party's redline in Arabic marks it the same way.
    assert marks_in(xml_of(redline(client, world, document, 2, "ar", who="delegate_a"))) == [("ins", AR_MARK)]


def test_a_redline_read_back_does_not_take_the_mark_for_text(client, world, bilingual):
    document, clauses = three_rounds(client, world, bilingual)
    for code, data, expected in (("ar", redline(client, world, document, 3, "ar"), [AR[0], AR[1], AR_NEW]),
                                 ("fr", redline(client, world, document, 3, "fr"), FR)):
        parsed = read_docx(data)
        read = "\n".join(c.text + (c.title or "") for s in parsed.sections for c in s.clauses)
        assert not any(mark in read for mark in MARKS)
        r = send(client, world, document, code, data)
        assert r.status_code == 200, r.get_json()
        assert r.get_json()["counts"]["aligned"] == 3 and r.get_json()["unaligned"] == []
        assert texts(clauses, code) == expected


def stale_english_copy(client, world, bilingual):
    """An Arabic edit of an up-to-date Article 1 leaves its English (the lead) to be updated."""
    document, _, clauses = bilingual
    circulate(client, world, document)
    db.session.refresh(clauses[0])
    edit_clause(clauses[0].id, "تلتزم الأطراف بسلام عادل.", clauses[0].current_version_id,
                actor=world.users["drafter"], language="ar")
    db.session.commit()
    circulate(client, world, document)
    return document


def test_the_lead_copies_mark_a_lead_text_to_be_updated(client, world, bilingual):
    document = stale_english_copy(client, world, bilingual)
    clean = client.post(f"/api/v1/documents/{document.public_id}/rounds/2/export?variant=clean",
                        headers=world.headers("mediator"))
    assert marks_in(xml_of(clean.data)) == [("kept", MARKS[2])]
    assert marks_in(xml_of(redline(client, world, document, 2, None))) == [("ins", MARKS[2])]
    # The team's copy taken back as it is: the mark is no edit.
    r = client.post(f"/api/v1/documents/{document.public_id}/import?dry_run=1", headers=world.headers("drafter"),
                    data={"file": (io.BytesIO(clean.data), "en.docx")}, content_type="multipart/form-data")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["changes"] == [] and r.get_json()["conflicts"] == []


def table(client, document, query):
    r = client.get(f"/documents/{document.public_id}/bilingual.docx?{query}")
    assert r.status_code == 200, r.status_code
    return r.data


def cells_of(xml: str) -> list[str]:
    return re.findall(r"<w:tc>.*?</w:tc>", xml, re.S)


def test_the_table_marks_a_stale_cell_as_the_clean_copy_does(client, world, bilingual):
    document, _ = three_rounds(client, world, bilingual)
    login(client, world.users["drafter"])
    xml = xml_of(table(client, document, "lang=en&lang=ar&lang=fr&round=2"))
    cells = cells_of(xml)
    article3 = next(i for i, c in enumerate(cells) if EN_NEW in c)
    english, arabic, french = cells[article3:article3 + 3]
    assert 'w:val="ToBeUpdated"' not in english
    for cell, mark, label in ((arabic, AR_MARK, "المادة 3"), (french, FR_MARK, "Article 3")):
        paragraphs = re.findall(r"<w:p>.*?</w:p>", cell, re.S)
        assert 'w:val="ToBeUpdated"' in paragraphs[-1] and mark in paragraphs[-1]    # after the text
        assert label in paragraphs[0]
    assert xml.count('w:val="ToBeUpdated"') == 2              # Articles 1 and 2 are up to date
    styles = zipfile.ZipFile(io.BytesIO(table(client, document, "lang=en&lang=ar&round=2"))).read("word/styles.xml")
    assert b'w:styleId="ToBeUpdated"' in styles
    # Rev. 3: the Arabic is updated, the French not.
    xml = xml_of(table(client, document, "lang=en&lang=ar&lang=fr&round=3"))
    assert AR_MARK not in xml and xml.count(FR_MARK) == 1


def test_the_table_read_back_has_no_mark_in_its_cells(client, world, bilingual):
    document, _ = three_rounds(client, world, bilingual)
    login(client, world.users["drafter"])
    parsed = read_docx(table(client, document, "lang=en&lang=ar&round=2"))
    read = "\n".join(c.text for s in parsed.sections for c in s.clauses)
    assert AR[2] in read and AR_MARK not in read


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_accepts_and_rejects_the_marks_with_the_text(client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the files are the same on both databases; LibreOffice is slow")
    document, _ = three_rounds(client, world, bilingual)

    def sections(number, code):
        return client.get(f"/api/v1/documents/{document.public_id}?round={number}&language={code}",
                          headers=world.headers("mediator")).get_json()["sections"]

    def marks(paragraphs):
        return [(paragraphs[i - 1]["text"], p["text"]) for i, p in enumerate(paragraphs)
                if p["style"] == "To Be Updated"]

    cases = [(2, "ar", "المادة", [], [(AR[2], AR_MARK)]),
             (3, "ar", "المادة", [(AR[2], AR_MARK)], []),
             (3, "fr", "Article", [(FR[2], FR_MARK)], [(FR[2], FR_MARK)])]
    for new, code, word, rejected, accepted in cases:
        seen = libreoffice.open(redline(client, world, document, new, code), ("accept", "reject"))
        assert seen["accept_left"] == 0 and seen["reject_left"] == 0
        assert body(seen["accept"]) == expected_body(sections(new, code), word), (new, code)
        assert body(seen["reject"]) == expected_body(sections(new - 1, code), word), (new, code)
        assert marks(seen["accept"]) == accepted, (new, code, "accept")
        assert marks(seen["reject"]) == rejected, (new, code, "reject")
    login(client, world.users["drafter"])
    seen = libreoffice.open(table(client, document, "lang=en&lang=ar&round=2"), actions=("read",))["read"]
    (grid,) = [p for p in seen if p["style"] == "(table)"]
    row = next(r for r in grid["rows"] if EN_NEW in r[0])
    assert AR[2] in row[1] and AR_MARK in row[1] and row[1].index(AR[2]) < row[1].index(AR_MARK)
    assert AR_MARK not in row[0] and "To be updated" not in row[0]
