import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_demo_mediator_logs_in_and_sees_the_process(page, login):
    login(page, "mediator@demo.test")
    expect(page.get_by_role("heading", name="My processes")).to_be_visible()
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    expect(page.get_by_role("heading", name="Northland Peace Talks")).to_be_visible()
    expect(page.get_by_text("Government of Northland")).to_be_visible()
    expect(page.get_by_role("link", name="Comprehensive Peace Agreement for Northland")).to_be_visible()


def test_wrong_password_shows_one_generic_message(page):
    page.goto("/login")
    page.fill("input[name=email]", "mediator@demo.test")
    page.fill("input[name=password]", "not-the-password")
    page.click("main button[type=submit]")   # not the language menu's
    expect(page.get_by_text("Invalid email or password.")).to_be_visible()
