"""manage.py evaluate_cleaner: the cleaner, with the desk's active rules, scored on a labelled corpus."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from briefs.intake.models import PromoRule

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "data" / "farm-corpus"
TITLE = "顺丰控股2024年净利润同比增长"
SENTENCES = [
    "顺丰控股发布2024年年报，全年营业收入约2845亿元，同比增长10%。",
    "归母净利润约101亿元，同比增长23%，创上市以来新高。",
]
CONTROL = f"{TITLE}\n\n{SENTENCES[0]}{SENTENCES[1]}\n"
# A made-up click-farm line no seeded rule knows: only a rule added in the admin strips it.
ADVERT_LINE = "蓝鲸小铺今日上新"  # promo no built-in detector knows: only an editor's rule catches it


def write_article(folder, name, text, *, promo=(), keep=SENTENCES, title=TITLE):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    annotation = {
        "file": f"{name}.txt",
        "encoding": "utf-8",
        "style": "control" if not promo else "clickfarm",
        "industry": "logistics",
        "title": title,
        "promo": list(promo),
        "keep": list(keep),
        "entities": [],
    }
    (folder / f"{name}.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")


def evaluate(folder, *args):
    out = StringIO()
    call_command("evaluate_cleaner", str(folder), *args, stdout=out)
    return out.getvalue()


# What the cleaner reaches on the corpus today, as a floor no change may fall below. Issue 13's targets
# (strip recall 0.98, keep rate 0.995) are the command's defaults; raise these as the cleaner gets there.
CORPUS_FLOOR_STRIP = "0.94"
CORPUS_FLOOR_KEEP = "0.98"


def test_the_cleaner_holds_its_measured_floor_on_the_farm_corpus():
    evaluate(CORPUS, "--min-strip", CORPUS_FLOOR_STRIP, "--min-keep", CORPUS_FLOOR_KEEP)


# The held-out folder is measured, never tuned on (its README): a floor here only catches a change that
# makes the cleaner worse on farms it was not shaped around, measured 0.480 / 0.943 when it was added.
HOLDOUT = CORPUS.with_name("farm-corpus-holdout")
HOLDOUT_FLOOR_STRIP = "0.45"
HOLDOUT_FLOOR_KEEP = "0.93"


def test_the_cleaner_holds_its_measured_floor_on_the_held_out_folder():
    evaluate(HOLDOUT, "--min-strip", HOLDOUT_FLOOR_STRIP, "--min-keep", HOLDOUT_FLOOR_KEEP)


def test_a_clean_control_article_keeps_every_sentence(tmp_path):
    write_article(tmp_path, "001_control", CONTROL)

    report = json.loads(evaluate(tmp_path, "--json"))

    assert report["file_count"] == 1
    assert report["keep_rate"] == 1.0
    assert report["strip_recall"] is None  # nothing to strip: no share, and no failure
    assert report["files"][0]["sentences_broken"] == []


def test_a_passage_left_fails_the_run_and_is_listed_by_file(tmp_path):
    write_article(tmp_path, "001_advert", f"{ADVERT_LINE}\n\n{CONTROL}", promo=[ADVERT_LINE])
    out = StringIO()

    with pytest.raises(CommandError, match=r"strip recall 0\.0% is below the minimum 98\.0%"):
        call_command("evaluate_cleaner", str(tmp_path), stdout=out)

    assert f"001_advert.txt: “{ADVERT_LINE}”" in out.getvalue().split("passages left (1)")[1]


def test_the_active_rules_of_the_promo_rule_table_are_the_ones_run(tmp_path):
    write_article(tmp_path, "001_advert", f"{ADVERT_LINE}\n\n{CONTROL}", promo=[ADVERT_LINE])
    PromoRule.objects.create(pattern=ADVERT_LINE, kind="promo")

    report = json.loads(evaluate(tmp_path, "--json"))

    assert report["strip_recall"] == 1.0


def test_an_inactive_rule_is_not_run(tmp_path):
    write_article(tmp_path, "001_advert", f"{ADVERT_LINE}\n\n{CONTROL}", promo=[ADVERT_LINE])
    PromoRule.objects.create(pattern=ADVERT_LINE, kind="promo", is_active=False)

    report = json.loads(evaluate(tmp_path, "--json", "--min-strip", "0"))

    assert report["strip_recall"] == 0.0


def test_thresholds_of_zero_never_fail(tmp_path):
    write_article(tmp_path, "001_advert", f"{ADVERT_LINE}\n\n{CONTROL}", promo=[ADVERT_LINE])

    output = evaluate(tmp_path, "--min-strip", "0", "--min-keep", "0")

    assert "overall" in output


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nowhere: no such folder"):
        evaluate(tmp_path / "nowhere")


def test_an_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"no \*\.json annotations in this folder"):
        evaluate(tmp_path)


def test_malformed_json_names_the_file_and_why(tmp_path):
    write_article(tmp_path, "001_control", CONTROL)
    (tmp_path / "002_broken.json").write_text('{"file": "002_broken.txt", "keep": [', encoding="utf-8")

    with pytest.raises(CommandError, match=r"002_broken\.json: not valid JSON: Expecting value \(line 1, column 37\)"):
        evaluate(tmp_path)


def test_a_missing_source_file_is_named(tmp_path):
    write_article(tmp_path, "001_control", CONTROL)
    (tmp_path / "001_control.txt").unlink()

    with pytest.raises(CommandError, match=r"001_control\.json: its source file '001_control\.txt' is missing"):
        evaluate(tmp_path)


def test_a_threshold_outside_zero_to_one_is_refused(tmp_path):
    write_article(tmp_path, "001_control", CONTROL)

    with pytest.raises(CommandError, match=r"--min-keep is a share between 0 and 1 \(0\.98 is 98%\); got 99\.5"):
        evaluate(tmp_path, "--min-keep", "99.5")
