"""A drafter edits a clause, the mediator circulates the next round, and both read the redline."""
import pytest

from tests.browser.conftest import circulate_next_round
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_drafter_edits_mediator_circulates_and_the_redline_shows_the_change(page, login, browser, live_server):
    login(page, "drafter@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    clause = page.locator("article.clause", has_text="The Annexes form an integral part").first
    clause.locator("summary", has_text="Edit").click()
    clause.locator("textarea[name=text]").fill("The Annexes and the Implementation Matrix form an integral part of this Agreement.")
    clause.locator("input[name=reason]").fill("Matrix added at the legal working group")
    clause.get_by_role("button", name="Save new version").click()
    expect(page.get_by_text("Saved as a new version.")).to_be_visible()

    mediator = browser.new_context(base_url=live_server).new_page()
    login(mediator, "mediator@demo.test")
    document_url = page.url.split("#")[0].split("?")[0]
    mediator.goto(document_url.replace(live_server, "") + "/rounds")
    mediator.on("dialog", lambda dialog: dialog.accept())
    circulate_next_round(mediator)
    expect(mediator.get_by_text("circulated to every party")).to_be_visible()
    mediator.get_by_role("link", name="Changes since").click()
    redline = mediator.locator("article.clause", has_text="Implementation Matrix").first
    assert redline.locator("ins").first.inner_text().strip().startswith("and the Implementation Matrix")
    mediator.context.close()

    login_page = browser.new_context(base_url=live_server).new_page()
    login(login_page, "gov@demo.test")
    login_page.goto(document_url.replace(live_server, ""))
    assert "/rounds/" in login_page.url
    expect(login_page.locator(".clause-text", has_text="The Annexes and the Implementation Matrix").first).to_be_visible()
    assert login_page.get_by_text("Working draft").count() == 0
    login_page.context.close()
