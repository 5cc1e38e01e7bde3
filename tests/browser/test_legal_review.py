"""A legal adviser works through the findings queue: confirms one, dismisses another
with a written reason."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_legal_adviser_confirms_one_finding_and_dismisses_another(page, login):
    login(page, "legal@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    page.get_by_role("link", name="Compliance findings").click()
    violation = page.locator("section.finding", has_text="No criminal proceedings shall be instituted")
    assert violation.locator("mark").first.inner_text().startswith("No criminal proceedings")
    violation.locator("select[name=decision]").select_option("confirmed")
    violation.get_by_role("button", name="Record review").click()
    expect(page.get_by_text("Review recorded.")).to_be_visible()
    assert page.locator("section.finding", has_text="No criminal proceedings shall be instituted").count() == 0

    warning = page.locator("section.finding", has_text="broadest possible amnesty")
    warning.locator("select[name=decision]").select_option("dismissed")
    warning.get_by_role("button", name="Record review").click()
    expect(page.get_by_text("needs a written reason")).to_be_visible()
    warning = page.locator("section.finding", has_text="broadest possible amnesty")
    warning.locator("select[name=decision]").select_option("dismissed")
    warning.get_by_placeholder("Reason (required to dismiss)").fill("The Commission's conditions exclude the core crimes (Annex 3).")
    warning.get_by_role("button", name="Record review").click()
    expect(page.get_by_text("No open findings.")).to_be_visible()
    page.get_by_role("link", name="Show reviewed findings too").click()
    expect(page.get_by_text("The Commission's conditions exclude the core crimes (Annex 3).")).to_be_visible()
