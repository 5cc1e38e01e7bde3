"""The pure Word writers and reader: a UN layout, automatic numbering, revision marks
that accept to the new text and reject to the old one under every kind of change,
comments with their replies, the matrix, hostile text, byte-identical output, metadata,
and import errors. (LibreOffice reads the same files in test_libreoffice.py.)"""
import io
import zipfile
from datetime import date, datetime, timezone

import docx
import pytest
from hypothesis import given, settings, strategies as st

from app.export.redline import align, merge
from app.export.word import (DocxImportError, ExportClause, ExportComment, ExportMeta, ExportSection, MatrixCell,
                             MatrixGroup, MatrixRow, build_clean, build_comments, build_matrix, build_redline,
                             parse_docx)
from app.export.word.base import watermark_bits
from app.export.releases import read_evidence, text_fingerprint
from tests.export.docgen import MemoryEditor, apply_edit, copy_state, edit_scripts, first_drafts, with_keys
from tests.export.wordxml import NS, W, everything, part, state_view, view, xml


def meta(**kw):
    base = dict(process_title="Testland Talks", document_title="Framework Agreement", round_label="Rev. 2",
                date=date(2026, 12, 1), marking="CONFIDENTIAL", nauea=True, recipient=None, working_draft=False,
                revision_date=datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc), symbol="TL/FA/Rev.2")
    base.update(kw)
    return ExportMeta(**base)


def sections_of(state) -> list[ExportSection]:
    out, n = [], 0
    for i, (key, title, clauses) in enumerate(state, 1):
        items = []
        for ckey, text in clauses:
            n += 1
            items.append(ExportClause.from_text(ckey, n, text))
        out.append(ExportSection(key, i, title, items))
    return out


def simple(texts, title="General"):
    return [ExportSection(1, 1, title, [ExportClause.from_text(i + 1, i + 1, t) for i, t in enumerate(texts)])]


# -- the UN layout ----------------------------------------------------------------------

def test_clean_text_is_a_un_negotiating_text_not_a_template():
    data = build_clean(meta(recipient="Beta Movement", font="Garamond", language="fr-FR",
                            original_language="French", release_id="0123456789abcdef01234567"),
                       simple(["Peace [now / soon].", "Second.\nIts second paragraph."]))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any("thumbnail" in n for n in names) and "word/numbering.xml" in names
    body = xml(data)
    section = body.find(".//w:sectPr", NS)
    size = section.find("w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11906", "16838")            # A4
    assert section.find("w:titlePg", NS) is not None
    styles = part(data, "word/styles.xml").decode()
    assert 'w:ascii="Garamond"' in styles and 'w:lang w:val="fr-FR"' in styles
    assert "<w:color " not in styles and "themeColor" not in styles          # no Office-2010 blue headings
    assert "annotation text" in styles and "annotation reference" in styles and "annotation subject" in styles
    numbering = part(data, "word/numbering.xml").decode()
    assert 'w:lvlText w:val="Article %1."' in numbering and 'w:lvlText w:val="%1."' in numbering
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Testland Talks\tTL/FA/Rev.2" in texts and "Distr.: Restricted" in texts
    assert "1 December 2026" in texts and "Original: French" in texts and "Copy for: Beta Movement" in texts
    # Numbers are Word's: no article or section number is typed.
    assert "General" in texts and "Peace [now / soon]." in texts and not any(t.startswith("Article") for t in texts)
    headers = {n: part(data, n).decode() for n in names if n.startswith("word/header") or n.startswith("word/footer")}
    assert "TL/FA/Rev.2" in headers["word/header1.xml"] and "Copy for: Beta Movement" in headers["word/header1.xml"]
    assert "<w:t" not in headers["word/header2.xml"]                       # the title page has no header
    assert all("Nothing is agreed until everything is agreed" in headers[f"word/footer{i}.xml"] for i in (1, 2))
    assert "PAGE" in headers["word/footer1.xml"] and "PAGE" not in headers["word/footer2.xml"]
    assert section.find("w:lnNumType", NS) is None
    lines = xml(build_clean(meta(line_numbering=True), simple(["One."]))).find(".//w:sectPr/w:lnNumType", NS)
    assert lines.get(f"{{{W}}}restart") == "newPage"


def test_brackets_are_marked_with_a_style_across_changes_and_nesting():
    data = build_redline(meta(), merge(simple(["The Parties [agree / commit] to [the [UN] mission]."]),
                                       simple(["The Parties [agree / firmly commit] to [the [UN] mission] now."])))
    bracketed = ["".join(t.text for t in r.iter(f"{{{W}}}t", f"{{{W}}}delText"))
                 for r in xml(data).iter(f"{{{W}}}r") if r.find("w:rPr/w:rStyle[@w:val='Bracketed']", NS) is not None]
    assert "firmly " in bracketed                       # the insertion falls inside a bracket: still marked
    assert "".join(bracketed) == "[agree / firmly commit][the [UN] mission]"


def test_same_copy_same_bytes_and_identifiers_inside():
    args = (meta(release_id="0123456789abcdef01234567", recipient="Beta"), simple(["One.", "Two."] * 20))
    first, second = build_clean(*args), build_clean(*args)
    assert first == second
    for info in zipfile.ZipFile(io.BytesIO(first)).infolist():
        assert info.date_time == (2026, 12, 1, 9, 30, 0)
    evidence = read_evidence(first)
    assert set(evidence.release_ids.values()) == {"0123456789abcdef01234567"}
    assert set(evidence.release_ids) == {"custom property", "document variable", "keywords"}
    assert evidence.copy_for == "Beta"
    pattern = watermark_bits("0123456789abcdef01234567")
    assert evidence.watermark == [pattern[i % 32] for i in range(40)]
    assert evidence.text_sha256 == text_fingerprint(part(first, "word/document.xml"))
    core = part(first, "docProps/core.xml").decode()
    assert "2026-12-01T09:30:00Z" in core and "python-docx" not in core and "Mediation team" in core


def test_working_draft_is_marked():
    data = build_clean(meta(working_draft=True, round_label="Working draft"), [])
    assert any("WORKING DRAFT" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# -- the redline --------------------------------------------------------------------------

def test_paragraphs_of_a_clause_align_first_with_first():
    assert align(["A", "B"], ["B"]) == [(0, 0), (1, None)]
    assert align(["A", "B", "C"], ["A", "X", "C", "D"]) == [(0, 0), (1, 1), (2, 2), (None, 3)]
    assert align(["A"], ["A", "B"], [0], [0, 1]) == [(0, 0), (None, 1)]


def test_redline_tracks_headings_moves_and_paragraph_marks():
    old = with_keys([(None, "General", [(None, "The Parties commit to peace."), (None, "Forces withdraw.")]),
                     (None, "Security", [(None, "Ceasefire now.")]), (None, "Power sharing", [(None, "A council.")])])
    new = copy_state(old)
    editor = MemoryEditor(new)
    editor.rename(2, "Security arrangements")
    editor.move_section(3, 1)
    editor.move(102, 2, 1)                   # across sections
    editor.delete(103)
    editor.add_section("Annex", 4)
    editor.add(editor.state[-1][0], "Annexed text.", 1)
    redline = merge(sections_of(old), sections_of(new))
    data = build_redline(meta(), redline)
    assert view(data, "new") == state_view(new) and view(data, "old") == state_view(old)
    root = xml(data)
    assert root.findall(".//w:moveFromRangeStart", NS) and root.findall(".//w:moveToRangeStart", NS)
    names = {e.get(f"{{{W}}}name") for e in root.iter(f"{{{W}}}moveFromRangeStart")}
    assert names == {e.get(f"{{{W}}}name") for e in root.iter(f"{{{W}}}moveToRangeStart")}
    assert redline.stats == {"sections_added": 1, "sections_removed": 0, "sections_renamed": 1,
                             "sections_moved": 1, "clauses_moved": 2}
    ids = [e.get(f"{{{W}}}id") for tag in ("ins", "del", "moveFrom", "moveTo") for e in root.iter(f"{{{W}}}{tag}")]
    assert len(ids) == len(set(ids))
    marks = root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)
    assert {m.get(f"{{{W}}}author") for m in marks} == {"Mediation team"}
    assert {m.get(f"{{{W}}}date") for m in marks} == {"2026-12-01T09:30:00Z"}


@settings(max_examples=300, deadline=None)
@given(first_drafts(), st.lists(edit_scripts(), min_size=1, max_size=3))
def test_redline_accepts_to_the_newer_round_and_rejects_to_the_older_one(first, rounds):
    """Every kind of change, over several rounds: a redline between any two of them
    accepts to the newer and rejects to the older, paragraph by paragraph, and every
    tracked paragraph holds one kind of change only."""
    states = [with_keys(first)]
    for script in rounds:
        state = copy_state(states[-1])
        editor = MemoryEditor(state)
        for edit in script:
            apply_edit(edit, state, editor)
        states.append(state)
    for older in range(len(states) - 1):
        old, new = states[older], states[-1]
        data = build_redline(meta(), merge(sections_of(old), sections_of(new)))
        assert view(data, "new") == state_view(new)
        assert view(data, "old") == state_view(old)
        for p in xml(data).iter(f"{{{W}}}p"):
            marks = p.find("w:pPr/w:rPr", NS)
            tracked = [c.tag for c in marks] if marks is not None else []
            if tracked:
                wrappers = {c.tag for c in p if c.tag.split("}")[1] in ("ins", "del", "moveFrom", "moveTo")}
                assert wrappers <= set(tracked), "a tracked paragraph mixes kinds of change"


def test_reader_round_trips_a_clean_export_and_reads_a_redline_as_accepted():
    sections = [ExportSection(1, 1, "General", [ExportClause.from_text(1, 1, "Peace [now / soon]."),
                                                ExportClause.from_text(2, 2, "12 months.\nAfter signature.")]),
                ExportSection(2, 2, "Security", [ExportClause.from_text(3, 3, "Forces withdraw.")])]
    assert parse_docx(build_clean(meta(release_id="0" * 24), sections)) == [
        ("General", ["Peace [now / soon].", "12 months.\nAfter signature."]), ("Security", ["Forces withdraw."])]
    moved = [ExportSection(2, 1, "Security", [ExportClause.from_text(3, 1, "Forces withdraw.")]),
             ExportSection(1, 2, "General", [ExportClause.from_text(2, 2, "12 months."),
                                             ExportClause.from_text(4, 3, "Added.")])]
    assert parse_docx(build_redline(meta(), merge(sections, moved))) == [
        ("Security", ["Forces withdraw."]), ("General", ["12 months.", "Added."])]


# -- comments and the matrix ----------------------------------------------------------------

def test_comments_are_dated_when_submitted_and_replies_are_threaded():
    sections = simple(["Peace.", "War.\nMore war."])
    submitted = datetime(2026, 11, 2, 9, 15, tzinfo=timezone.utc)
    replied = datetime(2026, 11, 3, 14, 20, tzinfo=timezone.utc)
    comments = [ExportComment(2, "Beta Movement", "BM", submitted, "Proposal: No war.",
                              [ExportComment(2, "Mediation team", "MT", replied, "Noted.")])]
    data = build_comments(meta(recipient="Beta Movement"), sections, comments)
    root = xml(data, "word/comments.xml")
    items = root.findall("w:comment", NS)
    assert [(c.get(f"{{{W}}}author"), c.get(f"{{{W}}}date")) for c in items] == [
        ("Beta Movement", "2026-11-02T09:15:00Z"), ("Mediation team", "2026-11-03T14:20:00Z")]
    para = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
    parent_id, reply_id = [c.findall("w:p", NS)[-1].get(para) for c in items]
    links = xml(data, "word/commentsExtended.xml")
    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    assert [(e.get(f"{w15}paraId"), e.get(f"{w15}paraIdParent")) for e in links] == [(parent_id, None),
                                                                                     (reply_id, parent_id)]
    body = xml(data)
    starts = [p for p in body.iter(f"{{{W}}}p") if p.find("w:commentRangeStart", NS) is not None]
    ends = [p for p in body.iter(f"{{{W}}}p") if p.find("w:commentRangeEnd", NS) is not None]
    assert "War." in "".join(starts[0].itertext()) and "More war." in "".join(ends[0].itertext())
    assert "word/comments.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_matrix_is_grouped_with_repeated_header_unsplit_rows_and_widths_by_content():
    rows = [MatrixRow("Article 1", "Peace.", [MatrixCell("Proposal: add now", [(0, "Peace"), (1, " now"), (0, ".")],
                                                         ["Reply (Mediation team, 2 November 2026): We will."]),
                                              MatrixCell("Comment: fine")], "Alpha: accepted — ok")]
    groups = [MatrixGroup("1. General", rows), MatrixGroup("2. Security", [MatrixRow("Article 2", "War.",
                                                                                     [MatrixCell(), MatrixCell()], "")])]
    data = build_matrix(meta(), ["Article", "Circulated wording", "Alpha", "Beta", "Disposition"], groups)
    d = docx.Document(io.BytesIO(data))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Article", "Circulated wording", "Alpha", "Beta", "Disposition"]
    assert table.rows[1].cells[0].text == "1. General"
    assert "Peace now." in table.rows[2].cells[2].text and "We will." in table.rows[2].cells[2].text
    assert d.sections[0].page_width > d.sections[0].page_height
    root = xml(data)
    rows_xml = root.findall(".//w:tr", NS)
    assert rows_xml[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows_xml)
    widths = [int(g.get(f"{{{W}}}w")) for g in root.findall(".//w:gridCol", NS)]
    assert sum(widths) == 16838 - 2 * 1418 and widths[0] < widths[1] and len(set(widths)) > 2


# -- hostile text, reader ------------------------------------------------------------------

def test_hostile_text_stays_text():
    nasty = ('<w:fldSimple w:instr="HYPERLINK evil"/> { MERGEFIELD x } & "quotes" \u202eevil\u202c '
             "zero\u200bwidth e\u0301 \x07bell\x00null \ud800 \ud7ff" + "x" * 5000)
    sections = [ExportSection(1, 1, "<script>alert(1)</script>", [ExportClause.from_text(1, 1, nasty)])]
    for data in (build_clean(meta(recipient="<b>X</b>"), sections),
                 build_comments(meta(), sections, [ExportComment(1, "A&B <c>", "AB", datetime.now(timezone.utc),
                                                                 nasty)]),
                 build_redline(meta(), merge(sections, simple(["Plain."])))):
        d = docx.Document(io.BytesIO(data))       # valid XML
        text = "\n".join(p.text for p in d.paragraphs) + "\n".join(t for _, t in view(data, "old"))
        assert "{ MERGEFIELD x }" in text and "<w:fldSimple" in text and "\u202eevil" in text
        assert "\x07" not in text and "\x00" not in text
        root = xml(data)
        assert len(root.findall(".//w:fldSimple", NS)) == 0 and len(root.findall(".//w:instrText", NS)) == 0


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
], ids=["not-a-zip", "no-document-part", "malformed-xml", "zip-bomb"])
def test_reader_refuses_broken_files_clearly(data, words):
    with pytest.raises(DocxImportError, match=words):
        parse_docx(data)


def test_reader_refuses_truncated_files_and_too_many_clauses():
    good = build_clean(meta(), simple([f"Clause {i}." for i in range(5)]))
    with pytest.raises(DocxImportError):
        parse_docx(good[: len(good) // 2])
    with pytest.raises(DocxImportError, match="more than 3"):
        parse_docx(good, max_clauses=3)


def test_everything_helper_reads_every_part():
    assert "Framework Agreement" in everything(build_clean(meta(), simple(["One."])))
