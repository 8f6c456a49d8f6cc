"""Drafts, briefs in review, scheduled briefs before their time and withdrawn briefs appear nowhere public.

Each unpublished brief shares an entity and a topic with one published brief, so every public page
that lists the entity or topic is rendered; the unpublished brief's title must be on none of them.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from briefs.desk.models import BriefSource
from tests.factories import make_brief, make_entity, make_source_article

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "Hiddenword embargoed brief"
HIDDEN_STATES = {
    "draft": {"status": "draft"},
    "in_review": {"status": "in_review"},
    "scheduled_later": {"status": "scheduled", "publish_at": timezone.now() + timedelta(days=2)},
    "withdrawn": {"status": "withdrawn"},
}


@pytest.fixture(params=list(HIDDEN_STATES))
def hidden_brief(request):
    fields = dict(HIDDEN_STATES[request.param])
    if fields.get("publish_at"):
        fields["publish_at"] = timezone.now() + timedelta(days=2)
    brief = make_brief(slug="hiddenword-embargoed-brief", title=HIDDEN_TITLE, dek="Hiddenword dek", **fields)
    brief.topics.add("Livestreaming")
    return brief


@pytest.fixture
def visible_brief():
    brief = make_brief(status="published", slug="visible", title="Visible brief")
    brief.topics.add("Livestreaming")
    return brief


def public_urls(month):
    return [
        "/", "/entities/", "/entities/xiaohongshu/", "/topics/", "/topics/livestreaming/", "/archive/",
        f"/archive/{month.year}/{month.month}/", "/search/?q=hiddenword", "/search/?q=小红书", "/feed/rss/",
        "/feed/atom/", "/feed.json", "/entities/xiaohongshu/feed/rss/", "/entities/xiaohongshu/feed/atom/",
        "/topics/livestreaming/feed/rss/", "/topics/livestreaming/feed/atom/", "/sitemap.xml",
    ]


def test_unpublished_brief_is_on_no_public_page_feed_sitemap_or_search(client, hidden_brief, visible_brief):
    month = timezone.localtime(visible_brief.publish_at)
    for url in public_urls(month):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Hiddenword" not in body, url
        assert hidden_brief.get_absolute_url() not in body, url


def test_unpublished_brief_page_is_not_found_or_gone(client, hidden_brief):
    # None of these was ever public, so even the withdrawn one answers like an unknown address (issue 11, 14).
    assert client.get(hidden_brief.get_absolute_url()).status_code == 404


def test_unpublished_briefs_are_not_counted_on_entity_topic_or_archive_pages(client, hidden_brief, visible_brief):
    assert "(1 brief)" in client.get("/entities/").content.decode()
    assert "(1 brief)" in client.get("/topics/").content.decode()
    assert "(1 brief)" in client.get("/archive/").content.decode()
    assert "<dt>Briefs</dt><dd>1</dd>" in client.get("/entities/xiaohongshu/").content.decode()


def test_entity_tagged_only_on_unpublished_briefs_has_no_public_page(client, hidden_brief):
    secret = make_entity("Secret Startup", name_zh="秘密", slug="secret-startup")
    hidden_brief.entities.add(secret)
    assert client.get("/entities/secret-startup/").status_code == 404
    assert client.get("/entities/secret-startup/feed/rss/").status_code == 404
    assert "Secret Startup" not in client.get("/entities/").content.decode()
    assert "secret-startup" not in client.get("/sitemap.xml").content.decode()


def test_topic_used_only_on_unpublished_briefs_has_no_public_page(client, hidden_brief):
    hidden_brief.topics.add("Quiet merger")
    assert client.get("/topics/quiet-merger/").status_code == 404
    assert "Quiet merger" not in client.get("/topics/").content.decode()


def test_scraped_text_and_promo_never_reach_the_brief_page_or_feeds(client):
    promo = "ks免费刷平台推广:小红书业务下单"
    article = make_source_article(
        raw_text=f"{promo}\n接下来小红书业务下单,小红书将投入500亿流量。发表评论",
        cleaned_text="小红书将投入500亿流量。",
        title=promo,
    )
    brief = make_brief(status="published", slug="clean")
    BriefSource.objects.create(brief=brief, article=article, publisher_name="LatePost")
    for url in (brief.get_absolute_url(), "/", "/feed/rss/", "/feed.json", "/search/?q=流量"):
        body = client.get(url).content.decode()
        assert "业务下单" not in body, url
        assert "发表评论" not in body, url
        assert "500亿" not in body, url  # neither the raw nor the cleaned source text, nor key-fact sources
