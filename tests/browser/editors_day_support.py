"""Helpers for the editor's-day browser test: people, their browser contexts, numbered screenshots.

Kept apart from the test so the test reads as the day it describes. Elements are found by role and
label, as a person finds them.
"""

import asyncio
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import Browser, Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser" / "editors-day"
PASSWORD = "a-long-desk-password-1"
VIEWPORT = {"width": 1280, "height": 900}

# A short wire story as it might reach the desk from a Windows newsroom in mainland China: GB18030
# bytes, a title line, then paragraphs naming entities in the knowledge base (抖音, 快手, 上海).
GB18030_ARTICLE = """抖音与快手在上海争夺本地生活商家

抖音和快手近期在上海加大了本地生活业务的投入。抖音生活服务表示,今年上半年在上海新增合作商家3万家,覆盖餐饮、酒店和休闲娱乐。

快手则宣布将拿出10亿元流量补贴,帮助上海的餐饮门店通过短视频和直播获客。快手方面称,参与活动的商家平均订单量增长了两倍。

分析人士认为,两家短视频平台的竞争将让本地生活服务的格局发生变化,商家获客的成本也可能随之下降。
"""
GB18030_TITLE = GB18030_ARTICLE.splitlines()[0]


def make_staff_user(username: str, group_name: str):
    """A staff user in one of the desk's groups (created by the migrations), with PASSWORD."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, first_name=username.capitalize()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@dataclass
class Camera:
    """Numbered full-page screenshots: 01-writer-logged-in.png, 02-…, in the order the day happens."""

    directory: Path = SCREENSHOTS
    count: int = 0

    def __post_init__(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        for old in self.directory.glob("*.png"):
            old.unlink()

    def shoot(self, page: Page, step: str) -> None:
        self.count += 1
        page.screenshot(path=str(self.directory / f"{self.count:02d}-{step}.png"), full_page=True)


def open_context(browser: Browser):
    """A fresh browser context (its own cookies: one person) and a page in it."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(15_000)
    return context, context.new_page()


def log_in(page: Page, base_url: str, username: str) -> None:
    """Log in through the admin's real login form and land on the admin index."""
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def row_with_cell(page: Page, cell_text: str):
    """The table row that has a cell reading exactly `cell_text`."""
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=cell_text, exact=True))


def restore_serialized_rows(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Bring back the rows migrations made (groups, promo rules) when serialized_rollback could not.

    Django keeps one connection per thread, but asgiref's thread-critical local turns per-context as soon
    as an event loop runs in the thread, and Playwright's sync API keeps one running in the test thread
    from the first browser test of the session on. When the test database was created before that (the
    usual case in the whole suite), the connection seen afterwards is a new object without
    `_test_serialized_contents`, so serialized_rollback restores nothing and the previous transactional
    test's flush has removed the roles and rules. This does what TransactionTestCase would have done, once:
    the contents go onto the new connection, so the following tests restore (and flush) as designed.
    """
    connection = connections[alias]
    if hasattr(connection, "_test_serialized_contents"):
        return
    contents = getattr(connection_made_before_the_loop(alias), "_test_serialized_contents", None)
    if contents is None:
        return
    connection._test_serialized_contents = contents
    call_command("flush", verbosity=0, interactive=False, database=alias, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(contents)


def connection_made_before_the_loop(alias: str):
    """The thread's connection as code without a running event loop sees it."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return connections[alias]
    asyncio._set_running_loop(None)
    try:
        return connections[alias]
    finally:
        asyncio._set_running_loop(loop)
