"""Benchmark the promo cleaner and the phrase-matcher backends it could use.

Run: .venv/bin/python bench/clean_bench.py [--quick]

Prints three tables:
1. clean() throughput (MB/s of UTF-8 article text) over >= 10 MB of farm articles built from the
   seed's paragraphs, shuffled, with promo spliced in; with DEFAULT_RULES and with 10,000 extra rules.
2. clean() latency for one 6 KB article (median and 95th percentile).
3. Raw matcher throughput at 100 / 1,000 / 10,000 phrases: a `re` alternation, pyahocorasick,
   ahocorasick-rs (leftmost-longest, the one the cleaner uses). pyahocorasick is a bench-only
   package (bench/requirements.txt, which `make bench` installs); without it its column says skipped.
Targets: >= 10 MB/s and < 0.6 ms per 6 KB article with the seeded lexicon; >= 5 MB/s at 10,000 rules.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ahocorasick_rs  # noqa: E402

try:  # only for the comparison column; the cleaner uses ahocorasick-rs
    import ahocorasick  # (pyahocorasick)
except ImportError:
    ahocorasick = None
PYAHOCORASICK_SKIPPED = "skipped: pyahocorasick not installed (make bench installs it)"

from briefs.text import words  # noqa: E402
from briefs.text.clean import clean  # noqa: E402
from briefs.text.lexicon import DEFAULT_RULES  # noqa: E402
from briefs.text.rules import Rule, compile_rules  # noqa: E402

SEED = ROOT / "seeds" / "000_601187230134c3b3.txt"
ADVERT_TITLES = [
    "ks免费刷平台推广:小红书业务下单",
    "抖音刷赞平台-24小时自助下单",
    "快手代刷网|快手业务自助下单",
    "dy免费刷双击_dy业务下单",
    "微博刷粉丝:微博业务自助下单",
]
CHROME = ["发表评论", "相关文章", "本文来源于网络,版权归原作者所有,如有侵权请联系删除。", "阅读(123) 评论(0)", "作者 | 吴洪建"]
CJK = [chr(code) for code in range(0x4E00, 0x9FA5)]


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p for p in text.split("\n\n")[1:] if len(p) > 30]


def make_article(rng: random.Random, paragraphs: list[str], size_bytes: int) -> str:
    """A farm article of about `size_bytes` UTF-8 bytes: advert title, shuffled paragraphs, splices, chrome."""
    title = rng.choice(ADVERT_TITLES)
    segment = title.split(":")[-1].split("-")[-1].split("|")[-1].split("_")[-1]
    lines = [title, rng.choice(CHROME[-1:])]
    while sum(len(line.encode()) for line in lines) < size_bytes:
        paragraph = rng.choice(paragraphs)
        if rng.random() < 0.2:
            comma = paragraph.find(",")
            paragraph = paragraph[:comma] + segment + paragraph[comma:] if comma > 0 else paragraph
        lines.append(paragraph)
        if rng.random() < 0.05:
            lines.append(rng.choice([title, *CHROME]))
    return "\n\n".join(lines)


def synthetic_phrases(rng: random.Random, count: int) -> list[str]:
    """Distinct random CJK phrases of 3-6 characters (rarely found in real text, like most rules)."""
    phrases: set[str] = set()
    while len(phrases) < count:
        phrases.add("".join(rng.choices(CJK, k=rng.randint(3, 6))))
    return sorted(phrases)


def measure_clean(articles: list[str], rules) -> float:
    """MB/s over the articles, after one warm-up article (a server has its tokenizers loaded).

    The articles reuse seed paragraphs, so the word-boundary caches are emptied before each article:
    a real article's hits are in contexts the cache has not seen.
    """
    clean(articles[0], rules)
    total = sum(len(article.encode()) for article in articles)
    elapsed = 0.0
    for article in articles:
        words.forget_cached_words()
        started = time.perf_counter()
        clean(article, rules)
        elapsed += time.perf_counter() - started
    return total / elapsed / 1e6


def measure_latency(article: str, rules, runs: int) -> tuple[float, float]:
    clean(article, rules)
    timings = []
    for _ in range(runs):
        words.forget_cached_words()
        started = time.perf_counter()
        clean(article, rules)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def matcher_rates(text: str, phrases: list[str], *, re_budget_bytes: int) -> dict[str, float]:
    """MB/s of each backend finding all phrases (non-overlapping) in `text`."""
    size = len(text.encode())
    rates = {}

    alternation = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
    sample = text[: max(1, re_budget_bytes // 3)]  # the alternation is slow: time it on a slice
    started = time.perf_counter()
    alternation.findall(sample)
    rates["re alternation"] = len(sample.encode()) / (time.perf_counter() - started) / 1e6

    if ahocorasick is not None:
        automaton = ahocorasick.Automaton()
        for index, phrase in enumerate(phrases):
            automaton.add_word(phrase, index)
        automaton.make_automaton()
        started = time.perf_counter()
        sum(1 for _ in automaton.iter_long(text))
        rates["pyahocorasick"] = size / (time.perf_counter() - started) / 1e6

    rust = ahocorasick_rs.AhoCorasick(phrases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    started = time.perf_counter()
    rust.find_matches_as_indexes(text)
    rates["ahocorasick-rs"] = size / (time.perf_counter() - started) / 1e6
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 MB instead of 10 MB, fewer latency runs")
    options = parser.parse_args()
    corpus_bytes = 2_000_000 if options.quick else 10_500_000
    latency_runs = 200 if options.quick else 1000

    rng = random.Random(20240824)
    paragraphs = seed_paragraphs()
    articles = []
    while sum(len(a.encode()) for a in articles[-1:]) == 0 or sum(len(a.encode()) for a in articles) < corpus_bytes:
        articles.append(make_article(rng, paragraphs, 6000))
    corpus_size = sum(len(a.encode()) for a in articles) / 1e6

    seeded = compile_rules(DEFAULT_RULES)
    extra = [Rule(phrase, note="synthetic") for phrase in synthetic_phrases(rng, 10_000)]
    large = compile_rules([*DEFAULT_RULES, *extra])
    regex_count = sum(rule.is_regex for rule in DEFAULT_RULES)

    print(f"clean() over {len(articles)} articles, {corpus_size:.1f} MB of UTF-8 text")
    print(f"{'rules':<34}{'MB/s':>8}{'target':>9}")
    for label, rules, target in (
        (f"DEFAULT_RULES ({len(DEFAULT_RULES)}, {regex_count} regex)", seeded, 10),
        (f"DEFAULT_RULES + {len(extra):,} phrases", large, 5),
    ):
        print(f"{label:<34}{measure_clean(articles, rules):>8.1f}{f'>= {target}':>9}")

    article = make_article(random.Random(7), paragraphs, 6000)
    print(f"\nclean() latency, one {len(article.encode()) / 1000:.1f} KB article, {latency_runs} runs")
    print(f"{'rules':<34}{'median ms':>10}{'p95 ms':>8}")
    for label, rules in (("DEFAULT_RULES", seeded), ("DEFAULT_RULES + 10,000 phrases", large)):
        median, p95 = measure_latency(article, rules, latency_runs)
        print(f"{label:<34}{median:>10.3f}{p95:>8.3f}")

    text = "\n\n".join(articles)[: 1_000_000 if options.quick else 3_000_000]
    print(f"\nphrase matchers, MB/s over {len(text.encode()) / 1e6:.1f} MB (re alternation timed on a slice)")
    if ahocorasick is None:
        print(f"pyahocorasick column {PYAHOCORASICK_SKIPPED}")
    print(f"{'phrases':>8}{'re alternation':>16}{'pyahocorasick':>15}{'ahocorasick-rs':>16}")
    for count in (100, 1_000, 10_000):
        rates = matcher_rates(text, synthetic_phrases(rng, count), re_budget_bytes=300_000 if count > 100 else 3_000_000)
        python_rate = f"{rates['pyahocorasick']:>15.1f}" if "pyahocorasick" in rates else f"{'skipped':>15}"
        print(f"{count:>8,}{rates['re alternation']:>16.1f}{python_rate}{rates['ahocorasick-rs']:>16.1f}")


if __name__ == "__main__":
    main()
