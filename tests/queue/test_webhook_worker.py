"""Webhook deliveries on the real task queue: a circulation stores its delivery job in its
own transaction, a procrastinate worker (`flask --app wsgi worker`, a separate process)
sends it to a real HTTP receiver in this process, the queue retries it with its
exponential backoff when the receiver fails, and the log shows both attempts. The
periodic jobs (digest, reminders) are the workers' procrastinate periodic tasks."""
import json

from sqlalchemy import select

from app.extensions import db
from app.processes.models import Role
from app.processes.permissions import Access
from app.webhooks.delivery import verify
from app.webhooks.models import WebhookDelivery
from app.webhooks.operations import create_webhook
from tests.queue.test_worker import circulated_round, queue_app, queue_jobs, wait_for, workers  # noqa: F401
from tests.webhooks.receiver import Receiver


def test_a_worker_delivers_a_webhook_and_retries_it_with_backoff(queue_app, workers):  # noqa: F811
    from tests.helpers import build_world
    with Receiver() as receiver:
        receiver.answers = [500]
        world = build_world()
        mediator = world.users["mediator"]
        hook = create_webhook(Access(mediator.id, world.process, Role.mediator, None), receiver.url,
                              ["round.circulated"], actor=mediator)
        db.session.commit()
        secret = hook.secret
        round_ = circulated_round(world)
        (delivery,) = db.session.scalars(select(WebhookDelivery)).all()
        # Queued by the circulation's transaction, before any worker ran.
        assert [job for job in queue_jobs("deliver_webhook")] == [
            ("deliver_webhook", "todo", 0, f"webhook-delivery-{delivery.id}", f"webhook-delivery-{delivery.id}")]
        workers(PENHOLDER_WEBHOOK_RETRY_BASE="1", PENHOLDER_WEBHOOK_ALLOW_PRIVATE="1")
        wait_for(lambda: db.session.get(WebhookDelivery, delivery.id).status == "delivered", what="the delivery")
        delivered = db.session.get(WebhookDelivery, delivery.id)
        assert [(a.number, a.status_code) for a in delivered.log] == [(1, 500), (2, 200)]
        assert wait_for(lambda: queue_jobs("deliver_webhook")[0][1] == "succeeded", what="the job's end")
        assert queue_jobs("deliver_webhook")[0][2] == 2          # the first attempt and the queue's retry
        assert [r["answered"] for r in receiver.received] == [500, 200]
        last = receiver.received[-1]
        assert verify(secret, last["headers"]["X-Penholder-Timestamp"], last["body"],
                      last["headers"]["X-Penholder-Signature"])
        payload = json.loads(last["body"])
        assert payload["event"] == "round.circulated" and payload["objects"]["round"] == round_.number


def test_the_workers_schedule_every_periodic_job(queue_app):  # noqa: F811
    from app.queue.engine import PERIODIC, worker_queue
    qapp = worker_queue(queue_app)
    scheduled = {task.periodic_id: task.cron for task in qapp.periodic_registry.periodic_tasks.values()}
    assert scheduled["daily-digest"] == PERIODIC["daily-digest"][0]
    assert scheduled["deadline-reminders"] == PERIODIC["deadline-reminders"][0]
    assert scheduled["prune-sessions"] == PERIODIC["prune-sessions"][0]
    assert scheduled["sweep-import-files"] == PERIODIC["sweep-import-files"][0]
    for periodic_id in PERIODIC:
        task = qapp.tasks[periodic_id]
        assert task.lock == periodic_id and task.queueing_lock == periodic_id
