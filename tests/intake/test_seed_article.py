"""The seed article, imported with the real lexicon and knowledge base: what editors should see."""

from io import StringIO

import pytest
from django.core.management import call_command

from briefs.intake.models import SourceArticle
from tests.conftest import SEED_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_article():
    call_command("load_entities", "seeds/entities.csv", stdout=StringIO())
    call_command("import_articles", str(SEED_PATH), stdout=StringIO())
    return SourceArticle.objects.get(original_filename=SEED_PATH.name)


def test_seed_finds_the_known_entities_with_english_names(seed_article):
    names = set(seed_article.mentions.values_list("entity__name", flat=True))
    assert {"Xiaohongshu", "Douyin", "Kuaishou", "Bilibili", "Zhihu", "Shanghai", "Ke Nan", "Dong Jie"} <= names


def test_seed_finds_bilibili_from_its_short_form(seed_article):
    assert seed_article.mentions.filter(entity__name="Bilibili", surface="B站").exists()


def test_seed_suggests_the_people_the_knowledge_base_does_not_know(seed_article):
    suggested = set(seed_article.suggestions.values_list("surface", flat=True))
    assert {"阿紫紫", "衣衣KK", "麦昆", "张小慧"} <= suggested
    assert "吴洪建" not in suggested
    assert seed_article.byline == "吴洪建"


def test_seed_never_tags_or_suggests_promo_text(seed_article):
    for mention in seed_article.mentions.all():
        assert seed_article.cleaned_text[mention.start : mention.end] == mention.surface
    surfaces = set(seed_article.suggestions.values_list("surface", flat=True))
    assert not any("下单" in surface or "刷" in surface for surface in surfaces)


def test_seed_suggestions_name_no_known_entity(seed_article):
    known = set(seed_article.mentions.values_list("surface", flat=True))
    assert not known & set(seed_article.suggestions.values_list("surface", flat=True))
