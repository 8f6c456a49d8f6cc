"""The demo brief `make run` serves: written from the seed article, published through the workflow, loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from briefs.desk.models import Brief, Transition
from briefs.intake.importing import import_bytes
from briefs.kb.models import Entity
from briefs.text.english import NOT_ENGLISH, WORD
from tests.factories import make_entity

pytestmark = pytest.mark.django_db

ENTITIES = [
    ("Xiaohongshu", Entity.Kind.COMPANY, "小红书"), ("Ke Nan", Entity.Kind.PERSON, "柯南"),
    ("Shanghai", Entity.Kind.PLACE, "上海"), ("Douyin", Entity.Kind.BRAND, "抖音"),
    ("Kuaishou", Entity.Kind.COMPANY, "快手"),
]


@pytest.fixture
def seeded(seed_bytes):
    for name, kind, name_zh in ENTITIES:
        make_entity(name, kind=kind, name_zh=name_zh)
    outcome = import_bytes(seed_bytes, "000_601187230134c3b3.txt")
    assert outcome.status == "imported", outcome.error
    return outcome.article


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice_leaves_one_published_demo_brief(seeded):
    first, second = load_demo(), load_demo()
    assert "Demo brief published" in first
    assert "Demo brief already there" in second
    assert Brief.objects.count() == 1
    assert Brief.objects.published().count() == 1


def test_the_demo_brief_is_150_to_300_english_words(seeded):
    load_demo()
    body = Brief.objects.get().body
    assert 150 <= len(WORD.findall(body)) <= 300
    assert NOT_ENGLISH.search(body) is None


def test_the_demo_brief_is_tagged_sourced_and_has_key_facts_with_source_sentences(seeded):
    load_demo()
    brief = Brief.objects.get()
    assert {entity.name for entity in brief.entities.all()} == {name for name, _, _ in ENTITIES}
    assert {topic.name for topic in brief.topics.all()} == {"e-commerce", "livestreaming", "social commerce"}
    assert list(brief.sources.all()) == [seeded]
    facts = list(brief.key_facts.all())
    assert len(facts) >= 3 and all(fact.source_sentence for fact in facts)


def test_the_demo_brief_went_through_the_workflow_writer_then_editor(seeded):
    load_demo()
    brief = Brief.objects.get()
    moves = [(t.from_status, t.to_status, t.by.username) for t in Transition.objects.filter(brief=brief)]
    assert moves == [("draft", "in_review", "writer"), ("in_review", "published", "editor")]
    assert (brief.author.username, brief.reviewer.username) == ("writer", "editor")


def test_the_demo_brief_passes_every_blocking_check(seeded):
    load_demo()
    assert Brief.objects.get().publish_checks().problems == []


def test_without_the_seed_article_the_demo_brief_is_skipped_with_a_reason(db):
    assert "not imported" in load_demo()
    assert not Brief.objects.exists()
