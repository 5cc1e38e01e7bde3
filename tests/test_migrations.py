"""Migrations: upgrade, downgrade and upgrade again on an empty database of each
backend, then the schema must match the models exactly."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from app.extensions import db
from app.search.schema import include_object
from tests.conftest import make_test_app


@pytest.fixture
def empty_database_url(backend, tmp_path, request):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'migrations.db'}"
    return request.getfixturevalue("pg_server").create_database("penholder_migrations")


def test_upgrade_downgrade_upgrade_matches_the_models(empty_database_url):
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        assert "clauses" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "include_object": include_object})
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def backfilled(database_url, before: str, seed, read):
    """Upgrades an empty database, builds a circulated document and runs `seed(world,
    sections, clauses)` on it, then goes back to revision `before` (the one before the
    backfill) and up again; returns (what seed returned, `read()` before, `read()` after)."""
    from app.rounds.operations import circulate_round
    from tests.helpers import build_doc, build_world

    app = make_test_app(database_url)
    with app.app_context():
        upgrade()
        world = build_world()
        document, sections, clauses = build_doc(world)
        circulate_round(document, actor=world.users["mediator"])
        seeded = seed(world, sections, clauses)
        db.session.commit()
        kept = read()
        db.session.remove()
        downgrade(revision=before)
        upgrade()
        found = read()
        db.session.remove()
        db.engine.dispose()
    return seeded, kept, found


def test_round_section_counts_are_backfilled_from_the_pins(empty_database_url):
    """Rounds circulated before the counts existed get them from their pins on upgrade."""
    def read():
        with db.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(
                "SELECT section_id, clause_count, bracket_count FROM round_sections ORDER BY section_id"))]

    section_ids, kept, found = backfilled(empty_database_url, "9da31fd87e86",
                                          lambda world, sections, clauses: [s.id for s in sections], read)
    assert found == kept == [(section_ids[0], 2, 1), (section_ids[1], 1, 0)]


def test_clause_tallies_are_backfilled_from_the_positions(empty_database_url):
    """Documents with positions from before the tallies get them counted on upgrade."""
    from app.agreement.models import ClauseTally
    from app.agreement.operations import set_position
    from app.processes.models import Role
    from app.processes.permissions import Access

    def seed(world, sections, clauses):
        first = clauses[0]
        for who, party, stance, note in (("delegate_a", "a", "agreed", None),
                                         ("delegate_b", "b", "reservation", "Not yet.")):
            access = Access(world.users[who].id, world.process, Role.delegate, world.parties[party].id)
            set_position(access, first, world.parties[party], stance, first.current_version_id, note,
                         actor=world.users[who])
        return first.id, {c.id: c.current_version_id for c in clauses}

    def read():
        return {t.clause_id: (t.version_id, t.agreed, t.reserved) for t in db.session.scalars(select(ClauseTally))}

    (first, pins), kept, found = backfilled(empty_database_url, "aeaeac7f4761", seed, read)
    assert kept[first] == (pins[first], 1, 1) and len(kept) == len(pins)
    assert found == kept


def test_submissions_made_before_the_phase_was_recorded_stay_private(empty_database_url):
    """Issue #17, point 7: the backfill marks every earlier submission as made in
    confidence (even in a process in joint mode today), and no reply as shared."""
    from app.comments.models import Reply, Submission
    from app.comments.operations import add_reply, create_submission
    from app.processes.models import Role
    from app.processes.permissions import Access

    def seed(world, sections, clauses):
        world.process.joint_mode = True
        delegate = Access(world.users["delegate_a"].id, world.process, Role.delegate, world.parties["a"].id)
        made = create_submission(delegate, clauses[0], kind="comment", body="Said in joint mode.",
                                 proposed_text=None, draft=False, actor=world.users["delegate_a"])
        team = Access(world.users["mediator"].id, world.process, Role.mediator, None)
        reply = add_reply(team, made, "A reply.", actor=world.users["mediator"])
        reply.shared_with_all = made.shared_with_all = True
        return made.id

    def read():
        return ([(s.id, s.made_in_joint) for s in db.session.scalars(select(Submission))],
                [r.shared_with_all for r in db.session.scalars(select(Reply))])

    made, kept, found = backfilled(empty_database_url, "a7c3e9f1b5d2", seed, read)
    assert kept == ([(made, True)], [True])
    assert found == ([(made, False)], [False])
