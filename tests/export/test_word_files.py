"""The pure Word writers and reader: valid files, revision marks that accept to the new
text and reject to the old one, comments, hostile text, metadata, and import errors."""
import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timezone

import docx
import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given, settings, strategies as st
from lxml import etree

from app.export.word import (DocxImportError, ExportClause, ExportComment, ExportMeta, ExportSection, MatrixRow,
                             build_clean, build_comments, build_matrix, build_redline, parse_docx)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def meta(**kw):
    base = dict(process_title="Testland Talks", document_title="Framework Agreement", round_label="Rev. 2",
                date=date(2026, 11, 1), marking="CONFIDENTIAL", nauea=True, recipient=None, working_draft=False,
                revision_date=datetime(2026, 11, 1, 9, 30, tzinfo=timezone.utc))
    base.update(kw)
    return ExportMeta(**base)


def document_xml(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _paragraph_text(p, *, accept: bool) -> str | None:
    """The text of a paragraph after accepting or rejecting every revision; None if
    the paragraph itself disappears."""
    mark = p.find("w:pPr/w:rPr/w:ins", NS) if accept is False else p.find("w:pPr/w:rPr/w:del", NS)
    if mark is not None:
        return None
    out = []
    for el in p.iter(f"{{{W}}}t", f"{{{W}}}delText"):
        inside = {a.tag for a in el.iterancestors()}
        if accept and (f"{{{W}}}del" in inside):
            continue
        if not accept and (f"{{{W}}}ins" in inside):
            continue
        out.append(el.text or "")
    return "".join(out)


def body_texts(data: bytes, *, accept: bool) -> list[str]:
    root = document_xml(data)
    texts = [_paragraph_text(p, accept=accept) for p in root.find("w:body", NS).findall("w:p", NS)]
    return [t for t in texts if t is not None]


def ops_of(old: str, new: str):
    dmp = diff_match_patch()
    diffs = dmp.diff_main(old, new)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, text) for op, text in diffs]


def redline_sections(pairs):
    clauses = []
    for i, (old, new) in enumerate(pairs):
        if old is None:
            clauses.append(ExportClause(i, f"Article {i + 1}", new, change="added"))
        elif new is None:
            clauses.append(ExportClause(i, f"Article {i + 1}", "", old_text=old, change="removed"))
        else:
            clauses.append(ExportClause(i, f"Article {i + 1}", new, old_text=old,
                                        change="modified" if old != new else "unchanged", ops=ops_of(old, new)))
    return [ExportSection(1, "General", clauses)]


def expected(pairs, side):
    texts = []
    for i, pair in enumerate(pairs):
        text = pair[0] if side == "old" else pair[1]
        if text is not None:
            texts.append(f"Article {i + 1}. {text}")
    return texts


def test_clean_export_has_title_page_header_numbering_and_nauea():
    sections = [ExportSection(1, "General", [ExportClause(1, "Article 1", "Peace [now / soon].")])]
    data = build_clean(meta(recipient="Beta Movement"), sections)
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    assert "Framework Agreement" in texts and any("Rev. 2 — 2026-11-01" in t for t in texts)
    assert "Copy for: Beta Movement" in texts and any("Nothing is agreed until everything is agreed" in t for t in texts)
    assert "1. General" in texts and "Article 1. Peace [now / soon]." in texts
    header = d.sections[0].header.paragraphs[0].text
    assert "Rev. 2" in header and "Copy for: Beta Movement" in header
    footer_xml = etree.tostring(d.sections[0].footer._element).decode()
    assert "PAGE" in footer_xml
    bracket_run = next(r for p in d.paragraphs for r in p.runs if r.text == "[now / soon]")
    assert bracket_run.bold and bracket_run.font.highlight_color is not None
    assert not any("Nothing is agreed" in t for t in
                   [p.text for p in docx.Document(io.BytesIO(build_clean(meta(nauea=False), sections))).paragraphs])


def test_working_draft_is_marked():
    data = build_clean(meta(working_draft=True, round_label="Working draft"), [])
    assert any("WORKING DRAFT" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_redline_accepts_to_the_new_text_and_rejects_to_the_old():
    pairs = [("The Parties commit to peace.", "The Parties commit to a just peace."),
             ("Forces shall withdraw.", None), (None, "A new clause [in brackets]."),
             ("Unchanged text.", "Unchanged text.")]
    data = build_redline(meta(), redline_sections(pairs))
    accepted, rejected = body_texts(data, accept=True), body_texts(data, accept=False)
    assert [t for t in accepted if t.startswith("Article")] == expected(pairs, "new")
    assert [t for t in rejected if t.startswith("Article")] == expected(pairs, "old")
    root = document_xml(data)
    marks = root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)
    assert marks and {m.get(f"{{{W}}}author") for m in marks} == {"Mediation team"}
    assert {m.get(f"{{{W}}}date") for m in marks} == {"2026-11-01T09:30:00Z"}
    ids = [m.get(f"{{{W}}}id") for m in marks]
    assert len(ids) == len(set(ids))


words = st.lists(st.sampled_from(["peace", "war", "[shall", "/ may]", "the", "Parties", "de", "72", "hours", "é"]),
                 max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), words), st.one_of(st.none(), words))
                .filter(lambda p: p != (None, None)), min_size=1, max_size=6))
def test_redline_accept_and_reject_round_trip(pairs):
    data = build_redline(meta(), redline_sections(pairs))
    assert [t for t in body_texts(data, accept=True) if t.startswith("Article")] == expected(pairs, "new")
    assert [t for t in body_texts(data, accept=False) if t.startswith("Article")] == expected(pairs, "old")


def test_comments_are_anchored_on_their_clauses():
    sections = [ExportSection(1, "General", [ExportClause(7, "Article 1", "Peace."), ExportClause(8, "Article 2", "War.")])]
    when = datetime(2026, 11, 2, tzinfo=timezone.utc)
    comments = [ExportComment(8, "Beta Movement", "BM", when, "Proposal: No war.",
                              [ExportComment(8, "Mediation team", "MT", when, "Noted.")])]
    data = build_comments(meta(recipient="Beta Movement"), sections, comments)
    package = zipfile.ZipFile(io.BytesIO(data))
    comments_xml = package.read("word/comments.xml").decode()
    assert "Proposal: No war." in comments_xml and "Reply — Mediation team: Noted." in comments_xml
    root = document_xml(data)
    anchored = [p for p in root.iter(f"{{{W}}}p") if p.find(".//w:commentRangeStart", NS) is not None]
    assert len(anchored) == 1 and "War." in "".join(anchored[0].itertext())


def test_hostile_text_stays_text():
    nasty = ('<w:fldSimple w:instr="HYPERLINK evil"/> { MERGEFIELD x } & "quotes" \u202eevil\u202c '
             "zero\u200bwidth e\u0301 \x07bell\x00null \ud7ff" + "x" * 5000)
    sections = [ExportSection(1, "<script>alert(1)</script>", [ExportClause(1, "Article 1", nasty)])]
    for data in (build_clean(meta(recipient="<b>X</b>"), sections),
                 build_comments(meta(), sections, [ExportComment(1, "A&B <c>", "AB", datetime.now(timezone.utc), nasty)])):
        d = docx.Document(io.BytesIO(data))       # valid XML
        text = "\n".join(p.text for p in d.paragraphs)
        assert "{ MERGEFIELD x }" in text and "<w:fldSimple" in text and "\u202eevil" in text
        assert "\x07" not in text and "\x00" not in text
        root = document_xml(data)
        assert len(root.findall(".//w:fldSimple", NS)) == 0 and len(root.findall(".//w:instrText", NS)) == 0


def test_metadata_holds_only_what_was_given():
    data = build_clean(meta(recipient="Beta Movement"), [])
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "Mediation team" in core and "python-docx" not in core
    d = docx.Document(io.BytesIO(data))
    assert d.core_properties.author == "Mediation team" and d.core_properties.comments == ""


def test_matrix_is_a_table_with_redlines():
    rows = [MatrixRow("Article 1", "Peace.", [[(0, "Peace"), (1, " now"), (0, ".")], "comment: fine"], "Alpha: accepted — ok")]
    data = build_matrix(meta(), ["Clause", "Circulated wording", "Alpha", "Beta", "Disposition"], rows)
    d = docx.Document(io.BytesIO(data))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Clause", "Circulated wording", "Alpha", "Beta", "Disposition"]
    assert table.rows[1].cells[2].text == "Peace now." and table.rows[1].cells[3].text == "comment: fine"
    assert d.sections[0].page_width > d.sections[0].page_height


def test_reader_round_trips_a_clean_export():
    sections = [ExportSection(1, "General", [ExportClause(1, "Article 1", "Peace [now / soon]."),
                                             ExportClause(2, "Article 2", "12 months after signature.")]),
                ExportSection(2, "Security", [ExportClause(3, "Article 3", "Forces withdraw.")])]
    parsed = parse_docx(build_clean(meta(), sections))
    assert parsed == [("General", ["Peace [now / soon].", "12 months after signature."]),
                      ("Security", ["Forces withdraw."])]


def test_reader_reads_tracked_changes_as_accepted():
    pairs = [("Old words here.", "New words here."), ("Gone.", None), (None, "Added.")]
    parsed = parse_docx(build_redline(meta(), redline_sections(pairs)))
    assert parsed == [("General", ["New words here.", "Added."])]


def test_reader_takes_plain_word_files():
    d = docx.Document()
    d.add_paragraph("Intro text before any heading.")
    d.add_heading("Chapter One", level=1)
    d.add_paragraph("1. The first clause.")
    d.add_paragraph("(a) A lettered clause.")
    d.add_paragraph("")
    out = io.BytesIO()
    d.save(out)
    # "(a)" under "1." is a sub-paragraph of article 1, not an article of its own.
    assert parse_docx(out.getvalue()) == [("Preamble", ["Intro text before any heading."]),
                                          ("Chapter One", ["The first clause.\n(a) A lettered clause."])]


def _zip(files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("data, words", [
    (b"not a zip at all", "not a .docx"),
    (_zip({"hello.txt": "x"}), "no word/document.xml"),
    (_zip({"word/document.xml": "<w:document xmlns:w='x'><unclosed>"}), "not well-formed"),
    (_zip({"word/document.xml": "\0" * 5_000_000}), "suspiciously"),
])
def test_reader_refuses_broken_files_clearly(data, words):
    with pytest.raises(DocxImportError, match=words):
        parse_docx(data)


def test_reader_refuses_truncated_files_and_too_many_clauses():
    good = build_clean(meta(), [ExportSection(1, "S", [ExportClause(i, f"Article {i}", f"Clause {i}.") for i in range(5)])])
    with pytest.raises(DocxImportError):
        parse_docx(good[: len(good) // 2])
    with pytest.raises(DocxImportError, match="more than 3"):
        parse_docx(good, max_clauses=3)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_redline(tmp_path):
    pairs = [("The Parties commit to peace.", "The Parties commit to a just peace."), (None, "Added.")]
    path = tmp_path / "redline.docx"
    path.write_bytes(build_redline(meta(), redline_sections(pairs)))
    subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
                   check=True, timeout=120, capture_output=True)
    text = (tmp_path / "redline.txt").read_text(encoding="utf-8-sig")
    assert "a just peace" in text and "Added." in text
