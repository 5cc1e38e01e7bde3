"""Keyboard and screen-reader basics on the demo: a skip link, a visible focus ring,
toggles that say whether they are open, and redlines whose changes are announced
(screen readers such as JAWS ignore <ins> and <del> themselves)."""
import pytest

pytestmark = pytest.mark.browser


def test_skip_link_focus_ring_toggles_and_announced_changes(page, login):
    login(page, "drafter@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")

    # A fresh load of the page, fully loaded, as a keyboard user arriving on it (a Tab sent
    # while the click's navigation is still finishing lands on the page before).
    page.reload(wait_until="load")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('skip-link')")
    assert skip.bounding_box()["y"] >= 0                           # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring not in ("none", "")

    toggle = page.locator("details:not([open]) > summary").first.element_handle()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.wait_for_function("el => el.getAttribute('aria-expanded') === 'true'", arg=toggle)

    page.goto(page.url.split("#")[0].rstrip("/") + "/rounds/2/diff")
    inserted = page.locator("ins").first
    said = inserted.evaluate("el => getComputedStyle(el, '::before').content + getComputedStyle(el, '::after').content")
    assert "insertion start" in said and "insertion end" in said
    deleted = page.locator("del").first
    assert "deletion start" in deleted.evaluate("el => getComputedStyle(el, '::before').content")
    assert deleted.evaluate("el => getComputedStyle(el, '::before').clipPath") != "none"   # not shown
