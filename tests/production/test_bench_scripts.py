"""Smoke tests for the benchmarks: import_bench.py runs end to end, and run_all.py reads every script's output.

The parsers are tested on outputs captured from the real scripts (tests/data/bench/), so a change to
a script's printed table shows up here rather than as "n/a" in `make bench`.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.scripts import load_bench_script

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "bench"


run_all = load_bench_script("run_all")


@pytest.fixture(scope="module")
def import_bench_output():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "import_bench.py"), "--articles", "20", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def import_bench_figures(import_bench_output):
    return json.loads(import_bench_output.splitlines()[-1])


@pytest.mark.parametrize("step", ["intake", "pipeline", "command_sqlite"])
def test_import_bench_rates_count_articles_and_megabytes_over_the_same_time(import_bench_figures, step):
    # articles/s over MB/s is the article size whatever the time was, so a rate taken over the wrong
    # count, bytes or clock breaks it; MB/s is printed to 0.01, hence the absolute tolerance.
    figures = import_bench_figures[step]
    article_mb = import_bench_figures["article_kb"] / 1000
    assert figures["mb_per_s"] == pytest.approx(figures["articles_per_s"] * article_mb, rel=0.01, abs=0.006)


def test_import_bench_command_rate_is_the_articles_over_its_wall_time(import_bench_figures):
    command = import_bench_figures["command_sqlite"]
    assert command["first_article_s"] <= command["seconds"]
    assert command["articles_per_s"] == pytest.approx(import_bench_figures["articles"] / command["seconds"], abs=0.1)


def test_import_bench_table_shows_the_figures_of_its_json_line(import_bench_figures, import_bench_output):
    table = import_bench_output.splitlines()[:-1]
    pipeline_row = next(line for line in table if line.startswith("(b) pipeline"))
    assert f"{import_bench_figures['pipeline']['articles_per_s']:.1f}" in pipeline_row.split()
    assert any(line.startswith("(c) import_articles, sqlite") and "imported 20/20" in line for line in table)


def test_import_bench_command_imports_every_article(import_bench_figures):
    assert import_bench_figures["command_sqlite"]["imported_count"] == 20
    assert import_bench_figures["command_sqlite"]["rejected_count"] == 0


def test_import_parser_flattens_the_json_last_line():
    output = 'table\n{"articles": 20, "pipeline": {"articles_per_s": 300.5}, "command_sqlite": {"imported_count": 20}}\n'

    figures = run_all.parse_import_output(output)

    assert figures == {"articles": 20, "pipeline.articles_per_s": 300.5, "command_sqlite.imported_count": 20}


def test_clean_parser_reads_throughputs_and_latency_from_real_output():
    figures = run_all.parse_clean_output((FIXTURES / "clean_bench_quick.txt").read_text(encoding="utf-8"))

    assert figures == {"seeded_mb_per_s": 13.4, "large_mb_per_s": 12.6, "seeded_median_ms": 0.504}


def test_tag_parser_reads_scan_rates_and_build_time_from_real_output():
    figures = run_all.parse_tag_output((FIXTURES / "tag_bench_quick.txt").read_text(encoding="utf-8"))

    assert figures["find_mentions_10000_mb_per_s"] == 34.8
    assert figures["find_mentions_100000_mb_per_s"] == 25.0
    assert figures["build_100000_s"] == 1.37
    assert figures["tag_and_suggest_articles_per_s"] == 533


def test_http_parser_reads_ratios_and_p99_at_8_connections_from_real_output():
    figures = run_all.parse_http_output((FIXTURES / "http_bench_quick.txt").read_text(encoding="utf-8"))

    assert figures == {"uncached_vs_nginx": 0.0025, "uncached_p99_ms": 448.34, "cached_vs_nginx": 0.0641}


def test_http_parser_counts_a_micro_cache_row_as_micro_cached():
    output = "nginx micro-cache        8      15000     0.30     6.00       0    0.8500\n"

    assert run_all.parse_http_output(output) == {"microcached_vs_nginx": 0.85}


def test_http_parser_divides_json_request_rates_by_nginx():
    output = json.dumps({"nginx_rps": 20000, "uncached_rps": 400, "cached_rps": 2000, "uncached_p99_ms": 41.5})

    figures = run_all.parse_http_output(output)

    assert figures == {"uncached_p99_ms": 41.5, "uncached_vs_nginx": 0.02, "cached_vs_nginx": 0.1}


def test_markdown_parser_reads_the_slowest_body_from_the_json_last_line():
    output = "271 accepted worst cases; slowest 1 (check + render, seconds):\n   0.054  rule ___, tail\n" + json.dumps(
        {"cases": 271, "slowest_seconds": 0.054, "slowest_case": "rule ___, tail"}
    )

    assert run_all.parse_markdown_output(output) == {"slowest_seconds": 0.054}


@pytest.mark.parametrize("parse", [run_all.parse_import_output, run_all.parse_clean_output,
                                   run_all.parse_tag_output, run_all.parse_http_output,
                                   run_all.parse_markdown_output])
def test_parsers_return_no_figures_for_empty_output(parse):
    assert parse("") == {}


def test_a_missing_script_shows_as_not_run_in_every_row():
    benchmark = next(b for b in run_all.BENCHMARKS if b.script == "http_bench.py")

    rows = run_all.table_rows(benchmark, run_all.Run({}, "not run (no such script)"))

    assert [row[2] for row in rows] == ["not run (no such script)"] * len(benchmark.figures)
    assert {row[4] for row in rows} == {"n/a"}


def test_a_figure_is_compared_with_its_target():
    benchmark = next(b for b in run_all.BENCHMARKS if b.script == "tag_bench.py")

    rows = run_all.table_rows(benchmark, run_all.Run({"build_100000_s": 0.8, "find_mentions_10000_mb_per_s": 12.0}))

    met = {row[1]: row[4] for row in rows}
    assert met["build_matcher, 100,000 entities"] == "yes"
    assert met["find_mentions, 10,000 entities"] == "no"
