"""manage.py evaluate_tagger: the import's text steps, with the desk's rules and knowledge base, scored on entities."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from briefs.intake.models import PromoRule, Suggestion
from briefs.kb.entity_csv import load_entities_file
from briefs.kb.models import Entity
from tests.factories import make_entity, make_source_article

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "farm-corpus"
TITLE = "蔚来9月交付新车3.5万台"
HEFEI_SENTENCE = "合肥工厂正在加快排产。"
# 萤火虫 is a brand here, but nothing in the text says so: no step of the tagger finds it.
BODY = (
    "10月1日，蔚来公布9月交付数据，萤火虫的订单也在增加。蔚来创始人李斌表示，上海市的新门店将在年底开业。"
    + HEFEI_SENTENCE
)
ENTITIES = [
    {"zh": "蔚来", "en": "NIO", "kind": "company"},  # a known entity by its Chinese name
    {"zh": "上海市", "en": "Shanghai", "kind": "place"},  # known as 上海 only: found by its English name
    {"zh": "李斌", "en": "William Li", "kind": "person"},  # unknown, suggested beside 创始人 and 表示
    {"zh": "萤火虫", "en": "firefly", "kind": "brand"},  # missed
]
# 合肥 is known but not annotated: a false suggestion.


def write_article(folder, name="001_kameng_nio", *, text=f"{TITLE}\n\n{BODY}\n", entities=ENTITIES, promo=()):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    annotation = {
        "file": f"{name}.txt",
        "encoding": "utf-8",
        "style": "kameng",
        "industry": "EV",
        "title": TITLE,
        "promo": list(promo),
        "keep": [],
        "entities": entities,
    }
    (folder / f"{name}.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def knowledge_base():
    make_entity("NIO", name_zh="蔚来")
    make_entity("Shanghai", kind=Entity.Kind.PLACE, name_zh="上海")
    make_entity("Hefei", kind=Entity.Kind.PLACE, name_zh="合肥")


def evaluate(folder, *args):
    out = StringIO()
    call_command("evaluate_tagger", str(folder), *args, stdout=out)
    return out.getvalue()


def evaluate_json(folder, *args):
    return json.loads(evaluate(folder, "--json", "--min-recall", "0", "--min-precision", "0", *args))


# What the tagger reaches on the corpus with seeds/entities.csv loaded, rounded down to 0.05, as a floor
# no change may fall below. Issue 14's targets (recall 0.92, precision 0.85) are the command's defaults;
# raise these as the tagger gets there.
CORPUS_FLOOR_RECALL = "0.85"
CORPUS_FLOOR_PRECISION = "0.90"


def test_the_tagger_holds_its_measured_floor_on_the_farm_corpus_with_the_seeded_knowledge_base():
    assert not load_entities_file(ROOT / "seeds" / "entities.csv").rejections

    evaluate(CORPUS, "--min-recall", CORPUS_FLOOR_RECALL, "--min-precision", CORPUS_FLOOR_PRECISION)


def test_known_entities_and_suggestions_find_the_annotated_entities_and_a_miss_is_listed(tmp_path, knowledge_base):
    write_article(tmp_path)

    report = evaluate_json(tmp_path)

    assert report["entities"] == {"count": 3, "total": 4, "share": 0.75}
    assert report["files"][0]["misses"] == [
        {"zh": "萤火虫", "en": "firefly", "kind": "brand", "is_in_cleaned_text": True}
    ]


def test_a_known_entity_the_annotation_does_not_list_is_a_false_suggestion(tmp_path, knowledge_base):
    write_article(tmp_path)

    report = evaluate_json(tmp_path)

    assert report["files"][0]["false_suggestions"] == [
        {"surfaces": ["合肥"], "name_en": "Hefei", "kind": "place", "is_suggestion": False}
    ]


def test_recall_is_given_by_annotated_kind(tmp_path, knowledge_base):
    write_article(tmp_path)

    report = evaluate_json(tmp_path)

    assert {kind: tally["share"] for kind, tally in report["by_kind"].items()} == {
        "company": 1.0,
        "brand": 0.0,
        "person": 1.0,
        "place": 1.0,
    }


def test_the_report_lists_figures_misses_and_false_suggestions_by_file(tmp_path, knowledge_base):
    write_article(tmp_path)

    output = evaluate(tmp_path, "--min-recall", "0", "--min-precision", "0")

    assert "3/4   75.0%" in output.split("overall")[1].splitlines()[0]
    assert "001_kameng_nio.txt: “萤火虫” firefly [brand]" in output.split("misses (1)")[1]
    assert "001_kameng_nio.txt: “合肥” → Hefei [place], known entity" in output.split("false suggestions (1)")[1]


def test_an_entity_added_to_the_knowledge_base_counts_on_the_next_run(tmp_path, knowledge_base):
    write_article(tmp_path)
    make_entity("Firefly", kind=Entity.Kind.BRAND, name_zh="萤火虫")

    report = evaluate_json(tmp_path)

    assert report["entities"]["count"] == 4


def test_a_name_editors_rejected_is_not_suggested_as_on_import(tmp_path, knowledge_base):
    write_article(tmp_path)
    Suggestion.objects.create(article=make_source_article(), surface="李斌", status=Suggestion.Status.REJECTED)

    report = evaluate_json(tmp_path)

    assert "李斌" in [miss["zh"] for miss in report["files"][0]["misses"]]


def test_text_an_active_promo_rule_strips_is_never_tagged(tmp_path, knowledge_base):
    write_article(tmp_path)
    # An ordinary sentence as the rule, so only the rule can strip it: the cleaner runs the desk's rules.
    PromoRule.objects.create(pattern=HEFEI_SENTENCE, kind="promo")

    report = evaluate_json(tmp_path)

    assert report["files"][0]["false_suggestions"] == []


def test_a_known_entity_left_only_inside_an_annotated_promo_passage_is_not_counted(tmp_path, knowledge_base):
    # The annotation follows the annotator: any passage marked promo that the cleaner leaves will do.
    write_article(tmp_path, promo=[HEFEI_SENTENCE])

    report = evaluate_json(tmp_path)

    assert report["files"][0]["false_suggestions"] == []
    assert report["files"][0]["promo_only"][0]["surfaces"] == ["合肥"]


def test_figures_below_the_minimums_fail_the_run_naming_each(tmp_path, knowledge_base):
    write_article(tmp_path)

    with pytest.raises(CommandError, match=r"recall 75\.0% is below the minimum 92\.0%; precision [\d.]+% is below"):
        evaluate(tmp_path)


def test_a_corpus_without_annotated_entities_has_no_recall_rather_than_a_failing_one(tmp_path):
    write_article(tmp_path, entities=[])

    report = json.loads(evaluate(tmp_path, "--json", "--min-precision", "0"))

    assert report["recall"] is None


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nowhere: no such folder"):
        evaluate(tmp_path / "nowhere")


def test_a_threshold_outside_zero_to_one_is_refused(tmp_path):
    write_article(tmp_path)

    with pytest.raises(CommandError, match=r"--min-recall is a share between 0 and 1 \(0\.98 is 98%\); got 92\.0"):
        evaluate(tmp_path, "--min-recall", "92")


def test_verbose_shows_each_false_suggestion_in_the_cleaned_text(tmp_path, knowledge_base):
    write_article(tmp_path)

    output = evaluate(tmp_path, "--verbose", "--min-recall", "0", "--min-precision", "0")

    shown = output.split("false suggestions (1)")[1].splitlines()[2]
    assert shown.strip().startswith("in the cleaned text: …")
    assert shown.endswith("在年底开业。[合肥]工厂正在加快排产。⏎…")
