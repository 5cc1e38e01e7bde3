"""The status rule's Python and SQL twins (app/agreement/rule.py) agree over random
position sets, on each backend: which positions count, the tallies they make, a
clause's status and a party's view of it."""
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import Integer, String, literal, select, union_all

from app.agreement.rule import (clause_status, clause_status_sql, counts, counts_plain_sql, party_status,
                                party_status_sql, tally, tally_sql)
from app.extensions import db

PINNED = 1
HOLDS = {7: True, 8: False}         # package agreement 7 still holds, 8 lapsed
position = st.tuples(st.sampled_from(["open", "reservation", "agreed"]),    # stance
                     st.sampled_from([PINNED, 2]),                          # the wording it was given on
                     st.sampled_from([None, None, 7, 8]))                   # through a package agreement?
clause = st.fixed_dictionaries({"n_parties": st.integers(0, 4), "brackets": st.integers(0, 2),
                                "positions": st.lists(position, max_size=5), "own": st.integers(0, 5)})


def _sql_tally(positions) -> tuple[int, int]:
    """The SQL twin over the positions as a table of literal rows (a first row that never
    counts, so that it is never empty)."""
    table = union_all(*[select(literal(stance, String).label("stance"), literal(version, Integer).label("version_id"),
                               literal(agreement, Integer).label("package_agreement_id"))
                        for stance, version, agreement in [("agreed", 0, 0)] + list(positions)]).subquery("p")
    counted = counts_plain_sql(table.c.version_id, literal(PINNED), table.c.package_agreement_id)
    agreed, reserved = db.session.execute(select(*tally_sql(counted, table.c.stance))).one()
    return int(agreed), int(reserved)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=clause)
def test_the_sql_twins_say_what_the_python_rule_says(app, case):
    positions, n_parties, brackets = case["positions"], case["n_parties"], case["brackets"]
    counted = [p for p in positions if counts(p[1], PINNED, p[2], HOLDS)]
    agreed, reserved = tally(stance for stance, _, _ in counted)
    # The SQL counts the plain positions (the kept tallies); package ones are added when read.
    plain_agreed, plain_reserved = _sql_tally(positions)
    packaged = tally(stance for stance, _, agreement in counted if agreement is not None)
    assert (plain_agreed + packaged[0], plain_reserved + packaged[1]) == (agreed, reserved)

    status = clause_status(brackets, agreed, reserved, n_parties)
    status_sql = clause_status_sql(literal(brackets), literal(agreed), literal(reserved), n_parties)
    assert db.session.scalar(select(status_sql)) == status
    own = positions[case["own"]] if case["own"] < len(positions) else None
    own_reserved = own is not None and own in counted and own[0] == "reservation"
    assert db.session.scalar(select(party_status_sql(status_sql, literal(brackets), literal(own_reserved)))) \
        == party_status(status, brackets, own_reserved)


def test_the_rule_reads_as_the_domain_says():
    assert clause_status(0, 2, 0, 2) == "agreed"
    assert clause_status(1, 2, 0, 2) == "contested"         # brackets left
    assert clause_status(0, 1, 1, 2) == "contested"         # a counted reservation
    assert clause_status(0, 1, 0, 2) == "open"
    assert clause_status(0, 0, 0, 0) == "open"              # no parties: nothing is agreed
    assert party_status("contested", 0, False) == "open"    # another party's reservation
    assert party_status("contested", 0, True) == "contested"
    assert not counts(2, PINNED, None, HOLDS) and not counts(PINNED, PINNED, 8, HOLDS) and counts(PINNED, PINNED, 7, HOLDS)
