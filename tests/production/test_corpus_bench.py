"""bench/corpus_bench.py runs evaluate_cleaner and evaluate_tagger on a fresh database with the seeded knowledge
base, and `make bench` shows their figures."""

import json
import subprocess
import sys
from pathlib import Path

from tests.support.scripts import load_bench_script

ROOT = Path(__file__).resolve().parents[2]

run_all = load_bench_script("run_all")

TITLE = "顺丰控股2024年净利润同比增长"
SENTENCE = "顺丰控股发布2024年年报，全年营业收入约2845亿元，同比增长10%。"


def test_corpus_bench_prints_the_command_figures_as_its_last_json_line(tmp_path):
    (tmp_path / "001_control.txt").write_text(f"{TITLE}\n\n{SENTENCE}\n", encoding="utf-8")
    annotation = {
        "file": "001_control.txt",
        "encoding": "utf-8",
        "style": "control",
        "industry": "logistics",
        "title": TITLE,
        "promo": [],
        "keep": [TITLE, SENTENCE],
        "entities": [{"zh": "顺丰控股", "en": "SF Holding", "kind": "company"}],
    }
    (tmp_path / "001_control.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus_bench.py"), "--corpus", str(tmp_path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    figures = run_all.parse_corpus_output(result.stdout)
    # No passages: no strip recall at all, rather than a made-up 100%.
    assert {key: value for key, value in figures.items() if key != "known_entity_count"} == {
        "keep_rate": 1.0,
        "file_count": 1.0,
        "passage_count": 0.0,
        "sentence_count": 2.0,
        # seeds/entities.csv knows 顺丰控股 as an alias of SF Express, named SF Holding in the annotation.
        "tagger_recall": 1.0,
        "tagger_precision": 1.0,
        "entity_count": 1.0,
    }
    assert figures["known_entity_count"] > 400


def test_the_bench_table_judges_the_corpus_figures_against_the_issue_13_and_14_targets():
    benchmark = next(b for b in run_all.BENCHMARKS if b.script == "corpus_bench.py")
    figures = run_all.parse_corpus_output(
        'Cleaner on 64 files\n{"strip_recall": 0.991, "keep_rate": 0.99, "file_count": 64, '
        '"tagger_recall": 0.558, "tagger_precision": 0.853}\n'
    )

    rows = run_all.table_rows(benchmark, run_all.Run(figures))

    assert rows == [
        (
            "corpus_bench.py",
            "cleaner on the farm corpus: strip recall",
            "0.991 of passages",
            ">= 0.98 of passages",
            "yes",
        ),
        (
            "corpus_bench.py",
            "cleaner on the farm corpus: keep rate",
            "0.990 of sentences",
            ">= 0.995 of sentences",
            "no",
        ),
        ("corpus_bench.py", "cleaner on the farm corpus: files", "64 files", "", ""),
        (
            "corpus_bench.py",
            "tagger on the farm corpus: recall",
            "0.558 of entities",
            ">= 0.92 of entities",
            "no",
        ),
        (
            "corpus_bench.py",
            "tagger on the farm corpus: precision",
            "0.853 of found names",
            ">= 0.85 of found names",
            "yes",
        ),
    ]
