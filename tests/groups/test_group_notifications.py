"""A submission waiting in a working group's queue is told to the group's team members,
each as they chose (immediate, digest, off), never to a delegate of the group, never to a
team member of no group holding the section."""
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from tests.groups.conftest import make_group


def _of(world, who):
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(
        Notification.user_id == world.users[who].id, Notification.kind == "group_queue")))


def _comment(client, world, who, clause):
    r = client.post(f"/api/v1/clauses/{clause.public_id}/comments", headers=world.headers(who),
                    json={"kind": "comment", "body": "A remark for the group."})
    assert r.status_code == 201, r.get_json()


def test_the_groups_team_members_hear_of_a_submission_in_its_sections(client, world, talks):
    document, sections, clauses = talks
    group = make_group(client, world, [sections[1]], ["drafter", "legal", "delegate_a", "delegate_b"])
    r = client.put("/api/v1/notifications/preferences", headers=world.headers("legal"), json={"group_queue": "digest"})
    assert r.status_code == 200, r.get_json()
    _comment(client, world, "delegate_b", clauses[0])         # not the group's section
    assert _of(world, "drafter") == []
    _comment(client, world, "delegate_b", clauses[2])
    (n,) = _of(world, "drafter")
    assert n.link == f"/groups/{group['id']}" and n.email == "pending"
    assert [x.email for x in _of(world, "legal")] == ["digest"]
    assert _of(world, "delegate_a") == [] and _of(world, "delegate_b") == [] and _of(world, "mediator") == []
    r = client.put("/api/v1/notifications/preferences", headers=world.headers("drafter"), json={"group_queue": "off"})
    assert r.status_code == 200
    _comment(client, world, "delegate_a", clauses[2])
    assert len(_of(world, "drafter")) == 1 and len(_of(world, "legal")) == 2
    line = client.get("/api/v1/notifications", headers=world.headers("legal")).get_json()
    assert "working group" in str(line) and "remark" not in str(line)
