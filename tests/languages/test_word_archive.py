"""A round's archive in every language of the document (issue #22): the team's clean text
and redline in each, each party's clean copy in the languages that party may read,
named and listed by language (API and round page); refusals change nothing."""
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.drafting.operations import add_document_language, edit_clause
from app.export.jobs import run_pending
from app.export.models import ExportFile
from app.extensions import db
from tests.agreement.test_positions import circulate
from tests.db_state import db_state
from tests.export.libreoffice import available, body, expected_body
from tests.helpers import login
from tests.languages.conftest import AR, FR

AR_NEW = "تنسحب القوات إلى المواقع المتفق عليها خلال 30 يوما."
PARTIES = ("alpha", "beta", "watchers")


def archived(client, world, bilingual, *, spanish=True):
    """Two rounds (the Arabic of Article 3 revised for Rev. 2), then Spanish added to the
    working draft only: the team's news, no party's."""
    document, _, clauses = bilingual
    circulate(client, world, document)
    db.session.refresh(clauses[2])
    edit_clause(clauses[2].id, AR_NEW, clauses[2].current_version_id, actor=world.users["drafter"], language="ar")
    db.session.commit()
    circulate(client, world, document)
    if spanish:
        add_document_language(document, "es", authentic=False, actor=world.users["drafter"])
        db.session.commit()
    assert run_pending() >= 2
    return document


def state(client, world, document, number=2, who="mediator"):
    return client.get(f"/api/v1/documents/{document.public_id}/rounds/{number}/archive", headers=world.headers(who))


def test_the_archive_holds_every_language_each_recipient_may_read(app, client, world, bilingual):
    document = archived(client, world, bilingual)
    answer = state(client, world, document)
    assert answer.status_code == 200
    archive = answer.get_json()
    assert archive["status"] == "done"
    team = {f"{variant}{suffix}" for variant in ("clean", "redline") for suffix in ("", ".ar", ".fr", ".es")}
    parties = {f"clean-{slug}{suffix}" for slug in PARTIES for suffix in ("", ".ar", ".fr")}
    assert set(archive["files"]) == team | parties            # no party copy in the draft's Spanish
    by_key = {c["key"]: c for c in archive["copies"]}
    assert set(by_key) == set(archive["files"])
    assert by_key["clean-alpha.ar"] == {"key": "clean-alpha.ar", "variant": "clean", "party": "alpha",
                                        "language": "ar", "format": "docx",
                                        "file": archive["files"]["clean-alpha.ar"].rsplit("/", 1)[-1]}
    assert by_key["redline"]["language"] == "en" and by_key["redline"]["party"] is None
    assert "-ar-" in by_key["clean-alpha.ar"]["file"] and "-en-" in by_key["clean"]["file"]   # named by language
    root = Path(app.config["EXPORT_DIR"])
    rows = {(f.variant, f.recipient_party_id, f.language): f
            for f in db.session.scalars(select(ExportFile).where(ExportFile.round_number == 2))}
    assert len(rows) == len(archive["files"])
    alpha = world.parties["a"].id
    arabic_copy = zipfile.ZipFile(io.BytesIO((root / rows[("clean", alpha, "ar")].path).read_bytes()))
    xml = arabic_copy.read("word/document.xml").decode()
    assert AR_NEW in xml and AR[0] in xml and "The Parties commit to peace." not in xml
    assert "Alpha" in xml and "<w:bidi/>" in arabic_copy.read("word/styles.xml").decode()
    french = (root / rows[("redline", None, "fr")].path).read_bytes()
    assert FR[0].encode() in zipfile.ZipFile(io.BytesIO(french)).read("word/document.xml")
    # The archived copy is the copy a party downloads: the same bytes, so the same release.
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds/2/export?variant=clean&language=ar",
                    headers=world.headers("delegate_a"))
    assert r.status_code == 201 and r.data == (root / rows[("clean", alpha, "ar")].path).read_bytes()


def test_a_one_language_document_keeps_its_archive_as_before(client, world, talks_one_language):
    document = talks_one_language
    circulate(client, world, document)
    assert run_pending() >= 1
    archive = state(client, world, document, 1).get_json()
    assert set(archive["files"]) == {"clean"} | {f"clean-{slug}" for slug in PARTIES}
    assert {c["language"] for c in archive["copies"]} == {"en"}
    assert all(not c["file"].split("-Rev1-")[1].count("-en") for c in archive["copies"])


@pytest.fixture
def talks_one_language(world):
    from tests.helpers import build_doc
    document, _, _ = build_doc(world)
    db.session.commit()
    return document


def test_the_round_page_lists_the_archive_by_language(client, world, bilingual):
    document = archived(client, world, bilingual)
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/2").get_data(as_text=True)
    listing = page.split('class="small archive-files"')[1].split("</ul>")[0]
    languages = [chunk.split('"')[0] for chunk in listing.split('data-language="')[1:]]
    assert languages == ["en", "ar", "fr", "es"]
    arabic = listing.split('data-language="ar"')[1].split("</li>")[0]
    assert "/archive/clean-alpha.ar" in arabic and "/archive/redline.ar" in arabic and "/archive/clean.fr" not in arabic
    spanish = listing.split('data-language="es"')[1].split("</li>")[0]
    assert "/archive/clean.es" in spanish and "alpha" not in spanish
    got = client.get(f"/documents/{document.public_id}/rounds/2/archive/clean-alpha.ar")
    assert got.status_code == 200 and AR_NEW.encode() in zipfile.ZipFile(io.BytesIO(got.data)).read("word/document.xml")
    # In French, the language names are French.
    client.post("/account/language", data={"language": "fr"})
    page = client.get(f"/documents/{document.public_id}/rounds/2", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    listing = page.split('class="small archive-files"')[1].split("</ul>")[0]
    assert ">arabe<" in listing or ">Arabe<" in listing


def test_refusals_about_the_archive_change_nothing(app, client, world, bilingual):
    document = archived(client, world, bilingual)
    for who in ("mediator", "delegate_a"):
        world.headers(who)
    party, team = app.test_client(), app.test_client()
    login(party, world.users["delegate_a"])
    login(team, world.users["mediator"])
    db.session.commit()
    before = db_state()
    assert state(client, world, document, who="delegate_a").status_code == 404
    retry = client.post(f"/api/v1/documents/{document.public_id}/rounds/2/archive",
                        headers=world.headers("delegate_a"))
    assert retry.status_code == 404
    own = party.get(f"/documents/{document.public_id}/rounds/2/archive/clean-alpha.ar")
    assert own.status_code == 404                       # the archive is the team's record
    for key in ("clean-alpha.es", "clean.de", "clean.ar.docx"):
        assert team.get(f"/documents/{document.public_id}/rounds/2/archive/{key}").status_code == 404
    assert db_state() == before


@pytest.mark.skipif(not available(), reason="LibreOffice with its UNO bridge is not installed")
def test_libreoffice_reads_the_archived_language_copies(app, client, world, bilingual, libreoffice, backend):
    if backend != "sqlite":
        pytest.skip("the files are the same on both databases; LibreOffice is slow")
    app.config["SOFFICE"] = "auto"
    try:
        document = archived(client, world, bilingual, spanish=False)
    finally:
        app.config["SOFFICE"] = ""
    archive = state(client, world, document).get_json()
    assert archive["error"] is None
    pdfs = {c["key"] for c in archive["copies"] if c["format"] == "pdf"}
    assert {"clean.ar.pdf", "clean.fr.pdf", "clean-beta.ar.pdf", "clean-watchers.fr.pdf", "clean.pdf"} <= pdfs
    root = Path(app.config["EXPORT_DIR"])

    def sections(number, code):
        return client.get(f"/api/v1/documents/{document.public_id}?round={number}&language={code}",
                          headers=world.headers("mediator")).get_json()["sections"]
    seen = libreoffice.open((root / archive["files"]["redline.ar"]).read_bytes(), ("accept", "reject"))
    assert seen["accept_left"] == 0 and seen["reject_left"] == 0
    assert body(seen["accept"]) == expected_body(sections(2, "ar"), "المادة")
    assert body(seen["reject"]) == expected_body(sections(1, "ar"), "المادة")
    read = libreoffice.open((root / archive["files"]["clean-beta.fr"]).read_bytes(), ("read",))["read"]
    assert [p["text"] for p in read if p["style"] == "Article"] == FR
    assert (root / archive["files"]["clean.ar.pdf"]).read_bytes().startswith(b"%PDF")
