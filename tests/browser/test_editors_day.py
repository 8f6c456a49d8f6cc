"""The editor's day in a real browser: import, curate, write, review, publish, read, withdraw.

Two people at the desk, each in their own browser context (their own cookies): a writer and an
editor. A third context is an anonymous reader. The test drives only what they can see and press;
screenshots of each step land in test-output/browser/editors-day/NN-step.png.
"""

import re
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.editors_day_support import (
    GB18030_ARTICLE,
    GB18030_TITLE,
    Camera,
    log_in,
    make_staff_user,
    open_context,
    restore_serialized_rows,
    row_with_cell,
)
from tests.conftest import SEED_PATH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEED_TITLE = "近年来,电子商务世界一直动荡不安。"  # the farm's advert is stripped; the first sentence stands in
BYLINE = "作者 | 吴洪建"  # stripped as a byline; the writer restores it to read it, then strips it again
FOUND_ENTITIES = ["Xiaohongshu", "Ke Nan", "Dong Jie", "Douyin", "Kuaishou", "Shanghai", "Bilibili", "Zhihu"]
SUGGESTED_PERSON, PERSON_NAME = "麦昆", "Mai Kun (Xiaohongshu)"

# The figures reader's key facts for the seed, in its order; the writer keeps four of them.
PREFILLED_FACTS = [
    "260 million", "26 million", "50 million", "73 million", "RMB 1 million", "RMB 20 million", "RMB 6 million",
    "27x", "10x", "12x", "50 billion", "50 billion",
]
KEPT_FACTS = {  # 0-based position among the prefilled facts → the sentence the writer makes of it
    0: "260 million monthly active users",
    1: "26 million monthly active creators",
    7: "Buyers and buyer managers grew 27x in a year and a half",
    10: "50 billion impressions of traffic pledged to buyers",
}

TITLE = "Xiaohongshu bets on buyers to grow its e-commerce business"
DEK = "The lifestyle app wants curators, not hard-selling livestreamers, to carry its shopping push."
BODY = """Xiaohongshu (小红书), the lifestyle app known abroad as RedNote, is building its e-commerce business \
around "buyers": users who pick products for their followers instead of pushing discounts in livestreams.

The platform has 260 million monthly active users and 26 million monthly active creators. At a partner \
event in Shanghai, chief operating officer Ke Nan said the number of buyers and buyer managers had grown \
27 times in a year and a half, while the number of merchants had grown ten times.

Most buyers work part-time and start from what users ask for, Ke said. Unlike Douyin and Kuaishou, \
Xiaohongshu is not copying the hard-selling livestream model. It will put 50 billion impressions of \
traffic behind buyers, and as much again behind merchants."""
CHANGE_REQUEST = "Say that the growth figures are the company's own, and give the date of the event."
FIXED_SENTENCE = "At a partner event in Shanghai"
FIX = "On 24 August, at a partner event in Shanghai"
FIXED_CLAIM = "had grown 27 times in a year and a half, by the company's own count,"
ENGLISH_QUERY = "buyers livestream"


@pytest.fixture
def desk(live_server, settings, tmp_path):
    """The knowledge base, a writer and an editor, and the GB18030 article file the writer uploads."""
    restore_serialized_rows()
    settings.SITE_URL = live_server.url  # feeds and canonical links are absolute on SITE_URL
    call_command("load_entities", "seeds/entities.csv", stdout=StringIO())
    make_staff_user("wendy", "Writer")
    make_staff_user("eddie", "Editor")
    gb_file = tmp_path / "douyin-kuaishou-shanghai.txt"
    gb_file.write_bytes(GB18030_ARTICLE.encode("gb18030"))
    return {"url": live_server.url, "files": [str(SEED_PATH), str(gb_file)]}


def test_an_editors_day_from_import_to_withdrawal(browser, desk):
    url, camera = desk["url"], Camera()
    writer_context, writer = open_context(browser)
    editor_context, editor = open_context(browser)
    reader_context, reader = open_context(browser)
    try:
        log_in(writer, url, "wendy")
        camera.shoot(writer, "writer-logged-in")

        import_articles(writer, desk["files"], camera)
        restore_and_strip_again(writer, camera)
        confirm_entities_and_accept_a_person(writer, camera)
        brief_url = write_brief_from_article(writer, camera)
        submit(writer, "Ready for review.", camera, "writer-submitted")

        log_in(editor, url, "eddie")
        camera.shoot(editor, "editor-logged-in")
        open_brief_in_review(editor)
        editor.get_by_label("Comment").fill(CHANGE_REQUEST)
        editor.get_by_role("button", name="Request changes").click()
        expect(editor.get_by_role("heading", name="Workflow: Draft")).to_be_visible()
        camera.shoot(editor, "editor-requested-changes")

        fix_and_resubmit(writer, brief_url, camera)

        open_brief_in_review(editor)
        expect(editor.get_by_label("Body")).to_have_value(re.compile(re.escape(FIX)))  # the fix is in
        expect(editor.get_by_role("heading", name="Before it can be published")).to_have_count(0)
        editor.get_by_role("button", name="Approve and publish").click()
        expect(editor.get_by_role("heading", name="Workflow: Published")).to_be_visible()
        camera.shoot(editor, "editor-published")

        public_url = reader_finds_the_brief(reader, url, camera)

        editor.get_by_label("Comment").fill("Withdrawn: the source is a content-farm copy; we will cite the original.")
        editor.get_by_role("button", name="Withdraw").click()
        expect(editor.get_by_role("heading", name="Workflow: Withdrawn")).to_be_visible()
        camera.shoot(editor, "editor-withdrew")

        # The reader's browser keeps public pages for max-age=60 s, as it should; reloading asks the server.
        reader.goto(public_url)
        response = reader.reload()
        assert response.status == 410, f"{public_url} answered {response.status} after the withdrawal"
        expect(reader.get_by_role("heading", level=1, name="This brief has been withdrawn")).to_be_visible()
        camera.shoot(reader, "reader-gets-410")
        reader.goto(url + "/")
        reader.reload()
        expect(reader.get_by_role("heading", name="Latest briefs")).to_be_visible()
        expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)
    finally:
        for context in (writer_context, editor_context, reader_context):
            context.close()


def import_articles(page, files, camera):
    """Source articles → Import articles: the seed (UTF-8) and the GB18030 story in one upload."""
    page.get_by_role("link", name="Source articles").first.click()
    page.get_by_role("link", name="Import articles").click()
    page.get_by_label("Article files").set_input_files(files)
    camera.shoot(page, "writer-chose-files")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text(re.compile(r"000_601187230134c3b3\.txt: imported as"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"douyin-kuaishou-shanghai\.txt: imported as", re.I))).to_be_visible()
    # Decoded from GB18030, not mojibake: the Chinese title reads as written.
    gb_row = page.get_by_role("row").filter(has=page.get_by_role("link", name=GB18030_TITLE, exact=True))
    expect(gb_row).to_contain_text(re.compile("gb18030", re.I))
    camera.shoot(page, "writer-imported-two-articles")

    page.get_by_role("link", name=GB18030_TITLE, exact=True).click()
    expect(page.get_by_role("region", name="Cleaned text")).to_contain_text("抖音和快手近期在上海加大了本地生活业务的投入")
    for name in ("Douyin", "Kuaishou", "Shanghai"):
        expect(row_with_cell(page, name)).to_be_visible()
    camera.shoot(page, "writer-opened-gb18030-article")
    page.go_back()
    page.get_by_role("link", name=SEED_TITLE, exact=True).click()


def restore_and_strip_again(page, camera):
    """The strips are marked in the raw text; one is restored, checked in the cleaned text, stripped again."""
    raw = page.get_by_role("region", name="Raw text, as imported")
    cleaned = page.get_by_role("region", name="Cleaned text")
    expect(page.get_by_role("heading", name="Strips (7)")).to_be_visible()
    expect(raw.get_by_role("deletion")).to_have_count(7)
    expect(raw.get_by_role("deletion").filter(has_text="发表评论")).to_be_visible()
    expect(cleaned).not_to_contain_text(BYLINE)
    camera.shoot(page, "writer-sees-strips")

    page.get_by_role("button", name=f"Restore “{BYLINE}”").click()
    expect(page.get_by_text(f"Restored “{BYLINE}”; the cleaned text has it back.")).to_be_visible()
    expect(cleaned).to_contain_text(BYLINE)
    expect(raw.get_by_role("mark").filter(has_text=BYLINE)).to_be_visible()
    expect(raw.get_by_role("deletion")).to_have_count(6)
    camera.shoot(page, "writer-restored-byline")

    page.get_by_role("button", name=f"Strip again “{BYLINE}”").click()
    expect(page.get_by_text(f"Stripped “{BYLINE}” again.")).to_be_visible()
    expect(cleaned).not_to_contain_text(BYLINE)
    expect(raw.get_by_role("deletion")).to_have_count(7)
    camera.shoot(page, "writer-stripped-byline-again")


def confirm_entities_and_accept_a_person(page, camera):
    """Confirm every entity the tagger found, then add a suggested person under an edited English name."""
    expect(page.get_by_role("heading", name=f"Entities found ({len(FOUND_ENTITIES)})")).to_be_visible()
    for name in FOUND_ENTITIES:
        page.get_by_role("button", name=f"Confirm {name}", exact=True).click()
        expect(page.get_by_text(f"Confirmed {name}; it is now one of the article's entities.")).to_be_visible()
        expect(row_with_cell(page, name)).to_contain_text("Confirmed")
    camera.shoot(page, "writer-confirmed-entities")

    suggestion = row_with_cell(page, SUGGESTED_PERSON)
    expect(suggestion.get_by_label("English name")).to_have_value("Mai Kun")
    suggestion.get_by_label("English name").fill(PERSON_NAME)
    suggestion.get_by_label("Kind").select_option(label="Person")
    suggestion.get_by_role("button", name=f"Accept {SUGGESTED_PERSON}").click()
    expect(page.get_by_text(f"Added {PERSON_NAME} (person) to the knowledge base.")).to_be_visible()
    expect(row_with_cell(page, SUGGESTED_PERSON)).to_contain_text(f"Accepted: {PERSON_NAME}")
    camera.shoot(page, "writer-accepted-person")


def write_brief_from_article(page, camera):
    """New brief from this article: check what is pre-filled, keep four key facts, write, save."""
    page.get_by_role("link", name="New brief from this article").click()
    expect(page.get_by_role("heading", name="Add brief")).to_be_visible()
    chosen = page.get_by_role("listbox", name=re.compile("Chosen entities"))
    for name in [*FOUND_ENTITIES, PERSON_NAME]:
        expect(chosen.get_by_role("option", name=name, exact=True)).to_be_attached()
    sources = page.get_by_role("group", name="Source articles")
    expect(sources).to_contain_text(SEED_TITLE)
    facts = page.get_by_role("group", name="Key facts")
    fact_rows = facts.get_by_role("row").filter(has=page.get_by_role("spinbutton"))
    expect(fact_rows).to_have_count(len(PREFILLED_FACTS))
    for row, figure in zip(fact_rows.all(), PREFILLED_FACTS, strict=True):
        expect(row.get_by_role("textbox").first).to_have_value(figure)
    beside = page.get_by_role("complementary", name="Beside the brief")
    expect(beside.get_by_role("cell", name="2.6亿", exact=True)).to_be_visible()  # the source's figures panel
    camera.shoot(page, "writer-brief-prefilled")

    for index in reversed(range(len(PREFILLED_FACTS))):
        if index not in KEPT_FACTS:
            fact_rows.nth(index).get_by_role("button", name="Remove").click()
    expect(fact_rows).to_have_count(len(KEPT_FACTS))
    for row, sentence in zip(fact_rows.all(), KEPT_FACTS.values(), strict=True):
        row.get_by_role("textbox").first.fill(sentence)

    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Dek").fill(DEK)
    page.get_by_label("Body").fill(BODY)
    page.get_by_label("Topics").fill("E-commerce, Livestreaming")
    expect(beside).to_contain_text("260 million monthly active users")  # the live preview of the body
    camera.shoot(page, "writer-wrote-brief")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text(re.compile("was added successfully"))).to_be_visible()
    expect(page.get_by_role("heading", name="Workflow: Draft")).to_be_visible()
    expect(page.get_by_text("All publish checks pass.").or_(
        page.get_by_role("heading", name="Worth a look (does not block publishing)")
    )).to_be_visible()
    expect(page.get_by_role("heading", name="Before it can be published")).to_have_count(0)
    camera.shoot(page, "writer-saved-brief")
    return page.url


def open_brief_in_review(page):
    """Briefs (in the admin's navigation), filtered to those in review, then the brief."""
    page.get_by_role("link", name="Briefs", exact=True).first.click()
    page.get_by_role("link", name="In review", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="Workflow: In review")).to_be_visible()


def submit(page, comment, camera, step):
    page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="Workflow: In review")).to_be_visible()
    camera.shoot(page, step)


def fix_and_resubmit(page, brief_url, camera):
    """The writer reads the editor's comment in the workflow history, fixes the body and resubmits."""
    page.goto(brief_url)
    expect(page.get_by_role("heading", name="Workflow: Draft")).to_be_visible()
    history = page.get_by_role("region", name="Workflow history")
    expect(history).to_contain_text(CHANGE_REQUEST)
    body = page.get_by_label("Body")
    fixed = BODY.replace(FIXED_SENTENCE, FIX).replace("had grown 27 times in a year and a half,", FIXED_CLAIM)
    assert fixed != BODY
    body.fill(fixed)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text(re.compile("was changed successfully"))).to_be_visible()
    expect(page.get_by_label("Body")).to_have_value(fixed)
    submit(page, "Attributed the growth figures and dated the event.", camera, "writer-fixed-and-resubmitted")


def reader_finds_the_brief(page, url, camera):
    """Home page, the brief, the entity page, search in English and Chinese, the RSS feed."""
    page.goto(url + "/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    camera.shoot(page, "reader-home-page")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_role("region", name="Key facts")).to_contain_text("260 million monthly active users")
    expect(page.get_by_text("On 24 August, at a partner event in Shanghai")).to_be_visible()
    public_url = page.url
    camera.shoot(page, "reader-reads-brief")

    page.goto(url + "/entities/xiaohongshu/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    camera.shoot(page, "reader-entity-page")

    for query, step in ((ENGLISH_QUERY, "reader-search-english"), ("小红书", "reader-search-chinese")):
        page.goto(url + "/search/")
        page.get_by_role("searchbox", name=re.compile("Search briefs")).fill(query)
        page.get_by_role("button", name="Search").click()
        expect(page.get_by_role("status")).to_contain_text(f"found for “{query}”")
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
        camera.shoot(page, step)

    feed = page.goto(url + "/feed/rss/")
    assert feed.ok, feed.status
    assert feed.headers["content-type"].startswith("application/rss+xml")
    items = parse_rss_items(feed.text())
    assert (TITLE, public_url) in items, items
    camera.shoot(page, "reader-rss-feed")
    return public_url


def parse_rss_items(xml: str) -> list[tuple[str, str]]:
    """(title, link) of each item of an RSS 2.0 feed."""
    channel = ElementTree.fromstring(xml).find("channel")  # noqa: S314 - our own feed, not untrusted input
    return [(item.findtext("title"), item.findtext("link")) for item in channel.iter("item")]
