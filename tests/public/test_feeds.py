"""Feeds (RSS, Atom, JSON Feed 1.1) and the sitemap list published briefs with absolute links."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_brief

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - our own feed, not untrusted input


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://briefs.example.com"


@pytest.fixture
def brief():
    brief = make_brief(status="published", slug="feed-brief", title="Feed headline")
    brief.topics.add("E-commerce")
    return brief


def test_rss_feed_lists_briefs_with_absolute_links_and_categories(client, brief):
    response = client.get("/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    item = parse_xml(response.content).find("channel/item")
    assert item.findtext("title") == "Feed headline"
    assert item.findtext("link") == "https://briefs.example.com/briefs/feed-brief/"
    assert item.findtext("description") == brief.dek
    assert {category.text for category in item.findall("category")} == {"Xiaohongshu", "E-commerce"}


def test_atom_feed_lists_briefs_with_updated_dates(client, brief):
    response = client.get("/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entry = parse_xml(response.content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Feed headline"
    assert entry.findtext(f"{ATOM}updated")


def test_json_feed_follows_version_1_1(client, brief):
    response = client.get("/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://briefs.example.com/feed.json"
    item = feed["items"][0]
    assert item["id"] == item["url"] == "https://briefs.example.com/briefs/feed-brief/"
    assert item["title"] == "Feed headline"
    assert item["content_html"] == brief.body_html
    assert item["authors"][0]["name"]
    assert "Xiaohongshu" in item["tags"]


def test_feeds_never_show_the_authors_log_in_name(client, brief):
    for url in ("/feed/rss/", "/feed/atom/", "/feed.json", "/briefs/feed-brief/"):
        assert brief.author.username not in client.get(url).content.decode(), url


def test_entity_feeds_list_only_briefs_about_the_entity(client, brief):
    other = make_brief(status="published", slug="other", title="Other headline")
    other.entities.clear()
    for url in ("/entities/xiaohongshu/feed/rss/", "/entities/xiaohongshu/feed/atom/"):
        body = client.get(url).content.decode()
        assert "Feed headline" in body and "Other headline" not in body, url


def test_topic_feeds_list_only_briefs_on_the_topic(client, brief):
    make_brief(status="published", slug="other", title="Other headline")
    for url in ("/topics/e-commerce/feed/rss/", "/topics/e-commerce/feed/atom/"):
        body = client.get(url).content.decode()
        assert "Feed headline" in body and "Other headline" not in body, url


def test_pages_advertise_their_feeds(client, brief):
    html = client.get("/entities/xiaohongshu/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/entities/xiaohongshu/feed/rss/"' in html
    assert 'type="application/feed+json"' in html


def test_sitemap_lists_briefs_entities_topics_and_index_pages(client, brief):
    response = client.get("/sitemap.xml")
    locations = {loc.text for loc in parse_xml(response.content).iter(f"{SITEMAP}loc")}
    assert {
        "https://briefs.example.com/",
        "https://briefs.example.com/briefs/feed-brief/",
        "https://briefs.example.com/entities/xiaohongshu/",
        "https://briefs.example.com/topics/e-commerce/",
        "https://briefs.example.com/archive/",
    } <= locations
