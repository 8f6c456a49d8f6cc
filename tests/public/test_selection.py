"""What the public site selects, as queryset methods next to `published()` (briefs/desk/querysets.py BriefQuerySet)."""

import datetime

import pytest
from django.utils import timezone

from briefs.desk.models import Brief
from tests.factories import make_brief, make_entity

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    """An aware time in UTC."""
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def test_cards_are_the_published_briefs_without_those_scheduled_for_later(client):
    shown = make_brief(status="published", slug="shown")
    make_brief(status="scheduled", slug="later", publish_at=timezone.now() + datetime.timedelta(hours=1))
    make_brief(status="draft", slug="draft")
    assert list(Brief.objects.cards()) == [shown]


def test_mentioned_entities_counts_only_the_briefs_it_is_given():
    bilibili = make_entity("Bilibili", name_zh="哔哩哔哩", slug="bilibili")
    make_brief(status="published", slug="one").entities.add(bilibili)
    make_brief(status="published", slug="two").entities.add(bilibili)
    make_brief(status="draft", slug="draft").entities.add(make_entity("Secret Co", name_zh="", slug="secret-co"))

    counts = {entity.slug: entity.brief_count for entity in Brief.objects.published().mentioned_entities()}

    assert counts == {"bilibili": 2, "xiaohongshu": 2}  # the factory tags every brief Xiaohongshu


def test_tagged_topics_counts_only_the_briefs_it_is_given():
    make_brief(status="published", slug="one").topics.add("E-commerce", "Livestreaming")
    make_brief(status="in_review", slug="two").topics.add("E-commerce", "Layoffs")

    counts = {topic.name: topic.brief_count for topic in Brief.objects.published().tagged_topics()}

    assert counts == {"E-commerce": 1, "Livestreaming": 1}


def test_months_count_published_briefs_by_month_in_the_desk_time_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    make_brief(status="published", slug="jan", publish_at=at(2024, 1, 10))
    make_brief(status="published", slug="feb-in-shanghai", publish_at=at(2024, 1, 31, 20))  # 1 February, 04:00
    make_brief(status="published", slug="feb", publish_at=at(2024, 2, 10))

    months = [(row["month"].strftime("%Y-%m"), row["brief_count"]) for row in Brief.objects.published().months()]

    assert months == [("2024-02", 2), ("2024-01", 1)]


def test_a_month_page_shows_the_briefs_of_that_month_in_the_desk_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    make_brief(status="published", slug="jan", title="January brief", publish_at=at(2024, 1, 10))
    make_brief(status="published", slug="feb", title="February brief", publish_at=at(2024, 1, 31, 20))

    html = client.get("/archive/2024/2/").content.decode()

    assert "February brief" in html and "January brief" not in html
    assert '<h1>Briefs from <time datetime="2024-02">February 2024</time></h1>' in html


def test_a_month_page_past_its_last_page_is_not_found(client):
    make_brief(status="published", slug="jan", publish_at=at(2024, 1, 10))
    assert client.get("/archive/2024/1/").status_code == 200
    assert client.get("/archive/2024/1/?page=2").status_code == 404


def test_a_month_past_the_last_year_a_date_can_hold_is_not_found(client):
    assert client.get("/archive/9999/12/").status_code == 404
