"""Alembic environment, run through Flask-Migrate with the app's engine and metadata.

Every migration runs in one transaction (PostgreSQL and our SQLite set-up both have
transactional DDL), so a failed migration leaves the database as it was.
"""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name and not config.attributes.get("skip_logging"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

db = current_app.extensions["migrate"].db
target_metadata = db.metadata


def _skip_empty_autogenerate(context_, revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline() -> None:
    from app.search.schema import include_object
    context.configure(url=db.engine.url.render_as_string(hide_password=False),
                      target_metadata=target_metadata, literal_binds=True,
                      include_object=include_object,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    configure_args = dict(current_app.extensions["migrate"].configure_args)
    configure_args.setdefault("process_revision_directives", _skip_empty_autogenerate)
    configure_args.setdefault("compare_type", True)
    # The full-text index (FTS5 tables, generated columns) is not in the models.
    from app.search.schema import include_object
    configure_args.setdefault("include_object", include_object)
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations re-create a table to alter it; with foreign keys enforced,
            # dropping the old table would cascade-delete the rows that refer to it.
            _set_sqlite_foreign_keys(connection, False)
        try:
            context.configure(connection=connection, target_metadata=target_metadata,
                              transaction_per_migration=False, **configure_args)
            with context.begin_transaction():
                context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("the migration left rows whose foreign keys point nowhere")
        finally:
            if sqlite:
                _set_sqlite_foreign_keys(connection, True)


def _set_sqlite_foreign_keys(connection, on: bool) -> None:
    # Straight on the driver's connection: the pragma is ignored inside a transaction, and
    # going through SQLAlchemy would begin one (app/database.py issues BEGIN on begin).
    if connection.in_transaction():
        connection.commit()
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
