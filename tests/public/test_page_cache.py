"""Whole-page caching: anonymous pages are served from the cache, and every change shows at once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from briefs.desk.models import Brief
from briefs.public import page_cache
from tests.factories import make_brief
from tests.support.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief():
    brief = make_brief(status="published", slug="cached-brief", title="First headline")
    brief.topics.add("E-commerce")
    return brief


AFFECTED_PAGES = [
    "/", "/briefs/cached-brief/", "/entities/xiaohongshu/", "/topics/e-commerce/", "/feed/rss/", "/feed/atom/",
    "/feed.json", "/entities/xiaohongshu/feed/rss/", "/topics/e-commerce/feed/rss/",
]


def test_a_second_anonymous_request_is_served_from_the_cache(client, brief):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_anonymous_pages_are_public_with_a_short_max_age(client, brief):
    response = client.get("/")
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]


def test_a_cached_page_keeps_the_security_headers(client, brief):
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_editing_a_brief_shows_at_once_on_every_page_that_shows_it(client, brief):
    for url in AFFECTED_PAGES:
        assert "First headline" in client.get(url).content.decode(), url
    brief.title = "Second headline"
    brief.save()
    for url in AFFECTED_PAGES:
        body = client.get(url).content.decode()
        assert "Second headline" in body and "First headline" not in body, url


def test_publishing_a_brief_shows_at_once_on_home_feeds_and_sitemap(client, brief, editor):
    waiting = make_brief(status="in_review", title="Fresh news")
    for url in ("/", "/feed/rss/", "/sitemap.xml"):
        assert "fresh-news" not in client.get(url).content.decode(), url
    waiting.move("publish", by=editor)
    for url in ("/", "/feed/rss/", "/sitemap.xml", "/entities/xiaohongshu/"):
        assert "fresh-news" in client.get(url).content.decode(), url


def test_withdrawing_a_brief_removes_it_at_once(client, brief, editor):
    for url in AFFECTED_PAGES:
        client.get(url)
    brief.move("withdraw", by=editor, comment="Wrong figures.")
    assert brief.status == Brief.Status.WITHDRAWN
    assert client.get("/briefs/cached-brief/").status_code == 410
    assert "First headline" not in client.get("/").content.decode()
    assert client.get("/entities/xiaohongshu/").status_code == 404


def test_a_scheduled_brief_appears_when_its_time_comes_without_any_save(client, brief):
    publish_at = timezone.now() + timedelta(hours=1)
    make_brief(status="scheduled", slug="at-nine", title="Scheduled news", publish_at=publish_at)
    assert "Scheduled news" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(publish_at + timedelta(seconds=1)):
        response = client.get("/")
        assert "Scheduled news" in response.content.decode()
        assert client.get("/briefs/at-nine/").status_code == 200


def test_tagging_a_brief_with_a_new_topic_updates_the_cached_brief_page(client, brief):
    client.get("/briefs/cached-brief/")
    brief.topics.add("Cross-border")
    assert "Cross-border" in client.get("/briefs/cached-brief/").content.decode()


def test_logged_in_readers_get_private_no_store_pages_never_cached(editor_client, brief):
    first = editor_client.get("/")
    second = editor_client.get("/")
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_a_logged_in_page_is_never_served_to_anonymous_readers(editor_client, brief):
    editor_client.get("/")
    assert Client().get("/")["X-Page-Cache"] == "miss"


def test_the_admin_is_never_cached(editor_client):
    response = editor_client.get("/admin/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_a_matching_etag_gets_304(client, brief):
    etag = client.get("/briefs/cached-brief/")["ETag"]
    response = client.get("/briefs/cached-brief/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_if_modified_since_the_last_change_gets_304(client, brief):
    last_modified = client.get("/")["Last-Modified"]
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_after_a_change_the_old_etag_no_longer_matches(client, brief):
    etag = client.get("/")["ETag"]
    brief.title = "Changed"
    brief.save()
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_not_found_answers_are_not_cached(client):
    client.get("/briefs/not-yet/")
    make_brief(status="published", slug="not-yet", title="Now here")
    assert client.get("/briefs/not-yet/").status_code == 200


def test_static_files_get_hashed_compressed_names_and_far_future_caching(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_MAX_AGE = 31536000
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = list(tmp_path.glob("css/site.*.css"))
    assert hashed, "collectstatic wrote no hashed site.css"
    assert (tmp_path / "css" / f"{hashed[0].name}.gz").exists()
    response = Client().get(f"/static/css/{hashed[0].name}", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"


def test_a_cached_page_answers_400_to_a_host_not_allowed(client, brief, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    client.get("/briefs/cached-brief/")
    assert client.get("/briefs/cached-brief/")["X-Page-Cache"] == "hit"
    assert client.get("/briefs/cached-brief/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_cache_is_told_of_a_change_only_when_its_transaction_commits(client, brief):
    client.get("/")
    before = cache.get(page_cache.STATE_KEY)
    with transaction.atomic():
        brief.title = "Changed inside a transaction"
        brief.save()
        brief.key_facts.update(text="A changed fact")
        assert cache.get(page_cache.STATE_KEY) == before
    assert cache.get(page_cache.STATE_KEY)["generation"] != before["generation"]


def test_a_save_succeeds_when_the_cache_cannot_be_reached(brief, settings, django_capture_on_commit_callbacks):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        brief.title = "Saved with the cache down"
        brief.save()
    brief.refresh_from_db()
    assert brief.title == "Saved with the cache down"

