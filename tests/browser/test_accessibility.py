"""The public pages in a real browser: axe-core finds no serious or critical problem, the HTML is
valid, the keyboard reaches search and every link, and the layout holds at 360 px wide.

Screenshots of each page land in test-output/screenshots/ for review.
"""

import html5lib
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from briefs.desk.models import BriefSource
from tests.factories import make_brief, make_entity, make_source_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = {
    "home": "/",
    "brief": "/briefs/xiaohongshu-bets-on-buyers/",
    "entity": "/entities/xiaohongshu/",
    "entities": "/entities/",
    "search": "/search/?q=%E5%B0%8F%E7%BA%A2%E4%B9%A6",  # 小红书
    "not-found": "/briefs/no-such-brief/",
}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def site(live_server):
    author = get_user_model().objects.create_user(username="ada", first_name="Ada", last_name="Li", is_staff=True)
    brief = make_brief(
        author=author, status="published", slug="xiaohongshu-bets-on-buyers", title="Xiaohongshu bets on buyers",
        correction="An earlier version gave the wrong date for the keynote.",
    )
    brief.topics.add("E-commerce")
    brief.entities.add(make_entity("Douyin", name_zh="抖音", slug="douyin", description="Short-video app"))
    BriefSource.objects.filter(brief=brief).update(publisher_name="LatePost", publisher_url="https://example.com/a")
    other = make_brief(author=author, status="published", slug="douyin-shop", title="Douyin widens its shop")
    BriefSource.objects.create(brief=other, article=make_source_article(), publisher_name="36Kr")
    return live_server.url


def visit(page, url, expected_status=200):
    response = page.goto(url)
    assert response.status == expected_status, url
    return response


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_or_critical_axe_violations(page, site, name, screenshots_dir):
    visit(page, site + PAGES[name], 404 if name == "not-found" else 200)
    page.screenshot(path=str(screenshots_dir / f"{name}.png"), full_page=True)
    results = Axe().run(page)
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], f"{name}: {blocking}"


@pytest.mark.parametrize("name", list(PAGES))
def test_page_html_parses_without_errors(page, site, name):
    response = visit(page, site + PAGES[name], 404 if name == "not-found" else 200)
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(response.text())  # raises ParseError on the first error
    assert parser.errors == []


@pytest.mark.parametrize("name", ["home", "brief", "entity"])
def test_keyboard_reaches_search_and_every_link(page, site, name):
    visit(page, site + PAGES[name])
    links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"))
    reached = set()
    search_reached = False
    for _ in range(len(links) + 30):  # bounded: every link plus form controls, with room to spare
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return [e.tagName, e.getAttribute('href'), e.type || ''] }"
        )
        if focused[0] == "A":
            reached.add(focused[1])
        if focused[0] == "INPUT" and focused[2] == "search":
            search_reached = True
        if reached == links and search_reached:
            break
    assert search_reached, name
    assert links - reached == set(), name


def test_skip_link_is_the_first_stop_and_moves_to_the_main_content(page, site):
    visit(page, site + PAGES["brief"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


@pytest.mark.parametrize("name", ["home", "brief", "entity", "search"])
def test_layout_fits_a_360_pixel_wide_screen(page, site, name, screenshots_dir):
    page.set_viewport_size({"width": 360, "height": 740})
    visit(page, site + PAGES[name])
    page.screenshot(path=str(screenshots_dir / f"{name}-360.png"), full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360


def test_chinese_names_are_marked_as_chinese(page, site):
    visit(page, site + PAGES["entity"])
    assert page.locator('h1 [lang="zh"]').inner_text() == "小红书"


def test_search_works_from_the_keyboard(page, site):
    visit(page, site + "/")
    page.get_by_role("searchbox", name="Search briefs").fill("抖音")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    assert page.get_by_role("link", name="Xiaohongshu bets on buyers").is_visible()
