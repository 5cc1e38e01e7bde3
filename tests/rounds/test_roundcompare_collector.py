"""The whole-document comparison stays fast without switching the garbage collector off
for the whole process (a threaded server runs other requests meanwhile): it never calls
gc.disable(), and what it builds per clause is a tuple (one allocation, no attribute
dict per clause)."""
import gc

from app.rounds.roundcompare import ClauseChange, PinnedClause, compare_pins


def _pins(n: int, changed_every: int = 20):
    old = [PinnedClause(i, i, i // 500, i) for i in range(n)]
    new = [PinnedClause(i, i + (i % changed_every == 0), i // 500, i) for i in range(n)]
    return old, new


def test_the_comparison_never_switches_the_collector_off(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    assert gc.isenabled()
    changes = compare_pins(*_pins(30_000))
    assert len(changes) == 30_000 and calls == [] and gc.isenabled()


def test_clause_changes_are_light_tuples():
    changes = compare_pins(*_pins(1_000))
    assert all(isinstance(c, ClauseChange) and isinstance(c, tuple) for c in changes)
    assert not hasattr(changes[0], "__dict__")
    assert changes[0] == ClauseChange(0, "modified", 0, 1, 0, 0, False, 0, 0)
