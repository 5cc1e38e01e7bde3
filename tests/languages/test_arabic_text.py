"""The word diff, the bracket parser and the clause renderer on Arabic (issue #22): they
accept any script; here is the check, with Arabic words, Western and Arabic-Indic digits
and brackets in a right-to-left text."""
import pytest

from app.drafting.brackets import BracketError, check_balanced, count_brackets, parse_brackets
from app.drafting.rendering import body_html
from app.rounds.textdiff import word_diff

OPTIONS = "يدخل وقف إطلاق النار حيز النفاذ بعد [72 ساعة / سبعة أيام] من التوقيع."
NESTED = "يتشاور [الطرفان [يجب / يجوز] أن] قبل ٣٠ يوماً."


def test_brackets_in_arabic_are_parsed_with_their_options():
    [bracket] = parse_brackets(OPTIONS)
    assert bracket.options == ("72 ساعة", "سبعة أيام")
    assert OPTIONS[bracket.start] == "[" and OPTIONS[bracket.end - 1] == "]"
    counts = count_brackets(OPTIONS)
    assert (counts.brackets, counts.options) == (1, 2)


def test_nested_brackets_and_arabic_indic_digits():
    counts = count_brackets(NESTED)
    assert (counts.brackets, counts.options) == (2, 2)
    check_balanced(NESTED)


def test_an_unbalanced_arabic_text_is_refused_at_the_right_character():
    text = "تنسحب القوات [خلال ٣٠ يوماً."
    with pytest.raises(BracketError) as err:
        check_balanced(text)
    assert err.value.position == text.index("[")


def test_the_word_diff_works_on_arabic_words():
    old = "تلتزم الأطراف بالسلام."
    new = "تلتزم الأطراف بسلام دائم."
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != 1) == old
    assert "".join(t for op, t in ops if op != -1) == new
    assert (0, "تلتزم الأطراف ") in ops or ops[0][0] == 0
    inserted = "".join(t for op, t in ops if op == 1)
    assert "دائم" in inserted and "الأطراف" not in inserted          # whole words, not letters


def test_the_word_diff_keeps_numbers_whole_in_arabic():
    ops = word_diff("خلال 30 يوماً", "خلال 60 يوماً")
    assert (-1, "30") in ops and (1, "60") in ops


def test_an_arabic_clause_renders_its_brackets_marked():
    html = str(body_html(OPTIONS))
    assert "سبعة أيام" in html and "bracket" in html
