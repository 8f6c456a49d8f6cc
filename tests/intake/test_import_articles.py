"""import_articles: one line per file, atomic per file, idempotent, and the --dry-run --json contract."""

import json
import os
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from briefs.intake.models import Mention, PromoRule, SourceArticle, Strip, Suggestion
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "path", "status", "error", "title", "byline", "raw_text", "cleaned_text", "strips", "entities", "suggestions",
    "rule_errors",
}
# A rule that backtracks catastrophically on a long run of "a" followed by anything else, in `re` and
# in `regex` alike; the "(a+)+$" hangs `re` but not `regex`, so both are in the table.
RUNAWAY_RULE = "(a|aa)+$"
RUNAWAY_LINE = "a" * 40 + "!"


def run_import(*args):
    """Run the command; return (printed lines, exit code)."""
    out = StringIO()
    try:
        call_command("import_articles", *[str(arg) for arg in args], stdout=out)
        code = 0
    except CommandError as error:
        code = error.returncode
    return out.getvalue().splitlines(), code


def article_text(n):
    return f"第{n}篇测试文章\n\n小红书在上海举办活动,第{n}场直播卖出了100万元。\n\n与抖音相比,它更强调社区。\n"


def test_importing_a_file_stores_its_raw_text_exactly(tmp_path, seed_bytes, seed_text):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    lines, code = run_import(path)
    assert (lines, code) == ([f"{path}: imported"], 0)
    article = SourceArticle.objects.get()
    assert article.raw_text == seed_text
    assert article.original_filename == "seed.txt"
    assert article.encoding == "utf-8"


def test_importing_the_same_file_again_changes_nothing(tmp_path, seed_bytes):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    run_import(path)
    counts = (SourceArticle.objects.count(), Strip.objects.count(), Mention.objects.count())
    lines, code = run_import(path)
    assert (lines, code) == ([f"{path}: unchanged"], 0)
    assert (SourceArticle.objects.count(), Strip.objects.count(), Mention.objects.count()) == counts


def test_a_folder_is_imported_recursively_and_only_article_files_are_taken(tmp_path):
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "b.md").write_text(article_text(2), encoding="utf-8")
    (tmp_path / "entities.csv").write_text("slug,name\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(article_text(3), encoding="utf-8")
    lines, code = run_import(tmp_path)
    assert code == 0
    assert lines == [f"{tmp_path / 'a.txt'}: imported", f"{tmp_path / 'nested' / 'b.md'}: imported"]
    assert SourceArticle.objects.count() == 2


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "unsupported file type (.png)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "file is a PNG image"),
        ("huge.txt", "中".encode() * 1_000_000, "over the 2.0 MB limit"),
        ("english.txt", b"No Chinese here at all.\n", "no Chinese characters"),
    ],
)
def test_a_bad_file_is_rejected_with_its_reason_exit_1_and_nothing_written(tmp_path, filename, data, reason):
    path = tmp_path / filename
    path.write_bytes(data)
    lines, code = run_import(path)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: rejected: ")
    assert reason in lines[0]
    assert SourceArticle.objects.count() == 0


def test_a_missing_path_is_rejected_not_a_crash(tmp_path):
    lines, code = run_import(tmp_path / "nope.txt")
    assert code == 1
    assert lines == [f"{tmp_path / 'nope.txt'}: rejected: no such file or folder"]


def test_a_rejected_file_in_a_folder_never_blocks_the_good_ones(tmp_path):
    (tmp_path / "1.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text(article_text(3), encoding="utf-8")
    lines, code = run_import(tmp_path)
    assert code == 1
    assert [line.split(": ", 1)[1].split(":")[0] for line in lines] == ["imported", "rejected", "imported"]
    assert SourceArticle.objects.count() == 2


def _make_strip_inserts_fail():
    """A real database failure in the middle of storing an article: a trigger refuses strip rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_strip() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_strip BEFORE INSERT ON intake_strip FOR EACH ROW EXECUTE FUNCTION refuse_strip()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_strip BEFORE INSERT ON intake_strip BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )


def test_a_failure_while_storing_keeps_the_good_files_and_writes_nothing_for_the_bad_one(tmp_path, seed_bytes):
    (tmp_path / "1.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "2-seed.txt").write_bytes(seed_bytes)  # has promo text, so it needs strip rows
    (tmp_path / "3.txt").write_text(article_text(3), encoding="utf-8")
    _make_strip_inserts_fail()
    lines, code = run_import(tmp_path)
    assert code == 1
    assert lines[0] == f"{tmp_path / '1.txt'}: imported"
    assert lines[1].startswith(f"{tmp_path / '2-seed.txt'}: rejected: could not be saved")
    assert "disk full" in lines[1]
    assert lines[2] == f"{tmp_path / '3.txt'}: imported"
    assert not SourceArticle.objects.filter(original_filename="2-seed.txt").exists()
    assert not Suggestion.objects.exclude(article__in=SourceArticle.objects.all()).exists()
    assert SourceArticle.objects.count() == 2


def test_dry_run_json_prints_the_contract_and_writes_nothing(tmp_path, seed_bytes, seed_text):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    lines, code = run_import("--dry-run", "--json", path)
    assert code == 0
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == CONTRACT_KEYS
    assert record["status"] == "ok"
    assert record["error"] is None
    assert record["path"] == str(path)
    assert record["raw_text"] == seed_text
    assert isinstance(record["title"], str)
    assert isinstance(record["cleaned_text"], str)
    for strip in record["strips"]:
        assert set(strip) == {"kind", "text", "start", "end", "rule"}
        assert seed_text[strip["start"] : strip["end"]] == strip["text"]
    for entity in record["entities"]:
        assert set(entity) == {"name", "kind", "name_zh", "mentions"}
        for mention in entity["mentions"]:
            assert record["cleaned_text"][mention["start"] : mention["end"]] == mention["surface"]
    for suggestion in record["suggestions"]:
        assert set(suggestion) == {"surface", "kind", "count"}
    assert SourceArticle.objects.count() == 0


def test_dry_run_json_reports_a_rejected_file_with_every_key_present(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    lines, code = run_import("--dry-run", "--json", path)
    record = json.loads(lines[0])
    assert code == 1
    assert set(record) == CONTRACT_KEYS
    assert record["status"] == "rejected"
    assert record["error"] == "file is empty"
    assert record["strips"] == record["entities"] == record["suggestions"] == []


def test_json_without_dry_run_is_refused_before_anything_is_imported(tmp_path, seed_bytes):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    with pytest.raises(CommandError, match="--json goes with --dry-run"):
        call_command("import_articles", "--json", str(path), stdout=StringIO())
    assert SourceArticle.objects.count() == 0


def test_make_run_seed_steps_twice_give_one_article():
    """What `make run` does to the database: load the seeds twice; the second time changes nothing."""
    out = StringIO()
    for _ in range(2):
        try:
            call_command("import_articles", "seeds/", stdout=out)
        except CommandError:
            pytest.fail(out.getvalue())
        call_command("load_demo", stdout=out)
    assert SourceArticle.objects.filter(original_filename="000_601187230134c3b3.txt").count() == 1
    assert out.getvalue().count("seeds/000_601187230134c3b3.txt: imported") == 1
    assert out.getvalue().count("seeds/000_601187230134c3b3.txt: unchanged") == 1


def test_a_pipe_is_rejected_rather_than_read_forever(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    lines, code = run_import(fifo)
    assert code == 1
    assert lines == [f"{fifo}: rejected: not a regular file (a pipe, device or socket)"]


def test_an_oversized_file_is_reported_at_its_real_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("中".encode() * 1_500_000)  # 4.5 MB
    lines, _ = run_import(path)
    assert "file is 4.3 MB, over the 2.0 MB limit" in lines[0]


def test_a_file_name_that_is_not_utf8_still_gives_valid_utf8_json(tmp_path, seed_bytes):
    import os

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"bad\xff.txt"), "wb") as handle:
        handle.write(seed_bytes)
    out = StringIO()
    call_command("import_articles", "--dry-run", "--json", str(tmp_path), stdout=out)
    encoded = out.getvalue().encode("utf-8")  # raises if a lone surrogate slipped through
    record = json.loads(encoded)
    assert record["path"].endswith("bad\ufffd.txt")


def test_a_runaway_rule_in_the_table_is_reported_by_name_and_the_import_goes_on(tmp_path):
    # Inserted straight into the table, as a rule saved before the admin's checks existed would be.
    PromoRule.objects.create(pattern=RUNAWAY_RULE, is_regex=True, note="bypassed the admin")
    PromoRule.objects.create(pattern="(a+)+$", is_regex=True, note="the issue's rule; hangs `re`")
    path = tmp_path / "runaway.txt"
    path.write_text(f"上海举办买手大会\n\n{RUNAWAY_LINE}\n\n抖音刷赞平台正在招人,小红书在上海举办活动。\n", encoding="utf-8")
    started = time.monotonic()
    lines, code = run_import(path)
    # Generous: the runaway rule has 0.25 s; before the fix this call never returned.
    assert time.monotonic() - started < 20
    assert code == 0
    assert lines == [f"{path}: imported; rule error: lexicon regex: {RUNAWAY_RULE}: took longer than 0.25 s on this "
                     "article and was skipped"]
    article = SourceArticle.objects.get()
    assert RUNAWAY_LINE in article.cleaned_text
    assert "抖音刷赞平台" not in article.cleaned_text  # the other rules still ran


def test_dry_run_json_names_a_runaway_rule(tmp_path):
    PromoRule.objects.create(pattern=RUNAWAY_RULE, is_regex=True)
    path = tmp_path / "runaway.txt"
    path.write_text(f"上海举办买手大会\n\n{RUNAWAY_LINE}\n", encoding="utf-8")
    lines, _ = run_import("--dry-run", "--json", path)
    record = json.loads(lines[0])
    assert record["rule_errors"] == [
        {"rule": f"lexicon regex: {RUNAWAY_RULE}", "error": "took longer than 0.25 s on this article and was skipped"}
    ]


def test_dry_run_on_a_never_migrated_database_says_so_in_one_line(tmp_path, seed_bytes):
    """A fresh clone before `make run`: one line naming what to run, no traceback (issue 12)."""
    article = tmp_path / "article.txt"
    article.write_bytes(seed_bytes)
    env = {name: value for name, value in os.environ.items() if name not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}", DJANGO_DEBUG="1")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles", "--dry-run", "--json", str(article)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "CommandError: the database has no tables yet: run `make run` or `manage.py migrate` first"
    ]


def test_without_the_ner_model_the_import_warns_and_still_suggests_names(tmp_path, settings):
    settings.NER_AT_IMPORT = True
    settings.NER_MODEL_DIR = str(tmp_path / "no-model-here")
    path = tmp_path / "article.txt"
    path.write_text("第1篇测试文章\n\n泡泡玛特CEO王宁在发布会上宣布了新的海外计划。\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_articles", str(path), stdout=out, stderr=err)
    assert out.getvalue().splitlines() == [f"{path}: imported"]
    warning = err.getvalue().strip()
    assert warning.startswith("warning: the NER model could not be loaded")
    assert warning.endswith("names are suggested by jieba alone")
    assert "王宁" in set(Suggestion.objects.values_list("surface", flat=True))


def test_the_ner_pass_suggests_names_no_cue_points_to(tmp_path, settings):
    settings.NER_AT_IMPORT = True  # otherwise the article page adds them when first opened
    path = tmp_path / "article.txt"
    path.write_text("第1篇测试文章\n\n据悉，马化腾与程维都曾参加那次会议。\n", encoding="utf-8")
    err = StringIO()
    call_command("import_articles", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""
    assert {"马化腾", "程维"} <= set(Suggestion.objects.values_list("surface", flat=True))
