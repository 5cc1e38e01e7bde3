"""Authentic texts in the browser (issue #22, "Done means"): the drafter edits the English
text, sees the Arabic marked to be updated; the parties' agreement holds until the next
round is circulated and lapses then; the Arabic is updated; both texts read side by side,
the Arabic right to left; the bilingual table downloads as a Word file set right to left."""
import io
import zipfile

import pytest

from tests.browser.conftest import circulate_next_round
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLAUSE = "The Parties shall provide the Ceasefire Monitoring Mission"
NEW_EN = ("The Parties shall provide the Ceasefire Monitoring Mission with unrestricted freedom of movement "
          "and access throughout Northland.")
NEW_AR = "يكفل الطرفان لبعثة مراقبة وقف إطلاق النار حرية التنقل والوصول دون قيود في جميع أنحاء نورثلاند."


def open_document(page, login, email):
    login(page, email)
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    return page.url.split("/rounds/")[0].rstrip("/")


def agree(browser, live_server, login, email):
    page = browser.new_context(base_url=live_server).new_page()
    doc = open_document(page, login, email)
    clause = page.locator("article.clause", has_text=CLAUSE).first
    clause.locator("summary", has_text="Record a position").click()
    clause.locator("select[name=status]").select_option("agreed")
    clause.get_by_role("button", name="Save position").click()
    expect(page.get_by_text("Position recorded.")).to_be_visible()
    return page, doc


def row_of(page):
    return page.locator("table.side-by-side tr", has_text=CLAUSE).first


def test_edit_english_arabic_to_be_updated_lapse_on_circulation_side_by_side_and_the_table(
        browser, live_server, login):
    gov, doc = agree(browser, live_server, login, "gov@demo.test")
    nlm, _ = agree(browser, live_server, login, "nlm@demo.test")
    expect(nlm.locator("article.clause", has_text=CLAUSE).first.locator(
        ".badge", has_text="provisionally agreed")).to_be_visible()
    nlm.context.close()

    team = browser.new_context(base_url=live_server, accept_downloads=True).new_page()
    login(team, "drafter@demo.test")
    team.goto(f"{doc}/texts?lang=en&lang=ar")
    row = row_of(team)
    english = row.locator('td[data-language="en"]')
    english.locator("summary", has_text="Edit the English text").click()
    english.locator("textarea[name=text]").fill(NEW_EN)
    english.get_by_role("button", name="Save English text").click()
    expect(team.get_by_text("Saved as a new version.")).to_be_visible()
    arabic = row_of(team).locator('td[data-language="ar"]')
    expect(arabic.locator(".to-update", has_text="To be updated")).to_be_visible()

    # Not circulated yet: the parties' agreement on the circulated wording holds.
    gov.reload()
    expect(gov.locator("article.clause", has_text=CLAUSE).first.locator(
        ".badge", has_text="provisionally agreed")).to_be_visible()

    arabic.locator("summary", has_text="Edit the Arabic text").click()
    arabic.locator("textarea[name=text]").fill(NEW_AR)
    arabic.get_by_role("button", name="Save Arabic text").click()
    expect(team.get_by_text("Saved as a new version.")).to_be_visible()
    assert row_of(team).locator(".to-update").count() == 0

    mediator = browser.new_context(base_url=live_server).new_page()
    login(mediator, "mediator@demo.test")
    mediator.goto(f"{doc}/rounds")
    mediator.on("dialog", lambda dialog: dialog.accept())
    circulate_next_round(mediator)
    expect(mediator.get_by_text("circulated to every party")).to_be_visible()
    mediator.context.close()

    # Circulated: the agreement lapsed, and the party is asked to look again.
    gov.goto(f"{doc}/status")
    look = gov.locator("section.look-again")
    expect(look.get_by_text("Look again")).to_be_visible()
    # The party reads both texts of the new round side by side, the Arabic right to left.
    gov.goto(f"{doc}/texts?lang=en&lang=ar")
    cell = row_of(gov).locator('td[data-language="ar"]')
    assert NEW_AR in cell.inner_text()
    assert cell.get_attribute("dir") == "rtl" and cell.get_attribute("lang") == "ar"
    assert cell.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert row_of(gov).locator('td[data-language="en"]').evaluate("el => getComputedStyle(el).direction") == "ltr"
    gov.context.close()

    team.goto(f"{doc}/texts?lang=en&lang=ar")
    with team.expect_download() as info:
        team.get_by_role("link", name="Download the side-by-side table (.docx)").click()
    data = open(info.value.path(), "rb").read()
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert NEW_AR in body and NEW_EN in body and "<w:bidi/>" in body and "<w:rtl/>" in body
    team.context.close()
