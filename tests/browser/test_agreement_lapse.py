"""Both parties agree a clause in the browser; the team changes it and circulates; the
agreement lapses and the parties are shown what changed."""
import pytest

from tests.browser.conftest import circulate_next_round
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLAUSE = "Disputes concerning the interpretation of this Agreement"


def agree(browser, live_server, login, email):
    page = browser.new_context(base_url=live_server).new_page()
    login(page, email)
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    clause = page.locator("article.clause", has_text=CLAUSE).first
    clause.locator("summary", has_text="Record a position").click()
    clause.locator("select[name=status]").select_option("agreed")
    clause.get_by_role("button", name="Save position").click()
    expect(page.get_by_text("Position recorded.")).to_be_visible()
    return page


def test_both_parties_agree_the_team_changes_it_and_the_agreement_lapses(browser, live_server, login):
    gov = agree(browser, live_server, login, "gov@demo.test")
    nlm = agree(browser, live_server, login, "nlm@demo.test")
    clause = nlm.locator("article.clause", has_text=CLAUSE).first
    expect(clause.locator(".badge", has_text="provisionally agreed")).to_be_visible()
    nlm.context.close()

    team = browser.new_context(base_url=live_server).new_page()
    login(team, "drafter@demo.test")
    team.get_by_role("link", name="Northland Peace Talks").first.click()
    team.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    team.wait_for_url("**/documents/**")
    if "/rounds/" in team.url:
        team.get_by_role("link", name="Working draft").click()
    draft = team.locator("article.clause", has_text=CLAUSE).first
    draft.locator("summary", has_text="Edit").click()
    draft.locator("textarea[name=text]").fill(
        "Disputes concerning the interpretation of this Agreement shall be referred to a Joint Interpretation "
        "Panel within two months.")
    draft.get_by_role("button", name="Save new version").click()
    team.context.close()

    mediator = browser.new_context(base_url=live_server).new_page()
    login(mediator, "mediator@demo.test")
    mediator.goto(gov.url.split("/rounds/")[0] + "/rounds")
    mediator.on("dialog", lambda dialog: dialog.accept())
    circulate_next_round(mediator)
    expect(mediator.get_by_text("circulated to every party")).to_be_visible()
    mediator.context.close()

    gov.goto(gov.url.split("/rounds/")[0] + "/status")
    look = gov.locator("section.look-again")
    expect(look.get_by_text("Look again")).to_be_visible()
    assert "two months" in look.locator("ins").all_inner_texts()[0] + " ".join(look.locator("ins").all_inner_texts())
    gov.context.close()
