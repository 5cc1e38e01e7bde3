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
