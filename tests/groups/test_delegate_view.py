"""A delegate's round page opens on the sections of their working groups, with a way to
see all; and group membership never widens what a party may see: the delegate in a group
gets byte for byte what they got before joining and what a colleague in no group gets,
on the round page (all sections) and through the API."""
import re

from app.extensions import db
from tests.groups.conftest import make_group
from tests.helpers import login, without_csrf

TOGGLE = re.compile(rb'<p class="focus-toggle[^"]*">.*?</p>', re.S)


def _page(client, user, url):
    login(client, user)
    body = client.get(url).data
    client.post("/logout")
    return without_csrf(body)


def test_the_round_page_opens_on_the_groups_sections(client, world, talks):
    document, sections, clauses = talks
    make_group(client, world, [sections[1]], ["delegate_a"])
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "Forces shall withdraw" in page and "The Parties commit to peace." not in page
    assert "Showing the sections of your working groups" in page and "Show all sections" in page
    everything = client.get(f"/documents/{document.public_id}/rounds/1?all=1").get_data(as_text=True)
    assert "Forces shall withdraw" in everything and "The Parties commit to peace." in everything


def test_membership_never_widens_what_a_party_sees(client, make_client, world, talks):
    from app.drafting.operations import add_clause
    document, sections, clauses = talks
    # Things party A must never see: party B's submission and a working-draft clause.
    r = client.post(f"/api/v1/clauses/{clauses[2].public_id}/comments", headers=world.headers("delegate_b"),
                    json={"kind": "comment", "body": "Party B's private remark."})
    assert r.status_code == 201
    add_clause(document, sections[1], "A working-draft clause no party has seen.", actor=world.users["mediator"])
    db.session.commit()
    a, a2 = world.users["delegate_a"], world.users["delegate_a2"]
    url = f"/documents/{document.public_id}/rounds/1?all=1"
    api = [f"/api/v1/documents/{document.public_id}", f"/api/v1/documents/{document.public_id}/status",
           f"/api/v1/clauses/{clauses[2].public_id}/comments", f"/api/v1/processes/{world.process.slug}"]

    def api_answers(who):
        return [(u, client.get(u, headers=world.headers(who)).data) for u in api]

    page_before, api_before = _page(client, a, url), api_answers("delegate_a")
    make_group(client, world, [sections[1]], ["delegate_a", "drafter", "delegate_b"])
    page_after, api_after = _page(client, a, url), api_answers("delegate_a")
    assert TOGGLE.sub(b"", page_after) == page_before          # only the way back to the focus differs
    assert api_after == api_before
    colleague = _page(client, a2, url).replace(a2.name.encode(), a.name.encode())
    assert TOGGLE.sub(b"", page_after) == colleague
    assert api_after == [(u, d) for u, d in api_answers("delegate_a2")]
    for body in (page_after, *(d for _, d in api_after)):
        assert b"Party B's private remark." not in body and b"working-draft clause" not in body
    # The focused page is a part of the same page.
    login(client, a)
    focused = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert b"Party B's private remark." not in focused.encode() and "working-draft clause" not in focused
