"""A drafter writes a blanket amnesty into the working draft; the mediator is asked to
confirm before circulating over it and does; the legal adviser is told on the home page,
escalates the finding to the mediator with a note, and the mediator sees it in their
queue; the legal adviser then closes it."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AMNESTY = ("All members of the armed forces and of the Movement shall be granted a full amnesty for all acts "
           "committed in the course of the conflict, including the release of political prisoners.")
RAW_RULE = re.compile(r"\b(amnesty|limitation|courts)\.[a-z]+-[a-z]+\b")


def test_the_mediator_confirms_circulating_over_a_finding_and_the_legal_adviser_is_told(page, login, browser,
                                                                                         live_server):
    login(page, "drafter@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    document_url = page.url.split("#")[0].split("?")[0].replace(live_server, "")
    clause = page.locator("article.clause", has_text="All political prisoners shall be released").first
    clause.locator("summary", has_text="Edit").click()
    clause.locator("textarea[name=text]").fill(AMNESTY)
    clause.get_by_role("button", name="Save new version").click()
    expect(page.get_by_text("Saved as a new version.")).to_be_visible()
    page.context.close()

    mediator = browser.new_context(base_url=live_server).new_page()
    login(mediator, "mediator@demo.test")
    mediator.goto(document_url + "/rounds")
    mediator.on("dialog", lambda dialog: dialog.accept())
    mediator.get_by_label("Note to the parties (optional)").fill("Revised justice chapter")
    mediator.locator("input[name=confirm_counts]").check()
    mediator.get_by_role("button", name="Circulate next round").click()
    expect(mediator.get_by_role("heading", name="Circulate over unreviewed findings?")).to_be_visible()
    held = mediator.locator("table.held-findings tr", has_text="granted a full amnesty")
    expect(held.get_by_text(re.compile(r"^Article \d+$"))).to_be_visible()
    expect(held.locator(".badge", has_text="violation")).to_be_visible()
    expect(held.get_by_role("cell", name="unreviewed", exact=True)).to_be_visible()
    assert not RAW_RULE.search(mediator.content())
    # Without the box ticked the browser does not send the form; ticked, it goes out.
    mediator.get_by_role("button", name="Circulate anyway").click()
    expect(mediator.get_by_role("heading", name="Circulate over unreviewed findings?")).to_be_visible()
    mediator.get_by_label("and circulate the draft to every party anyway").check()
    mediator.get_by_role("button", name="Circulate anyway").click()
    expect(mediator.get_by_text("The legal advisers are told it went out over unreviewed findings.")).to_be_visible()
    round_url = mediator.url
    assert re.search(r"/rounds/\d+$", round_url)
    expect(mediator.get_by_text("Revised justice chapter").first).to_be_visible()

    legal = browser.new_context(base_url=live_server).new_page()
    login(legal, "legal@demo.test")
    notice = legal.locator(".held-notice").first
    expect(notice.get_by_text("Circulated over unreviewed findings")).to_be_visible()
    expect(notice.get_by_role("link", name=round_url.rsplit("/", 1)[1].join(["Rev. ", ""]))).to_be_visible()
    queue = legal.locator(".queue-document", has_text="Comprehensive Peace Agreement for Northland")
    assert queue.locator(".count[data-state=unreviewed_violations]").inner_text().split()[0] != "0"
    assert not RAW_RULE.search(legal.content())
    queue.locator("li a").first.click()          # newest first: the one just circulated
    finding = legal.locator("section.finding", has_text="granted a full amnesty")
    expect(finding.get_by_role("link", name=round_url.rsplit("/", 1)[1].join(["Rev. ", ""]))).to_be_visible()
    expect(finding.get_by_role("link", name="in the working draft")).to_be_visible()
    finding.locator("select[name=decision]").select_option("escalated")
    finding.locator("select[name=assignee_id]").select_option(label="Mariam Okafor (Mediator) (mediator)")
    finding.get_by_placeholder("Note to the assignee (required to escalate)").fill(
        "Raise with OLA before the next session.")
    finding.get_by_role("button", name="Record review").click()
    expect(legal.get_by_text("Review recorded.")).to_be_visible()
    finding = legal.locator("section.finding", has_text="granted a full amnesty")
    expect(finding.get_by_text("assigned to Mariam Okafor (Mediator)")).to_be_visible()

    mediator.goto("/")
    assigned = mediator.locator(".review-queue li", has_text="Raise with OLA before the next session.")
    expect(assigned).to_be_visible()
    assigned.get_by_role("link").click()
    expect(mediator.locator("section.finding", has_text="granted a full amnesty")).to_be_visible()
    mediator.context.close()

    # The legal adviser closes it, leaving the demo's own findings as they were.
    finding.locator("select[name=decision]").select_option("confirmed")
    finding.get_by_placeholder("Reason (required to dismiss)").fill("OLA: a blanket amnesty; it cannot stand.")
    finding.get_by_role("button", name="Record review").click()
    expect(legal.get_by_text("Review recorded.")).to_be_visible()
    assert legal.locator("section.finding", has_text="granted a full amnesty").count() == 0
    legal.context.close()
