"""Migrations: upgrade, downgrade and upgrade again on an empty database of each
backend, then the schema must match the models exactly."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from app.extensions import db
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
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def test_round_section_counts_are_backfilled_from_the_pins(empty_database_url):
    """Rounds circulated before the counts existed get them from their pins on upgrade."""
    from sqlalchemy import text

    from app.rounds.operations import circulate_round
    from tests.helpers import build_world, doc

    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        world = build_world()
        document, sections, _ = doc.__wrapped__(world)
        section_ids = [s.id for s in sections]
        circulate_round(document, actor=world.users["mediator"])
        db.session.commit()
        downgrade(revision="9da31fd87e86")          # the revision before the counts
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT section_id, clause_count, bracket_count FROM round_sections "
                                           "ORDER BY section_id")).all()
        db.session.remove()
        db.engine.dispose()
    assert [tuple(r) for r in rows] == [(section_ids[0], 2, 1), (section_ids[1], 1, 0)]


def test_clause_tallies_are_backfilled_from_the_positions(empty_database_url):
    """Documents with positions from before the tallies get them counted on upgrade."""
    from app.agreement.models import ClauseTally
    from app.agreement.operations import set_position
    from app.processes.models import Role
    from app.processes.permissions import Access
    from app.rounds.operations import circulate_round
    from tests.helpers import build_world, doc

    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        world = build_world()
        document, _, clauses = doc.__wrapped__(world)
        circulate_round(document, actor=world.users["mediator"])
        pins = {c.id: c.current_version_id for c in clauses}
        first = clauses[0].id
        for who, party, stance, note in (("delegate_a", "a", "agreed", None),
                                         ("delegate_b", "b", "reservation", "Not yet.")):
            access = Access(world.users[who].id, world.process, Role.delegate, world.parties[party].id)
            set_position(access, clauses[0], world.parties[party], stance, pins[clauses[0].id], note,
                         actor=world.users[who])
        db.session.commit()
        kept = {t.clause_id: (t.version_id, t.agreed, t.reserved) for t in db.session.scalars(select(ClauseTally))}
        db.session.remove()
        downgrade(revision="aeaeac7f4761")          # the revision before the tallies
        upgrade()
        db.session.remove()
        backfilled = {t.clause_id: (t.version_id, t.agreed, t.reserved) for t in db.session.scalars(select(ClauseTally))}
        db.session.remove()
        db.engine.dispose()
    assert kept[first] == (pins[first], 1, 1) and len(kept) == len(pins)
    assert backfilled == kept
