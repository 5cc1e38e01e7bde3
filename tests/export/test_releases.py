"""Files that can be verified: the same copy gives the same bytes; `verify-release` (the
command, the API and the page) says which release a file is, to whom it went, when, and
whether it was altered, also for a leaked copy saved again by LibreOffice with its
properties stripped; only the team may ask. The house-style settings reach the files."""
import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.export.models import ExportFile
from app.extensions import db
from tests.db_state import db_state
from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.export.libreoffice import available, convert
from tests.export.wordxml import everything, part, xml
from tests.helpers import login, pid


def export(client, world, who, document_id, number=1, **query):
    if isinstance(document_id, int):
        document_id = pid("document", document_id)
    q = "&".join(f"{k}={v}" for k, v in {"variant": "clean", **query}.items())
    response = client.post(f"/api/v1/documents/{document_id}/rounds/{number}/export?{q}", headers=world.headers(who))
    assert response.status_code == 201
    return response.data


def rezip(data: bytes, change) -> bytes:
    """The package with each part passed through change(name, bytes) -> bytes | None."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def strip_identifiers(name, content):
    """What a careful leaker does: no custom properties, no document variables, no keywords."""
    if name == "docProps/custom.xml":
        return None
    if name == "word/settings.xml":
        return re.sub(rb"<w:docVars>.*?</w:docVars>", b"", content)
    if name == "docProps/core.xml":
        return re.sub(rb"<cp:keywords>.*?</cp:keywords>", b"<cp:keywords/>", content)
    return content


def verify_api(client, world, who, data):
    return client.post(f"/api/v1/processes/{world.process.slug}/releases/verify", headers=world.headers(who),
                       data={"file": (io.BytesIO(data), "found.docx")}, content_type="multipart/form-data")


def test_the_same_copy_is_byte_identical_and_each_recipient_has_its_own(client, world, talks):
    d = talks.document.id
    first, again = export(client, world, "delegate_a", d), export(client, world, "mediator", d, party="alpha")
    assert first == again
    beta = export(client, world, "delegate_b", d)
    assert beta != first and "Copy for: Beta Movement" in everything(beta)
    team = export(client, world, "mediator", d)
    assert team != first and "Copy for" not in everything(team)
    comments = [export(client, world, "delegate_a", d, variant="comments") for _ in range(2)]
    assert comments[0] == comments[1]
    ids = {f.release_id for f in db.session.scalars(select(ExportFile))}
    assert len(ids) == 4 and None not in ids       # alpha clean, beta clean, team clean, alpha comments


def test_verify_release_names_the_recipient_of_a_party_copy(app, client, world, talks, tmp_path):
    data = export(client, world, "delegate_b", talks.document.id)
    path = tmp_path / "found.docx"
    path.write_bytes(data)
    result = app.test_cli_runner().invoke(args=["verify-release", str(path)])
    assert result.exit_code == 0, result.output
    assert "exactly a released copy" in result.output and "copy for Beta Movement" in result.output
    assert world.users["delegate_b"].email in result.output
    answer = verify_api(client, world, "mediator", data).get_json()
    assert answer["status"] == "exact" and answer["release"]["recipient"]["slug"] == "beta"
    assert [r["requested_by"] for r in answer["release"]["releases"]] == [world.users["delegate_b"].email]
    unknown = tmp_path / "other.docx"
    unknown.write_bytes(b"PK\x03\x04 not ours")
    result = app.test_cli_runner().invoke(args=["verify-release", str(unknown)])
    assert result.exit_code == 2 and "Not a known release" in result.output


def test_an_altered_copy_still_names_its_release(client, world, talks):
    data = export(client, world, "delegate_a", talks.document.id)
    edited = rezip(data, lambda n, c: c.replace(b"commit to peace", b"commit to war") if n == "word/document.xml" else c)
    answer = verify_api(client, world, "legal", edited).get_json()
    assert answer["status"] == "altered" and answer["altered"] is True
    assert answer["release"]["recipient"]["slug"] == "alpha" and not answer["text_unchanged"]
    assert "custom property" in answer["evidence"] and "document variable" in answer["evidence"]
    # Identifiers stripped and the text left as it was: the text still finds the round.
    stripped = rezip(data, strip_identifiers)
    answer = verify_api(client, world, "mediator", stripped).get_json()
    assert answer["status"] == "same_text"
    assert {c["round"] for c in answer["candidates"]} == {1}


@pytest.mark.skipif(not available(), reason="LibreOffice is not installed (.ci/run installs it)")
def test_a_leaked_copy_saved_again_by_libreoffice_without_its_properties_is_traced_by_its_watermark(
        client, world, backend):
    if backend != "sqlite":
        pytest.skip("the files are the same on both databases; LibreOffice is slow")
    headers = world.headers("drafter")
    document = client.post(f"/api/v1/processes/{world.process.slug}/documents", headers=headers,
                           json={"title": "Long text"}).get_json()
    section = client.post(f"/api/v1/documents/{document['id']}/sections", headers=headers,
                          json={"title": "General"}).get_json()
    for i in range(40):
        client.post(f"/api/v1/documents/{document['id']}/clauses", headers=headers,
                    json={"section_id": section["id"], "text": f"The Parties agree on point {i + 1}."})
    assert client.post(f"/api/v1/documents/{document['id']}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    for who in ("delegate_a", "delegate_b", "observer"):
        export(client, world, who, document["id"])
    leaked = export(client, world, "delegate_b", document["id"])
    resaved = convert(leaked, "docx:MS Word 2007 XML")
    assert resaved != leaked
    answer = verify_api(client, world, "mediator", resaved).get_json()
    assert answer["status"] == "altered" and "custom property" in answer["evidence"]
    assert answer["release"]["recipient"]["slug"] == "beta"
    # The careful leaker: the copy saved again and its identifiers stripped.
    answer = verify_api(client, world, "mediator", rezip(resaved, strip_identifiers)).get_json()
    assert answer["status"] == "altered", answer
    assert answer["evidence"][0] == "watermark in the articles' spacing"
    assert answer["release"]["recipient"]["slug"] == "beta"


@pytest.mark.parametrize("who, code", [("mediator", 200), ("drafter", 200), ("legal", 200), ("delegate_a", 404),
                                       ("delegate_b", 404), ("observer", 404), ("outsider", 404), (None, 401)])
def test_only_the_team_verifies_releases(client, world, talks, who, code):
    data = export(client, world, "delegate_a", talks.document.id)
    headers = world.headers(who)
    before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    state = db_state()
    response = verify_api(client, world, who, data)
    assert response.status_code == code
    after = db.session.scalar(select(func.count()).select_from(AuditEntry))
    assert after == before + (1 if code == 200 else 0)      # a refusal records nothing
    if code != 200:
        assert db_state() == state
    if code == 404:                                          # exactly as a process that does not exist
        missing = client.post("/api/v1/processes/no-such-process/releases/verify", headers=headers,
                              data={"file": (io.BytesIO(data), "found.docx")}, content_type="multipart/form-data")
        assert (response.status_code, response.get_json()) == (missing.status_code, missing.get_json())
        assert db_state() == state


def test_verification_stays_within_the_process(client, world, talks):
    """A team member of another process learns nothing of this one's releases."""
    from app.processes.models import Role
    from app.processes.operations import add_member
    data = export(client, world, "delegate_a", talks.document.id)
    outsider_team = world.users["outsider"]
    db.session.commit()
    world.headers("outsider")
    before = db_state()
    response = client.post(f"/api/v1/processes/{world.other_process.slug}/releases/verify",
                           headers=world.headers("outsider"), data={"file": (io.BytesIO(data), "x.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 404          # a delegate there
    assert db_state() == before
    add_member(world.other_process, world.users["legal"], Role.legal_adviser, actor=None)
    db.session.commit()
    answer = client.post(f"/api/v1/processes/{world.other_process.slug}/releases/verify",
                         headers=world.headers("legal"), data={"file": (io.BytesIO(data), "x.docx")},
                         content_type="multipart/form-data").get_json()
    assert answer["status"] == "unknown" and "release" not in answer and outsider_team is not None


def test_verify_page_for_the_team(make_client, world, talks, client):
    data = export(client, world, "delegate_b", talks.document.id)
    page = make_client()
    login(page, world.users["mediator"])
    assert "Verify a released file" in page.get(f"/p/{world.process.slug}").get_data(as_text=True)
    response = page.post(f"/p/{world.process.slug}/releases/verify",
                         data={"file": (io.BytesIO(data), "found.docx")}, content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "A released copy, unaltered" in text and "copy for Beta Movement" in text
    party = make_client()
    login(party, world.users["delegate_a"])
    assert party.get(f"/p/{world.process.slug}/releases/verify").status_code == 404
    assert "Verify a released file" not in party.get(f"/p/{world.process.slug}").get_data(as_text=True)


def test_house_style_settings_reach_the_files_and_a_bad_value_changes_nothing(client, world, talks):
    url = f"/api/v1/processes/{world.process.slug}/settings"
    mediator = world.headers("mediator")
    response = client.patch(url, headers=mediator, json={"house_font": "Garamond", "language": "fr-FR",
                                                         "document_symbol": "TL/FA", "line_numbering": True})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["settings"]["document_symbol"] == "TL/FA"
    data = export(client, world, "delegate_a", talks.document.id)
    styles = part(data, "word/styles.xml").decode()
    assert 'w:ascii="Garamond"' in styles and 'w:lang w:val="fr-FR"' in styles
    assert "TL/FA/Rev.1" in everything(data) and "Original: French" in everything(data)
    assert xml(data).find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lnNumType") is not None
    world.headers("drafter")
    before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    state = db_state()
    for bad in ({"language": "not a tag!"}, {"house_font": "<script>"}, {"document_symbol": "x" * 101},
                {"house_font": "Arial", "language": ""}):
        response = client.patch(url, headers=mediator, json=bad)
        assert response.status_code == 422, bad
        db.session.expire_all()
        assert world.process.house_font == "Garamond" and world.process.language == "fr-FR"
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == before
    assert client.patch(url, headers=world.headers("drafter"), json={"house_font": "Arial"}).status_code == 403
    assert db_state() == state
    with_round = client.patch(url, headers=mediator, json={"document_symbol": "TL/{round}/FA"})
    assert with_round.status_code == 200
    assert "TL/1/FA" in everything(export(client, world, "delegate_a", talks.document.id))


def test_settings_form_sets_the_house_style(make_client, world):
    page = make_client()
    login(page, world.users["mediator"])
    assert 'name="document_symbol"' in page.get(f"/p/{world.process.slug}").get_data(as_text=True)
    response = page.post(f"/p/{world.process.slug}/settings", data={
        "nauea": "1", "un_endorsed": "1", "proposal_attribution": "anonymous", "house_font": "Arial",
        "language": "es", "document_symbol": "TL/ACUERDO", "line_numbering": "1"})
    assert response.status_code == 303
    db.session.expire_all()
    assert (world.process.house_font, world.process.language, world.process.document_symbol,
            world.process.line_numbering) == ("Arial", "es", "TL/ACUERDO", True)


@pytest.mark.skipif(not available(), reason="LibreOffice is not installed (.ci/run installs it)")
def test_the_archive_writes_pdfs_of_the_clean_text_and_each_party_copy(app, client, world, talks, backend):
    from app.export.jobs import run_pending
    if backend != "sqlite":
        pytest.skip("LibreOffice is slow; the job is the same on both databases")
    app.config["SOFFICE"] = "auto"
    try:
        assert run_pending() >= 1
    finally:
        app.config["SOFFICE"] = ""
    state = client.get(f"/api/v1/documents/{talks.document.public_id}/rounds/1/archive",
                       headers=world.headers("mediator")).get_json()
    assert state["status"] == "done" and state["error"] is None
    assert {k for k in state["files"] if k.endswith(".pdf")} == {"clean.pdf", "clean-alpha.pdf", "clean-beta.pdf",
                                                                 "clean-watchers.pdf"}
    pdfs = db.session.scalars(select(ExportFile).where(ExportFile.file_format == "pdf")).all()
    assert len(pdfs) == 4 and all(f.release_id for f in pdfs)
    from pathlib import Path
    beta = next(f for f in pdfs if f.recipient_party_id == world.parties["b"].id)
    pdf = (Path(app.config["EXPORT_DIR"]) / beta.path).read_bytes()
    assert pdf.startswith(b"%PDF")
    answer = verify_api(client, world, "mediator", pdf).get_json()
    assert answer["status"] == "exact" and answer["release"]["recipient"]["slug"] == "beta"


def test_the_archive_says_so_when_there_is_no_converter(app, client, world, talks):
    from app.export.jobs import run_pending
    app.config["SOFFICE"] = "/nowhere/soffice"
    try:
        assert run_pending() >= 1
    finally:
        app.config["SOFFICE"] = ""
    state = client.get(f"/api/v1/documents/{talks.document.public_id}/rounds/1/archive",
                       headers=world.headers("mediator")).get_json()
    assert state["status"] == "done" and "no PDF was written" in state["error"]
    assert not any(k.endswith(".pdf") for k in state["files"])


def test_a_converter_that_fails_leaves_a_note_and_the_word_files(app, client, world, talks, tmp_path):
    from app.export.jobs import run_pending
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    app.config["SOFFICE"] = str(broken)
    try:
        assert run_pending() >= 1
    finally:
        app.config["SOFFICE"] = ""
    state = client.get(f"/api/v1/documents/{talks.document.public_id}/rounds/1/archive",
                       headers=world.headers("mediator")).get_json()
    assert state["status"] == "done" and state["error"].startswith("No PDF: the conversion failed")
    assert "clean" in state["files"] and not any(k.endswith(".pdf") for k in state["files"])


def test_a_bad_value_in_the_settings_form_changes_nothing_and_keeps_what_was_typed(make_client, world):
    page = make_client()
    login(page, world.users["mediator"])
    before = db_state()
    response = page.post(f"/p/{world.process.slug}/settings", data={
        "nauea": "1", "proposal_attribution": "anonymous", "house_font": "Garamond",
        "language": "not a tag!", "document_symbol": "TL/TYPED"}, follow_redirects=True)
    assert db_state() == before
    html = response.get_data(as_text=True)
    assert "not a tag!" in html and "Garamond" in html and "TL/TYPED" in html
