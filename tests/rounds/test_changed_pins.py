"""The database's list of changed clauses must be exactly what comparing every pin
says, without the unchanged ones: same changes, same order, same unchanged count."""
import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import delete

from app.extensions import db
from app.rounds.changed_pins import changed_between
from app.rounds.models import Round, RoundPin
from app.rounds.roundcompare import PinnedClause, compare_pins

from .test_roundcompare import pins, snapshots


@pytest.fixture
def two_rounds(doc):
    document = doc[0]
    rounds = [Round(document_id=document.id, number=n) for n in (1, 2)]
    db.session.add_all(rounds)
    db.session.flush()
    return rounds


def stored(rounds, old, new):
    db.session.execute(delete(RoundPin).where(RoundPin.round_id.in_([r.id for r in rounds])))
    db.session.add_all(RoundPin(round_id=r.id, **p._asdict()) for r, side in zip(rounds, (old, new)) for p in side)
    db.session.flush()
    return changed_between(rounds[0].id, rounds[1].id)


def expected(old, new):
    changes = compare_pins(old, new)
    return [c for c in changes if c.change != "unchanged"], sum(c.change == "unchanged" for c in changes)


@given(pair=snapshots())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_matches_comparing_every_pin(two_rounds, pair):
    old, new = pair
    assert stored(two_rounds, old, new) == expected(old, new)


def test_reordering_moves_removals_and_sections_together(two_rounds):
    old = pins((1, 10, 1), (2, 20, 1), (3, 30, 1), (4, 40, 1), (5, 50, 2), (6, 60, 2), (7, 70, 2))
    # 4 jumps to the front (reordered), 2 is removed, 3 reworded, 6 goes to section 1,
    # 8 is added and 7 removed: its predecessor 6 moved, so it is placed after 5.
    new = pins((4, 40, 1), (1, 10, 1), (3, 31, 1), (6, 60, 1), (8, 80, 2), (5, 50, 2))
    found = stored(two_rounds, old, new)
    assert found == expected(old, new)
    assert {c.clause_id: c.change for c in found[0]} == {
        4: "moved", 2: "removed", 3: "modified", 6: "moved", 8: "added", 7: "removed"}


def test_identical_rounds(two_rounds):
    same = [PinnedClause(c, c * 10, 1, c - 1) for c in range(1, 6)]
    assert stored(two_rounds, same, same) == ([], 5)
