"""Every listener of the application, connected in one visible step by the app factory:
which feature reacts to which event. Nothing is connected by importing a module.
Connecting again (tests create many apps in one process) changes nothing."""
from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from .agreement.signals import agreement_lapsed
from .agreement.tallies import recount_changed_wordings
from .audit.operations import forget_after_rollback, seal_before_commit
from .audit.signals import event_recorded
from .comments.signals import submission_answered, submission_submitted
from .compliance.signals import finding_escalated, findings_opened
from .drafting.permissions import connect_circulation, connect_edit_scope
from .export.jobs import queue_archive
from .extensions import db
from .groups.operations import on_submission_submitted
from .groups.permissions import edit_scope
from .notifications.operations import (on_agreement_lapsed, on_finding_escalated, on_round_circulated,
                                      on_submission_answered)
from .queue.engine import resume_on_first_request, start_after_commit
from .rounds.permissions import can_hear_of_clause, can_see_document, heard_languages
from .rounds.signals import round_circulated
from .search.schema import install_listeners as build_search_index_with_tables
from .webhooks.operations import on_event_recorded as queue_webhook_deliveries
from .webhooks.operations import on_findings_opened as queue_finding_deliveries

# (signal, receiver): a circulated round recounts the wordings it changed, queues its
# archive and notifies the parties' members; a team answer to a submission notifies its
# author; a submission tells the team members of the working groups holding its
# section; a reopened text notifies those whose agreement lapsed; an escalated finding
# notifies its assignee; an audit entry that is a webhook event queues its deliveries, as
# do findings the rule engine opened (no audit entry); all in the transaction of the event.
SIGNAL_RECEIVERS = ((round_circulated, recount_changed_wordings),
                    (round_circulated, queue_archive),
                    (round_circulated, on_round_circulated),
                    (submission_answered, on_submission_answered),
                    (submission_submitted, on_submission_submitted),
                    (agreement_lapsed, on_agreement_lapsed),
                    (finding_escalated, on_finding_escalated),
                    (event_recorded, queue_webhook_deliveries),
                    (findings_opened, queue_finding_deliveries))

# (Session event, listener): the audit chain is sealed at each real commit and forgotten
# on rollback; a commit that queued jobs starts the in-process runner (SQLite demo;
# on PostgreSQL the jobs are in the queue's tables and workers take them).
SESSION_LISTENERS = (("before_commit", seal_before_commit),
                     ("after_soft_rollback", forget_after_rollback),
                     ("after_commit", start_after_commit))


def connect_listeners(app: Flask) -> None:
    # Drafting asks rounds (a later feature) whether a party may hear of a document or a
    # clause: a lower feature asking a higher one (dependency inversion).
    connect_circulation(can_see_document=can_see_document, can_hear_of_clause=can_hear_of_clause,
                        heard_languages=heard_languages)
    # Likewise drafting asks working groups which sections an editor may edit.
    connect_edit_scope(edit_scope)
    for signal, receiver in SIGNAL_RECEIVERS:
        signal.connect(receiver)
    for name, listener in SESSION_LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
    # db.create_all() builds the full-text index as the migration does (app/search/schema.py).
    build_search_index_with_tables(db.metadata)
    resume_on_first_request(app)
