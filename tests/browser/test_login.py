import pytest

pytestmark = pytest.mark.browser


def test_demo_mediator_logs_in_and_sees_the_process(page, login):
    login(page, "mediator@demo.test")
    assert page.get_by_role("heading", name="My processes").is_visible()
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    assert page.get_by_role("heading", name="Northland Peace Talks").is_visible()
    assert page.get_by_text("Government of Northland").is_visible()
    assert page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").is_visible()


def test_wrong_password_shows_one_generic_message(page):
    page.goto("/login")
    page.fill("input[name=email]", "mediator@demo.test")
    page.fill("input[name=password]", "not-the-password")
    page.click("main button[type=submit]")   # not the language menu's
    assert page.get_by_text("Invalid email or password.").is_visible()
