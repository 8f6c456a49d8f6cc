"""Chromium through Playwright for the browser tests: Debian's /usr/bin/chromium, no downloads.

Playwright's sync API runs an event loop in the test thread, which makes Django's async-safety
check refuse database access from that thread; the tests only ever touch the database between
browser calls, never concurrently, so the check is switched off here.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture
def browser():
    # One Playwright per test, not per session: its sync API keeps an asyncio loop running in the test
    # thread, and while one runs asgiref hands the thread a different database connection object, one
    # without the serialized migration rows (groups, promo rules) that serialized_rollback restores. A
    # session-long loop made every later transactional test lose them.
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run `make system-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
