"""Word-level diffs: round trips, token boundaries, scripts, stats and safe HTML."""
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from app.rounds import textdiff
from app.rounds.textdiff import (
    apply_ops_new, apply_ops_old, char_diff, diff_stats, render_flat_redline_html, render_redline_html, tokenize,
    word_diff,
)

# Words from several scripts, so generated texts mix them the way real drafts do.
WORDS = [
    "the", "Parties", "shall", "consult", "ceasefire", "and/or", "Art.", "5",
    "الأطراف", "وقف", "إطلاق", "النار",            # Arabic
    "Стороны", "обязуются", "прекращение",            # Cyrillic
    "停火", "各方", "协议", "第五条",                 # Chinese
    "हिन्दी", "पक्ष", "युद्धविराम", "क्षेत्र",          # Devanagari, with marks
    "ข้อตกลง", "สันติภาพ",                           # Thai
    "👍🏽", "👨‍👩‍👧", "🇺🇳", "1️⃣", "é", "é",          # emoji, combining accent
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", ", ", ". ", "; ", "(", ")", "[", "]", " / ", "—", "", "'"]

piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS))
drafts = st.lists(piece, max_size=40).map("".join)
# Raw Unicode too, for anything the word lists miss (lone marks, odd spaces...).
anything = st.text(max_size=60)


def _boundaries(tokens):
    offsets, at = {0}, 0
    for token in tokens:
        at += len(token)
        offsets.add(at)
    return offsets


def _op_boundaries(ops, other_side):
    offsets, at = {0}, 0
    for op, text in ops:
        if op != other_side:
            at += len(text)
            offsets.add(at)
    return offsets


def check_ops(old, new, ops):
    assert apply_ops_old(ops) == old
    assert apply_ops_new(ops) == new
    assert all(text for _, text in ops)
    assert all(a[0] != b[0] for a, b in zip(ops, ops[1:])), "adjacent ops of one kind"
    # word level: every op starts and ends on a token boundary of its side
    assert _op_boundaries(ops, other_side=1) <= _boundaries(tokenize(old))
    assert _op_boundaries(ops, other_side=-1) <= _boundaries(tokenize(new))


@given(drafts, drafts)
@settings(max_examples=300)
def test_diff_rebuilds_both_texts_on_word_boundaries(old, new):
    check_ops(old, new, word_diff(old, new))


@given(drafts, st.data())
def test_small_edits_of_a_draft(old, data):
    tokens = tokenize(old)
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(tokens)), st.integers(0, 3), piece), max_size=5))
    for at, cut, text in edits:
        tokens[at:at + cut] = [text]
    new = "".join(tokens)
    check_ops(old, new, word_diff(old, new))


@given(anything, anything)
def test_diff_rebuilds_arbitrary_unicode(old, new):
    check_ops(old, new, word_diff(old, new))


@given(st.one_of(drafts, anything))
def test_tokenize_round_trip(text):
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


def test_tokens_keep_words_and_marks_together():
    assert tokenize("The Parties, (jointly) agree.") == [
        "The", " ", "Parties", ",", " ", "(", "jointly", ")", " ", "agree", "."]
    assert tokenize("हिन्दी क्षेत्र") == ["हिन्दी", " ", "क्षेत्र"]
    assert tokenize("وقف إطلاق النار") == ["وقف", " ", "إطلاق", " ", "النار"]
    assert tokenize("Стороны  обязуются") == ["Стороны", "  ", "обязуются"]
    assert tokenize("and/or") == ["and", "/", "or"]
    assert tokenize("e\u0301te\u0301") == ["e\u0301te\u0301"]


def test_scripts_without_spaces_are_cut_per_character():
    assert tokenize("各方同意停火。") == ["各", "方", "同", "意", "停", "火", "。"]
    assert tokenize("ひらがなカタカナ") == list("ひらがなカタカナ")
    assert tokenize("ข้อตกลง") == ["ข้", "อ", "ต", "ก", "ล", "ง"]


def test_emoji_are_not_split():
    assert tokenize("👨‍👩‍👧 👍🏽🇺🇳") == ["👨‍👩‍👧", " ", "👍🏽", "🇺🇳"]


def test_word_diff_never_splits_a_word():
    ops = word_diff("The parties shall consult.", "The party shall not consult!")
    assert ops == [(0, "The "), (-1, "parties"), (1, "party"), (0, " shall "), (1, "not "),
                   (0, "consult"), (-1, "."), (1, "!")]
    # a character diff would keep "part": that is the soup this module avoids
    assert (0, "The part") in char_diff("The parties", "The party")


def test_identical_and_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("same text", "same text") == [(0, "same text")]
    assert word_diff("", "new text") == [(1, "new text")]
    assert word_diff("old text", "") == [(-1, "old text")]


def test_chinese_diff_is_per_character():
    ops = word_diff("各方同意停火", "各方拒绝停火")
    assert ops == [(0, "各方"), (-1, "同意"), (1, "拒绝"), (0, "停火")]


def test_diff_stats_counts_word_tokens_only():
    ops = word_diff("The Parties shall consult.", "The Parties, jointly, shall not consult!")
    assert diff_stats(ops) == {"words_added": 2, "words_removed": 0}
    assert diff_stats([(1, " ... , ; "), (-1, "\n\n")]) == {"words_added": 0, "words_removed": 0}
    assert diff_stats([(1, "停火 क्षेत्र")]) == {"words_added": 3, "words_removed": 0}


def test_alphabet_overflow_falls_back_without_losing_text(monkeypatch):
    monkeypatch.setattr(textdiff, "_MAX_CODES", 3)
    old = "alpha beta gamma delta epsilon zeta"
    new = "alpha beta GAMMA delta epsilon eta zeta"
    ops = word_diff(old, new)
    check_ops(old, new, ops)
    assert ops[0] == (0, "alpha beta ")


def test_many_distinct_tokens():
    old = " ".join(f"w{i}" for i in range(60_000))
    new = " ".join(f"w{i}" for i in range(0, 60_000, 2))
    start = time.perf_counter()
    ops = word_diff(old, new)
    print(f"\nword_diff over 60,000 distinct words: {(time.perf_counter() - start) * 1000:.0f} ms")
    check_ops(old, new, ops)


def test_char_diff_is_plain_dmp():
    ops = char_diff("abc", "abd")
    assert apply_ops_old(ops) == "abc" and apply_ops_new(ops) == "abd"


def test_redline_html_escapes_and_keeps_lines():
    ops = word_diff("<b>Article</b> 1\nThe Parties & others", "<b>Article</b> 2\r\nThe Parties & <script>")
    html = render_redline_html(ops)
    assert isinstance(html, Markup)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    # Each line is a paragraph of the article (structure.py), drawn as a block.
    assert html.count('<div class="para lvl-0">') == 3 and "\n" not in html
    # The flat redline (titles) keeps line breaks as <br>: "\n" became "\r\n", so the
    # line break token changed too, and stays a <br> each side.
    flat = render_flat_redline_html(ops)
    assert "<del>1<br>\n</del><ins>2<br>\n</ins>The Parties" in flat
    assert "\n" not in flat.replace("<br>\n", "")


def test_redline_html_of_plain_ops():
    html = render_redline_html([(0, "a "), (-1, "b"), (1, "c")])
    assert html == Markup("a <del>b</del><ins>c</ins>")
    assert render_redline_html([]) == Markup("")


@given(st.lists(st.tuples(st.sampled_from([-1, 0, 1]), anything)))
def test_redline_html_never_injects_markup(ops):
    html = str(render_redline_html(ops))
    # Only the renderer's own elements, with its own classes: whatever the texts hold.
    allowed = {"del", "ins", "br", "div", "span", "table", "tr", "td", "th", "sup"}
    tags = re.findall(r"<(/?)([a-zA-Z0-9]+)([^>]*)>", html)
    assert {name for _, name, _ in tags} <= allowed
    for _, _, attributes in tags:
        assert re.fullmatch(r'(?: class="(?:para lvl-\d|plabel|clause-table|footnotes?|fn-ref)")?', attributes)
    stripped = re.sub(r"<[^>]*>", "", html)
    assert "<" not in stripped and ">" not in stripped


def test_a_rewrite_is_one_deletion_and_one_insertion_around_what_stays():
    old = "Article text: " + " ".join(f"alpha{i}" for i in range(30)) + " End."
    new = "Article text: " + " ".join(f"omega{i}" for i in range(30)) + " End."
    ops = word_diff(old, new)
    assert [op for op, _ in ops] == [0, -1, 1, 0]
    assert apply_ops_old(ops) == old and apply_ops_new(ops) == new
    # A real edit of a long clause stays word by word.
    edited = old.replace("alpha7", "beta7")
    assert (-1, "alpha7") in word_diff(old, edited) and (1, "beta7") in word_diff(old, edited)
