"""Clause-level comparison of snapshots, against a brute-force oracle."""
import itertools
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rounds.roundcompare import (
    ClauseChange, PinnedClause, changed_version_ids, compare_pins,
    longest_increasing_subsequence, summarise,
)


def pins(*rows):
    """rows of (clause_id, version_id, section_id), in document order."""
    return [PinnedClause(c, v, s, i) for i, (c, v, s) in enumerate(rows)]


def kinds(changes):
    return [(c.clause_id, c.change) for c in changes]


OLD = pins((1, 10, 1), (2, 20, 1), (3, 30, 1), (4, 40, 2), (5, 50, 2))


def test_nothing_changed():
    changes = compare_pins(OLD, OLD)
    assert kinds(changes) == [(c, "unchanged") for c in (1, 2, 3, 4, 5)]
    assert changes[0] == ClauseChange(1, "unchanged", 10, 10, 0, 0, False, 1, 1)


def test_insertion_does_not_flag_later_clauses_as_moved():
    new = pins((9, 90, 1), (1, 10, 1), (2, 20, 1), (3, 30, 1), (4, 40, 2), (5, 50, 2))
    assert kinds(compare_pins(OLD, new)) == [
        (9, "added"), (1, "unchanged"), (2, "unchanged"), (3, "unchanged"),
        (4, "unchanged"), (5, "unchanged")]


def test_removed_clause_stays_where_it_stood():
    new = pins((1, 10, 1), (3, 30, 1), (5, 50, 2))
    changes = compare_pins(OLD, new)
    assert kinds(changes) == [(1, "unchanged"), (2, "removed"), (3, "unchanged"),
                              (4, "removed"), (5, "unchanged")]
    removed = changes[1]
    assert (removed.old_version_id, removed.new_version_id) == (20, None)
    assert (removed.old_position, removed.new_position, removed.old_section_id) == (1, None, 1)


def test_removed_first_clause_leads():
    new = pins((2, 20, 1), (3, 30, 1), (4, 40, 2), (5, 50, 2))
    assert kinds(compare_pins(OLD, new))[:2] == [(1, "removed"), (2, "unchanged")]


def test_one_clause_moved_down():
    new = pins((2, 20, 1), (3, 30, 1), (1, 10, 1), (4, 40, 2), (5, 50, 2))
    assert kinds(compare_pins(OLD, new)) == [
        (2, "unchanged"), (3, "unchanged"), (1, "moved"), (4, "unchanged"), (5, "unchanged")]


def test_cross_section_move():
    new = pins((1, 10, 1), (3, 30, 1), (2, 20, 2), (4, 40, 2), (5, 50, 2))
    changes = compare_pins(OLD, new)
    assert kinds(changes) == [
        (1, "unchanged"), (3, "unchanged"), (2, "moved"), (4, "unchanged"), (5, "unchanged")]
    assert (changes[2].old_section_id, changes[2].new_section_id) == (1, 2)


def test_modified_and_moved():
    new = pins((1, 10, 1), (2, 21, 1), (3, 30, 1), (5, 50, 2), (4, 41, 2))
    changes = {c.clause_id: c for c in compare_pins(OLD, new)}
    assert changes[2].change == "modified" and not changes[2].moved
    assert (changes[2].old_version_id, changes[2].new_version_id) == (20, 21)
    # 4 and 5 swapped: one of them is out of order
    assert {changes[4].moved, changes[5].moved} == {True, False}
    assert changes[4].change == "modified"
    assert changes[5].change == ("moved" if changes[5].moved else "unchanged")


def test_reordering_sections_is_not_a_clause_move():
    new = pins((4, 40, 2), (5, 50, 2), (1, 10, 1), (2, 20, 1), (3, 30, 1))
    assert {c.change for c in compare_pins(OLD, new)} == {"unchanged"}


def test_a_clause_pinned_twice_is_refused():
    with pytest.raises(ValueError):
        compare_pins(OLD, OLD + [PinnedClause(1, 10, 1, 9)])


def test_input_order_does_not_matter():
    new = pins((2, 20, 1), (1, 11, 1), (6, 60, 2), (5, 50, 2))
    assert compare_pins(OLD[::-1], new[::-1]) == compare_pins(OLD, new)


@pytest.mark.parametrize("values", [[], [5], [3, 1, 2], [1, 2, 3], [3, 2, 1], [2, 5, 1, 3, 4, 0, 6]])
def test_lis_is_longest_and_increasing(values):
    kept = sorted(longest_increasing_subsequence(values))
    chosen = [values[i] for i in kept]
    assert chosen == sorted(chosen) and len(set(chosen)) == len(chosen)
    assert len(kept) == _brute_lis_length(values)


# ------------------------------------------------------------------ oracle

def _brute_lis_length(values):
    for size in range(len(values), 0, -1):
        for combo in itertools.combinations(values, size):
            if list(combo) == sorted(combo):
                return size
    return 0


@st.composite
def snapshots(draw):
    """Two snapshots: sections are contiguous blocks, as in a real document."""
    n = draw(st.integers(0, 9))
    old_rows = sorted((draw(st.integers(0, 2)), i) for i in range(n))
    old = [PinnedClause(cid, cid * 10, sec, pos) for pos, (sec, cid) in enumerate(old_rows)]
    new_rows = []
    for pin in old:
        if draw(st.booleans()) or draw(st.booleans()):  # kept 3 times in 4
            version = pin.version_id + draw(st.sampled_from([0, 0, 1]))
            section = draw(st.sampled_from([pin.section_id] * 3 + [0, 1, 2]))
            key = draw(st.sampled_from([pin.position] * 2 + [draw(st.integers(-1, 10))]))
            new_rows.append((section, key, pin.clause_id, version))
    for extra in range(draw(st.integers(0, 3))):
        cid = 100 + extra
        new_rows.append((draw(st.integers(0, 2)), draw(st.integers(-1, 10)), cid, cid * 10))
    new_rows.sort()
    new = [PinnedClause(cid, ver, sec, pos) for pos, (sec, _, cid, ver) in enumerate(new_rows)]
    return old, new


def _oracle_kinds(old, new):
    old_by, new_by = {p.clause_id: p for p in old}, {p.clause_id: p for p in new}
    expected = {}
    for cid in old_by.keys() | new_by.keys():
        if cid not in new_by:
            expected[cid] = "removed"
        elif cid not in old_by:
            expected[cid] = "added"
        elif old_by[cid].version_id != new_by[cid].version_id:
            expected[cid] = "modified"
        else:
            expected[cid] = "unchanged-or-moved"
    return expected


@given(snapshots())
@settings(max_examples=400)
def test_compare_pins_matches_brute_force(pair):
    old, new = pair
    changes = compare_pins(old, new)
    old_by, new_by = {p.clause_id: p for p in old}, {p.clause_id: p for p in new}
    by_id = {c.clause_id: c for c in changes}
    assert len(by_id) == len(changes) == len(old_by.keys() | new_by.keys())

    for cid, kind in _oracle_kinds(old, new).items():
        change = by_id[cid]
        if kind == "unchanged-or-moved":
            assert change.change == ("moved" if change.moved else "unchanged")
        else:
            assert change.change == kind
        if kind in ("added", "removed"):
            assert not change.moved

    # moves: a changed section always; within a section, as few as possible
    for cid, change in by_id.items():
        if cid in old_by and cid in new_by and old_by[cid].section_id != new_by[cid].section_id:
            assert change.moved
    for section in {p.section_id for p in new}:
        stayed = [p for p in sorted(new, key=lambda p: p.position)
                  if p.section_id == section and p.clause_id in old_by
                  and old_by[p.clause_id].section_id == section]
        old_positions = [old_by[p.clause_id].position for p in stayed]
        still = [old_by[p.clause_id].position for p in stayed if not by_id[p.clause_id].moved]
        assert still == sorted(still)
        assert len(still) == _brute_lis_length(old_positions)

    # order: present clauses in new order; each removed one after its nearest old
    # predecessor that is present and did not move
    present = [c.clause_id for c in changes if c.change != "removed"]
    assert present == [p.clause_id for p in sorted(new, key=lambda p: p.position)]
    old_order = [p.clause_id for p in sorted(old, key=lambda p: p.position)]
    sequence = [c.clause_id for c in changes]
    for index, cid in enumerate(old_order):
        if by_id[cid].change != "removed":
            continue
        anchors = [a for a in old_order[:index] if a in new_by and not by_id[a].moved]
        at = sequence.index(cid)
        before = [s for s in sequence[:at] if by_id[s].change != "removed"]
        assert (before[-1] if before else None) == (anchors[-1] if anchors else None)


# ------------------------------------------------------------------ texts

def test_changed_version_ids_are_only_what_a_diff_needs():
    new = pins((1, 11, 1), (3, 30, 1), (2, 20, 1), (6, 60, 2), (5, 50, 2))
    changes = compare_pins(OLD, new)
    assert changed_version_ids(changes) == {10, 11}
    assert changed_version_ids(changes, include_added_removed=True) == {10, 11, 40, 60}


def test_summarise_counts_clauses_brackets_and_words():
    new = pins((1, 11, 1), (3, 30, 1), (2, 20, 1), (6, 60, 2), (5, 51, 2))
    changes = compare_pins(OLD, new)
    texts = {
        10: "The Parties [shall / may] consult [regularly].",
        11: "The Parties shall consult [regularly] [in good faith].",
        40: "Removed [text] here.",
        60: "An added clause with [one / two] options.",
        50: "Amnesty [shall not] apply.",
        51: "Amnesty [shall not] apply.",  # new version, same words
    }
    summary = summarise(changes, {v: texts[v] for v in changed_version_ids(changes, include_added_removed=True)
                                  | {50, 51}})
    assert summary == {
        # 1, 3, 2: the longest kept order is 1, 2, so 3 is the one that moved
        "clauses_changed": 5, "added": 1, "removed": 1, "modified": 2, "moved": 1,
        "unchanged": 1,
        # 10->11: [shall / may] closed, [in good faith] opened; 60 opens 1; 40 closes 1
        "brackets_opened": 2, "brackets_closed": 2,
        # 11: "in good faith" (3); 60: 7 words | 10: "may" (1); 40: 3 words
        "words_added": 10, "words_removed": 4,
    }


def test_summarise_names_a_missing_text():
    changes = compare_pins(OLD, pins((1, 11, 1)))
    with pytest.raises(KeyError, match="version 11"):
        summarise(changes, {10: "old text"})


def test_summarise_of_nothing():
    summary = summarise(compare_pins(OLD, OLD), {})
    assert summary["clauses_changed"] == 0 and summary["unchanged"] == 5
    assert summary["words_added"] == summary["brackets_opened"] == 0


# ------------------------------------------------------------------ scale

def test_thirty_thousand_clauses_smoke():
    rng = random.Random(7)
    n = 30_000
    old = [PinnedClause(i, i, i // 150, i) for i in range(n)]
    order = list(range(n))
    for _ in range(200):  # drafters drag clauses around
        order.insert(rng.randrange(n), order.pop(rng.randrange(n)))
    rows = [(c // 150, k, c, c + (c % 40 == 0)) for k, c in enumerate(order) if c % 101]
    rows += [(rng.randrange(200), rng.randrange(n), n + i, n + i) for i in range(300)]
    rows.sort()
    new = [PinnedClause(c, v, s, pos) for pos, (s, _, c, v) in enumerate(rows)]
    start = time.perf_counter()
    changes = compare_pins(old, new)
    elapsed = time.perf_counter() - start
    counts = {kind: sum(c.change == kind for c in changes)
              for kind in ("added", "removed", "modified", "moved", "unchanged")}
    print(f"\ncompare_pins, 30,000 clauses: {elapsed * 1000:.1f} ms {counts}")
    assert counts["added"] == 300 and counts["removed"] == len(range(0, n, 101))
    assert counts["moved"] < 400  # 200 drags, not an avalanche after each one
