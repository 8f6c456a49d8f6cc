"""Optimistic locking of entities and source articles (briefs.kb.locking): a stale form never overwrites a save."""

import pytest
from django.urls import reverse

from briefs.intake import curation
from briefs.intake.models import SourceArticle, Strip
from briefs.kb.locking import ChangedMeanwhile
from briefs.kb.models import Entity
from tests.factories import make_article, make_entity
from tests.support.admin_forms import loaded_form, logged_in, two_saves_of_one_version

pytestmark = pytest.mark.django_db


def test_a_stale_article_form_is_refused_naming_the_source_url_and_keeps_both_texts(editor, writer):
    article = make_article()
    url = reverse("admin:intake_sourcearticle_change", args=[article.pk])
    response = two_saves_of_one_version(
        url, editor, writer, "source_url", "https://example.com/first", "https://example.com/second"
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "was changed after you opened it" in str(form.non_field_errors())
    assert "Source URL" in str(form.non_field_errors())
    assert form["source_url"].value() == "https://example.com/second"
    assert SourceArticle.objects.get(pk=article.pk).source_url == "https://example.com/first"


def test_a_workbench_decision_makes_an_open_article_form_stale(editor):
    article = make_article("标题\n\n小红书在上海。\n\n扫码关注我们\n")
    article.strips.create(kind=Strip.Kind.PROMO, start=0, end=2, text=article.raw_text[:2], rule="test")
    url = reverse("admin:intake_sourcearticle_change", args=[article.pk])
    client = logged_in(editor)
    opened = loaded_form(client, url)
    curation.restore_strip(article.strips.get(start=0), by=editor)
    response = client.post(url, opened | {"source_url": "https://example.com/a"})
    assert response.status_code == 200
    assert "was changed after you opened it" in str(response.context["adminform"].form.non_field_errors())
    assert SourceArticle.objects.get(pk=article.pk).source_url == ""


def test_every_save_of_an_entity_moves_it_to_the_next_version():
    entity = make_entity("Xiaohongshu")
    assert entity.version == 1
    entity.description = "Lifestyle platform"
    entity.save(update_fields=["description"])
    assert entity.version == 2
    assert Entity.objects.get(pk=entity.pk).version == 2


def test_accepting_a_name_as_an_alias_moves_the_entity_to_the_next_version(editor):
    ke_nan = make_entity("Ke Nan", kind=Entity.Kind.PERSON, name_zh="柯南")
    article = make_article("标题\n\n柯南表示,时尚买手“林小雨”卖出了100万元。\n")
    suggestion = article.suggestions.get(surface="林小雨")
    curation.accept_suggestion(suggestion, by=editor, alias_of=ke_nan)
    assert Entity.objects.get(pk=ke_nan.pk).version == 2


def test_of_two_saves_made_to_the_same_version_only_the_first_is_kept():
    entity = make_entity("Xiaohongshu")
    first, second = Entity.objects.get(pk=entity.pk), Entity.objects.get(pk=entity.pk)
    first.description, second.description = "First", "Second"
    first.save_edit(loaded_version=1)
    with pytest.raises(ChangedMeanwhile, match="changed after you opened it"):
        second.save_edit(loaded_version=1)
    assert Entity.objects.values_list("description", "version").get(pk=entity.pk) == ("First", 2)
