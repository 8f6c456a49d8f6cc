"""Stress the brief body's Markdown limits: the slowest body they accept, from every construct, alone and mixed.

Run: .venv/bin/python bench/markdown_bench.py [--quick] [--search N] [--json]

For each Markdown construct (setext and ATX headings, rules, lists of every marker, quotes, fences,
indented code, tables, HTML blocks and inline tags, comments, reference definitions, emphasis runs,
links, images, autolinks, entities, line breaks, escapes, code spans) and for mixes of them, it builds
the largest body `find_markdown_problems` accepts in several shapes:
- "tight": the construct repeated with no blank line, as one block;
- "blocks": each repetition its own block (a blank line after it);
- "full blocks": blocks of as many repetitions as MAX_BLOCK_LINES allows, separated by blank lines;
- "tail": the tight repetitions followed, in the same block, by plain words up to the length limit,
  because Python-Markdown rescans the rest of a block each time it splits a line off it.
The repeat count is the largest the limits accept (binary search), so the figure is the worst the
limits let through for that shape. It times checking plus rendering (`render_markdown`, the work a
save or the live preview does), best of three, and prints the slowest cases; the target is
< TARGET_SECONDS for every accepted body. `--search N` then runs N Hypothesis examples that mix
random pieces, scaled to the limits, steered towards slow bodies with `hypothesis.target`.

`worst_cases()` is what tests/desk/test_markdown_stress.py renders too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs.desk.markdown import MAX_BLOCK_LINES, MAX_BODY_CHARS, find_markdown_problems, render_markdown  # noqa: E402

TARGET_SECONDS = 0.3

# One repetition of each construct, ending in a newline where it is a line of its own.
CONSTRUCTS = {
    "setext = under text": "a\n=\n",
    "setext - under text": "a\n--\n",
    "bare = lines": "=\n",
    "bare - lines": "-\n",
    "long setext underline": "a\n" + "=" * 60 + "\n",
    "ATX heading": "# a\n",
    "ATX heading closed": "## a ##\n",
    "ATX heading level 6 empty": "######\n",
    "rule ---": "---\n",
    "rule * * *": "* * *\n",
    "rule ___": "___\n",
    "bullet -": "- a\n",
    "bullet *": "* a\n",
    "bullet +": "+ a\n",
    "numbered 1.": "1. a\n",
    "numbered 1)": "1) a\n",
    "big numbers": "123456789. a\n",
    "list item with a paragraph": "- a\n\n    b\n",
    "nested list": "- a\n    - b\n        - c\n",
    "quote": "> a\n",
    "nested quote": "> > > a\n",
    "quote 8 deep": "> " * 8 + "a\n",
    "list 8 deep": "".join("    " * depth + "- a\n" for depth in range(8)),
    "numbered list 8 deep": "".join("    " * depth + "1. a\n" for depth in range(8)),
    "quote with paragraphs": "> a\n>\n",
    "quote with list": "> - a\n",
    "fence ```": "```\na\n```\n",
    "fence ~~~": "~~~\na\n~~~\n",
    "unclosed fence": "```\n",
    "indented code": "    a\n",
    "table row": "| a | b |\n",
    "table": "| a | b |\n|---|--:|\n| c | d |\n",
    "table without pipes at the edges": "a | b\n--|--\n",
    "HTML block": "<div>\na\n</div>\n",
    "HTML block unclosed": "<div>\n",
    "HTML inline": "<b>a</b> ",
    "HTML comment": "<!-- a -->\n",
    "HTML closing tags": "</p> ",
    "reference definition": "[a]: http://x.example\n",
    "reference link": "[a][b] ",
    "shortcut reference": "[a] ",
    "emphasis *": "*a* ",
    "emphasis _": "_a_ ",
    "strong": "**a** ",
    "strong emphasis": "***a*** ",
    "unmatched stars": "* ",
    "star run": "*",
    "underscore run": "_",
    "link": "[a](http://x.example) ",
    "link with title": '[a](http://x.example "t") ',
    "empty link": "[]() ",
    "image": "![a](http://x.example) ",
    "autolink": "<http://x.example> ",
    "email autolink": "<a@x.example> ",
    "named entity": "&amp; ",
    "numeric entity": "&#123; ",
    "bare ampersand": "& ",
    "line break": "a  \n",
    "backslash escape": "\\* ",
    "code span": "`a` ",
    "unclosed backtick": "` ",
    "double backticks": "``a`` ",
    "angle brackets": "a < b > c ",
    "pipes": "| ",
    "tildes": "~ ",
}
MIXES = {
    "every block construct": [
        "setext = under text", "setext - under text", "ATX heading", "rule ---", "bullet -", "numbered 1.",
        "quote", "fence ```", "indented code", "table", "HTML block", "reference definition", "line break",
    ],
    "every inline construct": [
        "emphasis *", "strong", "emphasis _", "link", "image", "autolink", "named entity", "code span",
        "HTML inline", "reference link", "backslash escape", "line break",
    ],
    "every construct": list(CONSTRUCTS),
}
SHAPES = ("tight", "blocks", "full blocks", "tail")


def build(unit: str, count: int, shape: str) -> str:
    """`unit` repeated `count` times in `shape` (see the module docstring); "tail" fills up to the length limit."""
    if shape == "blocks":
        return (unit.rstrip("\n") + "\n\n") * count
    if shape == "full blocks":
        per_block = max(MAX_BLOCK_LINES // max(unit.count("\n"), 1), 1)
        return ((unit * per_block).rstrip("\n") + "\n\n") * count
    body = unit * count
    if shape == "tail":
        if not body.endswith("\n"):
            body += "\n"
        room = MAX_BODY_CHARS - len(body)
        body += ("word " * (room // 5 + 1))[: max(room, 0)]
    return body


def largest_accepted(unit: str, shape: str) -> str | None:
    """The body of the most repetitions of `unit` in `shape` that the limits accept, or None if not even one."""
    low, high = 0, MAX_BODY_CHARS // max(len(unit), 1) + 1
    while low < high:
        middle = (low + high + 1) // 2
        if find_markdown_problems(build(unit, middle, shape)):
            high = middle - 1
        else:
            low = middle
    return build(unit, low, shape) if low else None


def worst_cases() -> dict[str, str]:
    """Every construct and mix, in every shape, at the largest size the limits accept: name -> body."""
    units = dict(CONSTRUCTS)
    units.update({name: "".join(CONSTRUCTS[part] for part in parts) for name, parts in MIXES.items()})
    cases = {}
    for name, unit in units.items():
        for shape in SHAPES:
            body = largest_accepted(unit, shape)
            if body is not None:
                cases[f"{name}, {shape}"] = body
    return cases


def seconds_to_render(body: str, repeat: int = 3) -> float:
    """Best of `repeat` timings of what a save does with a body: check the limits, then render."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        if not find_markdown_problems(body):
            render_markdown(body)
        best = min(best, time.perf_counter() - started)
    return best


def search_slow_bodies(examples: int) -> tuple[float, str]:
    """Hypothesis: mixes of random pieces and constructs, scaled to the limits; returns (seconds, body) slowest."""
    from hypothesis import HealthCheck, given, settings, target
    from hypothesis import strategies as st

    pieces = st.one_of(
        st.sampled_from(sorted(CONSTRUCTS.values())),
        st.text(alphabet="\n =-#*_+>|`~<>[]()!&;\\:.1a ", min_size=1, max_size=8),
    )
    slowest = [0.0, ""]

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(unit=st.lists(pieces, min_size=1, max_size=12).map("".join), shape=st.sampled_from(SHAPES))
    def probe(unit, shape):
        body = largest_accepted(unit, shape)
        if body is None:
            return
        elapsed = seconds_to_render(body, repeat=1)
        target(elapsed, label="seconds to render")
        if elapsed > slowest[0]:
            slowest[:] = [elapsed, body]

    probe()
    # One timing steers the search; the figure reported is best of three, like the fixed cases'.
    return seconds_to_render(slowest[1]), slowest[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="time each case once")
    parser.add_argument("--search", type=int, default=0, metavar="N", help="also run N Hypothesis examples")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest cases to list")
    arguments = parser.parse_args()
    cases = worst_cases()
    timings = sorted(
        ((seconds_to_render(body, repeat=1 if arguments.quick else 3), name, body) for name, body in cases.items()),
        reverse=True,
    )
    print(f"{len(cases)} accepted worst cases; slowest {arguments.top} (check + render, seconds):")
    for elapsed, name, body in timings[: arguments.top]:
        print(f"  {elapsed:6.3f}  {name}  ({len(body):,} characters, {body.count(chr(10)) + 1:,} lines)")
    slowest_seconds, slowest_name, _ = timings[0]
    figures = {"cases": len(cases), "slowest_seconds": round(slowest_seconds, 3), "slowest_case": slowest_name}
    if arguments.search:
        found_seconds, found_body = search_slow_bodies(arguments.search)
        print(f"Hypothesis, {arguments.search} examples: slowest {found_seconds:.3f} s "
              f"({len(found_body):,} characters): {found_body[:80]!r}")
        figures["search_slowest_seconds"] = round(found_seconds, 3)
    met = max(figures["slowest_seconds"], figures.get("search_slowest_seconds", 0)) < TARGET_SECONDS
    print(f"Target < {TARGET_SECONDS} s for every accepted body: {'met' if met else 'MISSED'}")
    if arguments.json:
        print(json.dumps(figures))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
