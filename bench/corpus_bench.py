"""The cleaner on the labelled farm corpus: strip recall and keep rate, as `manage.py evaluate_cleaner` counts them.

Run: .venv/bin/python bench/corpus_bench.py [--corpus DIR] [--json] [--quick]

Migrates a fresh SQLite database in a temporary folder (so the promo rules are the seeded ones, as
on a new desk), then runs `manage.py evaluate_cleaner DIR --json` with thresholds of 0, so the figures
are printed whatever they are; the targets (issue 13: strip recall >= 0.98, keep rate >= 0.995) are
judged by bench/run_all.py. --json adds one JSON object of the figures as the last line of stdout.
--quick changes nothing (the corpus takes a few seconds) and is accepted for run_all.py.
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


def evaluate(corpus: Path) -> dict:
    """evaluate_cleaner's JSON report on a freshly migrated SQLite database, plus the seconds it took."""
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
        }
        env.pop("REDIS_URL", None)
        migrated = manage(["migrate", "--noinput"], env)
        if migrated.returncode != 0:
            raise SystemExit(f"manage.py migrate failed:\n{migrated.stdout}{migrated.stderr}")
        started = time.perf_counter()
        result = manage(["evaluate_cleaner", str(corpus), "--json", "--min-strip", "0", "--min-keep", "0"], env)
        seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"manage.py evaluate_cleaner failed:\n{result.stderr.strip()}")
    return json.loads(result.stdout) | {"seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    parser.add_argument("--quick", action="store_true", help="accepted for run_all.py; changes nothing")
    options = parser.parse_args()

    report = evaluate(options.corpus)
    passages, sentences = report["passages"], report["sentences"]
    print(f"Cleaner on {report['file_count']} corpus files ({options.corpus}), {report['rule_count']} seeded rules")
    print(
        f"{'strip recall':<14}{passages['count']:>6}/{passages['total']:<6}{_share(report['strip_recall']):>9}   >= 0.98"
    )
    print(
        f"{'keep rate':<14}{sentences['count']:>6}/{sentences['total']:<6}{_share(report['keep_rate']):>9}   >= 0.995"
    )
    print(f"evaluate_cleaner took {report['seconds']:.1f} s")
    if options.json:
        figures = {
            "strip_recall": report["strip_recall"],
            "keep_rate": report["keep_rate"],
            "file_count": report["file_count"],
            "passage_count": passages["total"],
            "sentence_count": sentences["total"],
        }
        print(json.dumps({key: value for key, value in figures.items() if value is not None}))


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
