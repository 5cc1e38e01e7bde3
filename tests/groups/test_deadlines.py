"""Deadlines: after a round's comment deadline a submission is refused (409, nothing
written, the typed text kept) or accepted and marked late for the team, as the process
says; deadlines read in the reader's time zone with the time left; agreements ad
referendum confirmed within the process's days, or shown as overdue to the team and the
party, never to another party."""
from datetime import timedelta

from app.extensions import db
from app.models_base import utcnow
from tests.db_state import db_state
from tests.helpers import login, pid


def _past_deadline(document):
    from app.rounds.queries import latest_round
    round_ = latest_round(document.id)
    round_.deadline = utcnow() - timedelta(hours=1)
    db.session.commit()
    return round_


def _settings(client, world, **values):
    r = client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"), json=values)
    assert r.status_code == 200, r.get_json()


def test_after_the_deadline_submissions_are_refused_by_default(client, world, talks):
    document, sections, clauses = talks
    _past_deadline(document)
    headers = world.headers("delegate_a")
    before = db_state()
    r = client.post(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=headers,
                    json={"kind": "comment", "body": "Too late?"})
    assert r.status_code == 409 and r.get_json()["error"] == "round_closed"
    assert db_state() == before
    login(client, world.users["delegate_a"])
    before = db_state()
    r = client.post(f"/clauses/{clauses[0].public_id}/comments",
                    data={"kind": "comment", "body": "My late words, typed with care."}, follow_redirects=True)
    assert "My late words, typed with care." in r.get_data(as_text=True)
    assert db_state() == before


def test_a_process_may_accept_late_submissions_marked_late_for_the_team(client, world, talks):
    document, sections, clauses = talks
    _settings(client, world, late_submissions="mark_late")
    _past_deadline(document)
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "marked late" in page
    r = client.post(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=world.headers("delegate_a"),
                    json={"kind": "comment", "body": "Late but here."})
    assert r.status_code == 201, r.get_json()
    assert "late" not in r.get_json()                        # the party is told on the form, not flagged
    sid = r.get_json()["id"]
    queue = client.get(f"/api/v1/processes/{world.process.slug}/queue", headers=world.headers("mediator")).get_json()
    (item,) = [i for d in queue["documents"] for rr in d["rounds"] for i in rr["unanswered"] if i["submission_id"] == sid]
    assert item["late"] is True
    team = client.get(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=world.headers("mediator")).get_json()
    assert any(s["id"] == sid and s["late"] for s in team["comments"])
    _settings(client, world, late_submissions="refuse")
    headers = world.headers("delegate_b")
    before = db_state()
    r = client.post(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=headers,
                    json={"kind": "comment", "body": "Now refused."})
    assert r.status_code == 409 and db_state() == before


def test_deadlines_read_in_the_readers_zone_with_the_time_left(client, world, talks):
    document, sections, clauses = talks
    login(client, world.users["delegate_a"])
    url = f"/documents/{document.public_id}/rounds/1"
    page = client.get(url).get_data(as_text=True)
    assert 'data-zone-chosen="0"' in page and "2099-01-01 12:00 UTC" in page and "days" in page
    _settings(client, world, time_zone="Europe/Nicosia")
    assert "2099-01-01 14:00 EET (Europe/Nicosia)" in client.get(url).get_data(as_text=True)
    r = client.post("/account/time-zone", data={"time_zone": "America/New_York"})
    assert r.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "2099-01-01 07:00 EST (America/New_York)" in page and 'data-zone-chosen="1"' in page
    r = client.put("/api/v1/account/time-zone", headers=world.headers("delegate_a"), json={"time_zone": None})
    assert r.status_code == 200 and r.get_json() == {"time_zone": None}
    headers = world.headers("delegate_a")
    before = db_state()
    r = client.put("/api/v1/account/time-zone", headers=headers, json={"time_zone": "Europe/Atlantis"})
    assert r.status_code == 422 and db_state() == before
    r = client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                     json={"time_zone": "Nowhere/Else"})
    assert r.status_code == 422


def test_time_left():
    from datetime import datetime, timezone
    from app.timezones import time_left
    now = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    assert time_left(now + timedelta(days=2, hours=3, minutes=5), now) == "2 days 3 hours left"
    assert time_left(now + timedelta(minutes=40), now) == "40 minutes left"
    assert time_left(now + timedelta(hours=1), now) == "1 hour left"
    assert time_left(now - timedelta(seconds=1), now) == "passed"


def _agree(client, world, who, party, clause):
    r = client.put(f"/api/v1/clauses/{clause.public_id}/positions/{party}", headers=world.headers(who),
                   json={"status": "agreed", "version_id": pid("version", clause.current_version_id)})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_agreements_ad_referendum_are_confirmed_within_the_days_set(client, world, talks):
    from app.agreement.models import Position
    document, sections, clauses = talks
    _settings(client, world, ad_referendum_days=3, status_matrix_shared=True)
    mine = _agree(client, world, "delegate_a", "alpha", clauses[0])
    assert mine["confirmation"]["state"] == "awaiting" and mine["confirmation"]["due"]
    theirs = _agree(client, world, "delegate_b", "beta", clauses[0])
    # Another party's position: its confirmation is not shown, and it cannot be confirmed
    # (answered as a missing position).
    seen = client.get(f"/api/v1/clauses/{clauses[0].public_id}/positions", headers=world.headers("delegate_a")).get_json()
    other = [p for p in seen["positions"] if p["party"] == "beta"]
    assert other and all("confirmation" not in p for p in other)
    headers = world.headers("delegate_a")
    before = db_state()
    a = client.post(f"/api/v1/positions/{theirs['id']}/confirm", headers=headers)
    b = client.post(f"/api/v1/positions/{pid('position', 987654321)}/confirm", headers=headers)
    assert a.status_code == b.status_code == 404 and a.data == b.data
    assert db_state() == before
    # Overdue: still counted, shown as expired to the team and the party.
    row = db.session.get(Position, int(__import__("app.public_ids", fromlist=["decode"]).decode("position", mine["id"])))
    row.created_at = utcnow() - timedelta(days=4)
    db.session.commit()
    for who in ("delegate_a", "mediator"):
        history = client.get(f"/api/v1/clauses/{clauses[0].public_id}/positions", headers=world.headers(who)).get_json()
        (own,) = [p for p in history["positions"] if p["id"] == mine["id"]]
        assert own["confirmation"]["state"] == "expired", who
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "confirmation overdue" in page and f"/positions/{mine['id']}/confirm" in page
    assert client.post(f"/positions/{mine['id']}/confirm").status_code == 303
    r = client.get(f"/api/v1/clauses/{clauses[0].public_id}/positions", headers=world.headers("delegate_a"))
    (own,) = [p for p in r.get_json()["positions"] if p["id"] == mine["id"]]
    assert own["confirmation"]["state"] == "confirmed"
    headers = world.headers("delegate_a")
    before = db_state()
    r = client.post(f"/api/v1/positions/{mine['id']}/confirm", headers=headers)
    assert r.status_code == 409 and db_state() == before
