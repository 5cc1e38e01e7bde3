"""Periodic jobs and the new kinds: "a deadline in 24 hours" reminders and the daily
digest are sent once (unique keys) whoever runs them; the SQLite demo's in-process
scheduler runs the same jobs at their cron times; an escalated finding tells its
assignee only. Mail carries the neutral line and a link, nothing else."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models_base import utcnow
from app.notifications.mail import send_digests
from app.notifications.models import EMAIL_LINE, Notification, SentOnce
from app.notifications.reminders import send_deadline_reminders
from app.queue.engine import Scheduler, run_in_process
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.notifications.test_notifications import api, smtp  # noqa: F401
from tests.security.scene import build_scene

MEMBERS = ("delegate_a", "delegate_a2", "delegate_b", "observer")


def kinds_of(world, who):
    return [n.kind for n in db.session.scalars(select(Notification).where(
        Notification.user_id == world.users[who].id).order_by(Notification.id))]


def test_a_deadline_within_24_hours_is_reminded_once_to_the_parties(app, world, doc, smtp):  # noqa: F811
    round_ = circulate_round(doc[0], actor=world.users["mediator"], deadline=utcnow() + timedelta(hours=10))
    db.session.commit()
    run_in_process()
    assert send_deadline_reminders() == 1
    assert send_deadline_reminders() == 0           # once: its key is claimed
    run_in_process()
    for who in MEMBERS:
        assert kinds_of(world, who) == ["round_circulated", "deadline_soon"]
        reminder = smtp.to(world.users[who].email)[-1]
        assert EMAIL_LINE in reminder.get_content()
        assert f"/rounds/{round_.number}" in reminder.get_content()
        for secret in ("Framework", "ceasefire", "Testland", "Alpha"):
            assert secret not in reminder.get_content()
    for who in ("mediator", "drafter", "legal", "outsider"):
        assert "deadline_soon" not in kinds_of(world, who)
    # A moved deadline is a new one: reminded again.
    round_.deadline = utcnow() + timedelta(hours=5)
    db.session.commit()
    assert send_deadline_reminders() == 1


def test_deadlines_further_off_past_or_of_closed_rounds_are_not_reminded(app, world, doc):
    from app.rounds.operations import close_round
    round_ = circulate_round(doc[0], actor=world.users["mediator"], deadline=utcnow() + timedelta(hours=30))
    db.session.commit()
    before = db_state()
    assert send_deadline_reminders() == 0
    assert send_deadline_reminders(now=utcnow() + timedelta(hours=31)) == 0      # passed
    assert db_state() == before
    close_round(round_, actor=world.users["mediator"])
    db.session.commit()
    assert send_deadline_reminders(now=utcnow() + timedelta(hours=10)) == 0


def test_the_digest_is_sent_once_a_day_per_user(app, client, world, doc, smtp):  # noqa: F811
    api(client, world, "delegate_a", "put", "/api/v1/notifications/preferences", json={"round_circulated": "digest"})
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    assert send_digests() == 1
    key = f"digest:{world.users['delegate_a'].id}:{utcnow().date().isoformat()}"
    assert db.session.get(SentOnce, key) is not None
    # More news the same day waits for tomorrow's digest; another run today sends nothing.
    circulate_round(doc[0], actor=world.users["mediator"], allow_unchanged=True)
    db.session.commit()
    assert send_digests() == 0
    assert len(smtp.to(world.users["delegate_a"].email)) == 1
    assert send_digests(today=utcnow().date() + timedelta(days=1)) == 1
    assert len(smtp.to(world.users["delegate_a"].email)) == 2


def test_a_digest_whose_mail_cannot_go_gives_its_claim_back(app, client, world, doc):
    api(client, world, "delegate_a", "put", "/api/v1/notifications/preferences", json={"round_circulated": "digest"})
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    saved = {k: app.config.get(k) for k in ("SMTP_HOST", "SMTP_PORT")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=9)      # nothing listens there
    try:
        with pytest.raises(OSError):
            send_digests()
    finally:
        app.config.update(saved)
    assert db.session.scalars(select(SentOnce)).all() == []
    assert set(db.session.scalars(select(Notification.email).where(
        Notification.user_id == world.users["delegate_a"].id))) == {"digest"}


def test_the_in_process_scheduler_runs_the_periodic_jobs_at_their_times(app, client, world, doc, smtp):  # noqa: F811
    api(client, world, "delegate_b", "put", "/api/v1/notifications/preferences", json={"round_circulated": "digest"})
    circulate_round(doc[0], actor=world.users["mediator"], deadline=utcnow() + timedelta(hours=3))
    db.session.commit()
    start = datetime(2026, 12, 2, 6, 55, tzinfo=timezone.utc)
    scheduler = Scheduler(app, start=start)
    assert scheduler.tick(start + timedelta(minutes=1)) == []
    assert sorted(scheduler.tick(datetime(2026, 12, 2, 7, 0, 5, tzinfo=timezone.utc))) == [
        "daily-digest", "deadline-reminders"]
    assert scheduler.tick(datetime(2026, 12, 2, 7, 0, 6, tzinfo=timezone.utc)) == []
    assert scheduler.tick(datetime(2026, 12, 2, 7, 10, 0, tzinfo=timezone.utc)) == ["deadline-reminders"]
    run_in_process()
    digest = [m for m in smtp.to(world.users["delegate_b"].email) if "digest" in m["Subject"]]
    assert len(digest) == 1
    assert kinds_of(world, "delegate_a").count("deadline_soon") == 1


def test_an_escalated_finding_tells_its_assignee_only(app, client, world, doc, smtp):  # noqa: F811
    scene = build_scene(world, doc)
    run_in_process()
    before = {who: kinds_of(world, who) for who in world.users}
    answer = client.post(f"/api/v1/findings/{scene.finding.id}/review", headers=world.headers("legal"),
                         json={"decision": "escalated", "reason": "For headquarters.",
                               "assignee_id": world.users["mediator"].id, "note": "Raise it with OLA."})
    assert answer.status_code == 201, answer.get_json()
    run_in_process()
    assert kinds_of(world, "mediator") == before["mediator"] + ["finding_assigned"]
    for who in world.users:
        if who != "mediator":
            assert kinds_of(world, who) == before[who]
    (mail,) = [m for m in smtp.to(world.users["mediator"].email)]
    body = mail.get_content()
    assert EMAIL_LINE in body and "/findings" in body
    for secret in ("amnesty", "OLA", "headquarters", "Testland"):
        assert secret not in body and secret not in mail["Subject"]
    line = api(client, world, "mediator").get_json()["notifications"][0]
    assert line["kind"] == "finding_assigned" and "amnesty" not in line["line"]
