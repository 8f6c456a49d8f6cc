"""Editors' decisions on an imported article (briefs/intake/curation.py): where accepted names come from."""

import pytest

from briefs.intake.curation import accept_suggestion
from briefs.kb.models import Entity
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ARTICLE = "谢阗德是一家新公司的创始人。\n\n创始人谢阗德表示，公司明年将进入东南亚市场。\n"


def test_an_entity_accepted_from_a_suggestion_is_marked_as_suggested(editor):
    article = make_article(ARTICLE)
    suggestion = article.suggestions.get(surface="谢阗德")

    entity = accept_suggestion(suggestion, by=editor, name="Xie Tiande", kind="person")

    assert Entity.objects.get(pk=entity.pk).source == Entity.Source.SUGGESTED
