"""The round page's kept rendering (app/rounds/frozen.py): a page served from the cache
is byte for byte the page rendered without it, for each reader and language; no reader's
data travels through it to another; a new round, an edit and a position show up."""
import pytest

from app.rounds.frozen import RoundPageCache, page_cache
from tests.helpers import login, without_csrf

from ..agreement.test_agreement_pages import version_of
from .test_rounds_api import circulate, edit

KEY = "penholder_round_pages"


@pytest.fixture
def cache_switch(app, monkeypatch):
    """switch(False): the app renders without the cache; switch(True): with a fresh one."""
    def switch(on: bool):
        app.extensions.pop(KEY, None)
        monkeypatch.setitem(app.config, "ROUND_PAGE_CACHE_BYTES", 64 * 2**20 if on else 0)
    yield switch
    app.extensions.pop(KEY, None)


def page(client, document, number=1, **headers):
    response = client.get(f"/documents/{document.public_id}/rounds/{number}", headers=headers)
    assert response.status_code == 200
    return without_csrf(response.get_data())


@pytest.mark.parametrize("who", ["delegate_a", "delegate_b", "observer", "drafter", "mediator"])
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_cached_page_is_byte_identical_to_the_page_rendered_without_the_cache(
        client, world, doc, cache_switch, who, language):
    document, _, _ = doc
    assert circulate(client, world, document).status_code == 201
    login(client, world.users[who])
    cache_switch(False)
    uncached = page(client, document, **{"Accept-Language": language})
    cache_switch(True)
    first = page(client, document, **{"Accept-Language": language})       # fills the cache
    assert len(page_cache()) > 0 and page_cache().misses > 0
    hits = page_cache().hits
    again = page(client, document, **{"Accept-Language": language})       # from it
    assert page_cache().hits > hits
    assert uncached == first == again


def test_the_interface_language_is_part_of_the_key(client, world, doc, cache_switch):
    document, _, _ = doc
    circulate(client, world, document)
    login(client, world.users["delegate_a"])
    cache_switch(True)
    english = page(client, document, **{"Accept-Language": "en"})
    french = page(client, document, **{"Accept-Language": "fr"})
    assert b"1 bracket<" in english and b"1 bracket<" not in french
    cache_switch(False)
    assert page(client, document, **{"Accept-Language": "fr"}) == french


def test_one_partys_data_never_reaches_another_through_the_cache(make_client, world, doc, cache_switch):
    document, _, clauses = doc
    alpha, beta = make_client(), make_client()
    circulate(alpha, world, document)
    cache_switch(True)
    login(alpha, world.users["delegate_a"])
    login(beta, world.users["delegate_b"])
    comment = alpha.post(f"/api/v1/clauses/{clauses[0].public_id}/comments", headers=world.headers("delegate_a"),
                         json={"kind": "comment", "body": "Alpha's confidential reservation."})
    assert comment.status_code == 201
    position = alpha.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha",
                         headers=world.headers("delegate_a"),
                         json={"status": "reservation", "version_id": version_of(alpha, world, document, clauses[0]),
                               "note": "Alpha-hidden-reason"})
    assert position.status_code == 200
    seen_by_alpha = page(alpha, document)                    # fills the cache for this page
    assert b"Alpha&#39;s confidential reservation." in seen_by_alpha
    seen_by_beta = page(beta, document)                      # served from it
    assert page_cache().hits > 0
    assert b"confidential reservation" not in seen_by_beta and b"Alpha-hidden-reason" not in seen_by_beta
    cache_switch(False)
    assert page(beta, document) == seen_by_beta
    assert page(alpha, document) == seen_by_alpha


def test_a_new_round_an_edit_and_a_position_show_up(client, world, doc, cache_switch):
    document, _, clauses = doc
    circulate(client, world, document)
    cache_switch(True)
    login(client, world.users["delegate_b"])
    before = page(client, document)
    assert b"Forces shall withdraw to agreed positions." in before
    # An edit changes the working draft, not the circulated round.
    edit(client, world, clauses[2], "Forces shall withdraw within 30 days.")
    assert page(client, document) == before
    assert circulate(client, world, document).status_code == 201
    second = page(client, document, 2)
    assert b"Forces shall withdraw within 30 days." in second and b"to agreed positions." not in second
    first = page(client, document)                          # Rev. 1 keeps its text (its forms go)
    assert b"Forces shall withdraw to agreed positions." in first and b"within 30 days" not in first
    # A position recorded after the page was kept shows on the next view.
    recorded = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/beta",
                          headers=world.headers("delegate_b"),
                          json={"status": "reservation", "version_id": version_of(client, world, document, clauses[0]),
                                "note": "Beta's reason"})
    assert recorded.status_code == 200
    after = page(client, document, 2)
    assert after != second and after.count(b"none yet") == second.count(b"none yet") - 1
    cache_switch(False)
    assert page(client, document, 2) == after and page(client, document) == first


def test_the_cache_is_bounded_and_drops_the_least_recently_used():
    cache = RoundPageCache(max_bytes=100)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == ("A", 40)          # a is now the most recently used
    cache.put("c", "C", 40)                     # over the bound: b goes
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
    assert cache.bytes == 80 and len(cache) == 2
    cache.put("huge", "H", 101)                 # larger than the whole cache: not kept
    assert cache.get("huge") is None and len(cache) == 2
