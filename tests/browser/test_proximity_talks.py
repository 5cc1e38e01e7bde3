"""Proximity talks in the browser: the government delegate proposes a change and sees it
as a live redline; the NLM delegate cannot find it; the mediator answers it and records
a disposition, which the government delegate then reads."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLAUSE = "A Land Commission shall resolve disputes"
PROPOSED = "A Land Commission with international members shall resolve disputes over land occupied during the conflict."


def open_latest_round(page):
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    page.wait_for_url("**/rounds/**")
    return page.locator("article.clause", has_text=CLAUSE).first


def test_government_proposes_nlm_cannot_see_it_mediator_decides(page, login, browser, live_server):
    login(page, "gov@demo.test")
    clause = open_latest_round(page)
    clause.locator("summary", has_text="Comment or propose").click()
    clause.locator("select[name=kind]").select_option("proposal")
    clause.locator("textarea[name=body]").fill("International members would reassure displaced owners.")
    clause.locator("textarea[name=proposed_text]").fill(PROPOSED)
    live = clause.locator(".live-redline ins")
    live.first.wait_for()
    assert "with international members" in live.first.inner_text()
    clause.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Submitted to the mediation team.")).to_be_visible()
    mine = page.locator("article.clause", has_text=CLAUSE).first.locator(".submission", has_text="reassure displaced")
    assert mine.locator("ins").first.inner_text().strip().startswith("with international members")
    round_url = page.url.split("#")[0].replace(live_server, "")

    nlm = browser.new_context(base_url=live_server).new_page()
    login(nlm, "nlm@demo.test")
    nlm.goto(round_url)
    assert nlm.get_by_text("reassure displaced owners").count() == 0
    assert nlm.get_by_text("with international members").count() == 0
    nlm.context.close()

    mediator = browser.new_context(base_url=live_server).new_page()
    login(mediator, "mediator@demo.test")
    mediator.goto(round_url)
    item = mediator.locator(".submission", has_text="reassure displaced")
    item.get_by_placeholder("Reply in this thread").fill("Would observers from the region do?")
    item.get_by_role("button", name="Reply").click()
    item = mediator.locator(".submission", has_text="reassure displaced")
    expect(item.locator(".reply", has_text="Would observers from the region do?")).to_be_visible()
    item.locator("select[name=decision]").select_option("partly_accepted")
    item.get_by_placeholder("Reason").fill("Regional members instead of international ones.")
    item.get_by_role("button", name="Record disposition").click()
    expect(mediator.locator(".submission", has_text="reassure displaced").locator(".badge", has_text="partly accepted")).to_be_visible()
    mediator.context.close()

    page.reload()
    mine = page.locator(".submission", has_text="reassure displaced")
    expect(mine.get_by_text("Regional members instead of international ones.")).to_be_visible()
    expect(mine.get_by_text("Would observers from the region do?")).to_be_visible()
    expect(mine.get_by_text("Mediation team")).to_be_visible()
