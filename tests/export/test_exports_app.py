"""Exports through the API, pages and CLI: what each copy holds, who may have it, the
round archive job, and importing Word drafts."""
import hashlib
import io
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from sqlalchemy import func, select

from app.public_ids import decode
from app.audit.models import AuditEntry
from app.drafting.models import Document
from app.export.jobs import run_pending
from app.export.models import ExportFile, ExportJob
from app.extensions import db
from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.db_state import db_state
from tests.helpers import login
from tests.export.wordxml import view

NAUEA = "Nothing is agreed until everything is agreed"


def everything(data: bytes) -> str:
    """Every part of the package as text: body, comments, headers, metadata."""
    package = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist() if n.endswith(".xml"))


def get(client, world, who, url):
    return client.get(url, headers=world.headers(who))


def release(client, world, who, url):
    """Copies are released by POST (recorded); a GET only fetches one released before."""
    return client.post(url, headers=world.headers(who))


def export_url(talks, number=1, **query):
    q = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/v1/documents/{talks.document.public_id}/rounds/{number}/export?{q}"


def test_party_copies_hold_only_that_partys_items(client, world, talks):
    r = release(client, world, "delegate_a", export_url(talks, variant="comments"))
    assert r.status_code == 201 and r.mimetype.endswith("wordprocessingml.document")
    text = everything(r.data)
    assert "Alpha-secret" in text and "Team-reply-to-alpha" in text and "Copy for: Alpha Government" in text
    for leak in ("Beta-secret", "Watchers-view", "Team-note", "Alpha-draft", "Beta Movement", "Watchers Assembly",
                 world.users["mediator"].name, world.users["delegate_a"].name):
        assert leak not in text, leak
    b = everything(release(client, world, "delegate_b", export_url(talks, variant="comments")).data)
    assert "Beta-secret" in b and "Alpha-secret" not in b and "Team-reply-to-alpha" not in b


def test_the_team_copy_has_every_party_attributed_and_never_notes(client, world, talks):
    text = everything(release(client, world, "mediator", export_url(talks, variant="comments")).data)
    assert "Alpha-secret" in text and "Beta-secret" in text and "Alpha Government" in text
    assert "Team-note" not in text and "Alpha-draft" not in text
    matrix = everything(release(client, world, "drafter", export_url(talks, variant="matrix")).data)
    assert "Alpha-secret" in matrix and "Disposition-reason-alpha" in matrix and "Team-note" not in matrix
    # A party copy made by the team is that party's copy.
    copy = everything(release(client, world, "mediator", export_url(talks, variant="comments", party="beta")).data)
    assert "Beta-secret" in copy and "Alpha-secret" not in copy and "Copy for: Beta Movement" in copy


@pytest.mark.parametrize("who, query, code", [
    ("delegate_a", {"variant": "matrix"}, 404), ("delegate_a", {"variant": "clean", "party": "beta"}, 404),
    ("observer", {"variant": "clean"}, 201), ("outsider", {"variant": "clean"}, 404), (None, {"variant": "clean"}, 401),
    ("delegate_a", {"variant": "sideways"}, 422), ("mediator", {"variant": "clean", "party": "nobody"}, 404),
    ("mediator", {"variant": "matrix", "party": "alpha"}, 422), ("legal", {"variant": "matrix"}, 201)])
def test_who_may_export_what(client, world, talks, who, query, code):
    assert release(client, world, who, export_url(talks, **query)).status_code == code


def test_parties_never_get_the_working_draft(client, world, talks):
    url = f"/api/v1/documents/{talks.document.public_id}/export?variant=clean"
    assert release(client, world, "delegate_a", url).status_code == 404
    r = release(client, world, "drafter", url)
    assert r.status_code == 201 and "WORKING DRAFT" in everything(r.data)


def test_exports_state_nauea_and_are_recorded(client, world, talks):
    data = release(client, world, "delegate_b", export_url(talks, variant="clean")).data
    assert NAUEA in everything(data)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "export.download")
                              .order_by(AuditEntry.id.desc()).limit(1))
    assert entry is not None and "beta" in str(entry.changes)
    world.process.nauea = False
    db.session.commit()
    assert NAUEA not in everything(release(client, world, "delegate_b", export_url(talks, variant="clean")).data)


def _edit_and_circulate(client, world, talks):
    clause = talks.clauses[0]
    current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
    client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                 json={"text": "The Parties commit to a just peace.", "base_version_id": current["version_id"]})
    assert client.post(f"/api/v1/documents/{talks.document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201


def test_redline_between_rounds_accepts_to_the_new_round(client, world, talks):
    _edit_and_circulate(client, world, talks)
    data = release(client, world, "delegate_a", export_url(talks, 2, variant="redline")).data
    accepted = [t for kind, t in view(data, "new") if kind == "article"]
    rejected = [t for kind, t in view(data, "old") if kind == "article"]
    assert accepted[0] == "The Parties commit to a just peace."
    assert rejected[0] == "The Parties commit to peace."
    assert "Changes from Rev. 1 to Rev. 2" in everything(data)
    assert "Articles: 0 added; 0 removed; 1 modified; 0 moved." in everything(data)
    assert release(client, world, "delegate_a", export_url(talks, 2, variant="redline", **{"from": 2})).status_code == 422


def test_circulation_queues_the_archive_and_the_job_writes_it(app, client, world, talks):
    _edit_and_circulate(client, world, talks)
    state = get(client, world, "mediator", f"/api/v1/documents/{talks.document.public_id}/rounds/2/archive").get_json()
    assert state["status"] == "queued"
    assert get(client, world, "delegate_a", f"/api/v1/documents/{talks.document.public_id}/rounds/2/archive").status_code == 404
    assert run_pending() >= 1
    state = get(client, world, "mediator", f"/api/v1/documents/{talks.document.public_id}/rounds/2/archive").get_json()
    assert state["status"] == "done" and set(state["files"]) == {"clean", "redline", "clean-alpha", "clean-beta",
                                                                  "clean-watchers"}
    assert state["error"].startswith("No PDF: LibreOffice (soffice) is not installed")
    root = Path(app.config["EXPORT_DIR"])
    assert all((root / name).exists() for name in state["files"].values())
    stored = db.session.scalars(select(ExportFile).where(ExportFile.round_number == 2)).all()
    assert {f.variant for f in stored} == {"clean", "redline"}
    assert {f.recipient_party_id for f in stored} == {None, world.parties["a"].id, world.parties["b"].id,
                                                      world.parties["obs"].id}
    for f in stored:
        assert hashlib.sha256((root / f.path).read_bytes()).hexdigest() == f.sha256
    page = make_page(app, world, "mediator").get(f"/documents/{talks.document.public_id}/rounds/2")
    assert "Archive in exports/" in page.get_data(as_text=True)
    download = make_page(app, world, "mediator").get(f"/documents/{talks.document.public_id}/rounds/2/archive/redline")
    assert download.status_code == 200 and download.data[:2] == b"PK"


def make_page(app, world, who):
    from tests.conftest import CsrfClient
    app.test_client_class = CsrfClient
    c = app.test_client()
    login(c, world.users[who])
    return c


def test_a_job_cut_off_by_a_restart_is_run_again(client, world, talks):
    job = db.session.scalar(select(ExportJob).where(ExportJob.round_id == talks.round.id))
    job.status, job.started_at = "running", datetime.now(timezone.utc) - timedelta(hours=1)
    db.session.commit()
    assert run_pending() == 1
    db.session.refresh(job)
    assert job.status == "done" and job.attempts == 1


def test_cli_export_and_import(app, world, talks, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "rev1.docx"
    result = runner.invoke(args=["export", str(talks.document.id), "--round", "1", "--variant", "clean",
                                 "--out", str(out), "--party", "alpha"])
    assert result.exit_code == 0, result.output
    assert "Copy for: Alpha Government" in everything(out.read_bytes())
    result = runner.invoke(args=["import-docx", str(out), "--process", world.process.slug, "--title", "Reimported"])
    assert result.exit_code == 0, result.output
    document = db.session.get(Document, int(result.output.strip().splitlines()[-1]))
    assert document.title == "Reimported"
    texts = client_texts(document)
    assert texts == ["The Parties commit to peace.", "A ceasefire shall enter into force [in 72 hours / in 7 days].",
                     "Forces shall withdraw to agreed positions."]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"garbage")
    result = runner.invoke(args=["import-docx", str(bad), "--process", world.process.slug])
    assert result.exit_code == 1 and "not a .docx" in result.output
    assert runner.invoke(args=["export", "999999", "--round", "1", "--variant", "clean", "--out", str(out)]).exit_code == 1


def client_texts(document):
    from app.drafting.queries import working_outline
    return [c.text for s in working_outline(document.id) for c in s.clauses]


def test_import_through_the_api_all_or_nothing(client, world, talks):
    url = f"/api/v1/processes/{world.process.slug}/documents/import"
    good = release(client, world, "mediator", export_url(talks, variant="clean")).data
    r = client.post(url, headers=world.headers("drafter"), data={"file": (io.BytesIO(good), "Rev1.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 201 and r.get_json()["title"] == "Rev1"
    before = db.session.scalar(select(func.count()).select_from(Document))
    d = docx.Document()
    d.add_heading("One", 1)
    d.add_paragraph("Article 1. Fine.")
    d.add_paragraph("Article 2. " + "Far too long a clause. " * 1000)
    buf = io.BytesIO()
    d.save(buf)
    state = db_state()
    for payload, words in ((buf.getvalue(), "Section 1 (One), Article 2 at paragraph 3 of the file: Clause text is"),
                           (b"PK\x03\x04 broken", "not a .docx"), (b"", "empty")):
        r = client.post(url, headers=world.headers("drafter"), data={"file": (io.BytesIO(payload), "x.docx")},
                        content_type="multipart/form-data")
        assert r.status_code == 422 and words in r.get_json()["message"], (payload[:10], r.get_json())
    assert db.session.scalar(select(func.count()).select_from(Document)) == before
    assert db_state() == state
    assert client.post(url, headers=world.headers("delegate_a"), data={"file": (io.BytesIO(good), "x.docx")},
                       content_type="multipart/form-data").status_code == 404
    big = client.post(url, headers=world.headers("drafter"),
                      data={"file": (io.BytesIO(b"0" * (21 * 1024 * 1024)), "big.docx")},
                      content_type="multipart/form-data")
    assert big.status_code == 413


def test_import_from_the_process_page(make_client, world, talks, client):
    good = release(client, world, "mediator", export_url(talks, variant="clean")).data
    page = make_client()
    login(page, world.users["drafter"])
    assert "Import Word draft" in page.get(f"/p/{world.process.slug}").get_data(as_text=True)
    before = db.session.scalar(select(func.count()).select_from(Document))
    r = page.post(f"/p/{world.process.slug}/import", data={"file": (io.BytesIO(good), "Draft.docx"), "title": ""},
                  content_type="multipart/form-data")
    assert r.status_code == 303 and f"/p/{world.process.slug}/import/" in r.location
    assert db.session.scalar(select(func.count()).select_from(Document)) == before      # a preview only
    preview = page.get(r.location).get_data(as_text=True)
    assert "The Parties commit to peace." in preview and "Create the document" in preview
    r = page.post(r.location, data={"title": "Draft"})
    assert r.status_code == 303 and "/documents/" in r.location


def test_every_export_is_a_new_recorded_file(app, client, world, talks):
    for _ in range(2):
        assert release(client, world, "delegate_a", export_url(talks, variant="clean")).status_code == 201
    files = db.session.scalars(select(ExportFile).where(ExportFile.variant == "clean")).all()
    assert len(files) == 2 and files[0].path != files[1].path
    assert files[0].sha256 == files[1].sha256 and files[0].release_id == files[1].release_id   # the same copy
    assert {f.recipient_party_id for f in files} == {world.parties["a"].id}
    assert {f.requested_by_id for f in files} == {world.users["delegate_a"].id}
    assert all(len(f.sha256) == 64 for f in files)


def _awkward_docx() -> bytes:
    """Mixed numbering, continuation paragraphs, a table, an empty heading."""
    d = docx.Document()
    d.add_heading("", level=1)
    d.add_heading("Chapter I: Ceasefire", level=1)
    d.add_paragraph("Article 1. A ceasefire is declared.")
    d.add_paragraph("It applies to all forces.")                  # continues Article 1
    d.add_paragraph("The ceasefire is monitored.", style="List Number")    # automatic numbering
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Table text is not a clause"
    d.add_paragraph("12. Typed number clause.")
    d.add_heading("Chapter II", level=2)
    d.add_paragraph("(a) Lettered.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_import_of_an_awkward_word_file_and_its_report(client, world):
    r = client.post(f"/api/v1/processes/{world.process.slug}/documents/import", headers=world.headers("drafter"),
                    data={"file": (io.BytesIO(_awkward_docx()), "Awkward.docx")}, content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    # Article 1 keeps what follows it (a continuation, an automatic "1.", a table, a typed
    # "12."); "(a) Lettered." under the level-2 heading stands outside any article.
    assert body["sections"] == 2 and body["clauses"] == 2
    assert any("table" in n for n in body["notes"])
    assert any("empty heading" in item["what"] for item in body["left_out"])
    document = db.session.get(Document, decode("document", body["id"]))
    assert client_texts(document) == ["A ceasefire is declared.\nIt applies to all forces.\n"
                                      "1. The ceasefire is monitored.\n| Table text is not a clause |  |\n"
                                      "12. Typed number clause.", "(a) Lettered."]
    assert [s.title for s in document.sections] == ["Chapter I: Ceasefire", "Chapter I: Ceasefire — Chapter II"]


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("payload, words", [
    (_with_member(_awkward_docx(), "word/vbaProject.bin", b"macro"), "macros"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
    (_awkward_docx()[:3000], "not a .docx"),
])
def test_refused_imports_create_nothing(client, world, payload, words):
    before = db.session.scalar(select(func.count()).select_from(Document))
    headers = world.headers("drafter")
    state = db_state()
    r = client.post(f"/api/v1/processes/{world.process.slug}/documents/import", headers=headers,
                    data={"file": (io.BytesIO(payload), "x.docx")}, content_type="multipart/form-data")
    assert r.status_code == 422 and words in r.get_json()["message"]
    assert db.session.scalar(select(func.count()).select_from(Document)) == before
    assert db_state() == state


def test_round_page_offers_a_redline_against_any_earlier_round(app, client, world, talks):
    for text in ("The Parties commit to a just peace.", "The Parties commit to a lasting peace."):
        clause = talks.clauses[0]
        current = client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()
        client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"),
                     json={"text": text, "base_version_id": current["version_id"]})
        assert client.post(f"/api/v1/documents/{talks.document.public_id}/rounds", headers=world.headers("mediator"),
                           json={}).status_code == 201
    page = make_page(app, world, "delegate_a").get(f"/documents/{talks.document.public_id}/rounds/3")
    html = page.get_data(as_text=True)
    assert "Redline against an earlier round" in html and '<option value="1">Rev. 1</option>' in html
    data = make_page(app, world, "delegate_a").post(
        f"/documents/{talks.document.public_id}/rounds/3/export", data={"variant": "redline", "from": "1"},
        follow_redirects=True).data
    assert "Changes from Rev. 1 to Rev. 3" in everything(data) and "Copy for: Alpha Government" in everything(data)
