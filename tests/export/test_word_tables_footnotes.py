"""Tables and footnotes of an article written as Word writes them (a real table with its
header row repeated, real footnotes with the article's own marks) by the clean text and
the comments copy, read back the same by Penholder, python-docx and LibreOffice, and
kept through the Word round trip."""
import datetime
import io
import shutil
import zipfile

import pytest
from docx import Document as WordDocument
from lxml import etree

from app.drafting.operations import add_clause, add_section, create_document
from app.extensions import db
from app.export.word import read_docx
from app.export.word.model import ExportClause, ExportComment, ExportMeta, ExportSection
from app.export.word.writers import build_clean, build_comments
from app.processes.models import Role
from app.processes.permissions import Access
from tests.export.roundtrip_edit import Edit

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
WITHDRAWAL = ("Forces withdraw from the zones below.{^1}\n| Zone | Forces | By |\n|---|---|---|\n"
              "| North | 200 | [1 March / 1 April] |\n| South \\| East | 300 | 1 May |\n"
              "Monitors are deployed{^2} at once.\n{^1} Zones as in the ceasefire of [1 March].\n{^2} Ten per zone.")
ONLY_TABLE = "| Party | Seats |\n| Government | 3 |\n| Movement | 2 |"
STAR = "The Parties meet monthly.{^*}\n{^*} Or as they agree."


def meta():
    return ExportMeta("Talks", "Agreement", "Rev. 1", datetime.date(2026, 12, 1), "Confidential", True, None, False)


def sections():
    return [ExportSection(1, 1, "Security", [ExportClause.from_text(1, 1, WITHDRAWAL, "Withdrawal"),
                                             ExportClause.from_text(2, 2, ONLY_TABLE),
                                             ExportClause.from_text(3, 3, STAR)])]


def parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_clean_text_writes_real_tables_and_footnotes_and_reads_back_the_same():
    data = build_clean(meta(), sections())
    files = parts(data)
    body = etree.fromstring(files["word/document.xml"])
    tables = body.findall(".//w:tbl", NS)
    assert len(tables) == 2
    rows = tables[0].findall("w:tr", NS)
    assert len(rows) == 3 and rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert rows[1].find("w:trPr/w:tblHeader", NS) is None
    text = "".join(t.text or "" for t in body.iter("{%s}t" % NS["w"]))
    assert "| Zone |" not in text and "{^" not in text and "Ten per zone" not in text
    refs = body.findall(".//w:footnoteReference", NS)
    assert [r.getnext().text for r in refs] == ["1", "2", "*"]
    notes = etree.fromstring(files["word/footnotes.xml"])
    assert "Zones as in the ceasefire of 1 March." in "".join(notes.itertext()).replace("[", "").replace("]", "")
    assert b"footnotes" in files["word/_rels/document.xml.rels"]
    assert [(c.title, c.text) for c in read_docx(data).sections[0].clauses] == [
        ("Withdrawal", WITHDRAWAL), (None, ONLY_TABLE), (None, STAR)]


def test_python_docx_sees_the_table_cells():
    document = WordDocument(io.BytesIO(build_clean(meta(), sections())))
    first = document.tables[0]
    assert [c.text for c in first.rows[2].cells] == ["South | East", "300", "1 May"]
    assert [c.text for c in document.tables[1].rows[0].cells] == ["Party", "Seats"]


def test_the_comments_copy_writes_them_too_and_keeps_its_comments():
    when = datetime.datetime(2026, 12, 1, 10, 0)
    data = build_comments(meta(), sections(), [ExportComment(2, "Alpha Government", "AG", when, "Three seats?")])
    body = etree.fromstring(parts(data)["word/document.xml"])
    assert len(body.findall(".//w:tbl", NS)) == 2 and len(body.findall(".//w:footnoteReference", NS)) == 3
    draft = read_docx(data)
    assert [c.text for c in draft.sections[0].clauses] == [WITHDRAWAL, ONLY_TABLE, STAR]
    assert [n.text for n in draft.sections[0].clauses[1].notes] == ["Three seats?"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_them_when_it_saves_the_file():
    from tests.export.libreoffice import convert
    saved = convert(build_clean(meta(), sections()), "docx:MS Word 2007 XML")
    body = etree.fromstring(parts(saved)["word/document.xml"])
    assert len(body.findall(".//w:tbl", NS)) == 2
    assert [(c.title, c.text) for c in read_docx(saved).sections[0].clauses] == [
        ("Withdrawal", WITHDRAWAL), (None, ONLY_TABLE), (None, STAR)]


def test_a_table_cell_edited_in_word_goes_back_as_a_new_version(client, world):
    mediator = world.users["mediator"]
    document = create_document(Access(mediator.id, world.process, Role.mediator, None), "Security", actor=mediator)
    section = add_section(document, "Security", actor=mediator)
    clause = add_clause(document, section, WITHDRAWAL, title="Withdrawal", actor=mediator)
    db.session.commit()
    headers = world.headers("mediator")
    data = client.post(f"/api/v1/documents/{document.public_id}/export", headers=headers).data
    untouched = client.post(f"/api/v1/documents/{document.public_id}/import?dry_run=1", headers=headers,
                            data={"file": (io.BytesIO(data), "c.docx")}).get_json()
    assert untouched["changes"] == [], untouched
    edited = Edit(data).retype("300", "300", "350").save()
    edited = Edit(edited, "word/footnotes.xml").retype("Ten per zone", "Ten", "Twelve").save()
    body = client.post(f"/api/v1/documents/{document.public_id}/import?dry_run=1", headers=headers,
                       data={"file": (io.BytesIO(edited), "c.docx")}).get_json()
    [change] = body["changes"]
    assert change["op"] == "edit" and change["clause_id"] == clause.id
    assert change["after"]["text"] == WITHDRAWAL.replace("| 300 |", "| 350 |").replace("Ten per", "Twelve per")
