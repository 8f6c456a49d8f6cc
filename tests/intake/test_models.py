"""Model invariants: the raw text is the record and cannot change."""

import pytest
from django.urls import reverse

from briefs.intake.models import RawTextChanged, SourceArticle
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_saving_a_changed_raw_text_is_refused_and_the_stored_text_stays():
    article = make_article()
    original = article.raw_text
    article.raw_text = original + "篡改"
    with pytest.raises(RawTextChanged, match="raw text cannot be changed"):
        article.save()
    assert SourceArticle.objects.get(pk=article.pk).raw_text == original


def test_a_reloaded_article_refuses_a_changed_raw_text_too():
    article = SourceArticle.objects.get(pk=make_article().pk)
    article.raw_text = "别的文字"
    with pytest.raises(RawTextChanged):
        article.save()


def test_other_fields_can_still_be_edited():
    article = make_article()
    article.source_url = "https://example.com/original"
    article.save()
    assert SourceArticle.objects.get(pk=article.pk).source_url == "https://example.com/original"


def test_the_admin_shows_raw_text_read_only_and_ignores_a_posted_change(editor_client):
    article = make_article()
    url = reverse("admin:intake_sourcearticle_change", args=[article.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="raw_text"' not in page
    editor_client.post(url, {"raw_text": "篡改", "source_url": "https://example.com/a"})
    assert SourceArticle.objects.get(pk=article.pk).raw_text == article.raw_text


def test_a_brief_created_already_published_still_gets_a_slug_from_its_title():
    from tests.factories import make_brief

    brief = make_brief(status="published", title="Xiaohongshu courts buyers")
    assert brief.slug == "xiaohongshu-courts-buyers"
