"""Run every benchmark in bench/ and print one Markdown table of their key figures against the targets.

Run: .venv/bin/python bench/run_all.py [--quick] [--postgres]   (what `make bench` runs)

Each script that exists runs as a subprocess with a timeout (`--quick` is passed on). A missing,
failing or timed-out script, or a figure a script did not print, shows as "not run" or "n/a" in the
table instead of stopping the run. Progress goes to stderr; stdout is the heading and the table.

How figures are read:
- import_bench.py takes `--json` and prints one JSON object as its last line.
- clean_bench.py and tag_bench.py print tables; `parse_clean_output` and `parse_tag_output` read them.
- markdown_bench.py takes `--json` and prints one JSON object as its last line (the slowest body).
- corpus_bench.py takes `--json` and prints one JSON object as its last line (strip recall, keep
  rate and files of `manage.py evaluate_cleaner`, recall and precision of `manage.py evaluate_tagger`,
  on tests/data/farm-corpus with seeds/entities.csv loaded).
- http_bench.py prints a table of servers at 8 and 64 connections; `parse_http_output` reads the rows
  at 8 connections (or a JSON last line, should the script gain `--json`). It exits 1 when it
  misses a target; its figures are shown all the same.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DECIMAL = r"[\d,]+(?:\.\d+)?"  # "1,234.5"
NUMBER = rf"({DECIMAL})"


@dataclass(frozen=True)
class Target:
    """A goal for one figure: `value` must be `>=` or `<` the threshold."""

    comparison: str
    threshold: float

    def is_met(self, value: float) -> bool:
        return value >= self.threshold if self.comparison == ">=" else value < self.threshold


@dataclass(frozen=True)
class Figure:
    """One row of the table: the key a parser returns, how to show it, and its target if any."""

    key: str
    label: str
    unit: str
    target: Target | None = None
    decimals: int = 1
    when_missing: str = "n/a"


@dataclass(frozen=True)
class Benchmark:
    script: str
    parse: Callable[[str], dict[str, float]]
    figures: tuple[Figure, ...]
    timeout_seconds: int
    takes_json: bool = False


@dataclass
class Run:
    """What happened when a script ran: its figures, or why there are none."""

    figures: dict[str, float]
    problem: str | None = None
    seconds: float = 0.0


def to_number(text: str) -> float:
    return float(text.replace(",", ""))


def last_json_object(output: str) -> dict:
    """The JSON object on the last non-empty line of `output`, or {} when that line is not one."""
    lines = [line for line in output.strip().splitlines() if line.strip()]
    if not lines:
        return {}
    try:
        value = json.loads(lines[-1])
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_import_output(output: str) -> dict[str, float]:
    """import_bench.py --json: flatten {"command_sqlite": {"articles_per_s": 76}} to "command_sqlite.articles_per_s"."""
    figures: dict[str, float] = {}
    for key, value in last_json_object(output).items():
        if isinstance(value, dict):
            figures.update({f"{key}.{inner}": v for inner, v in value.items() if isinstance(v, int | float)})
        elif isinstance(value, int | float):
            figures[key] = value
    return figures


def parse_clean_output(output: str) -> dict[str, float]:
    """clean_bench.py: MB/s with DEFAULT_RULES and with 10,000 extra rules; median latency per article.

    The throughput table comes first ("DEFAULT_RULES (78, 19 regex)   11.9   >= 10"); the latency table
    repeats the labels ("DEFAULT_RULES   0.518   1.695"), so each is read from its own section.
    """
    figures: dict[str, float] = {}
    throughput, _, rest = output.partition("clean() latency")
    for line in throughput.splitlines():
        row = re.match(rf"DEFAULT_RULES(.*?)\s{NUMBER}\s+>=", line.strip())
        if row:
            key = "large_mb_per_s" if "phrases" in row.group(1) else "seeded_mb_per_s"
            figures.setdefault(key, to_number(row.group(2)))
    for line in rest.partition("phrase matchers")[0].splitlines():
        row = re.fullmatch(rf"DEFAULT_RULES\s+{NUMBER}\s+{NUMBER}", line.strip())
        if row:
            figures.setdefault("seeded_median_ms", to_number(row.group(1)))
    return figures


def parse_tag_output(output: str) -> dict[str, float]:
    """tag_bench.py: find_mentions MB/s by knowledge-base size, build time at 100,000, suggest rates."""
    figures: dict[str, float] = {}
    for line in output.splitlines():
        line = line.strip()
        if row := re.match(rf"find_mentions, {NUMBER} entities\s+{NUMBER} MB/s", line):
            figures[f"find_mentions_{int(to_number(row.group(1)))}_mb_per_s"] = to_number(row.group(2))
        elif row := re.match(rf"build_matcher, {NUMBER} entities\s+{NUMBER} s\b", line):
            figures[f"build_{int(to_number(row.group(1)))}_s"] = to_number(row.group(2))
        elif row := re.match(rf"jieba dictionary load.*?\s{NUMBER} s\b", line):
            figures["jieba_load_s"] = to_number(row.group(1))
        elif row := re.match(rf"find_mentions \+ suggest_names\s+{NUMBER} articles/s", line):
            figures["tag_and_suggest_articles_per_s"] = to_number(row.group(1))
    return figures


HTTP_MODES = ("uncached", "cached", "microcached")
# A row of http_bench.py's table: "django uncached   8   44   159.48   448.34   0   0.0025"
# (server, connections, req/s, p50 ms, p99 ms, errors, ratio to nginx at the same connections).
HTTP_ROW = re.compile(
    rf"(?P<server>\D+?)\s+(?P<connections>\d+)\s+{DECIMAL}\s+{DECIMAL}\s+(?P<p99>{DECIMAL})\s+\d+\s+(?P<ratio>{DECIMAL})"
)


def http_mode(server: str) -> str | None:
    """Which target a server row belongs to: "django page cache" is cached, "nginx micro-cache" micro-cached."""
    server = server.lower()
    if "micro" in server:
        return "microcached"
    if "uncached" in server:
        return "uncached"
    if "cache" in server:
        return "cached"
    return None  # nginx serving the page as a file: the yardstick


def parse_http_output(output: str) -> dict[str, float]:
    """http_bench.py: each mode's requests/s as a share of nginx's at 8 connections, and the uncached p99 in ms.

    Reads a JSON last line when the script prints one (`uncached_vs_nginx`, `uncached_p99_ms`, ... or
    `nginx_rps`, `uncached_rps`, ... to divide); otherwise the rows of its printed table.
    """
    data = last_json_object(output)
    if data:
        figures = {key: data[key] for key in (*(f"{m}_vs_nginx" for m in HTTP_MODES), "uncached_p99_ms") if key in data}
        if data.get("nginx_rps"):
            for mode in HTTP_MODES:
                if f"{mode}_rps" in data:
                    figures.setdefault(f"{mode}_vs_nginx", data[f"{mode}_rps"] / data["nginx_rps"])
        return figures
    figures = {}
    for line in output.splitlines():
        row = HTTP_ROW.fullmatch(line.strip())
        if not row or row.group("connections") != "8" or not (mode := http_mode(row.group("server"))):
            continue
        figures[f"{mode}_vs_nginx"] = to_number(row.group("ratio"))
        if mode == "uncached":
            figures["uncached_p99_ms"] = to_number(row.group("p99"))
    return figures


def parse_corpus_output(output: str) -> dict[str, float]:
    """corpus_bench.py --json: strip recall, keep rate, tagger recall and precision on the labelled corpus, and counts."""
    return {key: float(value) for key, value in last_json_object(output).items() if isinstance(value, int | float)}


def parse_markdown_output(output: str) -> dict[str, float]:
    """markdown_bench.py --json: the slowest check-and-render time of the bodies the limits accept."""
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            figures = json.loads(line)
            return {"slowest_seconds": float(figures["slowest_seconds"])}
    return {}

BENCHMARKS = (
    Benchmark(
        "import_bench.py",
        parse_import_output,
        (
            Figure("intake.articles_per_s", "intake (parse_article)", "articles/s", decimals=0),
            Figure("pipeline.articles_per_s", "text pipeline, no database", "articles/s", decimals=0),
            Figure("pipeline.mb_per_s", "text pipeline, no database", "MB/s", decimals=2),
            Figure("jieba_load_s", "jieba dictionary load, once per process", "s", decimals=2),
            # The command runs in one process on one core, so its rate is the rate per core.
            Figure("command_sqlite.steady_articles_per_s", "import_articles, SQLite, after the first article",
                   "articles/s per core", Target(">=", 100)),
            Figure("command_sqlite.articles_per_s", "import_articles, SQLite, wall time incl. start",
                   "articles/s per core", Target(">=", 100)),
            Figure("command_postgresql.steady_articles_per_s", "import_articles, PostgreSQL, after the first article",
                   "articles/s per core", Target(">=", 100), when_missing="not run (pass --postgres)"),
        ),
        timeout_seconds=400,
        takes_json=True,
    ),
    Benchmark(
        "clean_bench.py",
        parse_clean_output,
        (
            Figure("seeded_mb_per_s", "clean(), seeded lexicon", "MB/s", Target(">=", 10)),
            Figure("large_mb_per_s", "clean(), lexicon + 10,000 rules", "MB/s", Target(">=", 5)),
            Figure("seeded_median_ms", "clean(), one 6 KB article, median", "ms", Target("<", 0.6), decimals=3),
        ),
        timeout_seconds=300,
    ),
    Benchmark(
        "tag_bench.py",
        parse_tag_output,
        (
            Figure("find_mentions_10000_mb_per_s", "find_mentions, 10,000 entities", "MB/s", Target(">=", 30)),
            Figure("find_mentions_100000_mb_per_s", "find_mentions, 100,000 entities", "MB/s", Target(">=", 20)),
            Figure("build_100000_s", "build_matcher, 100,000 entities", "s", Target("<", 1), decimals=2),
            Figure("tag_and_suggest_articles_per_s", "find_mentions + suggest_names, 6 KB", "articles/s", decimals=0),
        ),
        timeout_seconds=300,
    ),
    Benchmark(
        "corpus_bench.py",
        parse_corpus_output,
        (
            Figure("strip_recall", "cleaner on the farm corpus: strip recall", "of passages", Target(">=", 0.98), 3),
            Figure("keep_rate", "cleaner on the farm corpus: keep rate", "of sentences", Target(">=", 0.995), 3),
            Figure("file_count", "cleaner on the farm corpus: files", "files", decimals=0),
            Figure("tagger_recall", "tagger on the farm corpus: recall", "of entities", Target(">=", 0.92), 3),
            Figure("tagger_precision", "tagger on the farm corpus: precision", "of found names", Target(">=", 0.85), 3),
        ),
        timeout_seconds=300,
        takes_json=True,
    ),
    Benchmark(
        "markdown_bench.py",
        parse_markdown_output,
        (
            Figure("slowest_seconds", "Markdown: slowest accepted worst-case body, check + render", "s",
                   Target("<", 0.3), decimals=3),
        ),
        timeout_seconds=300,
        takes_json=True,
    ),
    Benchmark(
        "http_bench.py",
        parse_http_output,
        (
            Figure("uncached_vs_nginx", "HTTP uncached, share of nginx static, 8 conns", "x nginx", Target(">=", 0.01), 4),
            Figure("uncached_p99_ms", "HTTP uncached p99, 8 connections", "ms", Target("<", 60)),
            Figure("cached_vs_nginx", "HTTP page-cached, share of nginx static, 8 conns", "x nginx", Target(">=", 0.05), 4),
            Figure("microcached_vs_nginx", "HTTP nginx micro-cached, share of nginx static, 8 conns", "x nginx",
                   Target(">=", 0.5), 4),
        ),
        timeout_seconds=600,
    ),
)


def run_benchmark(benchmark: Benchmark, *, quick: bool, postgres: bool) -> Run:
    script = BENCH_DIR / benchmark.script
    if not script.exists():
        return Run({}, "not run (no such script)")
    arguments = [sys.executable, str(script)]
    arguments += ["--quick"] if quick else []
    arguments += ["--postgres"] if postgres and benchmark.script == "import_bench.py" else []
    # A script we did not write may not take --json yet; pass it only where the script mentions it.
    if benchmark.takes_json or "--json" in script.read_text(encoding="utf-8"):
        arguments.append("--json")
    print(f"running {' '.join(arguments[1:])} (timeout {benchmark.timeout_seconds} s)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            arguments, cwd=ROOT, capture_output=True, text=True, timeout=benchmark.timeout_seconds, check=False
        )
    except subprocess.TimeoutExpired:
        return Run({}, f"not run (timed out after {benchmark.timeout_seconds} s)", benchmark.timeout_seconds)
    seconds = time.perf_counter() - started
    print(f"  finished in {seconds:.0f} s, exit status {result.returncode}", file=sys.stderr, flush=True)
    figures = benchmark.parse(result.stdout)
    if result.returncode != 0:
        tail = " | ".join(line for line in result.stderr.strip().splitlines()[-2:] if line.strip())
        print(f"  {benchmark.script}: stderr ends with: {tail}", file=sys.stderr, flush=True)
        # Figures printed with a missed target (http_bench.py exits 1 then) still count; when there are
        # some, a missing one was simply not measured rather than lost to the failure.
        problem = "n/a (not measured)" if figures else f"n/a (exit status {result.returncode})"
        return Run(figures, problem, seconds)
    return Run(figures, None, seconds)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def format_value(figure: Figure, value: float) -> str:
    return f"{value:,.{figure.decimals}f} {figure.unit}"


def table_rows(benchmark: Benchmark, run: Run) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for figure in benchmark.figures:
        target = f"{figure.target.comparison} {figure.target.threshold:g} {figure.unit}" if figure.target else ""
        value = run.figures.get(figure.key)
        if value is None:
            rows.append((benchmark.script, figure.label, run.problem or figure.when_missing, target, "n/a" if target else ""))
            continue
        met = ("yes" if figure.target.is_met(value) else "no") if figure.target else ""
        rows.append((benchmark.script, figure.label, format_value(figure, value), target, met))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="pass --quick to every benchmark")
    parser.add_argument("--postgres", action="store_true", help="also time the import on PostgreSQL")
    options = parser.parse_args()

    rows = []
    for benchmark in BENCHMARKS:
        run = run_benchmark(benchmark, quick=options.quick, postgres=options.postgres)
        rows += table_rows(benchmark, run)

    today = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    mode = "quick" if options.quick else "full"
    print(f"### Benchmarks ({mode}): {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, {today}")
    print()
    print("| benchmark | figure | value | target | met? |")
    print("| --- | --- | ---: | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
