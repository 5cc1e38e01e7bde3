"""A GET on an address that only receives forms or API writes (a reload after a
proposal preview or an edit conflict, /logout typed in the address bar) answers a
proper 405: a page that says what happened under HTML, the JSON error under /api/,
with the Allow header, and nothing changed."""
import pytest
from werkzeug.exceptions import MethodNotAllowed

from tests.security.routes import fill
from tests.security.test_refusals import changed_tables, database_state
from tests.helpers import login, pid

READ = {"GET", "HEAD", "OPTIONS"}


def post_only_routes(app):
    """Rules whose address no rule serves to GET (some addresses have a GET rule and a
    POST rule of their own, e.g. a document's rounds)."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if set(rule.methods or ()) & {"GET"} or rule.endpoint == "static":
            continue
        try:
            adapter.match(fill(rule), method="GET")
        except MethodNotAllowed:
            yield rule


def test_there_are_post_only_routes_of_both_kinds(app):
    rules = list(post_only_routes(app))
    assert any(r.rule == "/logout" for r in rules)
    assert any(r.rule.startswith("/api/") for r in rules) and len(rules) > 40


@pytest.mark.parametrize("who", ["mediator", "delegate_a", None], ids=lambda w: w or "anonymous")
def test_get_on_every_post_only_route_answers_405(app, make_client, world, who):
    client = make_client()
    if who:
        login(client, world.users[who])
    for rule in post_only_routes(app):
        url = fill(rule)
        api = url.startswith("/api/")
        headers = world.headers(who) if (api and who) else {}
        before = database_state()
        response = client.get(url, headers=headers)
        assert response.status_code == 405, (url, response.status_code)
        allowed = {m.strip() for m in response.headers["Allow"].split(",")}
        assert allowed & set(rule.methods) - READ, (url, allowed)
        if api:
            assert response.get_json()["error"] == "method_not_allowed", url
        else:
            page = response.get_data(as_text=True)
            assert response.mimetype == "text/html"
            assert "Nothing to show at this address" in page and "nothing was changed" in page, url
        assert changed_tables(before, database_state()) == {}, url


def test_reloading_after_a_preview_or_an_edit_conflict(client, world, doc):
    document, _, clauses = doc
    login(client, world.users["drafter"])
    before = database_state()
    stale = client.post(f"/clauses/{clauses[0].public_id}/edit",
                        data={"text": "Mine.", "base_version_id": pid("version", clauses[0].current_version_id - 1)})
    assert stale.status_code == 409 and "Someone changed this clause first" in stale.get_data(as_text=True)
    assert "Mine." in stale.get_data(as_text=True)           # what was typed is kept
    assert changed_tables(before, database_state()) == {}
    reload = client.get(f"/clauses/{clauses[0].public_id}/edit")
    assert reload.status_code == 405 and "Go back to the page the form was on" in reload.get_data(as_text=True)
    assert client.get(f"/clauses/{clauses[0].public_id}/comments").status_code == 405
    assert client.get("/logout").status_code == 405
    assert changed_tables(before, database_state()) == {}
    assert client.get("/account").status_code == 200       # the GET stays logged in: logout was not done
