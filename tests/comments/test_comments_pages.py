"""The pages around proximity talks: the settings form, the preview redline, a delegate's news."""
from tests.db_state import db_state
from tests.helpers import login, pid


def test_mediator_switches_joint_mode_from_the_process_page(make_client, world, talks):
    mediator = make_client()
    login(mediator, world.users["mediator"])
    assert 'name="joint_mode"' in mediator.get("/p/testland").get_data(as_text=True)
    form = {"joint_mode": "1", "nauea": "1", "observers_may_submit": "1", "proposal_attribution": "anonymous"}
    before = db_state()
    asked = mediator.post("/p/testland/settings", data=form)
    assert asked.status_code == 200 and "Turn joint mode on?" in asked.get_data(as_text=True)
    assert world.process.joint_mode is False                        # nothing changed yet
    assert 'name="proposal_attribution" value="anonymous"' in asked.get_data(as_text=True)   # the choices are kept
    assert db_state() == before
    r = mediator.post("/p/testland/settings", data={**form, "confirm_joint_mode": "1"})
    assert r.status_code == 303
    assert world.process.joint_mode is True and world.process.proposal_attribution.value == "anonymous"
    drafter = make_client()
    login(drafter, world.users["drafter"])
    assert 'name="joint_mode"' not in drafter.get("/p/testland").get_data(as_text=True)
    before = db_state()
    assert drafter.post("/p/testland/settings", data={"joint_mode": "1"}).status_code == 403
    assert db_state() == before
    assert world.process.joint_mode is True


def test_a_delegate_previews_the_redline_then_submits_from_the_round_page(make_client, world, talks):
    client = make_client()
    login(client, world.users["delegate_b"])
    clause = talks.clauses[0]
    form = {"kind": "proposal", "body": "Say lasting.", "proposed_text": "The Parties commit to lasting peace."}
    preview = client.post(f"/clauses/{clause.public_id}/comments", data={**form, "preview": "1"})
    assert preview.status_code == 200 and "<ins>lasting </ins>" in preview.get_data(as_text=True)
    done = client.post(f"/clauses/{clause.public_id}/comments", data=form)
    assert done.status_code == 303 and f"#clause-{clause.public_id}" in done.location
    page = client.get(done.location.split("#")[0]).get_data(as_text=True)
    assert "Submitted to the mediation team." in page and "Say lasting." in page


def test_a_delegates_home_page_shows_what_is_new(make_client, world, talks):
    client = make_client()
    login(client, world.users["delegate_a"])
    home = client.get("/").get_data(as_text=True)
    assert "Rev. 1" in home and "1 replies and 1 decisions" in home
    other = make_client()
    login(other, world.users["delegate_b"])
    assert "0 replies and 0 decisions" in other.get("/").get_data(as_text=True)


def test_the_round_page_carries_each_clause_form_once_and_opens_one_without_javascript(make_client, world, talks):
    client = make_client()
    login(client, world.users["delegate_b"])
    base = f"/documents/{talks.document.public_id}/rounds/{talks.round.number}"
    page = client.get(base).get_data(as_text=True)
    # One copy of each form, in a <template>; each clause has a button that names its action.
    assert page.count('name="proposed_text"') == 1 and page.count('class="inline position-form"') == 1
    for clause in talks.clauses:
        assert f'data-action="/clauses/{clause.public_id}/comments"' in page
        assert f'href="{base}?respond={clause.public_id}#clause-{clause.public_id}"' in page
    # Without JavaScript the link reloads the page with the forms rendered in that clause.
    clause = talks.clauses[1]
    opened = client.get(f"{base}?respond={clause.public_id}").get_data(as_text=True)
    assert opened.count('name="proposed_text"') == 2
    assert f'<form method="post" action="/clauses/{clause.public_id}/comments" class="proposal-form">' in opened
    assert f'>{clause.current_version.text}</textarea>' in opened
    assert f'action="/clauses/{clause.public_id}/position" class="inline position-form"' in opened
    assert f'name="version_id" value="{pid("version", clause.current_version_id)}"' in opened
    done = client.post(f"/clauses/{clause.public_id}/comments", data={"kind": "comment", "body": "From the no-script form."})
    assert done.status_code == 303
    assert "From the no-script form." in client.get(base).get_data(as_text=True)
