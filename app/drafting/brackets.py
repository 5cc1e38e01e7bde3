"""Square brackets: the drafters' own mark for language that is still contested.

``[text]`` marks a contested passage; ``[option A / option B]`` offers alternatives.
Brackets may nest (``[the Parties [shall / may] consult]``).

Rules decided here (the README and the API rely on them):

* **Option separator.** Inside a bracket, a ``/`` separates alternatives only when it
  has whitespace on at least one side (``[A / B]``, ``[A /B]``, ``[A/ B]``). A slash
  between two non-space characters is part of the text, so ``and/or``, ``1/2`` or a
  URL never split a bracket. Only slashes at the bracket's own level count: a slash
  inside a nested bracket splits the nested one, not its parent.
* **Options** are the alternative texts, whitespace-stripped (inner brackets kept
  verbatim); a bracket without a separator has exactly one option.
* **Counting.** ``BracketCount.brackets`` counts every matched pair, nested ones
  included: each pair is one contested point a party must give up before the clause
  can be agreed. ``BracketCount.options`` counts alternatives offered in brackets that
  have at least two of them (``[A / B]`` -> 2, ``[A / B / C]`` -> 3, ``[x]`` -> 0).
* There is no escape: every ``[`` and ``]`` is a bracket.

Clause text written by the mediation team must balance (``check_balanced``); a party's
proposal may not, so ``count_brackets`` and ``bracket_spans`` never raise and only
count what they can match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext

from ..errors import N_

__all__ = [
    "Bracket", "BracketCount", "BracketError", "bracket_spans", "bracket_texts", "check_balanced",
    "count_brackets", "parse_brackets",
]

# The only characters the scanner needs to look at; everything else is skipped by
# the regex engine, which keeps long texts cheap.
_SIGNIFICANT = re.compile(r"[\[\]/]")
_EXCERPT_RADIUS = 20


class BracketError(ValueError):
    """Unbalanced brackets; ``position`` is the 0-based offset of the offending bracket.

    The message counts characters from 1, as a reader does, and quotes the text
    around the bracket so a drafter can find it without counting.
    """

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Bracket:
    """One matched pair: ``text[start:end]`` includes both brackets."""

    start: int
    end: int
    options: tuple[str, ...]
    depth: int


@dataclass(frozen=True)
class BracketCount:
    """Matched bracket pairs and offered alternatives (see the module rules)."""

    brackets: int = 0
    options: int = 0

    def __add__(self, other: BracketCount) -> BracketCount:
        if not isinstance(other, BracketCount):
            return NotImplemented
        return BracketCount(self.brackets + other.brackets, self.options + other.options)

    def __radd__(self, other):
        # Lets ``sum(counts)`` work with its default start of 0.
        if other == 0:
            return self
        return NotImplemented


_ZERO = BracketCount()


@dataclass
class _Pair:
    """A matched pair found by the scanner, with its own-level separator offsets."""

    start: int
    end: int
    splits: list[int]


def _is_separator(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isspace() or after.isspace()


def _scan(text: str, strict: bool) -> list[_Pair]:
    """Match brackets with a stack, in order of their opening bracket.

    Strict mode raises on the first stray ``]`` or, at the end, on the earliest
    ``[`` left open. Lenient mode ignores both.
    """
    stack: list[_Pair] = []
    pairs: list[_Pair] = []
    for match in _SIGNIFICANT.finditer(text):
        i = match.start()
        char = text[i]
        if char == "[":
            pair = _Pair(i, -1, [])
            stack.append(pair)
            pairs.append(pair)
        elif char == "]":
            if stack:
                stack.pop().end = i + 1
            elif strict:
                raise _error(text, i, N_("']' at character %(n)s has no opening '['"))
        elif stack and _is_separator(text, i):
            stack[-1].splits.append(i)
    if stack and strict:
        raise _error(text, stack[0].start, N_("'[' at character %(n)s is never closed"))
    return [pair for pair in pairs if pair.end >= 0] if stack else pairs


def _error(text: str, position: int, template: str) -> BracketError:
    lo = max(0, position - _EXCERPT_RADIUS)
    hi = min(len(text), position + _EXCERPT_RADIUS + 1)
    excerpt = " ".join(text[lo:hi].split())
    excerpt = ("…" if lo > 0 else "") + excerpt + ("…" if hi < len(text) else "")
    problem = gettext(template, n=position + 1)
    return BracketError(gettext('Unbalanced bracket: %(problem)s, near "%(excerpt)s"', problem=problem,
                                excerpt=excerpt), position)


def _options(text: str, pair: _Pair) -> tuple[str, ...]:
    bounds = [pair.start] + pair.splits + [pair.end - 1]
    return tuple(text[a + 1:b].strip() for a, b in zip(bounds, bounds[1:]))


def parse_brackets(text: str) -> list[Bracket]:
    """Every bracket in order of its opening ``[``, with options and nesting depth.

    Raises BracketError when the brackets do not balance.
    """
    if "[" not in text and "]" not in text:
        return []
    result: list[Bracket] = []
    open_ends: list[int] = []  # ends of the pairs enclosing the current one
    for pair in _scan(text, strict=True):
        while open_ends and open_ends[-1] <= pair.start:
            open_ends.pop()
        result.append(Bracket(pair.start, pair.end, _options(text, pair), len(open_ends)))
        open_ends.append(pair.end)
    return result


def check_balanced(text: str) -> None:
    """Raise BracketError, pointing at the offending bracket, unless brackets balance."""
    if "[" in text or "]" in text:
        _scan(text, strict=True)


def count_brackets(text: str) -> BracketCount:
    """Count matched pairs and offered options; never raises (unmatched ones are skipped)."""
    if "[" not in text:
        return _ZERO
    brackets = options = 0
    for pair in _scan(text, strict=False):
        brackets += 1
        if pair.splits:
            options += len(pair.splits) + 1
    return BracketCount(brackets, options)


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Outermost matched ``(start, end)`` spans, for highlighting; never raises."""
    if "[" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for pair in _scan(text, strict=False):
        if not spans or pair.start >= spans[-1][1]:
            spans.append((pair.start, pair.end))
    return spans


def bracket_texts(text: str) -> list[str]:
    """The text of every matched bracket (nested included), whitespace-normalised.

    Lets a round comparison tell which contested passages were opened or closed,
    not merely how many; never raises.
    """
    if "[" not in text:
        return []
    return [" ".join(text[p.start:p.end].split()) for p in _scan(text, strict=False)]
