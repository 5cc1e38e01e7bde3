"""The interface in Arabic, right to left, and in French (issue #22): a delegate switches
the language from the page header, reads a round laid out right to left, saves a comment
through the Arabic forms, then switches to French; the choice is the user's, kept."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLAUSE = "A Land Commission shall resolve disputes"


def choose_language(page, code: str) -> None:
    menu = page.locator("#language-menu")
    menu.locator("select[name=language]").select_option(code)
    with page.expect_navigation():
        menu.locator("button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == code


def test_a_delegate_works_in_arabic_right_to_left_then_in_french(page, login):
    login(page, "gov@demo.test")
    try:
        choose_language(page, "ar")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        expect(page.get_by_role("heading", name="عملياتي")).to_be_visible()          # "My processes"
        # Mirrored: the brand, first in the header, is at its right-hand end.
        brand = page.locator(".brand").bounding_box()
        logout = page.get_by_role("button", name="تسجيل الخروج").bounding_box()
        assert brand["x"] > logout["x"]

        page.get_by_role("link", name="Northland Peace Talks").first.click()
        page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
        page.wait_for_url("**/documents/**")
        assert "/rounds/" in page.url
        expect(page.get_by_text("لا يُتفق على شيء حتى يُتفق على كل شيء")).to_be_visible()   # NAUEA banner
        clause = page.locator("article.clause", has_text=CLAUSE).first
        # The clause label sits at the right of its line, as Arabic reads.
        label = clause.locator(".label").first.bounding_box()
        text = clause.locator(".clause-text").first.bounding_box()
        assert label["x"] + label["width"] > text["x"] + text["width"] / 2

        clause.locator("summary", has_text="التعليق أو اقتراح تغيير").click()
        clause.locator("select[name=kind]").select_option("question")
        clause.locator("textarea[name=body]").fill("هل تشمل اللجنة أعضاء من المنطقة؟")
        clause.get_by_label("الإبقاء كمسودة لطرفي").check()                  # a draft: only our party sees it
        clause.get_by_role("button", name="تقديم", exact=True).click()
        expect(page.get_by_text("حُفظ كمسودة لطرفكم.")).to_be_visible()
        saved = page.locator(".submission", has_text="هل تشمل اللجنة أعضاء من المنطقة؟")
        expect(saved.get_by_text("مسودة (طرفكم فقط)")).to_be_visible()
        assert page.locator("html").get_attribute("dir") == "rtl"

        choose_language(page, "fr")
        assert page.locator("html").get_attribute("dir") == "ltr"
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        expect(page.get_by_text("Rien n'est convenu tant que tout n'est pas convenu")).to_be_visible()
        page.goto("/account")
        expect(page.get_by_role("heading", name="Langue de l'interface")).to_be_visible()
        assert page.locator("#account-language select").input_value() == "fr"
    finally:
        # The demo is shared by the session's browser tests: give the delegate English back.
        choose_language(page, "en")
