"""Every listener of the application, connected in one visible step by the app factory:
which feature reacts to which event. Nothing is connected by importing a module.
Connecting again (tests create many apps in one process) changes nothing."""
from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from .agreement.tallies import recount_changed_wordings
from .audit.operations import forget_after_rollback, seal_before_commit
from .export.jobs import queue_archive, resume_on_first_request, start_after_commit
from .extensions import db
from .rounds.signals import round_circulated
from .search.schema import install_listeners as build_search_index_with_tables

# (signal, receiver): a circulated round recounts the wordings it changed and queues
# its archive, both in the circulation's transaction.
SIGNAL_RECEIVERS = ((round_circulated, recount_changed_wordings),
                    (round_circulated, queue_archive))

# (Session event, listener): the audit chain is sealed at each real commit and forgotten
# on rollback; a commit that queued archives starts the in-process worker.
SESSION_LISTENERS = (("before_commit", seal_before_commit),
                     ("after_soft_rollback", forget_after_rollback),
                     ("after_commit", start_after_commit))


def connect_listeners(app: Flask) -> None:
    for signal, receiver in SIGNAL_RECEIVERS:
        signal.connect(receiver)
    for name, listener in SESSION_LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
    # db.create_all() builds the full-text index as the migration does (app/search/schema.py).
    build_search_index_with_tables(db.metadata)
    resume_on_first_request(app)
