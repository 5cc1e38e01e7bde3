"""Positions, status, packages, conclusion and convergence in the pages; the NAUEA notice."""
import pytest

from tests.db_state import db_state
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
    version_id = version_of(a, world, document, clauses[2])
    before = db_state()
    r = a.post(f"/clauses/{clauses[2].public_id}/position",
               data={"party": "beta", "status": "agreed", "version_id": str(version_id)})
    assert r.status_code == 404
    assert db_state() == before
    team = signed_in(make_client, world.users["mediator"]).get(f"/documents/{document.public_id}/status").get_data(as_text=True)
    assert "Beta Movement" in team and "Conclude the text" in team
    world.process.nauea = False
    assert NAUEA not in a.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)


def test_reservation_needs_a_reason_on_the_page(make_client, world, round1):
    document, clauses = round1
    page = signed_in(make_client, world.users["delegate_b"])
    version_id = version_of(make_client(), world, document, clauses[0])
    before = db_state()
    r = page.post(f"/clauses/{clauses[0].public_id}/position",
                  data={"party": "beta", "status": "reservation", "version_id": str(version_id)})
    assert db_state() == before
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
    before = db_state()
    r = mediator.post(f"/documents/{document.public_id}/conclude", data={})
    assert db_state() == before
    assert "cannot be concluded" in mediator.get(r.location).get_data(as_text=True)


def test_convergence_page_draws_an_inline_chart_for_the_team_only(make_client, world, round1):
    document, _ = round1
    html = signed_in(make_client, world.users["drafter"]).get(f"/documents/{document.public_id}/convergence").get_data(as_text=True)
    assert "<svg" in html and "Rev. 1" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert signed_in(make_client, world.users["delegate_a"]).get(f"/documents/{document.public_id}/convergence").status_code == 404
    assert make_client().get(f"/api/v1/documents/{document.public_id}/convergence",
                             headers=world.headers("delegate_a")).status_code == 404


@pytest.mark.parametrize("shared", [False, True])
def test_observers_are_not_asked_for_a_position(make_client, world, round1, shared):
    """Observers take no positions: no "Your position" line on the round page and no such
    column on the status page, whether or not the mediator shares the status with them."""
    document, _ = round1
    world.process.status_shared_with_observers = shared
    observer = signed_in(make_client, world.users["observer"])
    for path in (f"/documents/{document.public_id}/rounds/1", f"/documents/{document.public_id}/status"):
        page = observer.get(path)
        if page.status_code == 404:             # the status page, when not shared
            assert not shared and path.endswith("/status")
            continue
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "Your position" not in html, path
    delegate = signed_in(make_client, world.users["delegate_a"])
    assert "Your position" in delegate.get(f"/documents/{document.public_id}/status").get_data(as_text=True)


def test_agreeing_a_bracketed_wording_says_what_it_means(client, make_client, world, round1):
    """The doc's second clause holds "[in 72 hours / in 7 days]": agreeing it is recorded,
    and the party is told (page, flash and API) that the clause stays contested until the
    brackets are resolved and that the resolving wording needs agreeing again; an
    unbracketed clause gets no such notice."""
    document, clauses = round1
    page = signed_in(make_client, world.users["delegate_a"])
    html = page.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert html.count("bracket-notice") == 1 and "1 bracketed passage:" in html
    version = version_of(client, world, document, clauses[1])
    r = page.post(f"/clauses/{clauses[1].public_id}/position", data={"party": "alpha", "status": "agreed",
                                                               "version_id": str(version)})
    followed = page.get(r.location).get_data(as_text=True)
    assert "stays contested until the brackets are resolved" in followed
    api = client.put(f"/api/v1/clauses/{clauses[1].public_id}/positions/beta", headers=world.headers("delegate_b"),
                     json={"status": "agreed", "version_id": version}).get_json()
    assert api["status"] == "agreed" and "will need this party's agreement again" in api["notice"]
    status = client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers("mediator")).get_json()
    assert next(c for c in status["clauses"] if c["clause_id"] == clauses[1].public_id)["status"] == "contested"
    plain = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/beta", headers=world.headers("delegate_b"),
                       json={"status": "agreed", "version_id": version_of(client, world, document, clauses[0])})
    assert "notice" not in plain.get_json()


def test_a_packaged_clause_leads_to_its_package_form(client, make_client, world, round1):
    """A clause in a package is agreed with its package: its badge on the round page links
    to the package form on the status page, and refusing a single agreement says where
    that form is and changes nothing."""
    from tests.db_state import db_state

    document, clauses = round1
    mediator = signed_in(make_client, world.users["mediator"])
    assert mediator.post(f"/documents/{document.public_id}/packages", data={"name": "Core", "numbers": "1, 3"}).status_code == 303
    delegate = signed_in(make_client, world.users["delegate_a"])
    html = delegate.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    link = f'href="/documents/{document.public_id}/status#packages"'
    assert html.count(link) == 2                                  # Articles 1 and 3
    status_page = delegate.get(f"/documents/{document.public_id}/status").get_data(as_text=True)
    assert 'id="packages"' in status_page and "agree the whole package" in status_page
    before = db_state()
    r = delegate.post(f"/clauses/{clauses[0].public_id}/position", data={
        "party": "alpha", "status": "agreed", "version_id": str(version_of(client, world, document, clauses[0]))})
    assert "under Packages on the document&#39;s status page" in delegate.get(r.location).get_data(as_text=True)
    assert db_state() == before


@pytest.mark.parametrize("shared", [False, True])
def test_a_shared_matrix_shows_a_reserved_clause_as_contested(client, make_client, world, round1, shared):
    """With the matrix shared, a party sees the other party's reservation, and the clause's
    status beside it says contested (not "open"), in the API, its summary and the page.
    Without it, another party's reservation is not its business: the clause reads open."""
    document, clauses = round1
    world.process.status_matrix_shared = shared
    r = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/beta", headers=world.headers("delegate_b"),
                   json={"status": "reservation", "note": "Needs a time limit.",
                         "version_id": version_of(client, world, document, clauses[0])})
    assert r.status_code == 200
    expected = "contested" if shared else "open"
    status = client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers("delegate_a")).get_json()
    assert next(c for c in status["clauses"] if c["clause_id"] == clauses[0].public_id)["status"] == expected
    summary = client.get(f"/api/v1/documents/{document.public_id}/status?clauses=0", headers=world.headers("delegate_a")).get_json()
    assert summary["counts"]["contested"] == (2 if shared else 1)      # the bracketed clause 2 as well
    html = signed_in(make_client, world.users["delegate_a"]).get(f"/documents/{document.public_id}/status").get_data(as_text=True)
    row = html.split(f'id="status-{clauses[0].public_id}"', 1)[1].split("</tr>", 1)[0]
    assert f'class="badge {expected}"' in row
