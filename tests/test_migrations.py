"""Migrations: upgrade, downgrade and upgrade again on an empty database of each
backend, then the schema must match the models exactly."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

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
