"""Square brackets: parsing, error positions, and counters that never raise."""
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.drafting.brackets import (
    Bracket, BracketCount, BracketError, bracket_spans, check_balanced, count_brackets,
    parse_brackets,
)


def test_plain_text_has_no_brackets():
    assert parse_brackets("The Parties agree.") == []
    assert count_brackets("The Parties agree.") == BracketCount(0, 0)
    assert bracket_spans("The Parties agree.") == []
    check_balanced("The Parties agree.")


def test_plain_bracket_has_one_option():
    text = "The Parties [shall] consult."
    assert parse_brackets(text) == [Bracket(12, 19, ("shall",), 0)]
    assert text[12:19] == "[shall]"


def test_options_split_on_spaced_slash_and_are_stripped():
    (bracket,) = parse_brackets("[ shall  /may/ must ]")
    assert bracket.options == ("shall", "may", "must")
    # the rule: a slash with whitespace on at least one side separates
    assert parse_brackets("[shall /may]")[0].options == ("shall", "may")
    assert parse_brackets("[shall/ may]")[0].options == ("shall", "may")
    assert parse_brackets("[a / b / c]")[0].options == ("a", "b", "c")


def test_slash_inside_a_word_is_text():
    (bracket,) = parse_brackets("[the Government and/or the Movement]")
    assert bracket.options == ("the Government and/or the Movement",)
    assert parse_brackets("[1/2 of the forces / all forces]")[0].options == (
        "1/2 of the forces", "all forces")
    assert parse_brackets("[see https://un.org/a]")[0].options == ("see https://un.org/a",)


def test_nested_brackets_have_depth_and_split_only_their_own_level():
    text = "[The Parties [shall / may] consult / The mediator decides] [x]"
    outer, inner, last = parse_brackets(text)
    assert outer.depth == 0 and inner.depth == 1 and last.depth == 0
    assert outer.options == ("The Parties [shall / may] consult", "The mediator decides")
    assert inner.options == ("shall", "may")
    assert text[inner.start:inner.end] == "[shall / may]"
    assert text[outer.start:outer.end] == text[:outer.end] and text[outer.end - 1] == "]"
    assert bracket_spans(text) == [(outer.start, outer.end), (last.start, last.end)]


def test_deep_nesting():
    brackets = parse_brackets("[a [b [c] d] e]")
    assert [b.depth for b in brackets] == [0, 1, 2]
    assert [b.options for b in brackets] == [("a [b [c] d] e",), ("b [c] d",), ("c",)]


def test_empty_options_are_kept():
    assert parse_brackets("[]")[0].options == ("",)
    assert parse_brackets("[ / B]")[0].options == ("", "B")


@pytest.mark.parametrize("text, position, phrase", [
    ("The Parties shall] consult", 17, "']' at character 18 has no opening '['"),
    ("The [Parties shall consult", 4, "'[' at character 5 is never closed"),
    ("[a] [b [c] d", 4, "'[' at character 5 is never closed"),
    ("[a]] [b", 3, "']' at character 4 has no opening '['"),
    ("[[a]", 0, "'[' at character 1 is never closed"),
])
def test_unbalanced_brackets_point_at_the_offender(text, position, phrase):
    for check in (check_balanced, parse_brackets):
        with pytest.raises(BracketError) as info:
            check(text)
        assert info.value.position == position
        assert text[position] in "[]"
        assert phrase in str(info.value)
        assert isinstance(info.value, ValueError)


def test_error_message_quotes_a_short_excerpt():
    text = "x" * 100 + " the Parties ] shall " + "y" * 100
    with pytest.raises(BracketError) as info:
        check_balanced(text)
    message = str(info.value)
    assert info.value.position == 113
    assert "the Parties ] shall" in message
    assert "…" in message and len(message) < 150


def test_counting_rules():
    assert count_brackets("[a]") == BracketCount(1, 0)
    assert count_brackets("[a / b]") == BracketCount(1, 2)
    assert count_brackets("[a / b / c] and [d]") == BracketCount(2, 3)
    # nested pairs are contested points too
    assert count_brackets("[a [b / c] d]") == BracketCount(2, 2)
    assert count_brackets("[a [b] / c]") == BracketCount(2, 2)
    assert count_brackets("and/or [x/y]") == BracketCount(1, 0)


def test_counters_never_raise_and_count_what_matches():
    assert count_brackets("] [a / b] [") == BracketCount(1, 2)
    assert count_brackets("[a [b] c") == BracketCount(1, 0)
    assert count_brackets("]]][[[") == BracketCount(0, 0)
    assert bracket_spans("] [a [b] c] [ d") == [(2, 11)]
    assert bracket_spans("[a [b] c") == [(3, 6)]


def test_counts_add_up():
    total = count_brackets("[a / b]") + count_brackets("[c]") + count_brackets("none")
    assert total == BracketCount(2, 2)
    assert sum([BracketCount(1, 2), BracketCount(3, 0)]) == BracketCount(4, 2)


BRACKETY = st.text(alphabet=st.sampled_from("ab /[]\n-"), max_size=40)


@given(BRACKETY)
def test_counters_never_raise_on_anything(text):
    count = count_brackets(text)
    spans = bracket_spans(text)
    assert count.brackets >= len(spans)
    assert count.options == 0 or count.options >= 2
    for start, end in spans:
        assert text[start] == "[" and text[end - 1] == "]"
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@given(BRACKETY)
def test_strict_and_lenient_agree_on_balanced_text(text):
    try:
        brackets = parse_brackets(text)
    except BracketError as err:
        assert text[err.position] in "[]"
        return
    assert count_brackets(text).brackets == len(brackets)
    assert bracket_spans(text) == [(b.start, b.end) for b in brackets if b.depth == 0]
    assert count_brackets(text).options == sum(len(b.options) for b in brackets if len(b.options) > 1)


def test_counting_a_large_document_is_fast():
    words = ("The Parties shall ensure the protection of civilians in all areas " * 10).strip()
    plain = [words] * 30_000
    bracketed = [words + " [shall / may] [ensure]"] * 3_000
    start = time.perf_counter()
    total = sum(count_brackets(text) for text in plain + bracketed)
    elapsed = time.perf_counter() - start
    assert total == BracketCount(6_000, 6_000)
    print(f"\ncount_brackets over 33,000 clauses (~3.3M words): {elapsed * 1000:.1f} ms")
