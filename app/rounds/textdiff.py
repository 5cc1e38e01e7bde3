"""Word-level diffs of clause texts, for redlines and round summaries.

Negotiators read changes word by word: a character diff of "parties" -> "party"
(``part`` kept, ``ies`` struck, ``y`` inserted) is unreadable in a redline. So texts
are cut into tokens, each distinct token is encoded as one character, diff-match-patch
diffs the encoded strings, and only then are the tokens put back. Every operation
therefore starts and ends on a token boundary.

Tokens (``tokenize``):

* a run of whitespace;
* a word: a run of letters, digits, ``_`` and the combining marks that belong to them
  (Devanagari vowel signs, Arabic harakat...), so ``हिन्दी`` stays one word;
* one character of a script written without spaces (Han, kana, Thai, Lao, Khmer,
  Myanmar), with its combining marks: without a dictionary that is the only honest
  unit, and it is how Chinese and Japanese redlines are read;
* any other single character (punctuation, symbols), with its combining marks, and
  with zero-width-joiner sequences and flag pairs kept whole so emoji are not split.

Concatenating the tokens gives the text back exactly.
"""
from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections import Counter
from functools import cache

from diff_match_patch import diff_match_patch
from markupsafe import Markup, escape

from ..drafting.rendering import redline_html

__all__ = [
    "DIFF_TIMEOUT", "apply_ops_new", "apply_ops_old", "char_diff", "count_words", "diff_stats",
    "render_flat_redline_html", "render_redline_html", "tokenize", "word_diff",
]

Op = tuple[int, str]
DELETE, EQUAL, INSERT = -1, 0, 1

# Seconds diff-match-patch may spend before it settles for a valid, less minimal
# diff. Correctness never depends on it: the operations always rebuild both texts.
DIFF_TIMEOUT = 1.0

_DENSE_SCRIPTS = (
    "\u0e00-\u0eff"          # Thai, Lao
    "\u1000-\u109f"          # Myanmar
    "\u1780-\u17ff"          # Khmer
    "\u3040-\u30ff"          # Hiragana, Katakana
    "\u3400-\u4dbf"          # CJK extension A
    "\u4e00-\u9fff"          # CJK unified ideographs
    "\uf900-\ufaff"          # CJK compatibility ideographs
    "\uff66-\uff9f"          # halfwidth Katakana
    "\U00020000-\U0003ffff"  # CJK extensions B and later
)
_ZWJ = "\u200d"
_FLAG = "[\U0001f1e6-\U0001f1ff]{2}"


def _ranges_to_class(codepoints: list[int]) -> str:
    parts, start, prev = [], None, None
    for cp in codepoints + [-2]:
        if start is not None and cp == prev + 1:
            prev = cp
            continue
        if start is not None:
            span = re.escape(chr(start))
            parts.append(span + "-" + re.escape(chr(prev)) if prev > start else span)
        start = prev = cp
    return "".join(parts)


@cache
def _token_pattern() -> re.Pattern[str]:
    """Built once, on first use: the mark table costs a few ms to derive."""
    planes = list(range(0x20000)) + list(range(0xE0000, min(0xE1000, sys.maxunicode + 1)))
    marks = [cp for cp in planes if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")]
    extra = [0x200C, 0x200D] + list(range(0x1F3FB, 0x1F400)) + list(range(0xE0020, 0xE0080))
    mark = "[" + _ranges_to_class(sorted(set(marks + extra))) + "]"
    word_char = rf"[^\W{_DENSE_SCRIPTS}]"
    return re.compile(
        rf"\s+"
        rf"|{word_char}(?:{word_char}|{mark})*"
        rf"|[{_DENSE_SCRIPTS}]{mark}*"
        rf"|{_FLAG}"
        rf"|.(?:{_ZWJ}[^\s{_ZWJ}]|{mark})*",
        re.DOTALL,
    )


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and single marks; ``"".join(tokenize(t)) == t``."""
    return _token_pattern().findall(text)


def _is_word(token: str) -> bool:
    return any(ch.isalnum() or ch == "_" for ch in token)


# ---------------------------------------------------------------- encoding

# Characters a token may be encoded as, most neutral first: private-use code points
# are neither letters nor spaces, so nothing in diff-match-patch reads meaning into
# them. Surrogates are never used.
_CODE_RANGES = (
    (0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
    (0x0100, 0xD7FF), (0xF900, 0xEFFFF),
)
_MAX_CODES = sum(hi - lo + 1 for lo, hi in _CODE_RANGES)
# Fallback past ~1.1M distinct tokens: the overflow tokens of each side share one
# code that never occurs on the other side, so they simply stop matching. The diff
# is less minimal but still rebuilds both texts, because tokens are restored by
# position, not looked up by code.
_OLD_OVERFLOW, _NEW_OVERFLOW = "\x01", "\x02"


def _codes():
    for lo, hi in _CODE_RANGES:
        for cp in range(lo, hi + 1):
            yield chr(cp)


def _encode(old_tokens: list[str], new_tokens: list[str]) -> tuple[str, str, dict[str, int]]:
    """One character per distinct token; also each code's weight (its token's length)."""
    table: dict[str, str] = {}
    weights: dict[str, int] = {_OLD_OVERFLOW: 1, _NEW_OVERFLOW: 1}
    codes = _codes()
    limit = _MAX_CODES  # read at call time so tests can shrink the alphabet
    for token in old_tokens + new_tokens:  # first-seen order: deterministic codes
        if token not in table and len(table) < limit:
            code = table[token] = next(codes)
            weights[code] = len(token)
    old = "".join(table.get(t, _OLD_OVERFLOW) for t in old_tokens)
    new = "".join(table.get(t, _NEW_OVERFLOW) for t in new_tokens)
    return old, new, weights


def _decode(ops: list[Op], old_tokens: list[str], new_tokens: list[str]) -> list[Op]:
    """Put tokens back by position: one encoded character is one token of its side."""
    result: list[Op] = []
    i = j = 0
    for op, chars in ops:
        n = len(chars)
        if op == INSERT:
            text = "".join(new_tokens[j:j + n])
            j += n
        else:
            text = "".join(old_tokens[i:i + n])
            i += n
            if op == EQUAL:
                j += n
        _append(result, op, text)
    return result


def _append(ops: list[Op], op: int, text: str) -> None:
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + text)
    else:
        ops.append((op, text))


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    return dmp


# ---------------------------------------------------------------- diffs


def word_diff(old: str, new: str) -> list[Op]:
    """Word-level operations ``(-1|0|1, text)`` turning ``old`` into ``new``.

    ``diff_main`` runs on the encoded strings (the lines-to-chars technique, applied
    to tokens), and so does the clean-up, before tokens are restored: run on the
    restored text, diff-match-patch would factor out common characters and split
    words. Adjacent operations of one kind are merged; no operation has empty text.
    """
    if old == new:
        return [(EQUAL, old)] if old else []
    if "\n" in old or "\n" in new:
        return _line_first_diff(old, new)
    return _single_diff(old, new)


def _line_first_diff(old: str, new: str) -> list[Op]:
    """An article of several paragraphs (structure.py) is compared paragraph by
    paragraph first: a paragraph inserted, removed or kept whole stays one, and the
    words of a changed paragraph are compared with the paragraph it replaced (the k-th
    of k removed with the k-th of k added), so a redline never pairs words of unrelated
    paragraphs. Uneven replacements are compared as one run."""
    old_units, new_units = _line_units(old), _line_units(new)
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, old_units, new_units, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append((EQUAL, "".join(old_units[i1:i2])))
        elif tag == "delete":
            ops.append((DELETE, "".join(old_units[i1:i2])))
        elif tag == "insert":
            ops.append((INSERT, "".join(new_units[j1:j2])))
        else:
            ops.extend(_replaced_lines(old_units[i1:i2], new_units[j1:j2]))
    return _merged(ops)


def _line_units(text: str) -> list[str]:
    """The text cut after each run of white space that holds a line break: lines with
    the break (and any spaces around it) after them, so every cut is a token boundary
    and the pieces rebuild the text."""
    units, current = [], []
    for token in tokenize(text):
        current.append(token)
        if "\n" in token and token.isspace():
            units.append("".join(current))
            current = []
    if current or not units:
        units.append("".join(current))
    return units


PAIRING_MIN_SIMILARITY = 0.4
_PAIRING_MAX_CELLS = 2_500


def _replaced_lines(old_units: list[str], new_units: list[str]) -> list[Op]:
    """Lines removed and added at one place: each removed line is compared word by word
    with the added line it most resembles (a monotone alignment maximising similarity,
    pairs below PAIRING_MIN_SIMILARITY left unpaired); the rest are whole deletions and
    insertions. Large blocks are compared as one run."""
    k, m = len(old_units), len(new_units)
    if k == m == 1 or k * m > _PAIRING_MAX_CELLS:
        return _single_diff("".join(old_units), "".join(new_units))
    score = [[0.0] * (m + 1) for _ in range(k + 1)]
    for i in range(k - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            ratio = difflib.SequenceMatcher(None, old_units[i], new_units[j], autojunk=False).ratio()
            paired = score[i + 1][j + 1] + ratio if ratio >= PAIRING_MIN_SIMILARITY else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    ops: list[Op] = []
    i = j = 0
    while i < k or j < m:
        if i < k and j < m:
            ratio = difflib.SequenceMatcher(None, old_units[i], new_units[j], autojunk=False).ratio()
            if ratio >= PAIRING_MIN_SIMILARITY and score[i][j] == score[i + 1][j + 1] + ratio:
                ops.extend(_single_diff(old_units[i], new_units[j]))
                i, j = i + 1, j + 1
                continue
            if score[i][j] == score[i + 1][j]:
                ops.append((DELETE, old_units[i]))
                i += 1
                continue
            ops.append((INSERT, new_units[j]))
            j += 1
        elif i < k:
            ops.append((DELETE, old_units[i]))
            i += 1
        else:
            ops.append((INSERT, new_units[j]))
            j += 1
    return ops


def _single_diff(old: str, new: str) -> list[Op]:
    if old == new:
        return [(EQUAL, old)] if old else []
    start, end = _shared_ends(old, new)
    if start or end:
        ops = ([(EQUAL, old[:start])] if start else []) + \
            _token_diff(old[start:len(old) - end], new[start:len(new) - end])
        if end:
            ops.append((EQUAL, old[len(old) - end:]))
        return _merged(ops)
    return _token_diff(old, new)


def _shared_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of a start and an end both texts share, each cut where a space meets a
    non-space: every tokenisation breaks there, so the shared text is never tokenised
    (the slow part of diffing a long clause with a few words changed)."""
    dmp = _dmp()
    prefix = dmp.diff_commonPrefix(old, new)
    start = prefix - 1                      # the cut and the character before it are shared
    while start > 0 and not (old[start - 1].isspace() and not old[start].isspace()):
        start -= 1
    start = max(start, 0)
    suffix = dmp.diff_commonSuffix(old[start:], new[start:])
    end = suffix - 1
    while end > 0 and not (old[-end - 1].isspace() and not old[-end].isspace()):
        end -= 1
    return start, max(end, 0)


def _merged(ops: list[Op]) -> list[Op]:
    merged: list[Op] = []
    for op, text in ops:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged


def _token_diff(old: str, new: str) -> list[Op]:
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    # Most revisions touch a few words of a long clause: the tokens both ends share are
    # kept as they are and only the middle goes through the machinery below.
    head, limit = 0, min(len(old_tokens), len(new_tokens))
    while head < limit and old_tokens[head] == new_tokens[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_tokens[-1 - tail] == new_tokens[-1 - tail]:
        tail += 1
    inner = _middle_diff(old_tokens[head:len(old_tokens) - tail], new_tokens[head:len(new_tokens) - tail])
    ops = ([(EQUAL, "".join(old_tokens[:head]))] if head else []) + inner
    if tail:
        ops.append((EQUAL, "".join(old_tokens[len(old_tokens) - tail:])))
    return _merged(ops)


def _middle_diff(old_tokens: list[str], new_tokens: list[str]) -> list[Op]:
    if not old_tokens or not new_tokens:
        return [(DELETE, "".join(old_tokens))] if old_tokens else [(INSERT, "".join(new_tokens))]
    old_enc, new_enc, weights = _encode(old_tokens, new_tokens)
    rewrite = _as_rewrite(old_enc, new_enc, old_tokens, new_tokens)
    if rewrite is not None:
        return _decode(rewrite, old_tokens, new_tokens)
    dmp = _dmp()
    ops = dmp.diff_main(old_enc, new_enc, False)
    if _absorb_small_equalities(ops, weights):
        dmp.diff_cleanupMerge(ops)
    return _decode(ops, old_tokens, new_tokens)


REWRITE_SHARE = 0.3     # below this share of words in common, a change is a rewrite
REWRITE_MIN_WORDS = 12


def _as_rewrite(old_enc: str, new_enc: str, old_tokens: list[str], new_tokens: list[str]) -> list[Op] | None:
    """A clause rewritten almost entirely reads best as one deletion and one insertion
    (around any common start and end), and interleaving scraps of a word salad would
    cost diff-match-patch quadratic time for nothing. None when it is a real edit."""
    start = 0
    limit = min(len(old_enc), len(new_enc))
    while start < limit and old_enc[start] == new_enc[start]:
        start += 1
    end = 0
    while end < limit - start and old_enc[-1 - end] == new_enc[-1 - end]:
        end += 1
    old_mid = [t for t in old_tokens[start:len(old_tokens) - end] if not t.isspace()]
    new_mid = [t for t in new_tokens[start:len(new_tokens) - end] if not t.isspace()]
    if min(len(old_mid), len(new_mid)) < REWRITE_MIN_WORDS:
        return None
    shared = sum((Counter(old_mid) & Counter(new_mid)).values())
    if shared >= REWRITE_SHARE * max(len(old_mid), len(new_mid)):
        return None
    ops = [(EQUAL, old_enc[:start])] if start else []
    ops += [(DELETE, old_enc[start:len(old_enc) - end]), (INSERT, new_enc[start:len(new_enc) - end])]
    if end:
        ops.append((EQUAL, old_enc[len(old_enc) - end:]))
    return ops


def _absorb_small_equalities(ops: list[Op], weights: dict[str, int]) -> bool:
    """Turn an equality no longer than the edits on each side of it into an edit.

    This is the first, meaning-making step of diff-match-patch's semantic clean-up,
    done here on the encoded ops so that no word is split, and weighed in characters
    of the real text (a kept "consultations" outweighs an inserted comma), which the
    library's own clean-up cannot know when every token is one character. Its later
    steps (shifting edits and extracting overlaps character by character) are left
    out: on restored text they would cut words apart.
    """
    def weight(encoded: str) -> int:
        return sum(weights[c] for c in encoded)

    changed = False
    equalities: list[int] = []  # indices of equalities that may still be absorbed
    before = [0, 0]  # weight deleted, inserted between the last two equalities
    after = [0, 0]  # weight deleted, inserted since the last equality
    i = 0
    while i < len(ops):
        op, text = ops[i]
        if op == EQUAL:
            equalities.append(i)
            before, after = after, [0, 0]
        else:
            after[op == INSERT] += weight(text)
            if equalities:
                kept = ops[equalities[-1]][1]
                if weight(kept) <= max(before) and weight(kept) <= max(after):
                    j = equalities.pop()
                    ops[j:j + 1] = [(DELETE, kept), (INSERT, kept)]
                    if equalities:  # the one before must be judged again
                        equalities.pop()
                    i = equalities[-1] if equalities else -1
                    before, after = [0, 0], [0, 0]
                    changed = True
        i += 1
    return changed


def char_diff(old: str, new: str) -> list[Op]:
    """Plain character-level diff-match-patch, no clean-up: the benchmarks' baseline."""
    return [(op, text) for op, text in _dmp().diff_main(old, new, False)]


def apply_ops_old(ops: list[Op]) -> str:
    """The text before the change: equal and deleted runs."""
    return "".join(text for op, text in ops if op != INSERT)


def apply_ops_new(ops: list[Op]) -> str:
    """The text after the change: equal and inserted runs."""
    return "".join(text for op, text in ops if op != DELETE)


def count_words(text: str) -> int:
    """Tokens that carry a letter or digit (a Han character counts as one word)."""
    return sum(1 for token in tokenize(text) if _is_word(token))


def diff_stats(ops: list[Op]) -> dict[str, int]:
    """Words added and removed; whitespace and punctuation are not words."""
    added = sum(count_words(text) for op, text in ops if op == INSERT)
    removed = sum(count_words(text) for op, text in ops if op == DELETE)
    return {"words_added": added, "words_removed": removed}


# ---------------------------------------------------------------- HTML

_BR = Markup("<br>\n")


def _html_text(text: str) -> Markup:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return _BR.join(escape(line) for line in lines)


def render_redline_html(ops: list[Op]) -> Markup:
    """Redline as safe HTML: ``<del>``/``<ins>`` around changes, all text escaped, drawn
    with the article's structure (paragraph levels, tables, footnotes: see
    drafting/rendering.py) when either wording has one."""
    return redline_html(ops)


def render_flat_redline_html(ops: list[Op]) -> Markup:
    """Redline of a single line (a title), line breaks as <br>."""
    parts = []
    for op, text in ops:
        body = _html_text(text)
        if op == DELETE:
            parts.append(Markup("<del>{}</del>").format(body))
        elif op == INSERT:
            parts.append(Markup("<ins>{}</ins>").format(body))
        else:
            parts.append(body)
    return Markup("").join(parts)
