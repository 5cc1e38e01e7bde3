"""The mediator reads the demo's audit log: in words, filtered to the document, and on a
laptop or a phone the page never grows wider than the screen (it was 2,254 px at 1,366)."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 375])
def test_the_audit_log_reads_in_words_and_fits_the_screen(page, login, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "mediator@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    page.get_by_role("link", name="Audit log").click()
    page.wait_for_url("**/*document=*")
    expect(page.get_by_text("circulated Rev. 2 (", exact=False).first).to_be_visible()
    expect(page.get_by_text("Delegate of Government of Northland").first).to_be_visible()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"the page is {wide} px wide on a {width} px screen"
    details = page.locator("details").first
    details.locator("summary").click()
    expect(details.locator("code").first).to_be_visible()          # the action code, on demand
    page.locator("select[name=kind]").select_option(label="Positions")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("recorded “agreed”", exact=False).first).to_be_visible()
    assert page.get_by_text("circulated Rev.", exact=False).count() == 0
