"""The mediator's round in the browser: a delegate's question waits in the home page's
queue; its link leads to where it is answered; the mediator previews the next round as
the government will receive it, and circulates it with the confirmation that names the
counts; the government then reads exactly the previewed text."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUESTION = "Workbench check: does this cover the transition period?"
REVISION = " (as revised for the workbench check)"


def test_home_queue_item_link_preview_as_a_party_then_circulate(page, login, browser, live_server):
    login(page, "gov@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    clause = page.locator("article.clause").first
    clause.locator("summary", has_text="Comment or propose").click()
    clause.locator("select[name=kind]").select_option("question")
    clause.locator("textarea[name=body]").fill(QUESTION)
    clause.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Submitted to the mediation team.")).to_be_visible()
    document_url = re.sub(r"/rounds/\d+.*$", "", page.url.replace(live_server, ""))
    gov_home = page
    gov_home.goto("/")
    assert gov_home.locator(".team-queue").count() == 0

    mediator = browser.new_context(base_url=live_server).new_page()
    mediator.on("dialog", lambda dialog: dialog.accept())
    login(mediator, "mediator@demo.test")
    queue = mediator.locator(".team-queue-document", has_text="Comprehensive Peace Agreement for Northland")
    assert queue.locator(".count[data-state=unanswered]").inner_text().split()[0] != "0"
    item = queue.locator(".queue-item", has_text="Workbench check")
    item.get_by_role("link").click()
    mediator.wait_for_url(lambda url: "respond=" in url)
    assert "#s-" in mediator.url
    answered = mediator.locator(".submission", has_text=QUESTION)
    expect(answered).to_be_visible()
    answered.get_by_placeholder("Reply in this thread").fill("Yes, until the elections.")
    answered.get_by_role("button", name="Reply").click()
    expect(mediator.locator(".submission", has_text=QUESTION).locator(".reply", has_text="Yes, until the elections.")).to_be_visible()

    # The draft moves on, so that there is a next round to circulate.
    mediator.goto(document_url)
    draft_clause = mediator.locator("article.clause").first
    draft_clause.locator("summary", has_text="Edit").click()
    text = draft_clause.locator("textarea[name=text]")
    text.fill(text.input_value() + REVISION)
    draft_clause.get_by_role("button", name="Save new version").click()
    expect(mediator.get_by_text("Saved as a new version.")).to_be_visible()
    expect(mediator.locator("article.clause").first.get_by_text("changed since the latest round")).to_be_visible()

    mediator.goto(document_url + "/rounds")
    mediator.get_by_role("link", name=re.compile(r"^Preview Rev\. \d+$")).click()
    counts = mediator.locator(".preview-counts")
    changed = int(counts.get_attribute("data-changed"))
    findings = int(counts.get_attribute("data-findings"))
    assert changed >= 1
    expect(mediator.get_by_text(REVISION.strip(" ()")).first).to_be_visible()
    mediator.get_by_role("navigation", name="View as").get_by_role("link", name="Government of Northland").click()
    received = mediator.locator("section.received-by[data-party=government]")
    expect(received.get_by_role("heading", name="What Government of Northland will receive")).to_be_visible()
    previewed = [t.strip() for t in received.locator(".clause-text").all_inner_texts()]
    assert any(REVISION.strip() in t for t in previewed)
    assert QUESTION not in received.inner_text()

    mediator.get_by_role("link", name="Circulate…").click()
    confirm = mediator.locator("label.confirm-counts")
    label = confirm.inner_text()
    assert f"{changed} clause{'s' if changed != 1 else ''} changed" in label
    assert f"{findings} open finding{'s' if findings != 1 else ''}" in label
    mediator.get_by_label("Note to the parties (optional)").fill("With the workbench check")
    # Unticked, the browser does not send the form; ticked, it goes out.
    mediator.get_by_role("button", name="Circulate next round").click()
    expect(mediator.get_by_role("heading", name="Circulate the working draft")).to_be_visible()
    confirm.locator("input").check()
    mediator.get_by_role("button", name="Circulate next round").click()
    done = mediator.get_by_text("circulated to every party")
    gate = mediator.get_by_role("heading", name="Circulate over unreviewed findings?")
    done.or_(gate).first.wait_for()
    if gate.is_visible():
        mediator.get_by_label("and circulate the draft to every party anyway").check()
        mediator.get_by_role("button", name="Circulate anyway").click()
        done.first.wait_for()
    round_path = mediator.url.replace(live_server, "")
    mediator.context.close()

    gov_home.goto(round_path)
    got = [t.strip() for t in gov_home.locator("article.clause .clause-text").all_inner_texts()]
    assert got == previewed
    gov_home.context.close()
