"""Benchmark importing articles: intake alone, the text pipeline alone, and the whole import command.

Run: .venv/bin/python bench/import_bench.py [--articles N | --quick] [--postgres] [--json]

Builds N distinct articles (default 1,000; 200 with --quick) from the seed article's paragraphs:
shuffled with a fixed random seed, padded with repeated paragraphs to about 6 KB, under a varied
copy of the seed's advert title (also where the farm repeats it in the body), so every file has its
own bytes and its own SHA-256. Then measures, in articles/s and MB/s of file bytes:

(a) intake: `parse_article` over the bytes;
(b) the text pipeline without a database, as an import runs it: intake, `clean` with `DEFAULT_RULES`,
    `find_mentions` and `suggest_names` (jieba; the NER pass only with NER_AT_IMPORT=1, since by
    default the article page adds the model's names later) with the knowledge base in
    seeds/entities.csv (jieba's and the NER model's loads timed separately);
(c) `manage.py import_articles FOLDER` in a subprocess on a fresh SQLite database (migrated, KB
    loaded; only the import is timed): wall time, time to the first article (process start, Django,
    jieba, matcher) and the steady rate from the first article's line to the last;
(d) with --postgres, the same on a throwaway PostgreSQL database bench_import_<pid>, dropped after.

Target (issue 5): the full import at >= 100 articles/s of 6 KB per core; the command runs on one core.
--json adds one JSON object of the figures as the last line of stdout (read by bench/run_all.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs.text import ner  # noqa: E402
from briefs.text.clean import clean as clean_text  # noqa: E402
from briefs.text.intake import parse_article  # noqa: E402
from briefs.text.lexicon import DEFAULT_RULES  # noqa: E402
from briefs.text.rules import compile_rules  # noqa: E402
from briefs.text.suggest import load_jieba, suggest_names  # noqa: E402

NER_AT_IMPORT = os.environ.get("NER_AT_IMPORT", "").lower() in ("1", "true", "yes")  # as cms/settings.py reads it
from briefs.text.tag import KnownEntity, build_matcher, find_mentions  # noqa: E402

SEED_ARTICLE = ROOT / "seeds" / "000_601187230134c3b3.txt"
ENTITIES_CSV = ROOT / "seeds" / "entities.csv"
RANDOM_SEED = 20240824
ARTICLE_BYTES = 6000
TARGET_ARTICLES_PER_SECOND_PER_CORE = 100
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# One import of the whole folder must not hang `make bench`; 1,000 articles take well under a minute.
COMMAND_TIMEOUT_SECONDS = 600


def make_articles(count: int) -> list[tuple[str, bytes]]:
    """`count` (filename, UTF-8 bytes) pairs of about ARTICLE_BYTES each, all different."""
    rng = random.Random(RANDOM_SEED)
    lines = SEED_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    title, paragraphs = lines[0].strip(), [p for p in lines[1:] if p.strip()]
    articles = []
    for index in range(count):
        # The farm repeats its advert title in the body; the varied title goes there too.
        varied_title = f"{title} 第{index + 1}期"
        body = [varied_title if p.strip() == title else p for p in paragraphs]
        rng.shuffle(body)
        while len("\n\n".join([varied_title, *body]).encode()) < ARTICLE_BYTES:
            body.append(rng.choice(paragraphs))
        articles.append((f"{index:05d}.txt", "\n\n".join([varied_title, *body]).encode()))
    return articles


def read_entities(path: Path) -> list[KnownEntity]:
    """The knowledge base as the tagger sees it, read from the CSV that load_entities takes."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            KnownEntity(
                key=row["slug"],
                name=row["name"],
                kind=row["kind"],
                name_zh=row["name_zh"],
                aliases=tuple(alias.strip() for alias in (row["aliases"] or "").split("|") if alias.strip()),
            )
            for row in csv.DictReader(handle)
        ]


def best_seconds(function, repeat: int) -> float:
    """Best of `repeat` runs: other processes on a shared machine only ever make a run slower."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def bench_intake(articles: list[tuple[str, bytes]]) -> float:
    def run():
        for filename, data in articles:
            parse_article(data, filename)

    return best_seconds(run, repeat=3)


def run_pipeline(filename: str, data: bytes, rules, matcher) -> None:
    """What `import_bytes` does for one new article, minus the database (captions are not re-scanned)."""
    parsed = parse_article(data, filename)
    cleaned = clean_text(parsed.raw_text, rules)
    find_mentions(cleaned.cleaned_text, matcher)
    names = None if NER_AT_IMPORT else []  # None: suggest_names runs the NER pass itself
    suggest_names(cleaned.cleaned_text, matcher=matcher, byline=cleaned.byline, names=names)


def bench_pipeline(articles: list[tuple[str, bytes]], rules, matcher) -> float:
    def run():
        for filename, data in articles:
            run_pipeline(filename, data, rules, matcher)

    run_pipeline(*articles[0], rules, matcher)  # jieba's first calls load more of its tables
    return best_seconds(run, repeat=2)


def manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_SECONDS, check=False,
    )


def bench_command(folder: Path, database_url: str) -> dict:
    """Migrate and load the KB (untimed), then time `import_articles FOLDER`.

    The command prints a line per file; reading them as they come (unbuffered) gives the time to the
    first article (process start, Django setup, jieba load, matcher build) and the steady rate after it.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)  # the import does not use the cache; keep the run self-contained
    for args in (["migrate", "--noinput"], ["load_entities", str(ENTITIES_CSV), "--quiet"]):
        result = manage(args, env)
        if result.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")

    line_times: list[float] = []
    statuses: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as stderr, subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_articles", str(folder)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True,
    ) as process:
        for line in process.stdout:
            line_times.append(time.perf_counter())
            statuses.append(line.rstrip("\n").split(": ", 2)[1] if ": " in line else line)
        returncode = process.wait(timeout=COMMAND_TIMEOUT_SECONDS)
        seconds = time.perf_counter() - started
        stderr.seek(0)
        stderr_tail = stderr.read().strip().splitlines()[-3:]
    first_seconds = (line_times[0] - started) if line_times else seconds
    steady_seconds = line_times[-1] - line_times[0] if len(line_times) > 1 else 0.0
    return {
        "seconds": seconds,
        "first_article_seconds": first_seconds,
        # Articles 2..N over the time from the first line to the last.
        "steady_articles_per_s": (len(line_times) - 1) / steady_seconds if steady_seconds else None,
        "returncode": returncode,
        "imported_count": statuses.count("imported"),
        "unchanged_count": statuses.count("unchanged"),
        "rejected_count": statuses.count("rejected"),
        "stderr_tail": stderr_tail,
    }


def create_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rates(count: int, megabytes: float, seconds: float) -> dict:
    return {"articles_per_s": round(count / seconds, 1), "mb_per_s": round(megabytes / seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles to build (default 1000)")
    parser.add_argument("--quick", action="store_true", help="200 articles")
    parser.add_argument("--postgres", action="store_true", help=f"also import into PostgreSQL at {POSTGRES_SERVER}")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    options = parser.parse_args()
    count = 200 if options.quick else options.articles
    if count < 1:
        parser.error("--articles must be at least 1")

    articles = make_articles(count)
    megabytes = sum(len(data) for _, data in articles) / 1e6
    figures: dict = {"articles": count, "article_kb": round(megabytes * 1000 / count, 2), "cpu_count": os.cpu_count()}

    started = time.perf_counter()
    load_jieba()
    figures["jieba_load_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    figures["ner_available"] = ner.warm_up()
    figures["ner_load_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    rules = compile_rules(DEFAULT_RULES)
    entities = read_entities(ENTITIES_CSV)
    matcher = build_matcher(entities)
    figures["rules_and_matcher_build_s"] = round(time.perf_counter() - started, 3)
    figures["intake"] = rates(count, megabytes, bench_intake(articles))
    figures["pipeline"] = rates(count, megabytes, bench_pipeline(articles, rules, matcher))

    commands: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="import_bench_") as temp:
        folder = Path(temp) / "articles"
        folder.mkdir()
        for filename, data in articles:
            (folder / filename).write_bytes(data)
        commands["sqlite"] = bench_command(folder, f"sqlite:///{Path(temp) / 'bench.sqlite3'}")
        if options.postgres:
            name = f"bench_import_{os.getpid()}"
            create_postgres_database(name)
            try:
                commands["postgresql"] = bench_command(folder, f"{POSTGRES_SERVER}/{name}")
            finally:
                drop_postgres_database(name)
    for database, run in commands.items():
        steady = run["steady_articles_per_s"]
        figures[f"command_{database}"] = {
            **rates(count, megabytes, run["seconds"]),
            "seconds": round(run["seconds"], 2),
            "first_article_s": round(run["first_article_seconds"], 2),
            "steady_articles_per_s": round(steady, 1) if steady else None,
            "steady_mb_per_s": round(steady * megabytes / count, 2) if steady else None,
            "imported_count": run["imported_count"],
            "rejected_count": run["rejected_count"],
            "returncode": run["returncode"],
        }

    print_table(figures, list(commands))
    for database, run in commands.items():
        if run["imported_count"] != count:
            print(f"warning: {database}: imported {run['imported_count']} of {count}; stderr: {run['stderr_tail']}")
    if options.json:
        print(json.dumps(figures))


def print_table(figures: dict, databases: list[str]) -> None:
    count, size = figures["articles"], figures["article_kb"]
    print(f"import benchmark: {count:,} distinct articles of {size:.1f} KB, {os.cpu_count()} cores")
    print(f"jieba dictionary load (once per process): {figures['jieba_load_s']:.2f} s; "
          f"NER model load: {figures['ner_load_s']:.2f} s{'' if figures['ner_available'] else ' (unavailable)'}; "
          f"rules + matcher build: {figures['rules_and_matcher_build_s']:.3f} s")
    rows = [
        ("(a) intake: parse_article", figures["intake"], ""),
        ("(b) pipeline: intake+clean+tag+suggest", figures["pipeline"], "no database"),
    ]
    for database in databases:
        run = figures[f"command_{database}"]
        rows.append((
            f"(c) import_articles, {database}",
            run,
            f"{run['seconds']:.1f} s wall, {run['first_article_s']:.1f} s to the first article, then "
            f"{run['steady_articles_per_s'] or 0:.0f} articles/s; imported {run['imported_count']}/{count}",
        ))
    print(f"{'step':<42}{'articles/s':>11}{'MB/s':>8}{'target':>10}  notes")
    for label, figure, notes in rows:
        target = f">= {TARGET_ARTICLES_PER_SECOND_PER_CORE}" if label.startswith("(c)") else ""
        print(f"{label:<42}{figure['articles_per_s']:>11.1f}{figure['mb_per_s']:>8.2f}{target:>10}  {notes}")


if __name__ == "__main__":
    main()
