"""The SQL visibility filter (permissions.visible_filter, which queries.py reads through)
and the Python check (permissions.can_see_submission) give the same answer for every reader and every kind of
submission: Hypothesis draws submissions of every party, status, kind, sharing and phase,
and the process's current joint mode, and the two must agree row by row."""
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from app.comments.models import Kind, Status, Submission
from app.comments.permissions import can_see_submission, visible_filter
from app.extensions import db
from tests.comments.conftest import access

READERS = ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer")
PARTIES = ("a", "b", "obs")

submission_rows = st.lists(st.fixed_dictionaries({
    "party": st.sampled_from(PARTIES), "status": st.sampled_from(list(Status)),
    "kind": st.sampled_from(list(Kind)), "shared": st.booleans(), "joint": st.booleans()}),
    min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=submission_rows, joint_now=st.booleans())
def test_sql_filter_and_python_check_agree(world, talks, rows, joint_now):
    savepoint = db.session.begin_nested()
    try:
        world.process.joint_mode = joint_now
        made = []
        for row in rows:
            s = Submission(round_id=talks.round.id, clause_id=talks.clauses[0].id,
                           version_id=talks.clauses[0].current_version_id, party_id=world.parties[row["party"]].id,
                           author_id=None, kind=row["kind"], body="x", status=row["status"],
                           shared_with_all=row["shared"], made_in_joint=row["joint"])
            db.session.add(s)
            made.append(s)
        db.session.flush()
        ids = [s.id for s in made]
        for who in READERS:
            reader = access(world, who)
            in_sql = set(db.session.scalars(select(Submission.id).where(Submission.id.in_(ids),
                                                                          visible_filter(reader))))
            in_python = {s.id for s in made if can_see_submission(reader, s)}
            assert in_sql == in_python, (who, joint_now, rows)
    finally:
        savepoint.rollback()


@pytest.mark.parametrize("joint_now", [False, True])
def test_sql_filter_and_python_check_agree_on_every_kind_of_row(world, talks, joint_now):
    """Every combination of party, status, kind, sharing and phase at once (180 rows), so
    that a filter that is wrong for one rare combination fails here every time, not only
    when Hypothesis happens to draw it."""
    world.process.joint_mode = joint_now
    made = []
    for party, status, kind, shared, joint in product(PARTIES, Status, Kind, (False, True), (False, True)):
        s = Submission(round_id=talks.round.id, clause_id=talks.clauses[0].id,
                       version_id=talks.clauses[0].current_version_id, party_id=world.parties[party].id,
                       author_id=None, kind=kind, body="x", status=status, shared_with_all=shared,
                       made_in_joint=joint)
        db.session.add(s)
        made.append(s)
    db.session.flush()
    ids = [s.id for s in made]
    for who in READERS:
        reader = access(world, who)
        in_sql = set(db.session.scalars(select(Submission.id).where(Submission.id.in_(ids), visible_filter(reader))))
        assert in_sql == {s.id for s in made if can_see_submission(reader, s)}, who


def test_the_current_joint_mode_decides_nothing_about_earlier_items(world, talks):
    """The property above, for the one case of the issue, stated plainly."""
    world.process.joint_mode = True
    db.session.flush()
    b = access(world, "delegate_b")
    assert not can_see_submission(b, talks.a_proposal)
    assert talks.a_proposal.id not in set(db.session.scalars(select(Submission.id).where(visible_filter(b))))
