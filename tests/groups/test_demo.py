"""The demo has two working groups holding its chapters, with pages and queues."""
from sqlalchemy import select

from app.demo import seed_demo
from app.extensions import db
from app.groups.models import WorkingGroup
from app.processes.models import Process
from tests.helpers import login


def test_the_demo_has_two_working_groups(app, client):
    assert seed_demo()
    db.session.commit()
    process = db.session.scalar(select(Process).where(Process.slug == "northland"))
    groups = list(db.session.scalars(select(WorkingGroup).where(WorkingGroup.process_id == process.id)))
    assert sorted(g.name for g in groups) == ["Ceasefire and security", "Justice and land"]
    assert all(len(g.sections) == 2 and len(g.members) == 2 for g in groups)
    login(client, "mediator@demo.test", "demo-password")
    page = client.get("/p/northland/groups").get_data(as_text=True)
    assert "Ceasefire and security" in page and "Justice and land" in page
    page = client.get(f"/groups/{groups[0].public_id}")
    assert page.status_code == 200 and b"The group's queue" in page.data
