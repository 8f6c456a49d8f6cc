"""The promo rule preview in the admin: what a rule would strip from the stored articles, before it is saved."""

import json

import pytest
from django.urls import reverse

from briefs.intake import rule_preview
from briefs.intake.models import PromoRule
from briefs.intake.rule_preview import preview_rule
from briefs.text.rules import Rule
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:intake_promorule_add")
# Not a seeded rule: each test decides where it occurs.
NEW_PHRASE = "一元千赞"
FOUNDATION = "有网友在商场买粉底液，说今年的新品更好用。"


def preview(client, pattern, *, url=ADD_URL, is_regex=False, is_active=True):
    data = {"pattern": pattern, "kind": "promo", "note": "", "_preview": "Preview"}
    data |= {"is_regex": "on"} if is_regex else {}
    data |= {"is_active": "on"} if is_active else {}
    return client.post(url, data)


@pytest.fixture
def corpus(tmp_path, settings):
    """A one-article corpus whose sentences must survive, in place of tests/data/farm-corpus."""
    annotation = {
        "file": "001_control-vocab_beauty.txt",
        "encoding": "utf-8",
        "style": "control-vocab",
        "industry": "cosmetics",
        "title": None,
        "promo": [],
        "keep": [FOUNDATION],
        "entities": [],
    }
    (tmp_path / "001_control-vocab_beauty.json").write_text(json.dumps(annotation, ensure_ascii=False), "utf-8")
    settings.FARM_CORPUS_DIR = tmp_path
    return tmp_path


def test_the_rule_form_offers_a_preview_button(admin_client):
    response = admin_client.get(ADD_URL)

    assert b'name="_preview"' in response.content


def test_preview_shows_how_many_articles_match_and_the_passages_in_context_and_saves_nothing(admin_client):
    make_article(f"小米发布新款平板\n\n小米在北京发布了新款平板，{NEW_PHRASE}，售价1999元起。\n")
    make_article("顺丰控股发布年报\n\n顺丰控股全年营业收入同比增长10%。\n")
    rules_before = PromoRule.objects.count()

    response = preview(admin_client, NEW_PHRASE)

    assert response.status_code == 200
    result = response.context["rule_preview"]
    assert (result.matched_article_count, result.scanned_count, result.match_count) == (1, 2, 1)
    html = response.content.decode()
    assert "It matches 1 passage in" in html
    assert f"小米在北京发布了新款平板，<mark>{NEW_PHRASE}</mark>，售价1999元起。" in html
    assert PromoRule.objects.count() == rules_before
    assert not PromoRule.objects.filter(pattern=NEW_PHRASE).exists()


def test_preview_flags_a_match_inside_an_ordinary_word_with_the_example(admin_client):
    PromoRule.objects.filter(pattern="买粉").delete()  # seeded; the editor is adding it anew
    make_article(f"美妆消费观察\n\n{FOUNDATION}\n")

    response = preview(admin_client, "买粉")

    assert response.context["rule_preview"].word_cut_count == 1
    assert "“买粉” inside “买粉底液”" in response.content.decode()


def test_preview_flags_a_match_inside_a_sentence_the_corpus_says_must_survive(admin_client, corpus):
    response = preview(admin_client, "商场买")

    hits = response.context["rule_preview"].keep_hits
    assert [(hit.file, hit.sentence) for hit in hits] == [("001_control-vocab_beauty.txt", FOUNDATION)]
    assert "that the labelled corpus says must survive" in response.content.decode()


def test_preview_without_a_corpus_says_the_sentences_were_not_checked(admin_client, settings, tmp_path):
    settings.FARM_CORPUS_DIR = tmp_path / "no-corpus"

    response = preview(admin_client, NEW_PHRASE)

    assert "sentences that must survive were not checked" in response.content.decode()


def test_preview_of_a_change_leaves_the_stored_rule_as_it_was(admin_client):
    rule = PromoRule.objects.create(pattern="刷赞神器", kind="promo")

    response = preview(admin_client, NEW_PHRASE, url=reverse("admin:intake_promorule_change", args=[rule.pk]))

    assert response.context["rule_preview"].rule.pattern == NEW_PHRASE
    rule.refresh_from_db()
    assert rule.pattern == "刷赞神器"


def test_a_broken_regex_gets_the_form_error_and_no_preview(admin_client):
    response = preview(admin_client, "刷(赞|粉", is_regex=True)

    assert response.status_code == 200
    assert "fix it or untick “is regex”" in response.context["adminform"].form.errors["pattern"][0]
    assert response.context["rule_preview"] is None


def test_a_broken_regex_that_is_switched_off_still_cannot_be_previewed(admin_client):
    # An inactive rule skips the save checks, but the preview compiles it.
    response = preview(admin_client, "刷(赞|粉", is_regex=True, is_active=False)

    assert "not a valid regular expression" in response.context["adminform"].form.errors["pattern"][0]


def test_the_scan_stops_at_its_article_budget_and_says_so(admin_client, monkeypatch):
    for number in range(3):
        make_article(f"新品发布第{number}篇\n\n{NEW_PHRASE}，第{number}篇正文。\n")
    monkeypatch.setattr(rule_preview, "PREVIEW_ARTICLES", 2)

    response = preview(admin_client, NEW_PHRASE)

    assert response.context["rule_preview"].scanned_count == 2
    assert "The scan stopped after 2 articles (2 of 3 stored articles, newest first)" in response.content.decode()


def test_the_preview_reads_no_more_than_its_budget_allows():
    make_article(f"新品发布\n\n{NEW_PHRASE}，正文。\n")

    result = preview_rule(Rule(NEW_PHRASE), seconds=0.0, max_articles=0)

    assert result.scanned_count == 0
    assert not result.is_complete


def test_a_writer_who_may_not_change_rules_may_not_preview_a_change(writer_client):
    rule = PromoRule.objects.create(pattern="刷赞神器", kind="promo")

    response = preview(writer_client, NEW_PHRASE, url=reverse("admin:intake_promorule_change", args=[rule.pk]))

    assert response.status_code == 403
