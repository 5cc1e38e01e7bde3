"""Browser tests: the seeded demo served on loopback, driven by Playwright with Debian's
Chromium (downloads of Playwright's own browsers are blocked here)."""
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_test_app, skip_or_fail

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEMO_PASSWORD = "demo-password"


def chromium_path() -> str | None:
    return os.environ.get("PENHOLDER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The demo (migrated with Alembic, seeded with seed-demo) on a free loopback port."""
    from flask_migrate import upgrade

    from app.demo import seed_demo
    from app.extensions import db

    path = tmp_path_factory.mktemp("browser") / "demo.db"
    app = make_test_app(f"sqlite:///{path}", PASSWORD_HASH_METHOD="scrypt")
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        skip_or_fail("Chromium not found; install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login_as(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")   # not the language menu's
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture
def login():
    return login_as


def circulate_next_round(page) -> bool:
    """Presses "Circulate next round" on the rounds page (the test accepts the dialog) and,
    if the working draft holds unreviewed findings (whether it does depends on which tests
    reviewed the demo's findings before), confirms on the gate's page. Returns whether the
    gate asked."""
    page.locator("input[name=confirm_counts]").check()
    page.get_by_role("button", name="Circulate next round").click()
    done = page.get_by_text("circulated to every party")
    gate = page.get_by_role("heading", name="Circulate over unreviewed findings?")
    done.or_(gate).first.wait_for()
    if not gate.is_visible():
        return False
    page.get_by_label("and circulate the draft to every party anyway").check()
    page.get_by_role("button", name="Circulate anyway").click()
    done.first.wait_for()
    return True
