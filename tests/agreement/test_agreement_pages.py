"""Positions, status, packages, conclusion and convergence in the pages; the NAUEA notice."""
import pytest

from tests.helpers import login

NAUEA = "Nothing is agreed until everything is agreed"


@pytest.fixture
def round1(client, world, doc):
    document, sections, clauses = doc
    assert client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    return document, clauses


def version_of(client, world, document, clause):
    body = client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers("mediator")).get_json()
    return next(c["version_id"] for c in body["clauses"] if c["clause_id"] == clause.public_id)


def signed_in(make_client, user):
    c = make_client()
    login(c, user)
    return c


def test_positions_from_the_round_page_and_the_provisional_label(make_client, world, round1):
    document, clauses = round1
    for who, party in (("delegate_a", "alpha"), ("delegate_b", "beta")):
        page = signed_in(make_client, world.users[who])
        version = page.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers(who)).get_json()
        version_id = next(c["version_id"] for c in version["clauses"] if c["clause_id"] == clauses[0].public_id)
        r = page.post(f"/clauses/{clauses[0].public_id}/position", data={"party": party, "status": "agreed",
                                                                   "version_id": str(version_id)})
        assert r.status_code == 303
    a = signed_in(make_client, world.users["delegate_a"])
    html = a.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert NAUEA in html and "provisionally agreed" in html and "Your position: agreed" in html
    # A delegate cannot post for another party through the form either.
    r = a.post(f"/clauses/{clauses[2].public_id}/position",
               data={"party": "beta", "status": "agreed", "version_id": str(version_of(a, world, document, clauses[2]))})
    assert r.status_code == 404
    team = signed_in(make_client, world.users["mediator"]).get(f"/documents/{document.public_id}/status").get_data(as_text=True)
    assert "Beta Movement" in team and "Conclude the text" in team
    world.process.nauea = False
    assert NAUEA not in a.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)


def test_reservation_needs_a_reason_on_the_page(make_client, world, round1):
    document, clauses = round1
    page = signed_in(make_client, world.users["delegate_b"])
    version_id = version_of(make_client(), world, document, clauses[0])
    r = page.post(f"/clauses/{clauses[0].public_id}/position",
                  data={"party": "beta", "status": "reservation", "version_id": str(version_id)})
    assert "needs a reason" in page.get(r.location).get_data(as_text=True)


def test_status_page_for_a_party_shows_no_other_party(make_client, world, round1):
    document, clauses = round1
    b = make_client()
    b.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/beta", headers=world.headers("delegate_b"),
          json={"status": "reservation", "version_id": version_of(b, world, document, clauses[0]),
                "note": "Beta-hidden-reason"})
    html = signed_in(make_client, world.users["delegate_a"]).get(f"/documents/{document.public_id}/status").get_data(as_text=True)
    assert "Beta-hidden-reason" not in html and "Your position" in html and "Conclude" not in html


def test_packages_and_conclusion_from_the_status_page(make_client, world, round1):
    document, clauses = round1
    mediator = signed_in(make_client, world.users["mediator"])
    r = mediator.post(f"/documents/{document.public_id}/packages", data={"name": "Core trade-off", "numbers": "1, 3"})
    assert r.status_code == 303
    html = mediator.get(f"/documents/{document.public_id}/status").get_data(as_text=True)
    assert "Core trade-off" in html and "Article 1, Article 3" in html
    r = mediator.post(f"/documents/{document.public_id}/conclude", data={})
    assert "cannot be concluded" in mediator.get(r.location).get_data(as_text=True)


def test_convergence_page_draws_an_inline_chart_for_the_team_only(make_client, world, round1):
    document, _ = round1
    html = signed_in(make_client, world.users["drafter"]).get(f"/documents/{document.public_id}/convergence").get_data(as_text=True)
    assert "<svg" in html and "Rev. 1" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert signed_in(make_client, world.users["delegate_a"]).get(f"/documents/{document.public_id}/convergence").status_code == 404
    assert make_client().get(f"/api/v1/documents/{document.public_id}/convergence",
                             headers=world.headers("delegate_a")).status_code == 404
