"""The confidentiality matrix, written as an attacker inside one party would probe it:
every role against every page and endpoint that reads or writes comments, threads,
dispositions, notes and rounds. What a caller may not see must leave no trace, and
what it may not touch answers exactly like an id that does not exist."""
import pytest

from tests.db_state import db_state
from tests.helpers import PASSWORD, login

ROLES = ("mediator", "drafter", "legal", "delegate_a", "delegate_a2", "delegate_b", "observer",
         "outsider", None)

SECRETS = {
    "a_sub": "Alpha-secret", "a_draft": "Alpha-draft", "b_sub": "Beta-secret",
    "view": "Watchers-view", "reply": "Team-reply-to-alpha", "reason": "Disposition-reason-alpha",
    "note": "Team-note",
}
TEAM = {"a_sub", "b_sub", "view", "reply", "reason", "note"}
MAY_READ = {
    "mediator": TEAM, "drafter": TEAM, "legal": TEAM,
    "delegate_a": {"a_sub", "a_draft", "reply", "reason"},
    "delegate_a2": {"a_sub", "a_draft", "reply", "reason"},
    "delegate_b": {"b_sub"}, "observer": {"view"}, "outsider": set(), None: set(),
}


def read_urls(talks, api: bool):
    d, r = talks.document.public_id, talks.round.number
    clause_urls = [f"/clauses/{c.public_id}/comments" for c in talks.clauses] + \
                  [f"/clauses/{c.public_id}/notes" for c in talks.clauses] + \
                  [f"/clauses/{c.public_id}/collisions" for c in talks.clauses]
    if api:
        return ([f"/api/v1{u}" for u in clause_urls]
                + [f"/api/v1/clauses/{c.public_id}/bridging-proposals" for c in talks.clauses]
                + [f"/api/v1/documents/{d}/rounds/{r}/releases"]
                + [f"/api/v1/documents/{d}/rounds/{r}/compilation", f"/api/v1/documents/{d}",
                   f"/api/v1/documents/{d}/rounds", "/api/v1/processes/testland",
                   f"/api/v1/documents/{d}/rounds/preview?party=alpha", "/api/v1/processes/testland/queue",
                   f"/api/v1/documents/{d}?negotiation=1"])
    return [f"/documents/{d}/rounds/{r}", f"/documents/{d}/rounds/{r}/compilation",
            f"/documents/{d}", f"/documents/{d}/rounds", "/p/testland", "/",
            f"/documents/{d}/rounds/preview?party=beta", f"/documents/{d}?filter=changed"]


def as_client(make_client, world, who):
    client = make_client()
    if who is not None:
        login(client, world.users[who].email, PASSWORD)
    return client


@pytest.mark.parametrize("who", ROLES)
def test_api_reads_reveal_only_what_the_role_may_read(make_client, world, talks, who):
    client = make_client()
    for url in read_urls(talks, api=True):
        response = client.get(url, headers=world.headers(who))
        body = response.get_data(as_text=True)
        for key, secret in SECRETS.items():
            assert (secret in body) <= (key in MAY_READ[who]), (who, url, secret)
        if who is None:
            assert response.status_code == 401
        elif who == "outsider":
            assert response.status_code == 404, url
    if who in ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer"):
        everything = "".join(client.get(u, headers=world.headers(who)).get_data(as_text=True)
                             for u in read_urls(talks, api=True))
        for key in MAY_READ[who]:
            assert SECRETS[key] in everything, (who, key)


@pytest.mark.parametrize("who", ROLES)
def test_pages_reveal_only_what_the_role_may_read(make_client, world, talks, who):
    client = as_client(make_client, world, who)
    seen = ""
    for url in read_urls(talks, api=False):
        response = client.get(url)
        body = response.get_data(as_text=True)
        seen += body
        for key, secret in SECRETS.items():
            assert (secret in body) <= (key in MAY_READ[who]), (who, url, secret)
        if who is None:
            assert response.status_code == 302 and "/login" in response.location
        elif who == "outsider" and url != "/":
            assert response.status_code == 404, url
    for key in MAY_READ[who]:
        assert SECRETS[key] in seen, (who, key)


def _not_found_body(client, headers):
    return client.post("/api/v1/submissions/doesnotexist0000/withdraw", headers=headers).get_json()


@pytest.mark.parametrize("who", ["delegate_b", "observer", "outsider"])
def test_another_partys_items_answer_exactly_like_nothing(make_client, world, talks, who):
    client = make_client()
    headers = world.headers(who)
    before = db_state()
    nothing = _not_found_body(client, headers)
    assert nothing["error"] == "not_found"
    targets = [talks.a_proposal.public_id, talks.a_draft.public_id]
    if who != "observer":
        targets.append(talks.view.public_id)
    for public_id in targets:
        for action, body in (("submit", None), ("withdraw", None), ("replies", {"body": "x"}),
                             ("disposition", {"decision": "accepted", "reason": "x"}), ("share", None)):
            response = client.post(f"/api/v1/submissions/{public_id}/{action}", headers=headers,
                                   json=body if body is not None else {})
            assert response.status_code == 404, (who, action)
            assert response.get_json() == nothing
    assert db_state() == before
    # The same on the pages: 404, never a redirect that tells the item exists.
    page = as_client(make_client, world, who)
    before = db_state()
    for action in ("submit", "withdraw", "reply", "disposition", "share"):
        assert page.post(f"/submissions/{talks.a_proposal.public_id}/{action}",
                         data={"body": "x", "decision": "accepted", "reason": "x"}).status_code == 404
    assert db_state() == before


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer"])
def test_parties_never_read_or_write_internal_notes(make_client, world, talks, who):
    client = make_client()
    clause = talks.clauses[1]
    assert client.get(f"/api/v1/clauses/{clause.public_id}/notes", headers=world.headers(who)).status_code == 404
    before = db_state()
    r = client.post(f"/api/v1/clauses/{clause.public_id}/notes", headers=world.headers(who), json={"body": "x"})
    assert r.status_code == 404
    assert db_state() == before


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer"])
def test_the_compilation_does_not_exist_for_parties(make_client, world, talks, who):
    client = make_client()
    url = f"/documents/{talks.document.public_id}/rounds/{talks.round.number}/compilation"
    assert client.get("/api/v1" + url, headers=world.headers(who)).status_code == 404
    assert as_client(make_client, world, who).get(url).status_code == 404


def test_a_delegate_never_acts_for_another_party(client, world, talks):
    """Submitting, withdrawing or deciding on party A's items from party B's login fails
    without a trace; a delegate cannot decide or share even on its own items."""
    b = world.headers("delegate_b")
    a = world.headers("delegate_a")
    before = db_state()
    assert client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/withdraw", headers=b).status_code == 404
    for action, body in (("disposition", {"decision": "accepted", "reason": "we like it"}), ("share", {})):
        response = client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/{action}", headers=a, json=body)
        assert response.status_code == 403, action
    assert db_state() == before
    # A request body naming another party is ignored: the party is the caller's own.
    r = client.post(f"/api/v1/clauses/{talks.clauses[0].public_id}/comments", headers=b,
                    json={"kind": "comment", "body": "From beta", "party": "alpha", "party_id": world.parties["a"].id})
    assert r.status_code == 201 and r.get_json()["party"] == "Beta Movement"


def test_submission_ids_are_unguessable_and_carry_no_count(client, world, talks):
    ids = [talks.a_proposal.public_id, talks.a_draft.public_id, talks.b_comment.public_id, talks.view.public_id]
    assert all(len(i) >= 16 and not i.isdigit() for i in ids)
    body = client.get(f"/api/v1/clauses/{talks.clauses[1].public_id}/comments", headers=world.headers("delegate_b")).get_json()
    assert len(body["comments"]) == 1 and "count" not in body and "total" not in body


def test_delegates_cannot_see_users_of_other_parties(client, world, talks):
    body = client.get("/api/v1/processes/testland", headers=world.headers("delegate_b")).get_data(as_text=True)
    assert world.users["delegate_a"].name not in body and world.users["delegate_a"].email not in body
    comments = client.get(f"/api/v1/clauses/{talks.clauses[1].public_id}/comments",
                          headers=world.headers("mediator")).get_json()["comments"]
    # The team sees names; the shared view of an item never carries another party's author.
    assert {c["author"] for c in comments} >= {world.users["delegate_a"].name}


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "outsider"])
def test_colliding_proposals_and_releases_do_not_exist_for_parties(make_client, world, talks, who):
    """The collision view, the merge and the round's release records are the team's: for a
    party (even the one whose proposal it is) they answer exactly as a missing clause or
    document does, through the API and the pages."""
    from tests.helpers import pid, without_csrf

    client = make_client()
    h = world.headers(who)
    clause, missing = talks.clauses[1].public_id, pid("clause", 999_999)
    for suffix in ("collisions", "collisions?round=1"):
        hidden = client.get(f"/api/v1/clauses/{clause}/{suffix}", headers=h)
        absent = client.get(f"/api/v1/clauses/{missing}/{suffix}", headers=h)
        assert hidden.status_code == 404 and hidden.get_data() == absent.get_data()
    d, nod = talks.document.public_id, pid("document", 999_999)
    assert client.get(f"/api/v1/documents/{d}/rounds/1/releases", headers=h).get_data() == \
        client.get(f"/api/v1/documents/{nod}/rounds/1/releases", headers=h).get_data()
    body = {"round": 1, "fingerprint": "x", "reason": "x", "save_as": "draft"}
    absent = client.post(f"/api/v1/clauses/{missing}/merge", headers=h, json=body)
    before = db_state()
    hidden = client.post(f"/api/v1/clauses/{clause}/merge", headers=h, json=body)
    assert hidden.status_code == 404 and hidden.get_data() == absent.get_data()
    assert db_state() == before
    if who != "outsider":
        page = as_client(make_client, world, who)
        one = page.get(f"/clauses/{clause}/collisions")
        other = page.get(f"/clauses/{missing}/collisions")
        assert one.status_code == 404 and without_csrf(one.get_data()) == without_csrf(other.get_data())
        before = db_state()
        assert page.post(f"/clauses/{clause}/merge", data=body).status_code == 404
        assert db_state() == before
