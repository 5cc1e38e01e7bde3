"""The status of agreement is written twice: in SQL for a whole document
(summary.document_summary, the kept tallies grouped by section) and in Python per clause
(queries.status_for and visibility.shown_to). Packages are filtered twice too: as a list
(permissions.visible_packages) and one by one (permissions.can_see_package).

Hypothesis draws worlds of positions (each party's stance on each clause, before and after
a clause is changed and circulated again), packages (some holding a clause of the working
draft only), and the process's settings (NAUEA, the shared matrix, the status shared with
observers), and for every reader the two must give the same answer."""
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from app.agreement.models import Package
from app.agreement.operations import create_package, set_position
from app.agreement.permissions import can_see_package, sees_agreement, visible_packages
from app.agreement.queries import status_for
from app.agreement.serialize import status_json
from app.agreement.visibility import shown_to
from app.agreement.summary import document_summary
from app.drafting.operations import add_clause, edit_clause
from app.extensions import db
from app.rounds.models import RoundPin
from app.rounds.operations import circulate_round
from app.rounds.queries import latest_round
from tests.comments.conftest import access
from tests.helpers import pid

READERS = ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer")
STANCES = st.sampled_from([None, "open", "reservation", "agreed"])
# Per clause (three circulated ones), the stance of party a and of party b.
positions = st.lists(st.tuples(STANCES, STANCES), min_size=3, max_size=3)


def _record(world, document, clauses, stances):
    round_ = latest_round(document.id)
    for clause, pair in zip(clauses, stances):
        pin = db.session.get(RoundPin, (round_.id, clause.id))
        for who, party, stance in zip(("delegate_a", "delegate_b"), ("a", "b"), pair):
            if stance is None:
                continue
            set_position(access(world, who), clause, world.parties[party], stance, pin.version_id,
                         "why" if stance == "reservation" else None, actor=world.users[who])


def _counted(reader, document) -> tuple[dict, dict]:
    """The summary's counts per section, and the per-clause status counted up."""
    summary = document_summary(reader, document)
    status = status_for(reader, document, with_matrix=False)
    counted: dict = {}
    for c in status.clauses:
        entry = counted.setdefault(pid("section", c.section_id), {"agreed": 0, "contested": 0, "open": 0})
        entry[shown_to(reader, c)] += 1
    got = {s["section_id"]: {k: s[k] for k in ("agreed", "contested", "open")}
           for s in summary["sections"] if s["clauses"]}
    full = status_json(reader, status)
    return ({"sections": got, "agreed": summary["agreed"], "clauses": summary["clause_count"]},
            {"sections": counted, "agreed": full["agreed"], "clauses": len(status.clauses)})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=positions, changed=st.one_of(st.none(), st.integers(0, 2)), second=positions,
       draft_clause=st.booleans(),
       packages=st.lists(st.sets(st.integers(0, 3), min_size=2, max_size=3), max_size=2),
       nauea=st.booleans(), matrix_shared=st.booleans(), observers_told=st.booleans())
def test_summary_and_status_agree_and_packages_filter_alike(world, doc, first, changed, second, draft_clause,
                                                            packages, nauea, matrix_shared, observers_told):
    document, sections, clauses = doc
    mediator = world.users["mediator"]
    savepoint = db.session.begin_nested()
    try:
        process = world.process
        process.nauea, process.status_matrix_shared = nauea, matrix_shared
        process.status_shared_with_observers = observers_told
        circulate_round(document, actor=mediator)
        _record(world, document, clauses, first)
        if changed is not None:             # positions on the old wording lapse
            clause = clauses[changed]
            edit_clause(clause.id, clause.current_version.text + " Revised.", clause.current_version_id,
                        actor=mediator)
            circulate_round(document, actor=mediator)
            _record(world, document, clauses, second)
        candidates = list(clauses)
        if draft_clause:                    # in the working draft only: the parties never heard of it
            candidates.append(add_clause(document, sections[1], "A clause the team is drafting.", actor=mediator))
        team = access(world, "mediator")
        for ids in packages:
            chosen = sorted({candidates[i].id for i in ids if i < len(candidates)})
            if len(chosen) >= 2:
                create_package(team, document, "Package", chosen, actor=mediator)
        db.session.flush()
        made = list(db.session.scalars(select(Package).where(Package.document_id == document.id)
                                       .order_by(Package.id)))
        for who in READERS:
            reader = access(world, who)
            assert ([p.id for p in visible_packages(reader, document.id)]
                    == [p.id for p in made if can_see_package(reader, p)]), who
            if sees_agreement(reader):
                in_sql, in_python = _counted(reader, document)
                assert in_sql == in_python, (who, first, changed, second, packages)
    finally:
        savepoint.rollback()
        db.session.expire_all()
