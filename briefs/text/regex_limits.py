"""Refuse a regex whose repeat counts would make compiling it eat the machine's memory.

The `regex` engine unrolls counted repeats while compiling: `x(?:a{65535}){65535}` reached 6.6 GB
in 8 s and `x(?:a{9000}){999}` left a worker at 2.4 GB (issue 11 follow-up). The time limit at
match time cannot help, since the damage is done before any text is seen. So before a promo rule
is compiled (at save and at import alike), `repeat_problem` measures its repeats WITHOUT compiling it
and names the first of these limits it passes (measured: 100,000 unrolled pieces cost ~40 MB):
- the pattern's length (MAX_PATTERN_LENGTH);
- each count: `{m}`, `{m,}` and `{m,n}` count their largest finite bound (MAX_REPEAT_COUNT);
- counts nested inside each other, multiplied (MAX_NESTED_REPEATS): `(?:a{100}){100}` is 10,000;
- the whole pattern unrolled, one piece per atom (MAX_UNROLLED_SIZE), so many repeats side by side
  cannot add up to what one nested repeat may not.

The pattern is parsed with the standard library's regex parser (`re._parser`: private, but the same
grammar for counts, and it never compiles). Syntax only the `regex` package knows (`\\p{Han}`) is
first replaced by a one-character stand-in; anything it still cannot parse is measured by a
conservative scan that treats every `{…}` count as nested inside every other.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from re import _constants as regex_constants
from re import _parser as regex_parser

MAX_PATTERN_LENGTH = 1000
MAX_REPEAT_COUNT = 1000
MAX_NESTED_REPEATS = 10_000
MAX_UNROLLED_SIZE = 50_000

REPEAT_OPCODES = frozenset(
    {regex_constants.MAX_REPEAT, regex_constants.MIN_REPEAT, regex_constants.POSSESSIVE_REPEAT}
)
# Escapes of the `regex` package that `re` refuses, each standing for one character (or a position):
# "\\p{Han}", "\\PL", "\\X", "\\m", "\\M", "\\G", "\\K". An escaped backslash is matched first, so
# "\\\\p{2}" keeps its count.
REGEX_ONLY_ESCAPE = re.compile(r"\\\\|\\[pP](?:\{[^{}]*\}|[A-Za-z])|\\[XmMGK]")
# Any "{m}", "{m,}", "{,n}" or "{m,n}" at all, for patterns the parser cannot read.
ANY_COUNT = re.compile(r"\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")


@dataclass(frozen=True)
class RepeatMeasure:
    """How big a pattern's repeats are: the counts written, the deepest nesting product, the unrolled size."""

    repeats: tuple[tuple[int, int | None], ...]  # (least, most) of each repeat in order; most None for `*`, `{3,}`
    nested: tuple[int, ...]  # the chain of nested counts with the largest product, outermost first
    unrolled_size: int  # atoms once every counted repeat is written out

    @property
    def counts(self) -> tuple[int, ...]:
        """Each repeat's count for the limits: its largest finite bound (`{2,5}` 5, `{3,}` 3, `*` 0, `+` 1)."""
        return tuple(low if high is None else high for low, high in self.repeats)

    @property
    def nested_product(self) -> int:
        return math.prod(self.nested)


def repeat_problem(pattern: str) -> str | None:
    """Why compiling `pattern` could exhaust memory, in an editor's words; None when its repeats are small enough.

    Never compiles the pattern. A pattern that is not valid syntax is measured conservatively and left
    for the compiler to refuse.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        return (
            f"it is {len(pattern):,} characters long, over the {MAX_PATTERN_LENGTH:,} a rule may have; "
            "split it into several rules"
        )
    measure = measure_repeats(pattern)
    largest = max(measure.counts, default=0)
    if largest > MAX_REPEAT_COUNT:
        return (
            f"it repeats something {largest:,} times; at most {MAX_REPEAT_COUNT:,} are allowed in one "
            "{…} count, so use a smaller count"
        )
    if measure.nested_product > MAX_NESTED_REPEATS:
        chain = " × ".join(f"{count:,}" for count in measure.nested)
        return (
            f"its repeats inside repeats multiply to {measure.nested_product:,} ({chain}); at most "
            f"{MAX_NESTED_REPEATS:,} are allowed, so use smaller counts or fewer nested repeats"
        )
    if measure.unrolled_size > MAX_UNROLLED_SIZE:
        return (
            f"its repeats written out come to {measure.unrolled_size:,} pieces; at most "
            f"{MAX_UNROLLED_SIZE:,} are allowed, so use smaller counts"
        )
    return None


def measure_repeats(pattern: str) -> RepeatMeasure:
    """The repeat sizes of `pattern` (see RepeatMeasure), parsed without compiling; conservative when unparsable."""
    stand_in = REGEX_ONLY_ESCAPE.sub(lambda match: match[0] if match[0] == "\\\\" else "x", pattern)
    try:
        with warnings.catch_warnings():
            # "Possible nested set" and similar FutureWarnings are about `re`, which never runs these.
            warnings.simplefilter("ignore")
            parsed = regex_parser.parse(stand_in)
        repeats: list[tuple[int, int | None]] = []
        size, nested = _measure(parsed, repeats)
        return RepeatMeasure(tuple(repeats), tuple(nested), size)
    except (re.error, OverflowError, ValueError, RecursionError, TypeError):
        return _scan_counts(pattern)


def _measure(items, repeats: list[tuple[int, int | None]]) -> tuple[int, list[int]]:
    """(unrolled size, the chain of nested counts with the largest product) of parsed `items`."""
    size = 0
    deepest: list[int] = []
    for opcode, value in items:
        if opcode in REPEAT_OPCODES:
            low, high, body = value
            high = None if high == regex_constants.MAXREPEAT else high
            repeats.append((low, high))
            count = low if high is None else high
            body_size, body_nested = _measure(body, repeats)
            size += max(count, 1) * body_size
            chain = [count, *body_nested]
        else:
            size += 1
            chain = []
            for child in _subpatterns(value):
                child_size, child_nested = _measure(child, repeats)
                size += child_size
                chain = max(chain, child_nested, key=math.prod)
        deepest = max(deepest, chain, key=math.prod)
    return size, deepest


def _subpatterns(value):
    """The parsed subpatterns inside one node's value (groups, branches, lookarounds, conditionals)."""
    if isinstance(value, regex_parser.SubPattern):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _subpatterns(item)


def _scan_counts(pattern: str) -> RepeatMeasure:
    """A conservative measure for a pattern the parser cannot read: every count nested in every other."""
    repeats = []
    for match in ANY_COUNT.finditer(pattern):
        low, comma, high = match.group(1), match.group(2) is not None, match.group(2)
        if low or high:
            repeats.append((int(low or 0), int(high) if high else None if comma else int(low)))
    measure = RepeatMeasure(tuple(repeats), (), 0)
    nested = tuple(count for count in measure.counts if count > 1)
    # As if the whole pattern sat inside all its repeats at once.
    return RepeatMeasure(measure.repeats, nested, len(pattern) * math.prod(nested))
