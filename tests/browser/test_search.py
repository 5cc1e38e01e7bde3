"""Search in the browser: each delegate submits a comment with a word of its own; the
government delegate searches from the navigation bar and finds its own comment and the
circulated text, never the NLM's comment; the mediator finds both."""
import pytest

from tests.browser.test_proximity_talks import CLAUSE, open_latest_round
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GOV_WORD, NLM_WORD = "tamariskgov", "junipernlm"


def comment(page, login, email: str, word: str) -> None:
    login(page, email)
    clause = open_latest_round(page)
    clause.locator("summary", has_text="Comment or propose").click()
    clause.locator("select[name=kind]").select_option("comment")
    clause.locator("textarea[name=body]").fill(f"We read this with care: {word} matters to us.")
    clause.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Submitted to the mediation team.")).to_be_visible()


def search_for(page, words: str):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_role("searchbox", name="Words").fill(words)
    page.get_by_role("button", name="Search").click()
    return page.locator(".search-results")


def test_a_delegate_finds_its_own_comment_and_not_the_other_partys(page, login, browser, live_server):
    nlm = browser.new_context(base_url=live_server).new_page()
    comment(nlm, login, "nlm@demo.test", NLM_WORD)
    nlm.context.close()

    comment(page, login, "gov@demo.test", GOV_WORD)
    results = search_for(page, GOV_WORD)
    expect(page.get_by_role("status").filter(has_text="1 result")).to_be_visible()
    hit = results.locator(".search-result").first
    assert hit.locator("mark").inner_text() == GOV_WORD
    assert "comment by Government of Northland" in hit.inner_text()
    hit.get_by_role("link").first.click()
    expect(page.locator("article.clause", has_text=CLAUSE).first).to_be_visible()
    assert "/rounds/" in page.url

    results = search_for(page, NLM_WORD)
    expect(page.get_by_role("status").filter(has_text="0 results")).to_be_visible()
    expect(results.get_by_text("Nothing found.")).to_be_visible()
    assert page.get_by_text(NLM_WORD).count() == 0          # (the search box holds it as its value)
    assert page.get_by_role("searchbox", name="Words").input_value() == NLM_WORD

    results = search_for(page, "Land Commission")
    expect(results.locator(".search-clause mark", has_text="Land").first).to_be_visible()

    mediator = browser.new_context(base_url=live_server).new_page()
    login(mediator, "mediator@demo.test")
    mediator.goto("/")
    mediator.get_by_role("link", name="Northland Peace Talks").first.click()
    assert search_for(mediator, NLM_WORD).locator(".search-result").count() == 1
    mediator.context.close()
