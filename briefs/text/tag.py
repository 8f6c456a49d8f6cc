"""Find known entities in cleaned article text.

`build_matcher` turns the knowledge base (plain `KnownEntity` values passed in by the caller) into one
Aho-Corasick automaton over every surface form; `find_mentions` runs it over a cleaned text and returns
`Mention`s whose offsets are Python string indices into that same cleaned text, half-open, so
`text[m.start:m.end] == m.surface` always holds.

How matching works, and why:
- Text and surface forms are normalised the same way, one character for one character (Latin lowered,
  full-width ASCII folded to half-width, Traditional characters folded to Simplified by OpenCC t2s),
  so an offset into the normalised text is an offset into the original text: "騰訊" in a text finds
  Tencent, known as "腾讯", and the mention's surface is "騰訊" as written. Nothing is ever matched
  against a string of a different length.
- ahocorasick-rs with leftmost-longest semantics: "阿里巴巴集团" takes the longer alias when the
  knowledge base has one; "小红书电商" finds 小红书 once. It runs at 60–100 MB/s on this machine at
  10,000–100,000 surface forms, where pyahocorasick manages 2–5 MB/s (see bench/tag_bench.py).
- Latin surface forms only match on word boundaries: "NIO" is not in "union", "JD" is not in "JDK".
  A CJK character next to a Latin form is a boundary ("在Temu上").
- Speed (bench/tag_bench.py): a long text is scanned in pieces of about 64,000 characters, cut at
  sentence punctuation no surface form contains; per match, the common path only builds the
  `Mention`, and the few matches that cut a Latin word are found in one pass and searched again.
  The automaton gets its patterns sorted, which builds it about a third faster.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter
from typing import NamedTuple

import ahocorasick_rs

from briefs.text.rules import CJK_RANGES, FOLD_TABLE

KINDS = ("company", "brand", "product", "person", "place", "organisation", "other")

# Surface forms shorter than this (after normalisation) are ignored: a one-character alias such as
# "B" or "京" would fire all over an article.
MIN_SURFACE_LENGTH = 2

# Full-width letters, digits and the symbols names use (＆＋－．＿＠) map to lower-case ASCII by a fixed
# offset; the ideographic space to a space. Full-width punctuation (，：（）) is left alone: every
# Chinese text is full of it, and folding it cost more than the whole automaton scan.
FULLWIDTH_OFFSET = 0xFEE0
FULLWIDTH_CHARS = "０-９Ａ-Ｚａ-ｚ＆＋－．＿＠"
FULLWIDTH_TABLE = {
    code: chr(code - FULLWIDTH_OFFSET).lower()
    for code in range(0xFF01, 0xFF5F)
    if re.fullmatch(f"[{FULLWIDTH_CHARS}]", chr(code))
} | {0x3000: " "}
# Traditional to Simplified: the ideograph part of the cleaner's fold table (OpenCC t2s, each character
# converted on its own, kept only where it gives exactly one character), so the cleaner and the tagger
# fold the same way.
TRADITIONAL_TABLE = {
    code: folded for code, folded in FOLD_TABLE.items() if any(first <= code < last for first, last in CJK_RANGES)
}
FOLD_MAP = {chr(code): folded for code, folded in (TRADITIONAL_TABLE | FULLWIDTH_TABLE).items()}
# Substituting only the characters that fold beats `str.translate`, which looks up every character of
# a Chinese text in the table (about 35 MB/s against about 280).
FOLD_PATTERN = re.compile("[" + "".join(map(re.escape, sorted(FOLD_MAP))) + "]")

# A long text is matched in pieces of about this many characters, cut after a separator (sentence
# punctuation no surface form contains): ahocorasick-rs maps every byte of its haystack to a character
# offset, and for a 10 MB text that table cost a third of the scan (bench/tag_bench.py).
PIECE_LENGTH = 1 << 16
SEPARATOR_CANDIDATES = "。！？；，、"

# Characters that make up a Latin word; a Latin surface form must not touch one on either side.
LATIN_WORD_CHARS = frozenset(
    char for char in map(chr, range(0x250)) if char.isalnum() and (char.isascii() or char >= "\u00c0")
)

# The only character whose lower case is longer than itself is U+0130 (İ → i̇); it is folded to "i".
LENGTH_CHANGING_LOWER = {0x130: "i"}

# `tuple.__new__(Mention, fields)` builds the same named tuple as `Mention(*fields)` without the Python
# frame of its generated `__new__`: a quarter of the time spent per mention (bench/tag_bench.py).
_new_mention = tuple.__new__
MENTION_START = attrgetter("start")


def normalise(text: str) -> str:
    """Return `text` folded for matching, one character for one character.

    Latin is lowered, full-width letters, digits and the ideographic space fold to ASCII, and
    Traditional characters fold to Simplified (OpenCC t2s, one character at a time: "騰訊" -> "腾讯").
    The result always has the same length as `text`, so offsets into it are offsets into `text`.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(LENGTH_CHANGING_LOWER).lower()
    return FOLD_PATTERN.sub(_fold_character, lowered)


def _fold_character(match: re.Match[str]) -> str:
    return FOLD_MAP[match[0]]


@dataclass(frozen=True)
class KnownEntity:
    """One entity of the knowledge base as the tagger sees it.

    `key` is the entity's slug, which mentions refer to. `aliases` are the other surface forms:
    Traditional, short forms ("B站"), English and pinyin spellings, handles.
    """

    key: str
    name: str
    kind: str
    name_zh: str = ""
    aliases: tuple[str, ...] = ()

    def surface_forms(self) -> tuple[str, ...]:
        """The Chinese name, the English name and the aliases, in that order, without blanks."""
        forms = (self.name_zh, self.name, *self.aliases)
        return tuple(dict.fromkeys(form.strip() for form in forms if form and form.strip()))


class Mention(NamedTuple):
    """A known entity found in a text: `text[start:end] == surface`, offsets into the cleaned text.

    A named tuple rather than a dataclass: an article yields dozens of mentions, and a tuple is
    built several times faster, which the tagging benchmark shows.
    """

    entity: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True, eq=False)
class Matcher:
    """An automaton over every normalised surface form of a knowledge base. Build with `build_matcher`.

    Immutable once built; the caller caches one per process and builds a new one when the knowledge
    base changes.
    """

    entities: dict[str, KnownEntity]
    automaton: ahocorasick_rs.AhoCorasick | None = field(repr=False)
    # The entity key of each pattern of the automaton, by pattern index.
    pattern_keys: list[str] = field(repr=False)
    # Normalised surface -> entity key: `knows`, and the search for a shorter valid match where the
    # longest one broke a word boundary.
    surface_keys: dict[str, str] = field(repr=False)
    # Characters no surface form contains, where `find_mentions` may cut a long text.
    separators: re.Pattern[str] = field(repr=False)

    def knows(self, surface: str) -> bool:
        """True if `surface`, normalised, is a name or alias of some entity of the knowledge base."""
        return normalise(surface.strip()) in self.surface_keys


def build_matcher(entities: Iterable[KnownEntity]) -> Matcher:
    """Return a `Matcher` over every surface form of `entities`, normalised (Traditional folded too).

    When two entities share a surface form, a Chinese or English name beats another entity's alias;
    otherwise the entity given first wins. Surface forms shorter than two characters are ignored.
    """
    by_key: dict[str, KnownEntity] = {}
    for entity in entities:
        by_key.setdefault(entity.key, entity)
    unique = list(by_key.values())
    keys = list(by_key)
    # Names first, so that a name takes precedence over another entity's alias. The forms and their
    # keys are gathered with C-level iterators: a Python loop per entity was most of the build time
    # outside the automaton at 100,000 entities.
    alias_tuples = list(map(attrgetter("aliases"), unique))
    forms = list(
        chain(chain.from_iterable(map(attrgetter("name_zh", "name"), unique)), chain.from_iterable(alias_tuples))
    )
    form_keys = list(
        chain(
            chain.from_iterable(map(repeat, keys, repeat(2))),
            chain.from_iterable(map(repeat, keys, map(len, alias_tuples))),
        )
    )
    # One normalise call for all forms, joined by line breaks (a form with a line break in it has it
    # turned into a space first, as a surface never spans lines).
    stripped = list(map(str.strip, forms))
    joined = "\n".join(stripped)
    if joined.count("\n") != len(stripped) - 1:
        joined = "\n".join(form.replace("\n", " ") for form in stripped)
    normalised = normalise(joined)
    # The first (form, key) pair wins: zipped back to front, a later pair is overwritten by an earlier one.
    normalised_forms = normalised.split("\n") if forms else []
    surface_keys = dict(zip(reversed(normalised_forms), reversed(form_keys), strict=True))
    for short in [form for form in surface_keys if len(form) < MIN_SURFACE_LENGTH]:
        del surface_keys[short]
    separators = "\n" + "".join(char for char in SEPARATOR_CANDIDATES if char not in normalised)
    # Sorted patterns build the automaton a third faster than the knowledge base's order (each new
    # pattern's states sit next to its neighbour's), and in reverse order a little faster still.
    patterns = sorted(surface_keys, reverse=True)
    automaton = (
        ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if patterns else None
    )
    return Matcher(
        entities=by_key,
        automaton=automaton,
        pattern_keys=list(map(surface_keys.__getitem__, patterns)),
        surface_keys=surface_keys,
        separators=re.compile(f"[{re.escape(separators)}]"),
    )


def find_mentions(text: str, matcher: Matcher) -> list[Mention]:
    """Return the mentions of known entities in `text` (a cleaned text), sorted by start.

    Offsets are indices into `text`, half-open; `surface` is `text[start:end]` exactly as written
    (case, width and Traditional characters as in the text). Mentions never overlap: leftmost first,
    then longest.
    """
    if matcher.automaton is None or not text:
        return []
    mentions: list[Mention] = []
    for offset, piece in _pieces(text, matcher.separators):
        mentions += _find_in_piece(piece, offset, matcher)
    return mentions


def _pieces(text: str, separators: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """`text` cut into pieces of about PIECE_LENGTH characters, each with its offset in `text`.

    A piece ends just after a separator, a character no surface form contains, so no match spans two
    pieces; nor does a Latin word, as separators are not Latin. An article is one piece.
    """
    start = 0
    while len(text) - start > PIECE_LENGTH and (cut := separators.search(text, start + PIECE_LENGTH)):
        yield start, text[start : cut.end()]
        start = cut.end()
    yield start, text[start:] if start else text


def _find_in_piece(piece: str, offset: int, matcher: Matcher) -> list[Mention]:
    folded = normalise(piece)
    matches = matcher.automaton.find_matches_as_indexes(folded)
    keys = matcher.pattern_keys
    broken = _word_breaking_matches(folded, matches)
    if not broken:
        return [
            _new_mention(Mention, (keys[index], piece[start:end], start + offset, end + offset))
            for index, start, end in matches
        ]
    # A match that cut a Latin word gives way to the valid mentions inside its span. No `Mention` is
    # built for it: every object built here is one more for the garbage collector to walk.
    skipped = set(broken)
    mentions = [
        _new_mention(Mention, (keys[index], piece[start:end], start + offset, end + offset))
        for position, (index, start, end) in enumerate(matches)
        if position not in skipped
    ]
    for position in broken:
        _, start, end = matches[position]
        for mention in _find_within(piece, folded, start, end, matcher, offset):
            bisect.insort(mentions, mention, key=MENTION_START)
    return mentions


def _word_breaking_matches(folded: str, matches: list[tuple[int, int, int]]) -> list[int]:
    """Positions in `matches` of the matches that start or end inside a Latin word ("nio" in "union").

    One pass over every match, so it reads characters with no bounds checks: `before[p]` is the
    character before position p of `folded` (a space before the first), `after[p]` the one at p (a
    space after the last).
    """
    latin = LATIN_WORD_CHARS
    before = " " + folded
    after = folded + " "
    return [
        position
        for position, (_, start, end) in enumerate(matches)
        if (after[start] in latin and before[start] in latin) or (before[end] in latin and after[end] in latin)
    ]


def _inside_word(folded: str, position: int) -> bool:
    """True when `position` falls between two Latin word characters, where no mention may start or end."""
    return (
        0 < position < len(folded) and folded[position] in LATIN_WORD_CHARS and folded[position - 1] in LATIN_WORD_CHARS
    )


def _find_within(text: str, folded: str, start: int, end: int, matcher: Matcher, offset: int) -> list[Mention]:
    """Valid mentions inside the span of a match that broke a Latin word boundary, leftmost then longest.

    "Apple Musical" must still find "Apple" when "Apple Music" is also known. Looks only inside the
    rejected span, so a rare valid match that would run past it is not found; this keeps the common
    path (no rejection) a single automaton pass.
    """
    if LATIN_WORD_CHARS.issuperset(folded[start:end]):
        # All one Latin word ("kalo" in "kalomiunion"): every position inside it is inside a word.
        return []
    cuts = [position for position in range(start, end + 1) if not _inside_word(folded, position)]
    found: list[Mention] = []
    position = start
    for cut_index, cut in enumerate(cuts):
        if cut < position:
            continue
        for cut_end in reversed(cuts[cut_index + 1 :]):
            key = matcher.surface_keys.get(folded[cut:cut_end])
            if key is not None:
                found.append(Mention(key, text[cut:cut_end], cut + offset, cut_end + offset))
                position = cut_end
                break
    return found
