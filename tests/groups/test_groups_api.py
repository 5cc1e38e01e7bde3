"""Working groups through the API: the mediator sets them up; the team reads every group
with its progress and queue; a delegate reads only their own groups, with circulated
sections and no other party's members; refusals change nothing."""
import pytest

from tests.db_state import db_state
from tests.groups.conftest import make_group


def test_the_mediator_sets_up_a_group_and_the_team_reads_it(client, world, talks):
    document, sections, clauses = talks
    group = make_group(client, world, [sections[0]], ["drafter", "delegate_a", "delegate_b"])
    assert group["name"] == "Ceasefire" and group["id"].startswith("wg_")
    assert [s["id"] for s in group["sections"]] == [sections[0].public_id]
    assert group["progress"]["counts"] == {"agreed": 0, "contested": 1, "open": 1}
    assert group["progress"]["submissions_waiting"] == 0
    listed = client.get(f"/api/v1/processes/{world.process.slug}/working-groups",
                        headers=world.headers("legal")).get_json()["groups"]
    assert [g["id"] for g in listed] == [group["id"]]
    r = client.patch(f"/api/v1/working-groups/{group['id']}", headers=world.headers("mediator"),
                     json={"name": "Ceasefire and security", "mandate": "Chapter II"})
    assert r.status_code == 200 and r.get_json()["name"] == "Ceasefire and security"
    r = client.put(f"/api/v1/working-groups/{group['id']}/sections", headers=world.headers("mediator"),
                   json={"section_ids": [sections[0].public_id, sections[1].public_id]})
    assert r.status_code == 200 and len(r.get_json()["sections"]) == 2
    r = client.delete(f"/api/v1/working-groups/{group['id']}/members/{world.users['delegate_b'].email}",
                      headers=world.headers("mediator"))
    assert r.status_code == 200 and {m["email"] for m in r.get_json()["members"]} == {
        world.users["drafter"].email, world.users["delegate_a"].email}
    r = client.post(f"/api/v1/working-groups/{group['id']}/members", headers=world.headers("mediator"),
                    json={"members": [world.users["legal"].email]})
    assert r.status_code == 200 and len(r.get_json()["members"]) == 3


def test_a_delegate_reads_only_their_own_groups_without_other_parties_members(client, world, talks):
    document, sections, clauses = talks
    mine = make_group(client, world, [sections[0]], ["drafter", "delegate_a", "delegate_b"])
    other = make_group(client, world, [sections[1]], ["delegate_b"], name="Security")
    r = client.get(f"/api/v1/processes/{world.process.slug}/working-groups", headers=world.headers("delegate_a"))
    (seen,) = r.get_json()["groups"]
    assert seen["id"] == mine["id"]
    assert {m["email"] for m in seen["members"]} == {world.users["drafter"].email, world.users["delegate_a"].email}
    assert "progress" not in seen and "queue" not in client.get(
        f"/api/v1/working-groups/{mine['id']}", headers=world.headers("delegate_a")).get_json()
    # Another group answers exactly as a missing one.
    theirs = client.get(f"/api/v1/working-groups/{other['id']}", headers=world.headers("delegate_a"))
    missing = client.get("/api/v1/working-groups/wg_nosuchgroup", headers=world.headers("delegate_a"))
    assert theirs.status_code == missing.status_code == 404 and theirs.data == missing.data
    # Observers are in no group: the list does not exist for them.
    assert client.get(f"/api/v1/processes/{world.process.slug}/working-groups",
                      headers=world.headers("observer")).status_code == 404


def test_a_working_draft_section_is_not_named_to_a_delegate(client, world, talks):
    from app.drafting.operations import add_section
    from app.extensions import db
    document, sections, clauses = talks
    secret = add_section(document, "Secret annex", actor=world.users["mediator"])
    db.session.commit()
    group = make_group(client, world, [sections[0], secret], ["delegate_a"])
    assert len(group["sections"]) == 2                    # the team's view
    seen = client.get(f"/api/v1/working-groups/{group['id']}", headers=world.headers("delegate_a")).get_json()
    assert [s["id"] for s in seen["sections"]] == [sections[0].public_id]
    from tests.helpers import login
    login(client, world.users["delegate_a"])
    page = client.get(f"/p/{world.process.slug}/groups").get_data(as_text=True)
    assert "Ceasefire" in page and "General provisions" in page and "Secret annex" not in page
    page = client.get(f"/groups/{group['id']}").get_data(as_text=True)
    assert "General provisions" in page and "Secret annex" not in page and "Progress" not in page


@pytest.mark.parametrize("who,body,status", [
    ("drafter", {"name": "Mine"}, 403),
    ("delegate_a", {"name": "Mine"}, 404),
    ("observer", {"name": "Mine"}, 404),
    ("mediator", {"name": ""}, 422),
    ("mediator", {"name": "X", "section_ids": ["sec_nosuch"]}, 422),
    ("mediator", {"name": "X", "members": ["observer@testland.test"]}, 422),
    ("mediator", {"name": "X", "members": ["outsider@testland.test"]}, 422),
])
def test_refused_group_writes_change_nothing(client, world, talks, who, body, status):
    headers = world.headers(who)
    before = db_state()
    r = client.post(f"/api/v1/processes/{world.process.slug}/working-groups", headers=headers, json=body)
    assert r.status_code == status, r.get_json()
    assert db_state() == before


def test_a_duplicate_name_is_a_conflict_and_changes_nothing(client, world, talks):
    make_group(client, world, [], [])
    before = db_state()
    r = client.post(f"/api/v1/processes/{world.process.slug}/working-groups", headers=world.headers("mediator"),
                    json={"name": "Ceasefire"})
    assert r.status_code == 409 and r.get_json()["error"] == "name_taken"
    assert db_state() == before


def test_the_groups_pages(client, world, talks):
    from tests.helpers import login
    document, sections, clauses = talks
    group = make_group(client, world, [sections[0]], ["drafter", "delegate_a"])
    login(client, world.users["mediator"])
    page = client.get(f"/p/{world.process.slug}/groups").get_data(as_text=True)
    assert "Ceasefire" in page and "Set up a working group" in page
    page = client.get(f"/groups/{group['id']}").get_data(as_text=True)
    assert "Progress" in page and "The group's queue" in page
    r = client.post(f"/p/{world.process.slug}/groups", data={"name": "Ceasefire", "mandate": "Typed mandate"})
    assert r.status_code == 303
    assert "Typed mandate" in client.get(r.headers["Location"]).get_data(as_text=True)
