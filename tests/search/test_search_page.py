"""The search page: what the API finds, as a page, escaped and marked."""
import pytest

from app.drafting.operations import add_clause
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import login, without_csrf
from tests.search.conftest import write_a, write_others


def page(client, world, **params):
    return client.get(f"/p/{world.process.slug}/search", query_string=params)


def test_a_delegate_finds_its_own_submission_on_the_page_and_never_the_other_partys(client, world, talks):
    login(client, world.users["delegate_a"])
    html = page(client, world, q="zephyrine").get_data(as_text=True)
    assert "1 result" in html and "<mark>zephyrine</mark>" in html and "proposal by Alpha Government" in html
    assert "quokkaland" not in html and "Beta" not in html
    for hidden in ("quokkaland", "hushnote", "draftonly", "watcherword"):
        assert "Nothing found." in page(client, world, q=hidden).get_data(as_text=True)


def test_the_page_is_the_same_whether_hidden_items_exist_or_not(client, world, scene):
    write_a(world, scene)
    login(client, world.users["delegate_a"])
    queries = ["quokkaland", "zephyrine", "ceasefire", "draftonly"]
    before = {q: without_csrf(page(client, world, q=q).data) for q in queries}
    write_others(world, scene)
    assert before == {q: without_csrf(page(client, world, q=q).data) for q in queries}


def test_the_team_finds_the_working_draft_and_notes(client, world, talks):
    login(client, world.users["mediator"])
    html = page(client, world, q="draftonly").get_data(as_text=True)
    assert "working draft" in html and "<mark>draftonly</mark>" in html and "Article 3" in html
    assert "internal note" in page(client, world, q="hushnote").get_data(as_text=True)
    assert "quokkaland" in page(client, world, q="quokkaland", kind="submission").get_data(as_text=True)
    assert 'value="draft"' in page(client, world).get_data(as_text=True)


def test_hostile_text_is_escaped_and_then_marked(client, world, scene):
    mediator = world.users["mediator"]
    add_clause(scene.document, scene.sections[0], 'Deal <script>alert("xss")</script> & <b>boldword</b> here.',
               actor=mediator)
    circulate_round(scene.document, actor=mediator)
    db.session.commit()
    login(client, world.users["delegate_a"])
    for q in ("script", "boldword", "alert"):
        html = page(client, world, q=q).get_data(as_text=True)
        assert "<script>alert" not in html and "<b>" not in html
        assert "&lt;<mark>script</mark>&gt;" in html or "&lt;b&gt;<mark>boldword</mark>" in html or \
            "<mark>alert</mark>(&#34;xss&#34;)" in html
    r = client.get("/api/v1/search?q=script")
    body = r.get_json()
    hit = body["results"][0]
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["script", "script"]


@pytest.mark.parametrize("q", ["", "()", '"', "x" * 201])
def test_a_query_with_nothing_to_search_for_says_so_and_changes_nothing(client, world, talks, q):
    login(client, world.users["delegate_a"])
    before = db_state()
    r = page(client, world, q=q)
    assert r.status_code == 400 and 'role="alert"' in r.get_data(as_text=True)
    assert db_state() == before


def test_without_a_query_the_page_shows_the_form(client, world, talks):
    login(client, world.users["observer"])
    r = page(client, world)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'role="search"' in html and "result" not in html
    assert 'value="draft"' not in html and 'value="note"' not in html


def test_another_process_answers_as_a_missing_one(client, world, talks):
    login(client, world.users["outsider"])
    hidden = client.get(f"/p/{world.process.slug}/search?q=ceasefire")
    missing = client.get("/p/no-such-process/search?q=ceasefire")
    assert hidden.status_code == missing.status_code == 404
    assert without_csrf(hidden.data) == without_csrf(missing.data)


def test_the_nav_links_to_search(client, world, talks):
    login(client, world.users["delegate_a"])
    html = client.get(f"/p/{world.process.slug}").get_data(as_text=True)
    assert f'href="/p/{world.process.slug}/search"' in html


def test_pages_of_results(client, world, scene):
    mediator = world.users["mediator"]
    for i in range(25):
        add_clause(scene.document, scene.sections[1], f"Pagerword clause {i}.", actor=mediator)
    db.session.commit()
    login(client, world.users["mediator"])
    html = page(client, world, q="pagerword").get_data(as_text=True)
    assert "25 results, 1–20 shown" in html and 'rel="next"' in html
    second = page(client, world, q="pagerword", offset="20").get_data(as_text=True)
    assert 'rel="prev"' in second and second.count('class="card search-result') == 5
