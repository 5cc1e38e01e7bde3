"""Reading Word drafts as teams write them: Word's multilevel numbering and heading
levels, the hand-made UN layout, preambles, tracked changes and moves, comments,
footnotes, tables, content controls, text boxes, fields, Strict Open XML, brackets."""
import io
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from app.export.word import read_docx
from app.export.word.model import ExportClause, ExportComment, ExportMeta, ExportSection
from app.export.word.writers import build_clean, build_comments
from tests.export.word_material import (
    abstract, as_strict, comment_around, comments, dele, footnote_ref, footnotes, ins, level, num, numbering,
    p, package, r, table, to_bytes)


def outline(draft):
    return [(s.title, [(c.label, c.title, c.text) for c in s.clauses]) for s in draft.sections]


# ---------------------------------------------------------------- Word's own numbering

HEADING_LIST = abstract(0, [level(0, "upperRoman", "Part %1", style="Heading1"),
                            level(1, "decimal", "Chapter %2", style="Heading2"),
                            level(2, "decimal", "Article %3.", style="Heading3", restart=0)], nsid="0F3A21C9")
PARAGRAPH_LIST = abstract(1, [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2"),
                              level(2, "lowerLetter", "(%3)"), level(3, "lowerRoman", "(%4)")], nsid="4B1E77D2")


def test_word_multilevel_lists_linked_to_headings():
    body = "".join([
        p("Transitional justice", style="Heading1"),
        p("The Truth Commission", style="Heading2"),
        p("Establishment", style="Heading3"),
        p("A Truth Commission is established.", num=2),
        p("The Commission shall:", num=2),
        p("investigate violations;", num=2, ilvl=2),
        p("hear victims:", num=2, ilvl=2),
        p("in public;", num=2, ilvl=3),
        p("Its report is public.", num=2, ilvl=1),
        p("Membership", style="Heading3"),
        p("The Commission has seven members.", num=3),          # "Restart at 1"
        p("Members serve for three years.", num=3),
        p("Reparations", style="Heading2"),
        p("Final provisions", style="Heading1"),
        p("Entry into force", style="Heading3"),
        p("This Agreement enters into force on signature."),
    ])
    data = package(body, numbering_xml=numbering(HEADING_LIST, PARAGRAPH_LIST, num(1, 0), num(2, 1),
                                                 num(3, 1, restart_levels=[0])), link_headings_to=1)
    draft = read_docx(data)
    assert outline(draft) == [
        ("Part I: Transitional justice — Chapter 1: The Truth Commission", [
            ("Article 1", "Establishment", "1. A Truth Commission is established.\n2. The Commission shall:\n"
                                           "(a) investigate violations;\n(b) hear victims:\n(i) in public;\n"
                                           "2.1 Its report is public."),
            ("Article 2", "Membership", "1. The Commission has seven members.\n2. Members serve for three years.")]),
        ("Part I: Transitional justice — Chapter 2: Reparations", []),
        ("Part II: Final provisions", [
            ("Article 3", "Entry into force", "This Agreement enters into force on signature.")]),
    ]
    assert draft.empty_sections == ["Part I: Transitional justice — Chapter 2: Reparations"]
    assert any("has no articles" in n for n in draft.notes)


def test_the_issue_draft_of_two_articles_is_two_clauses():
    """"Part I" as Heading 1, "Article N. Title" as Heading 2, automatic (a)/(b)/(c) items and
    2.1 paragraphs: two articles, not six clauses, and no empty section for Part I."""
    items = abstract(2, [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2"), level(2, "lowerLetter", "(%3)")])
    body = "".join([
        p("Part I", style="Heading1"),
        p("Article 1. Truth Commission", style="Heading2"),
        p("The Commission shall:", num=5),
        p("establish the facts;", num=5, ilvl=2),
        p("hear the victims;", num=5, ilvl=2),
        p("publish a report.", num=5, ilvl=2),
        p("Article 2. Reparations", style="Heading2"),
        p("Victims have a right to reparation.", num=6),
        p("A fund is established.", num=6, ilvl=1),
        p("The fund is audited.", num=6, ilvl=1),
    ])
    draft = read_docx(package(body, numbering_xml=numbering(items, num(5, 2), num(6, 2, restart_levels=[0]))))
    assert outline(draft) == [("Part I", [
        ("Article 1", "Truth Commission",
         "1. The Commission shall:\n(a) establish the facts;\n(b) hear the victims;\n(c) publish a report."),
        ("Article 2", "Reparations", "1. Victims have a right to reparation.\n1.1 A fund is established.\n"
                                     "1.2 The fund is audited.")])]
    assert draft.empty_sections == []


def test_without_article_markers_numbered_paragraphs_are_the_articles():
    items = abstract(3, [level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)")])
    body = "".join([
        p("The Parties,"),
        p("Recalling the ceasefire of 1 March,"),
        p("Have agreed as follows:"),
        p("Ceasefire", style="Heading1"),
        p("A ceasefire is declared.", num=7),
        p("It covers:", num=7),
        p("the land;", num=7, ilvl=1),
        p("the sea.", num=7, ilvl=1),
        p("It is monitored."),                        # a continuation paragraph
        p(r("[") + r("3.\tThe Parties consult.]")),   # a bracketed article, numbered by hand
    ])
    draft = read_docx(package(body, numbering_xml=numbering(items, num(7, 3))))
    assert outline(draft) == [
        ("Preamble", [("", None, "The Parties,"), ("", None, "Recalling the ceasefire of 1 March,"),
                      ("", None, "Have agreed as follows:")]),
        ("Ceasefire", [("1.", None, "A ceasefire is declared."),
                       ("2.", None, "It covers:\n(a) the land;\n(b) the sea.\nIt is monitored."),
                       ("3.", None, "[The Parties consult.]")]),
    ]


# ---------------------------------------------------------------- the UN layout by hand

def un_layout() -> bytes:
    d = docx.Document()

    def line(text, *, bold=False, italic=False, centre=False):
        paragraph = d.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    line("AGREEMENT ON TRANSITIONAL JUSTICE", bold=True, centre=True)
    line("between the Government of Northland and the Northland Liberation Movement", centre=True, bold=True)
    line("The Government of Northland and the Northland Liberation Movement (hereinafter “the Parties”),")
    line("Recalling the Framework Agreement of 12 March,")
    line("Have agreed as follows:")
    line("CHAPTER I", bold=True, centre=True)
    line("GENERAL PROVISIONS", bold=True, centre=True)
    line("Article 1", centre=True)
    line("Use of terms", italic=True, centre=True)
    line("For the purposes of this Agreement:")
    line("(a)\t“Parties” means the Government and the Movement;")
    line("(b)\t“victim” means a person who suffered harm.")
    line("Article 2", centre=True)
    line("Scope", italic=True, centre=True)
    line("1.\tThis Agreement applies to acts committed since 1 January 2001.")
    line("2.\tIt does not affect [the Constitution / existing law].")
    line("CHAPTER II", bold=True, centre=True)
    line("TRUTH", bold=True, centre=True)
    line("Article 3", centre=True)
    line("The Commission", italic=True, centre=True)
    line("1.\tA Truth Commission is established.")
    return to_bytes(d)


def test_the_un_layout_typed_by_hand():
    draft = read_docx(un_layout())
    assert outline(draft) == [
        ("Preamble", [("", None, "The Government of Northland and the Northland Liberation Movement "
                                 "(hereinafter “the Parties”),"),
                      ("", None, "Recalling the Framework Agreement of 12 March,"),
                      ("", None, "Have agreed as follows:")]),
        ("CHAPTER I: GENERAL PROVISIONS", [
            ("Article 1", "Use of terms", "For the purposes of this Agreement:\n(a) “Parties” means the Government "
                                          "and the Movement;\n(b) “victim” means a person who suffered harm."),
            ("Article 2", "Scope", "1. This Agreement applies to acts committed since 1 January 2001.\n"
                                   "2. It does not affect [the Constitution / existing law].")]),
        ("CHAPTER II: TRUTH", [("Article 3", "The Commission", "1. A Truth Commission is established.")]),
    ]
    [title_page] = [item for item in draft.left_out if "title-page" in item["what"]]
    assert "AGREEMENT ON TRANSITIONAL JUSTICE" in title_page["what"]


# ---------------------------------------------------------------- tracked changes, moves, comments

def test_tracked_changes_are_accepted_and_a_move_is_read_once():
    moved = "The Commission reports every year."
    body = "".join([
        p("Article 1", style="Heading2"),
        p(r("The Parties ") + dele("may", 1) + ins(r("shall"), 2) + r(" cooperate.")),
        p('<w:moveFromRangeStart w:id="10" w:name="move1" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z"/>'
          '<w:moveFrom w:id="11" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z">' + r(moved) + "</w:moveFrom>"
          '<w:moveFromRangeEnd w:id="10"/>',
          mark='<w:moveFrom w:id="12" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z"/>'),
        p(r("A deleted paragraph ") + dele("that was here", 3),
          mark='<w:del w:id="4" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z"/>'),
        p(r("joins the next one.")),
        p("Article 2", style="Heading2"),
        p(r("Its report is public.")),
        p('<w:moveToRangeStart w:id="13" w:name="move1" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z"/>'
          '<w:moveTo w:id="14" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z">' + r(moved) + "</w:moveTo>"
          '<w:moveToRangeEnd w:id="13"/>'),
        p(ins(r("An inserted paragraph."), 5), mark='<w:ins w:id="6" w:author="Amira Haddad" w:date="2026-11-28T09:15:00Z"/>'),
    ])
    draft = read_docx(package(body))
    texts = [c.text for s in draft.sections for c in s.clauses]
    assert texts == ["The Parties shall cooperate.\nA deleted paragraph joins the next one.",
                     "Its report is public.\nThe Commission reports every year.\nAn inserted paragraph."]
    assert sum(text.count(moved) for text in texts) == 1
    assert any("moved with Track Changes read once" in n for n in draft.notes)
    assert any("read as if all changes were accepted" in n for n in draft.notes)


def test_colleagues_comments_become_notes_on_their_article():
    body = "".join([
        p(comment_around(r("Ceasefire"), 0), style="Heading1"),
        p("Article 1. The ceasefire"),
        p(r("A ceasefire enters into force ") + comment_around(r("[in 72 hours / in 7 days]"), 1) + r(".")),
        p("Article 2. Monitoring"),
        p(r("The mission monitors it.")),
    ])
    data = package(body, comments_xml=comments({0: ("Amira Haddad", "Check the chapter name with the Movement."),
                                                1: ("Jonas Berg", "The Government can live with 7 days.")}))
    draft = read_docx(data)
    first, second = draft.sections[0].clauses
    assert [(n.author, n.text) for n in first.notes] == [
        ("Amira Haddad", "Check the chapter name with the Movement."),
        ("Jonas Berg", "The Government can live with 7 days.")]
    assert first.notes[1].date == "2026-11-28T09:15:00Z" and first.notes[1].initials == "JB"
    assert second.notes == []
    assert any("2 Word comment(s) kept as the team's internal notes" in n for n in draft.notes)


def test_penholders_own_comments_export_keeps_its_comments():
    meta = ExportMeta("Talks", "Agreement", "Rev. 1", __import__("datetime").date(2026, 12, 1), "Confidential",
                      True, None, False)
    sections = [ExportSection(1, "General", [ExportClause(1, "Article 1", "Peace now."),
                                             ExportClause(2, "Article 2", "Forces withdraw.")])]
    when = __import__("datetime").datetime(2026, 12, 1, 10, 0)
    data = build_comments(meta, sections, [ExportComment(2, "Alpha Government", "AG", when, "Too fast.")])
    draft = read_docx(data)
    assert outline(draft) == [("General", [("Article 1", None, "Peace now."), ("Article 2", None, "Forces withdraw.")])]
    assert [(n.author, n.text) for n in draft.sections[0].clauses[1].notes] == [("Alpha Government", "Too fast.")]


# ---------------------------------------------------------------- footnotes, tables, controls, boxes, fields

TEXT_BOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
            'distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
            '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapSquare wrapText="bothSides"/>'
            '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
            '<w:txbxContent>' + p("Boxed: the zone map is in annex II.") + '</w:txbxContent></wps:txbx>'
            '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape id="Text Box 1" type="#_x0000_t202"><v:textbox><w:txbxContent>'
            + p("Boxed: the zone map is in annex II.") + '</w:txbxContent></v:textbox></v:shape></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>')


def test_footnotes_tables_content_controls_text_boxes_and_fields_are_kept():
    body = "".join([
        p("Article 1. Withdrawal", style="Heading2"),
        p(r("Forces withdraw from the zones below.") + footnote_ref(1)),
        table([["Zone", "Forces", "By"], ["North", "200", "[1 March / 1 April]"], ["South | East", "300", "1 May"]],
              header_rows=1),
        '<w:sdt><w:sdtPr><w:alias w:val="Deadline"/><w:tag w:val="deadline"/><w:id w:val="1"/></w:sdtPr>'
        '<w:sdtContent>' + p("Withdrawal ends within 90 days.") + "</w:sdtContent></w:sdt>",
        p(r("See page ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
          'PAGEREF zones \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("4")
          + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r(" and ")
          + '<w:fldSimple w:instr=" SEQ Annex \\* ROMAN ">' + r("annex II") + "</w:fldSimple>" + r(".")),
        p(r("The map:") + TEXT_BOX),
        p(r("Monitors are deployed") + footnote_ref(2) + r(" at once.")),
    ])
    data = package(body, footnotes_xml=footnotes({1: "Zones as in the ceasefire of 1 March.",
                                                  2: "Ten per zone."}))
    [clause] = read_docx(data).sections[0].clauses
    assert clause.title == "Withdrawal"
    assert clause.lines == [
        "Forces withdraw from the zones below.{^1}",
        "| Zone | Forces | By |", "|---|---|---|", "| North | 200 | [1 March / 1 April] |",
        "| South \\| East | 300 | 1 May |",
        "Withdrawal ends within 90 days.",
        "See page 4 and annex II.",
        "The map:", "Boxed: the zone map is in annex II.",
        "Monitors are deployed{^2} at once.",
        "{^1} Zones as in the ceasefire of 1 March.", "{^2} Ten per zone."]


def test_strict_open_xml_reads_like_transitional():
    body = "".join([p("Ceasefire", style="Heading1"), p("Article 1. Declaration"),
                    p("A ceasefire is declared.", num=1)])
    items = abstract(0, [level(0, "lowerLetter", "(%1)")])
    data = as_strict(package(body, numbering_xml=numbering(items, num(1, 0))))
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    draft = read_docx(data)
    assert outline(draft) == [("Ceasefire", [("Article 1", "Declaration", "(a) A ceasefire is declared.")])]
    assert "read as Strict Open XML" in draft.notes


# ---------------------------------------------------------------- brackets

def test_a_bracket_may_span_paragraphs_and_one_left_open_is_reported_by_article():
    body = "".join([
        p("Article 1. Scope"), p("1. The Parties [shall:"), p("(a) consult;"), p("(b) agree.]"),
        p("Article 2. Deadline"), p("[The deadline is 1 March."),
        p("Article 3. Review"), p("It is reviewed yearly.]"),
        p("Article 4. Final"), p("It ends.")])
    draft = read_docx(package(body))
    texts = [c.text for c in draft.sections[0].clauses]
    assert texts == ["1. The Parties [shall:\n(a) consult;\n(b) agree.]", "[The deadline is 1 March.]",
                     "[It is reviewed yearly.]", "It ends."]
    [fix] = draft.bracket_fixes
    assert "Article 2" in fix and "Article 3" in fix


# ---------------------------------------------------------------- Penholder's own export

def test_penholders_clean_export_reads_back_with_its_structure():
    meta = ExportMeta("Talks", "Agreement", "Rev. 1", __import__("datetime").date(2026, 12, 1), "Confidential",
                      True, None, False)
    structured = "1. The Commission shall:\n(a) investigate;\n(b) report."
    sections = [ExportSection(1, "General", [ExportClause(1, "Article 1", "Peace [now / soon]."),
                                             ExportClause(2, "Article 2", structured)]),
                ExportSection(2, "Security", [ExportClause(3, "Article 3", "Forces withdraw.")])]
    draft = read_docx(build_clean(meta, sections))
    assert [(s.title, [c.text for c in s.clauses]) for s in draft.sections] == [
        ("General", ["Peace [now / soon].", structured]), ("Security", ["Forces withdraw."])]


def test_a_un_title_block_above_the_title_is_the_title_page():
    """The symbol and distribution lines stand above the Title in styles of their own."""
    body = "".join([
        p(r("NL/CPA") + r("\tRev. 2"), style="TitleSymbol"), p("Distr.: Restricted", style="TitleDistribution"),
        p("Framework Agreement", style="Title"), p("Negotiating text, Rev. 2", style="Subtitle"),
        p('<w:r><w:br w:type="page"/></w:r>', style="Subtitle"),
        p("General provisions", style="Heading1"), p("Article 1. The Parties commit to peace.")])
    draft = read_docx(package(body))
    assert outline(draft) == [("General provisions", [("Article 1", None, "The Parties commit to peace.")])]
    assert "4 title-page line(s)" in draft.left_out[0]["what"]
