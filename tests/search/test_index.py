"""The index itself: kept in step with every write, and built from what a database held
before the migration that added it."""
from flask import current_app
from sqlalchemy import text

from app.comments.models import InternalNote
from app.drafting.operations import edit_clause
from app.extensions import db
from app.search.queries import Filters, search
from app.search.terms import parse
from tests.security.scene import access
from tests.test_migrations import backfilled, empty_database_url  # noqa: F401  (fixture)


def team_finds(world, q: str) -> int:
    with current_app.test_request_context():
        return search([access(world, "mediator")], parse(q), Filters()).total


def test_the_index_follows_inserts_updates_and_deletes(world, scene):
    clause = scene.clauses[0]
    edit_clause(clause.id, "The Parties commit to a lasting gazelleword peace.", clause.current_version_id,
                actor=world.users["mediator"])
    db.session.flush()
    assert team_finds(world, "gazelleword") == 1
    from app.comments.operations import add_note
    note = add_note(access(world, "mediator"), clause, "Ibexword first thoughts.", actor=world.users["mediator"])
    db.session.flush()
    assert team_finds(world, "ibexword") == 1
    note.body = "Oryxword second thoughts."
    db.session.flush()
    assert (team_finds(world, "ibexword"), team_finds(world, "oryxword")) == (0, 1)
    db.session.delete(db.session.get(InternalNote, note.id))
    db.session.flush()
    assert team_finds(world, "oryxword") == 0


def test_the_migration_indexes_what_the_database_already_holds(empty_database_url):  # noqa: F811
    def seed(world, sections, clauses):
        from app.comments.operations import add_note
        add_note(access(world, "mediator"), clauses[0], "Okapiword from before the index.",
                 actor=world.users["mediator"])
        return world

    def read():
        with db.engine.connect() as connection:
            dialect = connection.dialect.name
            indexed = connection.execute(text(
                "SELECT count(*) FROM search_internal_notes WHERE search_internal_notes MATCH 'okapiword'"
                if dialect == "sqlite" else
                "SELECT count(*) FROM internal_notes WHERE search_vector @@ to_tsquery('simple', 'okapiword')"
            )).scalar()
        return indexed

    _, kept, found = backfilled(empty_database_url, "c20e5a1b7d93", seed, read)
    assert kept == found == 1
