"""Packages only a benchmark uses (pyahocorasick) live in bench/requirements.txt, and each bench skips their column without them."""

import re
import sys
from pathlib import Path

from tests.support.scripts import load_bench_script

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = "skipped: pyahocorasick not installed (make bench installs it)"


def load_bench_without_pyahocorasick(name, monkeypatch):
    """Import bench/<name>.py as if pyahocorasick were not installed (None in sys.modules fails the import)."""
    monkeypatch.setitem(sys.modules, "ahocorasick", None)
    return load_bench_script(name, module_name=f"bench_{name}_without_extras", modules=UndoneModules(monkeypatch))


class UndoneModules:
    """sys.modules for load_bench_script, through monkeypatch so the test's registration is undone after it."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def __setitem__(self, name, module):
        self.monkeypatch.setitem(sys.modules, name, module)


def pinned(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return {match[1].lower(): match[2] for line in lines if (match := re.match(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", line))}


def test_pyahocorasick_is_pinned_for_the_bench_only():
    assert "pyahocorasick" not in pinned(ROOT / "requirements.txt")
    assert pinned(ROOT / "bench" / "requirements.txt")["pyahocorasick"] == "2.3.1"
    assert "-r bench/requirements.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_clean_bench_skips_the_pyahocorasick_column_when_it_is_missing(monkeypatch):
    clean_bench = load_bench_without_pyahocorasick("clean_bench", monkeypatch)
    rates = clean_bench.matcher_rates("小红书买手大会" * 50, ["买手大会", "小红书"], re_budget_bytes=3000)
    assert set(rates) == {"re alternation", "ahocorasick-rs"}
    assert clean_bench.PYAHOCORASICK_SKIPPED == SKIPPED


def test_tag_bench_shows_the_pyahocorasick_row_as_skipped_when_it_is_missing(monkeypatch):
    tag_bench = load_bench_without_pyahocorasick("tag_bench", monkeypatch)
    from briefs.text.tag import KnownEntity

    rows = tag_bench.bench_libraries("小红书在上海。" * 20, [KnownEntity("x", "Xiaohongshu", "company", "小红书")])
    assert [row[0].split(" scan")[0] for row in rows] == ["ahocorasick-rs", "pyahocorasick"]
    assert rows[1][1:] == ("-", SKIPPED)

