"""Clause-level comparison of two round snapshots (or a round and the working draft).

A snapshot pins, for every live clause, its version, section and place. Comparing
pins needs no text at all; texts are fetched afterwards only for what changed
(``changed_version_ids``), so the cost of a diff grows with the change, not with a
document of tens of thousands of clauses.

Rules decided here:

* ``added`` / ``removed``: the clause is pinned on one side only.
* ``modified``: pinned on both sides with different versions. If it also moved it
  stays ``modified`` and carries ``moved=True``.
* ``moved``: same version, but in another section, or out of order within its
  section. "Out of order" is measured with a longest increasing subsequence of old
  positions, taken per section over the clauses that stayed in that section: the
  largest set of clauses that kept their relative order stays put and only the others
  are flagged, so one insertion does not flag every clause after it. Reordering whole
  sections is a section-level change and does not flag the clauses inside them.
* Order of the result: new document order; a removed clause follows its nearest old
  predecessor that is still in the new text and did not move (or leads the list if
  there is none), so it is shown where it stood.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from operator import attrgetter
from typing import NamedTuple

from ..drafting.brackets import bracket_texts
from .textdiff import count_words, diff_stats, word_diff

__all__ = [
    "ADDED", "MODIFIED", "MOVED", "REMOVED", "UNCHANGED", "ClauseChange", "PinnedClause",
    "change_of", "changed_version_ids", "compare_pins", "summarise",
]

ADDED, REMOVED, MODIFIED, MOVED, UNCHANGED = "added", "removed", "modified", "moved", "unchanged"
_POSITION = attrgetter("position")


class PinnedClause(NamedTuple):
    """One clause as a snapshot pins it; ``position`` is 0-based over the document.
    (A tuple: a treaty's round has 30,000 of them, built on every diff.)"""

    clause_id: int
    version_id: int
    section_id: int
    position: int


class ClauseChange(NamedTuple):
    """What happened to one clause between two snapshots.

    ``moved`` is also true for a ``modified`` clause that moved. The section fields
    let a caller group changes by section (a removed clause has only an old one).

    A tuple, like PinnedClause: a whole-document comparison builds one per clause
    (30,000 on a treaty), and a tuple is one allocation where a dataclass instance is
    two (the object and its attribute dict). That keeps the comparison fast with the
    cyclic collector running; it used to be switched off around the comparison, which
    switched it off for every thread of the server (docs/performance.md has the figures).
    """

    clause_id: int
    change: str
    old_version_id: int | None
    new_version_id: int | None
    old_position: int | None
    new_position: int | None
    moved: bool = False
    old_section_id: int | None = None
    new_section_id: int | None = None


def _by_clause(pins: list[PinnedClause], side: str) -> dict[int, PinnedClause]:
    index = {pin.clause_id: pin for pin in pins}
    if len(index) != len(pins):
        raise ValueError(f"the {side} snapshot pins a clause twice")
    return index


def longest_increasing_subsequence(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence, in O(n log n).

    Patience sorting: ``tails[k]`` is the smallest value ending an increasing run
    of length k + 1, and each index remembers the index it extends.
    """
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = parent[i]
    return kept


def _moved_clauses(old_index: dict[int, PinnedClause], new_sorted: list[PinnedClause]) -> set[int]:
    """Clause ids present on both sides that changed section or lost their order."""
    moved: set[int] = set()
    stayed: dict[int, list[PinnedClause]] = defaultdict(list)  # section -> new order
    for pin in new_sorted:
        before = old_index.get(pin.clause_id)
        if before is None:
            continue
        if before.section_id != pin.section_id:
            moved.add(pin.clause_id)
        else:
            stayed[pin.section_id].append(pin)
    for pins in stayed.values():
        kept = longest_increasing_subsequence([old_index[p.clause_id].position for p in pins])
        moved.update(p.clause_id for i, p in enumerate(pins) if i not in kept)
    return moved


_new_tuple = tuple.__new__


def change_of(clause_id, change, old_version_id, new_version_id, old_position, new_position,
              moved=False, old_section_id=None, new_section_id=None) -> ClauseChange:
    """A ClauseChange built directly (the NamedTuple's keyword-checking constructor is
    most of a whole-document comparison's time); equal to the normal construction."""
    return _new_tuple(ClauseChange, (clause_id, change, old_version_id, new_version_id, old_position,
                                     new_position, moved, old_section_id, new_section_id))


def _present_change(before: PinnedClause | None, pin: PinnedClause, moved: bool) -> ClauseChange:
    if before is None:
        return change_of(pin.clause_id, ADDED, None, pin.version_id, None, pin.position,
                       new_section_id=pin.section_id)
    if before.version_id != pin.version_id:
        kind = MODIFIED
    else:
        kind = MOVED if moved else UNCHANGED
    return change_of(pin.clause_id, kind, before.version_id, pin.version_id, before.position,
                   pin.position, moved, before.section_id, pin.section_id)


def _removed_by_anchor(old_sorted: list[PinnedClause], new_index: dict[int, PinnedClause],
                       moved: set[int]) -> dict[int | None, list[ClauseChange]]:
    """Removed clauses grouped by the clause they will follow (None: the document start).

    The anchor is the nearest old predecessor still present and not moved: a moved
    neighbour would drag the removed text away from where it stood.
    """
    groups: dict[int | None, list[ClauseChange]] = defaultdict(list)
    anchor: int | None = None
    for pin in old_sorted:
        if pin.clause_id not in new_index:
            groups[anchor].append(change_of(pin.clause_id, REMOVED, pin.version_id, None,
                                          pin.position, None, old_section_id=pin.section_id))
        elif pin.clause_id not in moved:
            anchor = pin.clause_id
    return groups


def compare_pins(old: list[PinnedClause], new: list[PinnedClause]) -> list[ClauseChange]:
    """One ClauseChange per clause of either snapshot, in new document order."""
    return _compare(old, new)


def _compare(old: list[PinnedClause], new: list[PinnedClause]) -> list[ClauseChange]:
    old_index, new_index = _by_clause(old, "old"), _by_clause(new, "new")
    old_sorted = sorted(old, key=_POSITION)
    new_sorted = sorted(new, key=_POSITION)
    moved = _moved_clauses(old_index, new_sorted)
    removed = _removed_by_anchor(old_sorted, new_index, moved)
    result = list(removed.get(None, ()))
    for pin in new_sorted:
        result.append(_present_change(old_index.get(pin.clause_id), pin, pin.clause_id in moved))
        result.extend(removed.get(pin.clause_id, ()))
    return result


def changed_version_ids(changes: list[ClauseChange], *,
                        include_added_removed: bool = False) -> set[int]:
    """Version ids whose texts a word diff needs: old and new of modified clauses.

    With ``include_added_removed`` also the new version of added clauses and the old
    version of removed ones, which is what ``summarise`` needs.
    """
    wanted = (MODIFIED, ADDED, REMOVED) if include_added_removed else (MODIFIED,)
    ids: set[int] = set()
    for change in changes:
        if change.change in wanted:
            ids.update(v for v in (change.old_version_id, change.new_version_id) if v is not None)
    return ids


def _bracket_delta(old_text: str, new_text: str) -> tuple[int, int]:
    """(opened, closed): brackets matched by their normalised text, as multisets.

    Rewording a bracketed passage counts as one closed and one opened: the parties
    face different contested language. Pure counts would hide a bracket resolved
    while another was opened.
    """
    old_b, new_b = Counter(bracket_texts(old_text)), Counter(bracket_texts(new_text))
    return sum((new_b - old_b).values()), sum((old_b - new_b).values())


def _text(texts: dict[int, str], version_id: int | None) -> str:
    try:
        return texts[version_id]
    except KeyError:
        raise KeyError(f"summarise needs the text of version {version_id}; "
                       "fetch changed_version_ids(changes, include_added_removed=True)") from None


def summarise(changes: list[ClauseChange], texts: dict[int, str],
              ops_of: dict[int, list] | None = None) -> dict[str, int]:
    """Counts for a round summary; ``texts`` maps version id to text for the changed
    versions (modified: old and new; added: new; removed: old).

    ``clauses_changed`` is added + removed + modified + moved. Brackets opened and
    closed follow ``_bracket_delta`` (an added clause opens all its brackets, a
    removed one closes all of its own); words are word tokens (see textdiff).
    ``ops_of`` (clause id -> word ops) reuses diffs a caller has computed already.
    """
    summary = dict.fromkeys((ADDED, REMOVED, MODIFIED, MOVED, UNCHANGED), 0)
    opened = closed = added_words = removed_words = 0
    for change in changes:
        summary[change.change] += 1
        if change.change == ADDED:
            text = _text(texts, change.new_version_id)
            opened += len(bracket_texts(text))
            added_words += count_words(text)
        elif change.change == REMOVED:
            text = _text(texts, change.old_version_id)
            closed += len(bracket_texts(text))
            removed_words += count_words(text)
        elif change.change == MODIFIED:
            old_text = _text(texts, change.old_version_id)
            new_text = _text(texts, change.new_version_id)
            o, c = _bracket_delta(old_text, new_text)
            opened, closed = opened + o, closed + c
            ops = (ops_of or {}).get(change.clause_id)
            stats = diff_stats(ops if ops is not None else word_diff(old_text, new_text))
            added_words += stats["words_added"]
            removed_words += stats["words_removed"]
    changed = summary[ADDED] + summary[REMOVED] + summary[MODIFIED] + summary[MOVED]
    return {"clauses_changed": changed, **summary, "brackets_opened": opened,
            "brackets_closed": closed, "words_added": added_words, "words_removed": removed_words}
