"""Merge two colliding proposals in the browser: the Government and the Movement each
propose a wording of one clause that adds words at the same place (a collision), the
Government also one change of its own; the mediator opens the collision view from the
round page, takes the Government's own change and the Movement's wording of the
collision, saves the result as a bridging proposal, and releases it. The Government
reads the bridging proposal only after the release."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GOV_ADDITION = " Government collision words."
NLM_ADDITION = " Movement collision words."
PREFIX = "Provisionally, "


def _propose(page, login, who: str, make_text) -> str:
    login(page, who)
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    clause = page.locator("article.clause").last
    clause.locator("summary", has_text="Comment or propose").click()
    clause.locator("select[name=kind]").select_option("proposal")
    clause.locator("textarea[name=body]").fill(f"{who} proposes for the collision test.")
    proposed = clause.locator("textarea[name=proposed_text]")
    proposed.fill(make_text(proposed.input_value()))
    clause.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Submitted to the mediation team.")).to_be_visible()
    return page.url.split("#")[0]


def test_merge_two_colliding_proposals_as_a_bridging_proposal(page, login, browser, live_server):
    round_url = _propose(page, login, "gov@demo.test", lambda t: PREFIX + t.strip() + GOV_ADDITION)
    nlm = browser.new_context(base_url=live_server).new_page()
    _propose(nlm, login, "nlm@demo.test", lambda t: t.strip() + NLM_ADDITION)
    assert nlm.get_by_text(GOV_ADDITION.strip()).count() == 0          # one party never reads the other's

    mediator = browser.new_context(base_url=live_server).new_page()
    mediator.on("dialog", lambda dialog: dialog.accept())
    login(mediator, "mediator@demo.test")
    mediator.goto(round_url)
    mediator.locator("article.clause").last.get_by_role("link", name="Colliding proposals").click()
    expect(mediator.get_by_role("heading", name=re.compile("^Colliding proposals"))).to_be_visible()
    redlines = mediator.locator(".proposal-redline")
    assert redlines.count() >= 2
    gov_card = redlines.filter(has_text="Government of Northland")
    nlm_card = redlines.filter(has_text="Northland Liberation Movement")
    expect(gov_card.locator("mark.collision ins", has_text="Government collision words")).to_be_visible()
    expect(nlm_card.locator("mark.collision ins", has_text="Movement collision words")).to_be_visible()
    expect(gov_card.locator("ins", has_text=PREFIX.strip(" ,"))).to_be_visible()         # outside the collision
    assert gov_card.locator("mark.collision", has_text=PREFIX.strip(" ,")).count() == 0

    form = mediator.locator("form#merge")
    collision = form.locator("fieldset.region.colliding")
    assert collision.count() == 1
    collision.get_by_label(re.compile("Northland Liberation Movement")).check()
    own_change = form.locator("fieldset.region:not(.colliding)", has_text="Government of Northland only")
    own_change.get_by_label(re.compile("Take it: Government of Northland")).check()
    form.locator("input[name=reason]").fill("A bridge between the two texts.")
    form.get_by_label(re.compile("A bridging proposal of the mediator")).check()
    form.get_by_role("button", name="Save the compromise").click()
    expect(mediator.get_by_text("Saved as a bridging proposal")).to_be_visible()
    bridging = mediator.locator(".bridging").last
    expect(bridging.get_by_text("hidden from the parties until released")).to_be_visible()
    expect(bridging.locator("ins", has_text="Movement collision words")).to_be_visible()
    assert bridging.locator("ins", has_text="Government collision words").count() == 0

    page.goto(round_url)                                                # the Government: nothing yet
    assert page.locator(".bridging").count() == 0
    assert page.get_by_text("Movement collision words").count() == 0

    bridging.get_by_role("button", name="Release to all parties").click()
    expect(mediator.get_by_text("Released: every party and observer group now reads")).to_be_visible()
    mediator.locator("#releases summary").click()
    expect(mediator.locator("#releases").get_by_text("Mediator's bridging proposal").first).to_be_visible()

    page.reload()
    shown = page.locator(".bridging").last
    expect(shown.get_by_text("Mediator’s bridging proposal")).to_be_visible()
    expect(shown.locator("ins", has_text="Movement collision words")).to_be_visible()
    expect(shown.locator("ins", has_text=PREFIX.strip(" ,"))).to_be_visible()
    assert page.get_by_text("hidden from the parties").count() == 0
