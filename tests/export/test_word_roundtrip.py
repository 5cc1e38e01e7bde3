"""The Word round trip: the team downloads the clean working draft or a round, edits it in
Word or LibreOffice (with or without Track Changes) and takes it back into the same
document. Every change is listed before it is applied; a clause changed in Penholder
since the download is a conflict, never overwritten; a refusal changes nothing."""
import io
import zipfile

import pytest

from app.drafting.models import ClauseVersion
from app.drafting.operations import edit_clause
from app.drafting.queries import working_outline
from app.extensions import db
from tests.conftest import skip_or_fail
from tests.db_state import db_state
from tests.export.roundtrip_edit import Edit
from tests.helpers import login


def download(client, world, document, round_number=None, who="mediator", party=None):
    url = (f"/api/v1/documents/{document.public_id}/rounds/{round_number}/export" if round_number
           else f"/api/v1/documents/{document.public_id}/export")
    r = client.post(url + (f"?party={party}" if party else ""), headers=world.headers(who))   # a release
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.data


def take_back(client, world, document, data, *, dry_run=False, who="mediator", **form):
    fields = {"file": (io.BytesIO(data), "edited.docx"), **form}
    url = f"/api/v1/documents/{document.public_id}/import" + ("?dry_run=1" if dry_run else "")
    return client.post(url, headers=world.headers(who), data=fields, content_type="multipart/form-data")


def texts(document):
    return [(s.title, [(c.title, c.text) for c in s.clauses]) for s in working_outline(document.id)]


def test_an_untouched_download_changes_nothing(client, world, doc):
    document, _, _ = doc
    data = download(client, world, document)
    r = take_back(client, world, document, data, dry_run=True)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["changes"] == [] and body["conflicts"] == [], body


def test_edits_additions_removals_and_moves_are_listed_then_applied(client, world, doc):
    document, (general, security), (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edited = (Edit(data)
              .tracked_replace("commit to peace", "peace", "a lasting peace", author="Amira Haddad")
              .insert_after("commit to", "A joint commission supervises the ceasefire.", style="Article",
                            tracked_by="Lars Berg")
              .move_before("Forces shall withdraw", "A ceasefire shall enter")
              .delete("A ceasefire shall enter")
              .save())
    state = db_state()
    preview = take_back(client, world, document, edited, dry_run=True)
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert db_state() == state                                # a dry run writes nothing
    ops = [(c["op"], c.get("label")) for c in body["changes"]]
    assert ("remove", "Article 2") in ops
    assert ("edit", "Article 1") in ops and ("move", "Article 3") in ops
    assert any(op == "add" for op, _ in ops)
    [edit] = [c for c in body["changes"] if c["op"] == "edit"]
    assert edit["before"]["text"] == "The Parties commit to peace."
    assert edit["after"]["text"] == "The Parties commit to a lasting peace."
    assert edit["authors"] == ["Amira Haddad"]
    assert body["conflicts"] == []
    r = take_back(client, world, document, edited, digest=body["digest"])
    assert r.status_code == 200, r.get_json()
    assert texts(document) == [
        ("General provisions", [(None, "The Parties commit to a lasting peace."),
                                (None, "A joint commission supervises the ceasefire."),
                                (None, "Forces shall withdraw to agreed positions.")]),
        ("Security", [])]
    version = db.session.get(ClauseVersion, db.session.get(type(peace), peace.id).current_version_id)
    assert version.seq == 2 and version.author_id == world.users["mediator"].id
    assert "Amira Haddad" in version.reason
    assert [c["op"] for c in body["changes"]].count("remove_section") == 0      # its heading stayed
    # A fresh download taken back untouched: nothing left to change.
    again = take_back(client, world, document, download(client, world, document), dry_run=True).get_json()
    assert again["changes"] == [] and again["conflicts"] == []


def test_a_clause_changed_since_the_download_is_a_conflict_never_an_overwrite(client, world, doc):
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    mediator = world.users["mediator"]
    edit_clause(peace.id, "The Parties commit to peace and reconciliation.", peace.current_version_id,
                actor=mediator)
    edit_clause(withdraw.id, "Forces shall withdraw within 30 days.", withdraw.current_version_id, actor=mediator)
    db.session.commit()
    edited = (Edit(data).retype("commit to peace", "peace", "lasting peace")
              .retype("72 hours", "72 hours", "48 hours").save())
    body = take_back(client, world, document, edited, dry_run=True).get_json()
    [conflict] = body["conflicts"]
    assert conflict["clause_id"] == peace.id and conflict["why"] == "changed in Penholder since the download"
    assert conflict["downloaded"]["text"] == "The Parties commit to peace."
    assert conflict["current"]["text"] == "The Parties commit to peace and reconciliation."
    assert conflict["file"]["text"] == "The Parties commit to lasting peace."
    # The withdrawal clause was changed in Penholder but not in the file: it stays, no conflict.
    assert [c["op"] for c in body["changes"]] == ["edit"]
    assert any("unchanged in the file" in k for k in body["kept"])
    state = db_state()
    refused = take_back(client, world, document, edited)
    assert refused.status_code == 409 and refused.get_json()["error"] == "import_conflicts"
    assert db_state() == state                                # all or nothing
    skipped = take_back(client, world, document, edited, on_conflict="skip", digest=body["digest"])
    assert skipped.status_code == 200
    outline = texts(document)
    assert outline[0][1][0] == (None, "The Parties commit to peace and reconciliation.")    # not overwritten
    assert outline[0][1][1] == (None, "A ceasefire shall enter into force [in 48 hours / in 7 days].")
    assert outline[1][1][0] == (None, "Forces shall withdraw within 30 days.")


def test_a_stale_preview_is_refused_and_changes_nothing(client, world, doc):
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edited = Edit(data).retype("72 hours", "72 hours", "48 hours").save()
    digest = take_back(client, world, document, edited, dry_run=True).get_json()["digest"]
    edit_clause(withdraw.id, "Forces shall withdraw at once.", withdraw.current_version_id,
                actor=world.users["mediator"])
    db.session.commit()
    other = Edit(data).retype("72 hours", "72 hours", "48 hours").delete("Forces shall withdraw").save()
    state = db_state()
    r = take_back(client, world, document, other, digest=digest)
    assert r.status_code == 409 and r.get_json()["error"] in ("stale_preview", "import_conflicts")
    assert db_state() == state


def test_a_round_download_goes_back_and_clauses_added_since_are_left_alone(client, world, doc):
    from app.drafting.operations import add_clause
    document, (general, security), _ = doc
    assert client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    data = download(client, world, document, round_number=1)
    add_clause(document, security, "Monitors are deployed.", actor=world.users["mediator"])
    db.session.commit()
    edited = Edit(data).retype("agreed positions", "agreed positions", "the agreed positions").save()
    body = take_back(client, world, document, edited, dry_run=True).get_json()
    assert body["base"] == "round:1"
    assert [(c["op"], c["label"]) for c in body["changes"]] == [("edit", "Article 3")]
    assert take_back(client, world, document, edited, digest=body["digest"]).status_code == 200
    assert texts(document)[1][1] == [(None, "Forces shall withdraw to the agreed positions."),
                                     (None, "Monitors are deployed.")]


def test_party_copies_carry_no_internal_ids(client, world, doc):
    document, _, _ = doc
    assert client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    team = download(client, world, document, round_number=1)
    for data in (download(client, world, document, round_number=1, who="delegate_a"),
                 download(client, world, document, round_number=1, party="alpha")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml") + archive.read("docProps/custom.xml")
        assert b"ph_c" not in xml and b"ph_s" not in xml and b"Penholder base" not in xml
        before = db_state()
        assert take_back(client, world, document, data, dry_run=True).status_code == 422
        assert db_state() == before
    with zipfile.ZipFile(io.BytesIO(team)) as archive:
        assert b"ph_c" in archive.read("word/document.xml")


def test_who_may_take_a_copy_back_and_what_is_refused(client, world, doc):
    document, _, _ = doc
    data = download(client, world, document)
    for who in ("delegate_a", "observer", "outsider"):
        world.headers(who)                   # their tokens exist before the state is taken
    state = db_state()
    for who in ("delegate_a", "observer", "outsider"):
        assert take_back(client, world, document, data, who=who).status_code == 404
    assert take_back(client, world, document, b"not a docx").status_code == 422
    from tests.export.test_import_preview import team_draft
    r = take_back(client, world, document, team_draft())
    assert r.status_code == 422 and r.get_json()["error"] == "no_anchors"
    assert db_state() == state


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_the_anchors_survive_a_save_by_libreoffice(client, world, doc):
    """The copy opened and saved again by LibreOffice (docx to docx), then edited: the
    bookmarks and the base property are still there, and the edit goes back in."""
    from tests.export.libreoffice import convert
    document, _, (peace, ceasefire, withdraw) = doc
    saved = convert(download(client, world, document), "docx:MS Word 2007 XML")
    with zipfile.ZipFile(io.BytesIO(saved)) as archive:
        xml = archive.read("word/document.xml")
        assert f"ph_c{peace.id}_v".encode() in xml and b"Penholder base" in archive.read("docProps/custom.xml")
    untouched = take_back(client, world, document, saved, dry_run=True).get_json()
    assert untouched["changes"] == [] and untouched["conflicts"] == [], untouched
    edited = Edit(saved).retype("agreed positions", "agreed positions", "the agreed positions") \
        .delete("commit to peace").save()
    again = convert(edited, "docx:MS Word 2007 XML")          # and saved by LibreOffice once more
    body = take_back(client, world, document, again, dry_run=True).get_json()
    assert sorted((c["op"], c["label"]) for c in body["changes"]) == [("edit", "Article 3"), ("remove", "Article 1")]
    assert take_back(client, world, document, again, digest=body["digest"]).status_code == 200
    assert texts(document) == [("General provisions", [(None, ceasefire.current_version.text)]),
                               ("Security", [(None, "Forces shall withdraw to the agreed positions.")])]


def test_the_cli_takes_a_copy_back_with_a_dry_run_first(app, client, world, doc, tmp_path):
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edit_clause(withdraw.id, "Forces shall withdraw at once.", withdraw.current_version_id,
                actor=world.users["mediator"])
    db.session.commit()
    path = tmp_path / "edited.docx"
    path.write_bytes(Edit(data).tracked_replace("commit to peace", "peace", "lasting peace", author="Lars Berg")
                     .retype("agreed positions", "agreed", "the agreed").save())
    runner = app.test_cli_runner()
    state = db_state()
    dry = runner.invoke(args=["import-docx", str(path), "--into", str(document.id), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would apply to document" in dry.output and "1 edited" in dry.output and "1 conflicts" in dry.output
    assert "  edit Article 1 (tracked changes by Lars Berg)" in dry.output
    assert "     now: The Parties commit to lasting peace." in dry.output
    assert "  CONFLICT Article 3: changed in Penholder since the download" in dry.output
    assert "     current:    Forces shall withdraw at once." in dry.output
    assert db_state() == state
    refused = runner.invoke(args=["import-docx", str(path), "--into", str(document.id)])
    assert refused.exit_code == 1 and "Nothing was applied" in refused.output
    assert db_state() == state
    done = runner.invoke(args=["import-docx", str(path), "--into", str(document.id), "--skip-conflicts"])
    assert done.exit_code == 0, done.output
    assert texts(document)[0][1][0] == (None, "The Parties commit to lasting peace.")
    assert texts(document)[1][1][0] == (None, "Forces shall withdraw at once.")


def test_the_page_previews_the_changes_side_by_side_then_applies_them(make_client, client, world, doc):
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edit_clause(withdraw.id, "Forces shall withdraw at once.", withdraw.current_version_id,
                actor=world.users["mediator"])
    db.session.commit()
    edited = (Edit(data).retype("commit to peace", "peace", "lasting peace")
              .retype("agreed positions", "agreed", "the agreed").save())
    page = make_client()
    login(page, world.users["drafter"])
    assert 'id="take-back"' in page.get(f"/documents/{document.public_id}").get_data(as_text=True)
    state = db_state()
    r = page.post(f"/documents/{document.public_id}/take-back", data={"file": (io.BytesIO(edited), "edited.docx")},
                  content_type="multipart/form-data")
    assert r.status_code == 303, r.get_data(as_text=True)[:500]
    html = page.get(r.location).get_data(as_text=True)
    assert db_state() == state
    assert "<strong>Edit Article 1</strong>" in html and "<ins" in html and "lasting" in html
    assert "As downloaded</th><th>As it is now here</th><th>As in the file" in html
    assert "Forces shall withdraw at once." in html and "Forces shall withdraw to the agreed positions." in html
    refused = page.post(r.location, data={"digest": "0" * 32})
    assert refused.status_code in (302, 303) and db_state() == state
    digest = html.split('name="digest" value="')[1].split('"')[0]
    done = page.post(r.location, data={"digest": digest, "on_conflict": "skip"})
    assert done.status_code == 303
    outline = texts(document)
    assert outline[0][1][0] == (None, "The Parties commit to lasting peace.")
    assert outline[1][1][0] == (None, "Forces shall withdraw at once.")
    assert page.get(r.location).status_code == 404                       # the preview is spent
    # A party sees no form and cannot use the routes.
    party = make_client()
    login(party, world.users["delegate_a"])
    assert party.post(f"/documents/{document.public_id}/take-back", data={"file": (io.BytesIO(edited), "e.docx")},
                      content_type="multipart/form-data").status_code == 404


def test_wordings_that_read_the_same_are_not_edits():
    from app.export.reimport import canonical
    typed = "Zones:{^1}\n|Zone|By|\n| --- | --- |\n|North|[1 March]|\n{^1}   As agreed."
    read = "Zones:{^1}\n| Zone | By |\n|---|---|\n| North | [1 March] |\n{^1} As agreed."
    assert canonical(typed) == canonical(read) == read
    assert canonical("Peace.{^2}{^1}\n{^1} One.\n{^2} Two.") == "Peace.{^2}{^1}\n{^2} Two.\n{^1} One."
    assert canonical("Plain text.") == "Plain text."


def test_a_draft_made_by_pandoc_goes_round_the_trip_unchanged(client, world, tmp_path):
    """Imported from pandoc's .docx (a table, a footnote, sub-paragraphs), downloaded as the
    clean text, taken back: nothing changes; a word changed in the table is one edit."""
    import shutil
    import subprocess
    from pathlib import Path
    if shutil.which("pandoc") is None:
        skip_or_fail("pandoc is not installed (Debian: pandoc)")
    target = tmp_path / "agreement.docx"
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(target),
                    str(Path(__file__).with_name("material") / "pandoc-agreement.md")], check=True, timeout=120)
    headers = world.headers("mediator")
    made = client.post(f"/api/v1/processes/{world.process.slug}/documents/import", headers=headers,
                       data={"file": (io.BytesIO(target.read_bytes()), "agreement.docx")})
    assert made.status_code == 201, made.get_json()
    document_id = made.get_json()["id"]
    data = client.post(f"/api/v1/documents/{document_id}/export", headers=headers).data
    url = f"/api/v1/documents/{document_id}/import?dry_run=1"
    body = client.post(url, headers=headers, data={"file": (io.BytesIO(data), "a.docx")}).get_json()
    assert body["changes"] == [] and body["conflicts"] == [], body
    edited = Edit(data).retype("[3 / 4]", "[3 / 4]", "[4 / 5]").save()
    body = client.post(url, headers=headers, data={"file": (io.BytesIO(edited), "a.docx")}).get_json()
    assert [(c["op"], c["label"]) for c in body["changes"]] == [("edit", "Article 1")]
    assert "| Movement | [4 / 5] |" in body["changes"][0]["after"]["text"]


def test_an_article_moved_with_track_changes_is_one_move(client, world, doc):
    """Word keeps a moved passage's bookmark at its old place (w:moveFrom): the article at
    its new place (w:moveTo) is still its clause, moved, not a new one."""
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edited = Edit(data).tracked_move("Forces shall withdraw", "A ceasefire shall enter", author="Lars Berg").save()
    body = take_back(client, world, document, edited, dry_run=True).get_json()
    assert [(c["op"], c.get("label")) for c in body["changes"]] == [("move", "Article 3")], body
    assert take_back(client, world, document, edited, digest=body["digest"]).status_code == 200
    assert texts(document) == [
        ("General provisions", [(None, "The Parties commit to peace."),
                                (None, "Forces shall withdraw to agreed positions."),
                                (None, "A ceasefire shall enter into force [in 72 hours / in 7 days].")]),
        ("Security", [])]


def test_an_article_deleted_with_track_changes_is_removed_and_lends_its_anchor_to_no_one(client, world, doc):
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edit = Edit(data)
    p = edit.find("A ceasefire shall enter")
    from tests.export.roundtrip_edit import q
    from lxml import etree
    ppr = p.find(q("pPr"))
    rpr = ppr.find(q("rPr")) if ppr.find(q("rPr")) is not None else etree.SubElement(ppr, q("rPr"))
    etree.SubElement(rpr, q("del"), {q("id"): "990", q("author"): "Amira Haddad"})
    for t in list(p.iter(q("t"))):
        t.tag = q("delText")
    for r in [c for c in p if c.tag == q("r")]:
        holder = etree.Element(q("del"), {q("id"): "991", q("author"): "Amira Haddad"})
        r.addprevious(holder)
        holder.append(r)
    body = take_back(client, world, document, edit.save(), dry_run=True).get_json()
    assert [(c["op"], c.get("label")) for c in body["changes"]] == [("remove", "Article 2")], body


def test_sections_renamed_added_and_reordered_in_word(client, world, doc):
    document, (general, security), (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    edited = (Edit(data).retype("Security", "Security", "Security arrangements")
              .insert_after("Forces shall withdraw", "Final provisions", style="Heading1")
              .insert_after("Final provisions", "This Agreement enters into force on signature.", style="Article")
              .save())
    body = take_back(client, world, document, edited, dry_run=True).get_json()
    def what(c):
        after = c.get("after")
        return c.get("title") or (after["text"] if isinstance(after, dict) else after)
    ops = sorted((c["op"], what(c)) for c in body["changes"])
    assert ops == [("add", "This Agreement enters into force on signature."), ("add_section", "Final provisions"),
                   ("rename_section", "Security arrangements")], body
    assert take_back(client, world, document, edited, digest=body["digest"]).status_code == 200
    assert texts(document) == [
        ("General provisions", [(None, "The Parties commit to peace."),
                                (None, "A ceasefire shall enter into force [in 72 hours / in 7 days].")]),
        ("Security arrangements", [(None, "Forces shall withdraw to agreed positions.")]),
        ("Final provisions", [(None, "This Agreement enters into force on signature.")])]
    # The sections in another order, and the first one's heading and articles deleted.
    data = download(client, world, document)
    edit = Edit(data)
    final = edit.find("Final provisions")
    first = edit.find("General provisions")
    article = edit.find("enters into force on signature")
    final.getparent().remove(final)
    article.getparent().remove(article)
    first.addprevious(final)
    first.addprevious(article)
    edit.delete("commit to peace").delete("A ceasefire shall enter").delete("General provisions")
    body = take_back(client, world, document, edit.save(), dry_run=True).get_json()
    assert sorted(c["op"] for c in body["changes"]) == ["move_section", "remove", "remove", "remove_section"], body
    assert take_back(client, world, document, edit.save(), digest=body["digest"]).status_code == 200
    assert [s.title for s in working_outline(document.id)] == ["Final provisions", "Security arrangements"]


def test_a_clause_deleted_since_the_download_stays_deleted_unless_edited_in_the_file(client, world, doc):
    from app.drafting.operations import delete_clause
    document, _, (peace, ceasefire, withdraw) = doc
    data = download(client, world, document)
    delete_clause(ceasefire.id, ceasefire.current_version_id, actor=world.users["mediator"])
    db.session.commit()
    untouched = take_back(client, world, document, data, dry_run=True).get_json()
    assert untouched["changes"] == [] and untouched["conflicts"] == [], untouched
    assert any("stays deleted" in k for k in untouched["kept"])
    edited = Edit(data).retype("72 hours", "72 hours", "48 hours").save()
    [conflict] = take_back(client, world, document, edited, dry_run=True).get_json()["conflicts"]
    assert conflict["why"] == "deleted in Penholder since the download"


def test_the_version_names_who_edited_where_the_file_says(client, world, doc):
    """Without tracked changes, the file's "last modified by" (Word and LibreOffice write
    it) names the editor in the new version's reason."""
    document, _, (peace, ceasefire, withdraw) = doc
    edit = Edit(download(client, world, document)).retype("commit to peace", "peace", "lasting peace")
    data = edit.save()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "docProps/core.xml":
                    content = content.replace(b"<cp:lastModifiedBy>Mediation team<", b"<cp:lastModifiedBy>Sofia Reyes<")
                target.writestr(info, content)
    body = take_back(client, world, document, out.getvalue(), dry_run=True).get_json()
    assert body["saved_by"] == "Sofia Reyes"
    assert take_back(client, world, document, out.getvalue(), digest=body["digest"]).status_code == 200
    version = db.session.get(ClauseVersion, db.session.get(type(peace), peace.id).current_version_id)
    assert version.reason == "Edited in Word (the file was last saved by Sofia Reyes)"


def edit_in_libreoffice(data: bytes, author: str, replacements: list, tmp_path) -> bytes:
    """The copy edited in LibreOffice with Track Changes on and saved as .docx."""
    import json
    import subprocess
    from pathlib import Path

    from tests.export.libreoffice import UNO_PYTHON, available
    if not available():
        skip_or_fail("LibreOffice with its Python bridge is not installed (Debian: libreoffice-writer-nogui python3-uno)")
    source, target = tmp_path / "in.docx", tmp_path / "out.docx"
    source.write_bytes(data)
    subprocess.run([UNO_PYTHON, str(Path(__file__).with_name("libreoffice_edit.py")), str(source), str(target),
                    author, json.dumps(replacements)], check=True, timeout=300, capture_output=True)
    return target.read_bytes()


def test_edited_in_libreoffice_with_track_changes(client, world, doc, tmp_path):
    document, _, (peace, ceasefire, withdraw) = doc
    edited = edit_in_libreoffice(download(client, world, document), "Ines Moreau",
                                 [["commit to peace", "commit to a lasting peace"], ["72 hours", "48 hours"]],
                                 tmp_path)
    with zipfile.ZipFile(io.BytesIO(edited)) as archive:
        xml = archive.read("word/document.xml")
    assert b"<w:ins " in xml and b"Ines Moreau" in xml           # really tracked
    body = take_back(client, world, document, edited, dry_run=True).get_json()
    assert sorted((c["op"], c["label"]) for c in body["changes"]) == [("edit", "Article 1"), ("edit", "Article 2")]
    assert all(c["authors"] == ["Ines Moreau"] for c in body["changes"])
    assert take_back(client, world, document, edited, digest=body["digest"]).status_code == 200
    assert [c[1] for c in texts(document)[0][1]] == [
        "The Parties commit to a lasting peace.", "A ceasefire shall enter into force [in 48 hours / in 7 days]."]
    version = db.session.get(ClauseVersion, db.session.get(type(peace), peace.id).current_version_id)
    assert version.reason == "Edited in Word (tracked changes by Ines Moreau)"


def test_the_audit_log_says_what_the_round_trip_did(app, client, world, doc):
    from app.audit.describe import describe_page
    from app.audit.models import AuditEntry
    document, _, _ = doc
    edited = Edit(download(client, world, document)).retype("commit to peace", "peace", "lasting peace").save()
    assert take_back(client, world, document, edited).status_code == 200
    entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "document.word_roundtrip")).one()
    with app.test_request_context():
        [described] = describe_page(world.process.id, [entry])
    assert described.what == "took an edited Word copy back in (1 edited)"


# ---------------------------------------------------------------- every kind of edit, drawn

from hypothesis import HealthCheck, assume, given, settings, strategies as st  # noqa: E402

from tests.export import docgen  # noqa: E402

SAFE_WORDS = [w for w in docgen.WORDS if w not in ("Article", "1.")]     # a line "Article 1. ..." is a marker


@st.composite
def plain_sentences(draw) -> str:
    text = " ".join(draw(st.lists(st.sampled_from(SAFE_WORDS), min_size=1, max_size=8)))
    return f"{text[0].upper()}{text[1:]} {next(docgen._serial)}."


@st.composite
def drafts_and_scripts(draw):
    sections = [(f"{draw(plain_sentences())[:-1]} {s + 1}",
                 ["\n".join(draw(plain_sentences()) for _ in range(draw(st.integers(1, 2))))
                  for _ in range(draw(st.integers(0, 3)))]) for s in range(draw(st.integers(1, 3)))]
    if not any(c for _, c in sections):
        sections[0][1].append("The Parties agree.")
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        edits.append((draw(st.sampled_from(docgen.EDIT_KINDS)), draw(st.integers(0, 50)), draw(st.integers(0, 50)),
                      draw(st.integers(0, 50)), draw(plain_sentences()), draw(plain_sentences())))
    return sections, edits


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=drafts_and_scripts())
def test_any_edit_made_in_the_file_goes_back_as_the_same_edit(app, world, case):
    """A first draft in Penholder, its clean copy edited (every kind of change a team
    makes: words, paragraphs, articles added, deleted and moved within and across
    sections, sections added, renamed, removed and reordered), taken back: the working
    draft is then exactly the edited copy, with no conflict."""
    from app.export.gather import meta_for
    from app.export.reimport import apply, base_of, plan
    from app.export.word import read_docx
    from app.export.word.model import ExportClause, ExportSection
    from app.export.word.writers import build_clean
    from app.drafting.operations import add_clause, add_section, create_document
    from app.processes.models import Role
    from app.processes.permissions import Access

    sections, edits = case
    mediator = world.users["mediator"]
    access = Access(mediator.id, world.process, Role.mediator, None)
    document = create_document(access, "Drawn", actor=mediator)
    state = []
    for title, texts_ in sections:
        section = add_section(document, title, actor=mediator)
        state.append((section.id, title, [(add_clause(document, section, t, actor=mediator).id, t) for t in texts_]))
    db.session.commit()
    versions = {c.clause_id: c.version_id for s in working_outline(document.id) for c in s.clauses}
    meta = meta_for(document, None, None, team=True)
    meta.anchors, meta.document_id, meta.base = True, document.id, base_of(document, None)
    meta.section_ids = [key for key, _, _ in state]
    target = docgen.copy_state(state)
    editor = docgen.MemoryEditor(target)
    for edit in edits:
        docgen.apply_edit(edit, target, editor)
    assume(any(clauses for _, _, clauses in target))     # a file emptied of every article is refused
    file_sections = [ExportSection(key, n, title, [ExportClause.from_text(ck, None, text, None, versions.get(ck))
                                                   for ck, text in clauses])
                     for n, (key, title, clauses) in enumerate(target, 1)]
    draft = read_docx(build_clean(meta, file_sections))
    found = plan(document, draft)
    assert found.conflicts == []
    apply(access, document, draft, digest=found.digest, actor=mediator)
    db.session.commit()
    assert [(s.title, [c.text for c in s.clauses]) for s in working_outline(document.id)] == \
        [(title, [text for _, text in clauses]) for _, title, clauses in target]


def test_a_forged_bookmark_shows_no_other_documents_wording(client, world, doc):
    """A bookmark naming this document's clause with another document's version id: the
    conflict shows no wording of that other document."""
    from app.drafting.operations import add_clause, add_section, create_document
    from app.processes.models import Role
    from app.processes.permissions import Access
    document, _, (peace, ceasefire, withdraw) = doc
    other_user = world.users["outsider"]
    other = create_document(Access(other_user.id, world.other_process, Role.mediator, None), "Secret", actor=other_user)
    secret = add_clause(other, add_section(other, "S", actor=other_user), "The secret wording.", actor=other_user)
    db.session.commit()
    data = download(client, world, document)
    forged = data
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "word/document.xml":
                    content = content.replace(f"ph_c{peace.id}_v{peace.current_version_id}".encode(),
                                              f"ph_c{peace.id}_v{secret.current_version_id}".encode())
                if info.filename == "docProps/custom.xml":
                    content = content.replace(b"draft:", b"draft:0")     # the base says nothing was there
                target.writestr(info, content)
        forged = out.getvalue()
    forged = Edit(forged).retype("commit to peace", "peace", "lasting peace").save()
    r = take_back(client, world, document, forged, dry_run=True)
    assert "secret" not in r.get_data(as_text=True)
