"""The public pages: what each shows, and how it answers addresses that are not public."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from briefs.desk.models import BriefSource
from tests.factories import make_brief, make_entity, make_source_article

pytestmark = pytest.mark.django_db


def published(slug="xiaohongshu-buyers", **fields):
    return make_brief(status="published", slug=slug, **fields)


def test_home_lists_the_latest_published_briefs_with_entity_chips(client):
    brief = published(title="Xiaohongshu bets on buyers")
    html = client.get("/").content.decode()
    assert "Xiaohongshu bets on buyers" in html
    assert brief.get_absolute_url() in html
    assert '<a class="chip" href="/entities/xiaohongshu/">Xiaohongshu <span lang="zh">小红书</span></a>' in html


def test_home_paginates_twenty_briefs_a_page(client):
    for number in range(21):
        published(slug=f"brief-{number}", title=f"Brief number {number}")
    assert client.get("/").content.decode().count('class="card"') == 20
    assert client.get("/?page=2").content.decode().count('class="card"') == 1


def test_brief_page_shows_title_dek_body_key_facts_entities_and_dates(client):
    brief = published(title="Xiaohongshu bets on buyers", correction="An earlier version misnamed the COO.")
    brief.topics.add("E-commerce")
    html = client.get(brief.get_absolute_url()).content.decode()
    assert "<h1>Xiaohongshu bets on buyers</h1>" in html
    assert "Xiaohongshu will steer traffic to buyers and merchants." in html
    assert "50 billion impressions of traffic for buyers" in html
    assert "An earlier version misnamed the COO." in html
    assert '<span lang="zh">小红书</span>' in html
    assert 'href="/topics/e-commerce/"' in html
    assert re.search(r'Published <time datetime="\d{4}-\d\d-\d\dT', html)


def test_brief_page_credits_the_original_publisher_only(client):
    brief = published()
    article = make_source_article(title="ks免费刷平台推广:小红书业务下单")
    BriefSource.objects.create(
        brief=brief, article=article, publisher_name="36Kr", publisher_url="https://36kr.com/p/1"
    )
    html = client.get(brief.get_absolute_url()).content.decode()
    assert '<a href="https://36kr.com/p/1" rel="nofollow noopener">36Kr</a>' in html
    assert "业务下单" not in html
    assert "小红书电商发布新计划" not in html  # the scraped copy's title


def test_brief_page_has_one_h1_html_lang_and_a_skip_link(client):
    html = client.get(published().get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_brief_page_has_canonical_opengraph_and_twitter_tags(client, settings):
    settings.SITE_URL = "https://briefs.example.com"
    brief = published(title="Xiaohongshu bets on buyers")
    html = client.get(brief.get_absolute_url() + "?utm_source=x").content.decode()
    assert '<link rel="canonical" href="https://briefs.example.com/briefs/xiaohongshu-buyers/">' in html
    assert '<meta property="og:title" content="Xiaohongshu bets on buyers">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_brief_page_has_news_article_json_ld_about_its_entities(client):
    brief = published(title="Xiaohongshu </script> bets")
    html = client.get(brief.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Xiaohongshu </script> bets"
    assert data["about"][0]["name"] == "Xiaohongshu"
    assert data["about"][0]["alternateName"] == "小红书"
    assert {"datePublished", "dateModified", "author", "publisher"} <= data.keys()


def test_draft_brief_address_is_not_found(client):
    brief = make_brief(status="draft", slug="a-draft")
    assert client.get(brief.get_absolute_url()).status_code == 404


def test_withdrawn_brief_address_answers_gone_with_a_notice(client, editor):
    brief = make_brief(status="published", slug="withdrawn-one", title="Withdrawn title")
    brief.move("withdraw", by=editor, comment="Wrong figures.")
    response = client.get(brief.get_absolute_url())
    assert response.status_code == 410
    assert "This brief has been withdrawn" in response.content.decode()
    assert "Withdrawn title" not in response.content.decode()


def test_brief_scheduled_then_withdrawn_before_its_time_is_not_found(client, editor):
    # Answering 410 here would confirm that an embargoed story existed.
    brief = make_brief(status="in_review", slug="never-public")
    brief.move("publish", by=editor, at=timezone.now() + timedelta(days=1))
    brief.move("withdraw", by=editor, comment="Embargo lifted later than planned.")
    assert client.get(brief.get_absolute_url()).status_code == 404


def test_brief_published_then_withdrawn_is_gone(client, editor):
    brief = make_brief(status="in_review", slug="was-public")
    brief.move("publish", by=editor)
    brief.move("withdraw", by=editor, comment="Legal asked us to.")
    assert client.get(brief.get_absolute_url()).status_code == 410


def test_brief_withdrawn_after_its_scheduled_time_came_is_gone(client, editor):
    brief = make_brief(status="in_review", slug="was-scheduled")
    brief.move("publish", by=editor, at=timezone.now() + timedelta(hours=1))
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.get(brief.get_absolute_url()).status_code == 200
        brief.move("withdraw", by=editor, comment="Wrong figures.")
        assert client.get(brief.get_absolute_url()).status_code == 410


def test_brief_public_once_then_rescheduled_and_withdrawn_before_the_new_time_is_gone(client, editor):
    brief = make_brief(status="in_review", slug="public-once")
    brief.move("publish", by=editor, at=timezone.now() + timedelta(hours=1))
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        brief.move("withdraw", by=editor, comment="Wrong figures.")
        brief.move("reopen", by=editor)
        brief.move("submit_for_review", by=editor)
        brief.move("publish", by=editor, at=timezone.now() + timedelta(days=1))
        brief.move("withdraw", by=editor, comment="Still wrong.")
        assert client.get(brief.get_absolute_url()).status_code == 410


def test_preview_of_a_draft_shows_a_banner_and_is_not_indexed(editor):
    brief = make_brief(status="draft", slug="preview-me")
    request = RequestFactory().get("/admin/preview/")
    request.user = editor
    html = render_to_string("public/brief_detail.html", {"brief": brief, "is_preview": True}, request=request)
    assert "Draft preview — not published" in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_entity_page_shows_names_kind_and_its_briefs(client):
    douyin = make_entity("Douyin", name_zh="抖音", pinyin="Dǒuyīn", description="Short-video app", slug="douyin")
    published(title="Douyin note").entities.add(douyin)
    html = client.get("/entities/douyin/").content.decode()
    assert '<h1>Douyin <span lang="zh">抖音</span></h1>' in html
    assert "Dǒuyīn" in html and "Short-video app" in html and "Company" in html
    assert "Douyin note" in html


def test_entity_index_groups_entities_by_kind(client):
    brief = published()
    place = make_entity("Shanghai", kind="place", name_zh="上海", slug="shanghai")
    brief.entities.add(place)
    html = client.get("/entities/").content.decode()
    assert html.index(">Company</h2>") < html.index("Xiaohongshu") < html.index(">Place</h2>") < html.index("Shanghai")


def test_topic_page_lists_its_published_briefs(client):
    brief = published(title="Livestream brief")
    brief.topics.add("Livestreaming")
    html = client.get("/topics/livestreaming/").content.decode()
    assert "Topic: Livestreaming" in html and "Livestream brief" in html
    assert "Livestreaming" in client.get("/topics/").content.decode()


def test_archive_lists_months_and_each_month_its_briefs(client):
    brief = published(title="Monthly brief")
    local = timezone.localtime(brief.publish_at)
    html = client.get("/archive/").content.decode()
    month_url = f"/archive/{local.year}/{local.month}/"
    assert month_url in html
    assert "Monthly brief" in client.get(month_url).content.decode()


def test_robots_txt_points_to_the_sitemap(client, settings):
    settings.SITE_URL = "https://briefs.example.com"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://briefs.example.com/sitemap.xml" in response.content.decode()


def test_unknown_page_gets_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html and '<html lang="en">' in html


def test_print_stylesheet_is_linked(client):
    assert 'href="/static/css/print.css" media="print"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_brief_whose_sources_name_no_publisher_shows_no_empty_sources_section(client):
    from tests.factories import make_brief

    brief = make_brief(status="published", slug="no-publisher")
    assert brief.source_links.exists()
    page = client.get(brief.get_absolute_url()).content.decode()
    assert 'id="sources-heading"' not in page


def test_healthz_says_the_ner_model_is_loaded_without_changing_the_status(client):
    answer = client.get("/healthz")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "cache": "ok", "ner": "ok"}


def test_healthz_names_why_the_ner_model_is_unavailable_and_still_answers_200(client, settings, tmp_path):
    settings.NER_MODEL_DIR = str(tmp_path / "no-model-here")

    answer = client.get("/healthz")

    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["ner"].startswith("unavailable: the NER model could not be loaded")
    assert "no-model-here" in answer.json()["ner"]
