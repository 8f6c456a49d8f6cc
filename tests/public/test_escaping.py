"""Every stored field is escaped on every public page and feed: a script typed into the CMS never runs."""

import json

import pytest
from django.urls import reverse
from taggit.models import Tag

from briefs.desk.models import BriefSource, KeyFact
from tests.factories import make_article, make_brief, make_entity

pytestmark = pytest.mark.django_db

PAYLOAD = '"></script><script>alert(1)</script><img src=x onerror=alert(2)>'
LIVE_MARKUP = ("<script>alert(1)", "<img src=x onerror")


@pytest.fixture
def hostile_brief():
    entity = make_entity(
        f"Evil Corp {PAYLOAD}",
        slug="evil-corp",
        name_zh=f"邪恶{PAYLOAD}",
        aliases=f"别名{PAYLOAD}",
        pinyin=PAYLOAD,
        description=PAYLOAD,
    )
    article = make_article(f"标题{PAYLOAD}\n\n正文里有脚本{PAYLOAD}。\n")
    brief = make_brief(
        status="published",
        title=f"Brief {PAYLOAD}",
        slug="hostile-brief",
        dek=f"Dek {PAYLOAD}",
        body=f"Body {PAYLOAD}\n\n[link](javascript:alert(3))",
        correction=f"Correction {PAYLOAD}",
    )
    brief.save()
    brief.entities.add(entity)
    topic = Tag.objects.create(name=f"topic {PAYLOAD}", slug="hostile-topic")
    brief.topics.add(topic)
    KeyFact.objects.create(brief=brief, position=2, text=f"Fact {PAYLOAD}", source_sentence=f"原句{PAYLOAD}")
    BriefSource.objects.create(
        brief=brief, article=article, publisher_name=f"Publisher {PAYLOAD}", publisher_url="https://example.com/a"
    )
    return brief, entity, topic


def public_urls(brief, entity, topic):
    published = brief.publish_at
    return [
        reverse("public:home"),
        reverse("public:brief-detail", args=[brief.slug]),
        reverse("public:entity-list"),
        reverse("public:entity-detail", args=[entity.slug]),
        reverse("public:entity-feed-rss", args=[entity.slug]),
        reverse("public:entity-feed-atom", args=[entity.slug]),
        reverse("public:topic-list"),
        reverse("public:topic-detail", args=[topic.slug]),
        reverse("public:topic-feed-rss", args=[topic.slug]),
        reverse("public:topic-feed-atom", args=[topic.slug]),
        reverse("public:archive"),
        reverse("public:archive-month", args=[published.year, published.month]),
        reverse("public:search") + "?q=Brief",
        reverse("public:search") + "?q=" + PAYLOAD,
        reverse("public:feed-rss"),
        reverse("public:feed-atom"),
        reverse("sitemap"),
    ]


def test_no_public_page_or_feed_carries_live_markup_from_a_stored_field(client, hostile_brief):
    for url in public_urls(*hostile_brief):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for markup in LIVE_MARKUP:
            assert markup not in body, f"{url} carries {markup!r}"
        assert "javascript:alert" not in body, url


def test_the_json_feed_carries_no_markup_in_its_html(client, hostile_brief):
    feed = json.loads(client.get(reverse("public:feed-json")).content)
    for item in feed["items"]:
        for markup in LIVE_MARKUP:
            assert markup not in item.get("content_html", "")
        assert "javascript:" not in item.get("content_html", "")


def test_the_brief_page_shows_the_hostile_text_as_text(client, hostile_brief):
    brief, _, _ = hostile_brief
    body = client.get(reverse("public:brief-detail", args=[brief.slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
