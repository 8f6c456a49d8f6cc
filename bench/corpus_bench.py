"""The cleaner and the tagger on the labelled farm corpus, as `manage.py evaluate_cleaner` and
`manage.py evaluate_tagger` count them: strip recall and keep rate, entity recall and precision.

Run: .venv/bin/python bench/corpus_bench.py [--corpus DIR] [--entities CSV] [--json] [--quick]

Migrates a fresh SQLite database in a temporary folder (so the promo rules are the seeded ones, as
on a new desk) and loads the knowledge base `make seed` loads (seeds/entities.csv), then runs
`manage.py evaluate_cleaner DIR --json` and `manage.py evaluate_tagger DIR --json` with thresholds
of 0, so the figures are printed whatever they are; the targets (issue 13: strip recall >= 0.98,
keep rate >= 0.995; issue 14: recall >= 0.92, precision >= 0.85) are judged by bench/run_all.py.
--json adds one JSON object of the figures as the last line of stdout. --quick changes nothing (the
corpus takes a few seconds) and is accepted for run_all.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "data" / "farm-corpus"
DEFAULT_ENTITIES = ROOT / "seeds" / "entities.csv"
COMMAND_TIMEOUT_SECONDS = 300


def manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )


def evaluate(corpus: Path, entities: Path) -> dict[str, dict]:
    """Each command's JSON report on a freshly migrated SQLite database with `entities` loaded, plus the
    seconds it took: {"evaluate_cleaner": {...}, "evaluate_tagger": {...}}."""
    reports = {}
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
        }
        env.pop("REDIS_URL", None)
        for setup in (["migrate", "--noinput"], ["load_entities", str(entities), "--quiet"]):
            done = manage(setup, env)
            if done.returncode != 0:
                raise SystemExit(f"manage.py {setup[0]} failed:\n{done.stdout}{done.stderr}")
        for command, minimums in (
            ("evaluate_cleaner", ["--min-strip", "0", "--min-keep", "0"]),
            ("evaluate_tagger", ["--min-recall", "0", "--min-precision", "0"]),
        ):
            started = time.perf_counter()
            result = manage([command, str(corpus), "--json", *minimums], env)
            seconds = time.perf_counter() - started
            if result.returncode != 0:
                raise SystemExit(f"manage.py {command} failed:\n{result.stderr.strip()}")
            reports[command] = json.loads(result.stdout) | {"seconds": seconds}
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder")
    parser.add_argument("--entities", type=Path, default=DEFAULT_ENTITIES, help="the knowledge base CSV to load")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    parser.add_argument("--quick", action="store_true", help="accepted for run_all.py; changes nothing")
    options = parser.parse_args()

    reports = evaluate(options.corpus, options.entities)
    report, tagger = reports["evaluate_cleaner"], reports["evaluate_tagger"]
    passages, sentences = report["passages"], report["sentences"]
    print(f"Cleaner on {report['file_count']} corpus files ({options.corpus}), {report['rule_count']} seeded rules")
    print(
        f"{'strip recall':<14}{passages['count']:>6}/{passages['total']:<6}{_share(report['strip_recall']):>9}   >= 0.98"
    )
    print(
        f"{'keep rate':<14}{sentences['count']:>6}/{sentences['total']:<6}{_share(report['keep_rate']):>9}   >= 0.995"
    )
    print(f"evaluate_cleaner took {report['seconds']:.1f} s")
    entities, names = tagger["entities"], tagger["found_names"]
    print(f"Tagger on the same files, {tagger['entity_count']} known entities ({options.entities})")
    print(f"{'recall':<14}{entities['count']:>6}/{entities['total']:<6}{_share(tagger['recall']):>9}   >= 0.92")
    print(f"{'precision':<14}{names['count']:>6}/{names['total']:<6}{_share(tagger['precision']):>9}   >= 0.85")
    for kind, tally in tagger["by_kind"].items():
        print(f"  {kind:<12}{tally['count']:>6}/{tally['total']:<6}{_share(tally['share']):>9}")
    print(f"evaluate_tagger took {tagger['seconds']:.1f} s")
    if options.json:
        figures = {
            "strip_recall": report["strip_recall"],
            "keep_rate": report["keep_rate"],
            "file_count": report["file_count"],
            "passage_count": passages["total"],
            "sentence_count": sentences["total"],
            "tagger_recall": tagger["recall"],
            "tagger_precision": tagger["precision"],
            "entity_count": entities["total"],
            "known_entity_count": tagger["entity_count"],
        }
        print(json.dumps({key: value for key, value in figures.items() if value is not None}))


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
