"""The per-process log: the team browses and filters it; parties, observers and
outsiders get the same 404 as for a process that does not exist."""
import pytest

from app.audit.operations import record_event
from app.extensions import db
from tests.helpers import login, without_csrf

TEAM = ("mediator", "drafter", "legal")
NOT_TEAM = ("delegate_a", "delegate_b", "observer", "outsider")


@pytest.mark.parametrize("who", TEAM + NOT_TEAM)
def test_only_the_team_reads_the_api(client, world, who):
    response = client.get("/api/v1/processes/testland/audit", headers=world.headers(who))
    if who in TEAM:
        assert response.status_code == 200
        actions = [e["action"] for e in response.get_json()["entries"]]
        assert "membership.create" in actions and "process.create" in actions
    else:
        missing = client.get("/api/v1/processes/no-such-process/audit", headers=world.headers(who))
        assert response.status_code == 404
        assert response.get_data() == missing.get_data()


@pytest.mark.parametrize("who", TEAM + NOT_TEAM)
def test_only_the_team_sees_the_page(client, world, who):
    login(client, world.users[who])
    response = client.get("/p/testland/audit")
    if who in TEAM:
        assert response.status_code == 200
        assert "membership.create" in response.get_data(as_text=True)
    else:
        missing = client.get("/p/no-such-process/audit")
        assert response.status_code == 404
        assert without_csrf(response.get_data()) == without_csrf(missing.get_data())


def test_anonymous_is_sent_to_login(client, world):
    assert client.get("/p/testland/audit").status_code == 302
    assert client.get("/api/v1/processes/testland/audit").status_code == 401


def test_other_processes_entries_never_show(client, world):
    body = client.get("/api/v1/processes/testland/audit?limit=200",
                      headers=world.headers("mediator")).get_json()
    assert all("outsider" not in (e["actor"] or "") and "gamma" not in str(e["changes"])
               for e in body["entries"])


def _seed(world, n=7):
    for i in range(n):
        record_event(world.users["drafter" if i % 2 else "mediator"], f"clause.{'edit' if i % 2 else 'create'}",
                     object_type="clauses", object_id=100 + i, process_id=world.process.id,
                     changes={"i": i})
    db.session.commit()


def test_filters_by_action_actor_object_and_date(client, world):
    _seed(world)
    h = world.headers("legal")
    get = lambda q: client.get(f"/api/v1/processes/testland/audit?{q}", headers=h)  # noqa: E731
    assert {e["action"] for e in get("action=clause").get_json()["entries"]} == {"clause.edit", "clause.create"}
    assert {e["action"] for e in get("action=clause.edit").get_json()["entries"]} == {"clause.edit"}
    by_drafter = get("actor=DRAFTER&action=clause").get_json()["entries"]
    assert len(by_drafter) == 3 and {e["actor"] for e in by_drafter} == {"drafter@testland.test"}
    one = get("object_type=clauses&object_id=104").get_json()["entries"]
    assert [e["changes"] for e in one] == [{"i": 4}]
    assert len(get("action=clause&since=2000-01-01&until=2999-12-31").get_json()["entries"]) == 7
    assert get("action=clause&until=2000-01-01").get_json()["entries"] == []
    assert get("action=%25").get_json()["entries"] == []          # LIKE wildcards are literal


def test_pages_newest_first_without_gaps(client, world):
    _seed(world)
    h = world.headers("mediator")
    seen, before = [], ""
    while True:
        body = client.get(f"/api/v1/processes/testland/audit?action=clause&limit=3{before}",
                          headers=h).get_json()
        seen += [e["seq"] for e in body["entries"]]
        if body["next_before"] is None:
            break
        before = f"&before={body['next_before']}"
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) == 7


@pytest.mark.parametrize("query", ["since=yesterday", "until=2024-13-01", "limit=0", "limit=201",
                                   "limit=²", "before=-3", "before=x", "action=" + "a" * 65])
def test_bad_filters_are_refused_clearly(client, world, query):
    response = client.get(f"/api/v1/processes/testland/audit?{query}", headers=world.headers("mediator"))
    assert response.status_code == 422
    assert response.get_json()["error"] == "invalid"


def test_hostile_changes_are_shown_inert(client, world):
    record_event(world.users["mediator"], "clause.edit", object_type="clauses", object_id=1,
                 process_id=world.process.id,
                 changes={"text": "<script>alert(1)</script>\u202e<img src=x onerror=alert(2)>"})
    db.session.commit()
    login(client, world.users["mediator"])
    page = client.get("/p/testland/audit?action=clause.edit&before=999999").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
