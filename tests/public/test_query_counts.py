"""Each page runs the same number of queries whether it shows one related item or fifty."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefs.desk.models import BriefSource, KeyFact
from tests.factories import make_brief, make_entity, make_source_article

pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/briefs/main-brief/", "/entities/xiaohongshu/", "/entities/", "/topics/e-commerce/", "/topics/",
    "/archive/", "/search/?q=buyers", "/feed/rss/", "/feed/atom/", "/feed.json", "/entities/xiaohongshu/feed/rss/",
    "/topics/e-commerce/feed/atom/", "/sitemap.xml",
]


def add_related(brief, start, stop):
    """Give the main brief more entities, key facts and sources, and add more published briefs."""
    for number in range(start, stop):
        brief.entities.add(make_entity(f"Company {number}", name_zh=f"公司{number}", slug=f"company-{number}"))
        KeyFact.objects.create(brief=brief, position=number, text=f"Fact {number}")
        BriefSource.objects.create(brief=brief, article=make_source_article(), publisher_name=f"Publisher {number}")
        other = make_brief(status="published", slug=f"other-{number}", title=f"Other buyers brief {number}")
        other.topics.add("E-commerce")
        other.entities.add(make_entity(f"Brand {number}", kind="brand", name_zh="", slug=f"brand-{number}"))


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_related_items(client):
    brief = make_brief(status="published", slug="main-brief")
    brief.topics.add("E-commerce")
    local = timezone.localtime(brief.publish_at)
    pages = [*PAGES, f"/archive/{local.year}/{local.month}/"]
    add_related(brief, 1, 2)
    with_one = {url: count_queries(client, url) for url in pages}
    add_related(brief, 2, 51)
    with_fifty = {url: count_queries(client, url) for url in pages}
    assert with_fifty == with_one


def test_a_cached_page_runs_no_queries_between_change_count_checks(client, settings):
    settings.PAGE_CACHE_CHANGE_CHECK_SECONDS = 3600
    make_brief(status="published", slug="main-brief")
    client.get("/briefs/main-brief/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/briefs/main-brief/")["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_a_cached_page_reads_only_the_change_count_when_its_check_is_due(client, settings):
    settings.PAGE_CACHE_CHANGE_CHECK_SECONDS = 0
    make_brief(status="published", slug="main-brief")
    client.get("/briefs/main-brief/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/briefs/main-brief/")["X-Page-Cache"] == "hit"
    assert len(queries) == 1
    assert "publicchange" in queries[0]["sql"].lower()
