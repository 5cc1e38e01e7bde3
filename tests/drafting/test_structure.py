"""Reading an article's structure from its text: levels from typed labels, tables,
footnotes, and what a team's edit must fix."""
from hypothesis import given, strategies as st

from app.drafting.rendering import body_html, redline_html
from app.drafting.structure import Paragraph, Table, parse, problems
from app.rounds.textdiff import word_diff

USE_OF_TERMS = """For the purposes of this Agreement:
(a) "Parties" means the Government and the Movement;
(b) "forces" means:
(i) regular forces;
(ii) irregular forces;
(c) "zone" means the area in annex I."""


def levels(text):
    return [(b.label, b.level) for b in parse(text).blocks if isinstance(b, Paragraph)]


def test_levels_come_from_the_labels_whichever_kind_comes_first():
    assert levels(USE_OF_TERMS) == [("", 0), ("(a)", 1), ("(b)", 1), ("(i)", 2), ("(ii)", 2), ("(c)", 1)]
    un = "1. The Commission shall:\n(a) investigate;\n(i) causes;\n(b) report.\n2. It ends."
    assert levels(un) == [("1.", 1), ("(a)", 2), ("(i)", 3), ("(b)", 2), ("2.", 1)]
    assert levels("(1) One.\n(a) Sub.\n(2) Two.") == [("(1)", 1), ("(a)", 2), ("(2)", 1)]


def test_dotted_numbers_nest_by_depth():
    assert levels("1. A.\n1.1 B.\n1.1.1 C.\n1.2 D.\n2. E.\n2.1 F.") == [
        ("1.", 1), ("1.1", 2), ("1.1.1", 3), ("1.2", 2), ("2.", 1), ("2.1", 2)]
    assert levels("2.1 Only sub-paragraphs.\n2.2 Another.") == [("2.1", 1), ("2.2", 1)]


def test_i_v_x_are_letters_when_they_continue_a_letter_list():
    letters = "\n".join(f"({c}) item" for c in "abcdefghijk")
    assert {level for _, level in levels(letters)} == {1}
    assert levels("(a) x\n(i) one\n(ii) two\n(iii) three\n(iv) four\n(v) five\n(b) y") == [
        ("(a)", 1), ("(i)", 2), ("(ii)", 2), ("(iii)", 2), ("(iv)", 2), ("(v)", 2), ("(b)", 1)]
    assert levels("(u) x\n(v) y\n(w) z") == [("(u)", 1), ("(v)", 1), ("(w)", 1)]


def test_unlabelled_paragraphs_continue_at_the_level_before_them():
    assert levels("1. Chapeau:\n(a) first;\nStill (a).\n2. Next.") == [
        ("1.", 1), ("(a)", 2), ("", 2), ("2.", 1)]


def test_words_and_years_are_not_labels():
    assert levels("also) it goes\nDone. Finished.\nI. Roman one.") == [("", 0), ("", 0), ("I.", 1)]


def test_tables_and_footnotes():
    text = ("Forces withdraw as follows:{^1}\n| Zone | Forces | Date |\n|---|---|---|\n"
            "| A | 200 | [1 March / 1 April] |\n| B \\| C | 300 | 1 May |\n{^1} Maps in annex II.")
    body = parse(text)
    table = body.blocks[1]
    assert isinstance(table, Table) and table.header_rows == 1
    assert table.rows == (("Zone", "Forces", "Date"), ("A", "200", "[1 March / 1 April]"), ("B | C", "300", "1 May"))
    assert [(n.mark, n.text) for n in body.footnotes] == [("1", "Maps in annex II.")]
    assert problems(text) == []
    html = str(body_html(text))
    assert '<table class="clause-table"><tr><th>Zone</th>' in html
    assert '<span class="bracket">[1 March / 1 April]</span>' in html
    assert '<sup class="fn-ref">1</sup>' in html and '<div class="footnote"><sup>1</sup> Maps in annex II.</div>' in html


def test_problems_name_what_to_fix():
    assert problems("Text{^1}.") == ['footnote {^1} is referred to but has no line "{^1} text"']
    assert problems("Text.\n{^2} Orphan.") == ["footnote {^2} is given but never referred to"]
    assert problems("A{^1}\n{^1} x\n{^1} y")[0] == "footnote {^1} is given 2 times"
    assert problems("Text.\n{^1} In the title.", title="Title{^1}") == []


def test_a_bracket_may_span_paragraphs_and_is_marked_in_each():
    text = "1. The Parties [shall\n(a) consult;\n(b) agree.]"
    html = str(body_html(text))
    assert html.count('<span class="bracket">') == 5      # the text and the labels inside it


def test_structured_redline_shows_levels_tables_and_notes():
    old = "1. The Commission shall:\n(a) investigate;\n| A | 200 |"
    new = "1. The Commission shall:\n(a) investigate;\n(b) report.\n| A | 300 |\n{^1} x"
    html = str(redline_html(word_diff(old, new)))
    assert '<div class="para lvl-2"><span class="plabel"><ins>(b) </ins></span><ins>report.</ins></div>' in html
    assert "<td><del>200</del><ins>300</ins></td>" in html.replace(" <", "<")
    assert '<div class="footnotes">' in html


@given(st.lists(st.sampled_from(["1. One", "(a) sub", "(i) roman", "text", "| a | b |", "|---|",
                                 "{^1} note", "ref{^1}", "", "[x", "y]", "2.1 dotted"]), max_size=12),
       st.lists(st.sampled_from(["1. One", "(b) sub", "| a | c |", "text more", "{^2} n"]), max_size=6))
def test_any_text_parses_and_renders(old_lines, new_lines):
    old, new = "\n".join(old_lines), "\n".join(new_lines)
    body = parse(old)
    covered = sorted([(b.start, b.end) for b in body.blocks] + [(n.start, n.end) for n in body.footnotes])
    assert all(a <= b for a, b in covered)
    body_html(old)
    redline_html(word_diff(old, new))
