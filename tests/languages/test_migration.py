"""The migration of issue #22 re-creates clause_versions on SQLite (a batch): the
full-text index's triggers on it must be back afterwards, so new versions are found."""
from flask_migrate import upgrade
from sqlalchemy import text

from app.extensions import db
from tests.conftest import make_test_app


def test_after_the_migration_new_versions_are_indexed(tmp_path, backend):
    if backend != "sqlite":
        return          # PostgreSQL alters the table in place; its index is a generated column
    app = make_test_app(f"sqlite:///{tmp_path / 'm.db'}")
    with app.app_context():
        upgrade()
        triggers = set(db.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {"search_clause_versions_ai", "search_clause_versions_ad", "search_clause_versions_au"} <= triggers
