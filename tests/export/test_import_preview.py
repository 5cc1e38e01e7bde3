"""Importing a Word draft through every door: the preview before anything is created
(page, API dry run, CLI dry run), confirmation without a second upload, Word comments
as internal notes a party never sees, who may do it, and refusals that change nothing."""
import io
import os
import time

import pytest

from app.public_ids import decode, encode
from app.comments.models import InternalNote
from app.drafting.models import Document
from app.drafting.queries import working_outline
from app.export.importing import sweep_import_files
from app.extensions import db
from tests.db_state import db_state
from tests.export.test_reading_word import un_layout
from tests.export.word_material import comment_around, comments, footnote_ref, footnotes, p, package, r, table
from tests.helpers import PASSWORD, ROLES, login


def team_draft() -> bytes:
    body = "".join([
        p("Ceasefire", style="Heading1"),
        p("Article 1. Declaration"),
        p(r("A ceasefire enters into force ") + comment_around(r("[in 72 hours / in 7 days]"), 1) + r(".")
          + footnote_ref(1)),
        table([["Zone", "Monitors"], ["North", "10"]], header_rows=1),
        p("Article 2. Monitoring"),
        p("1. A mission monitors it."), p("(a) by patrols;"), p("(b) by reports."),
        p("Reparations", style="Heading1"),
    ])
    return package(body, comments_xml=comments({1: ("Amira Haddad", "The Movement wants 72 hours.")}),
                   footnotes_xml=footnotes({1: "Hours from signature."}))


def import_url(world):
    return f"/api/v1/processes/{world.process.slug}/documents/import"


def upload(data=None, name="Ceasefire.docx"):
    return {"file": (io.BytesIO(team_draft() if data is None else data), name)}


def test_the_page_previews_then_creates_without_a_second_upload(make_client, world):
    page = make_client()
    login(page, world.users["drafter"])
    state = db_state()
    r = page.post(f"/p/{world.process.slug}/import", data=upload(), content_type="multipart/form-data")
    assert r.status_code == 303
    assert db_state() == state                                   # a preview creates nothing
    html = page.get(r.location).get_data(as_text=True)
    assert "2 sections, 2 clauses, 1 tables, 1 footnotes, 1 Word comments" in html
    assert '<div class="article-title">Declaration</div>' in html
    assert '<div class="para lvl-2"><span class="plabel">(a)</span> by patrols;</div>' in html
    assert "<th>Zone</th>" in html and "Amira Haddad, a Word comment" in html
    assert "Reparations" in html and "no articles" in html and "has no articles" in html
    r = page.post(r.location, data={"title": "Ceasefire Agreement"})
    assert r.status_code == 303
    document = db.session.scalars(db.select(Document).where(Document.title == "Ceasefire Agreement")).one()
    outline = working_outline(document.id)
    assert [s.title for s in outline] == ["Ceasefire", "Reparations"]
    first, second = outline[0].clauses
    assert first.title == "Declaration" and second.title == "Monitoring"
    assert first.text == ("A ceasefire enters into force [in 72 hours / in 7 days].{^1}\n| Zone | Monitors |\n"
                          "|---|---|\n| North | 10 |\n{^1} Hours from signature.")
    assert second.text == "1. A mission monitors it.\n(a) by patrols;\n(b) by reports."
    [note] = db.session.scalars(db.select(InternalNote).where(InternalNote.clause_id == first.clause_id)).all()
    assert note.word_author == "Amira Haddad" and note.body == "The Movement wants 72 hours."
    assert note.author_id == world.users["drafter"].id and note.created_at.year == 2026
    # The preview is spent.
    assert page.get(r.headers.get("Location", "/")).status_code == 200
    assert page.post(f"/p/{world.process.slug}/import/{'x' * 32}", data={}).status_code == 404


def test_a_party_never_sees_the_imported_notes(make_client, client, world):
    body = client.post(import_url(world), headers=world.headers("mediator"), data=upload(),
                       content_type="multipart/form-data").get_json()
    document = db.session.get(Document, decode("document", body["id"]))
    assert body["word_notes"] == 1
    circulated = client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"), json={})
    assert circulated.status_code == 201
    clause_id = encode("clause", working_outline(document.id)[0].clauses[0].clause_id)
    team = client.get(f"/api/v1/clauses/{clause_id}/notes", headers=world.headers("drafter")).get_json()
    assert team["notes"][0]["word_author"] == "Amira Haddad"
    for who in ("delegate_a", "delegate_b", "observer"):
        assert client.get(f"/api/v1/clauses/{clause_id}/notes", headers=world.headers(who)).status_code == 404
        party = make_client()
        login(party, world.users[who].email, PASSWORD)
        html = party.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
        assert "Amira Haddad" not in html and "The Movement wants 72 hours." not in html
        api = client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers(who)).get_data(as_text=True)
        assert "Amira Haddad" not in api and "Movement wants" not in api


def test_the_api_dry_run_answers_the_outline_and_creates_nothing(client, world):
    world.headers("drafter")
    state = db_state()
    r = client.post(import_url(world) + "?dry_run=1", headers=world.headers("drafter"), data=upload(),
                    content_type="multipart/form-data")
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["dry_run"] is True and body["counts"] == {"sections": 2, "clauses": 2, "tables": 1, "footnotes": 1,
                                                          "notes": 1}
    first = body["sections"][0]["clauses"][0]
    assert first["label"] == "Article 1" and first["title"] == "Declaration" and first["where"].startswith("paragraph")
    assert {"type": "table", "rows": [["Zone", "Monitors"], ["North", "10"]], "header_rows": 1} in first["structure"]
    assert first["notes"] == [{"author": "Amira Haddad", "date": "2026-11-28T09:15:00Z",
                               "text": "The Movement wants 72 hours."}]
    assert body["empty_sections"] == ["Reparations"]
    assert db_state() == state


def test_the_cli_dry_run_prints_the_outline(app, world, tmp_path):
    path = tmp_path / "un.docx"
    path.write_bytes(un_layout())
    state = db_state()
    result = app.test_cli_runner().invoke(args=["import-docx", str(path), "--process", world.process.slug,
                                                "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would import “un”: 3 sections, 6 clauses" in result.output
    assert "2. CHAPTER I: GENERAL PROVISIONS" in result.output
    assert "   Article 1 — Use of terms" in result.output
    assert "         (a) “Parties” means the Government and the Movement;" in result.output
    assert "Left out: 1 title-page line(s)" in result.output or "Left out: 2 title-page line(s)" in result.output
    assert db_state() == state


def test_someone_elses_or_an_expired_preview_is_missing(make_client, world, app):
    drafter, mediator = make_client(), make_client()
    login(drafter, world.users["drafter"])
    login(mediator, world.users["mediator"])
    location = drafter.post(f"/p/{world.process.slug}/import", data=upload(),
                            content_type="multipart/form-data").location
    assert mediator.get(location).status_code == 404
    assert mediator.post(location, data={}).status_code == 404
    assert mediator.post(location + "/discard", data={}).status_code == 404
    assert drafter.get(location.replace(world.process.slug, world.other_process.slug)).status_code == 404
    token = location.rsplit("/", 1)[-1]
    folder = os.path.join(app.config["EXPORT_DIR"], ".import-previews")
    stale = time.time() - 7200
    os.utime(os.path.join(folder, f"{token}.json"), (stale, stale))
    state = db_state()
    assert drafter.post(location, data={}).status_code == 404      # past its hour
    assert db_state() == state
    assert drafter.get(f"/p/{world.process.slug}/import/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_discarding_a_preview(make_client, world):
    page = make_client()
    login(page, world.users["drafter"])
    location = page.post(f"/p/{world.process.slug}/import", data=upload(), content_type="multipart/form-data").location
    state = db_state()
    assert page.post(location + "/discard", data={}).status_code == 303
    assert page.get(location).status_code == 404
    assert db_state() == state


@pytest.mark.parametrize("who", ROLES + (None,))
def test_who_may_preview_and_import(make_client, client, world, who):
    allowed = who in ("mediator", "drafter")
    # The legal adviser is of the team (may know the process) but does not hold the pen: 403.
    refused = 401 if who is None else 403 if who == "legal" else 404
    world.headers(who)
    page = make_client()
    if who is not None:
        login(page, world.users[who].email, PASSWORD)
    state = db_state()
    r = client.post(import_url(world) + "?dry_run=1", headers=world.headers(who), data=upload(),
                    content_type="multipart/form-data")
    assert r.status_code == (200 if allowed else refused), (who, r.status_code)
    r = page.post(f"/p/{world.process.slug}/import", data=upload(), content_type="multipart/form-data")
    if allowed:
        assert r.status_code == 303 and "/import/" in r.location
    else:
        assert r.status_code == (302 if who is None else refused), (who, r.status_code)
        assert db_state() == state


@pytest.mark.parametrize("payload, words", [
    (b"", "The file is empty."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
    (b"PK\x03\x04 not really", "not a .docx"),
])
def test_refused_previews_say_why_and_change_nothing(make_client, client, world, payload, words):
    world.headers("drafter")
    page = make_client()
    login(page, world.users["drafter"])
    state = db_state()
    r = client.post(import_url(world) + "?dry_run=1", headers=world.headers("drafter"), data=upload(payload),
                    content_type="multipart/form-data")
    assert r.status_code == 422 and words in r.get_json()["message"]
    r = page.post(f"/p/{world.process.slug}/import", data=upload(payload), content_type="multipart/form-data")
    assert r.status_code == 303 and r.location.endswith(f"/p/{world.process.slug}")
    assert words in page.get(r.location).get_data(as_text=True)
    assert db_state() == state


def test_the_hourly_sweep_deletes_uploads_past_their_hour_without_a_new_upload(make_client, world, app):
    """An upload is confidential text: it must not stay on disk because nobody imported
    after it. The periodic job deletes previews and reports past their hour, and the
    pieces a crash left half-written, and nothing younger."""
    drafter = make_client()
    login(drafter, world.users["drafter"])
    old, fresh = (drafter.post(f"/p/{world.process.slug}/import", data=upload(),
                               content_type="multipart/form-data").location for _ in range(2))
    folder = os.path.join(app.config["EXPORT_DIR"], ".import-previews")
    reports = os.path.join(folder, "reports")
    os.makedirs(reports, exist_ok=True)
    stale = time.time() - 7200
    aged = [os.path.join(folder, old.rsplit("/", 1)[-1] + ".json"), os.path.join(folder, "crashed.part"),
            os.path.join(reports, "old-report.json")]
    for path in aged[1:]:
        with open(path, "w") as handle:
            handle.write("{}")
    for path in aged:
        os.utime(path, (stale, stale))
    young_report = os.path.join(reports, "young-report.json")
    with open(young_report, "w") as handle:
        handle.write("{}")
    sweep_import_files()
    assert not any(os.path.exists(path) for path in aged)
    assert os.path.exists(young_report)
    assert drafter.get(fresh).status_code == 200                  # the young preview is kept
    assert drafter.get(old).status_code == 404
