"""Find known entities in cleaned article text.

`build_matcher` turns the knowledge base (plain `KnownEntity` values passed in by the caller) into one
Aho-Corasick automaton over every surface form; `find_mentions` runs it over a cleaned text and returns
`Mention`s whose offsets are Python string indices into that same cleaned text, half-open, so
`text[m.start:m.end] == m.surface` always holds.

How matching works, and why:
- Text and surface forms are normalised the same way, one character for one character (Latin lowered,
  full-width ASCII folded to half-width), so an offset into the normalised text is an offset into the
  original text. Nothing is ever matched against a string of a different length.
- ahocorasick-rs with leftmost-longest semantics: "阿里巴巴集团" takes the longer alias when the
  knowledge base has one; "小红书电商" finds 小红书 once. It runs at 60–100 MB/s on this machine at
  10,000–100,000 surface forms, where pyahocorasick manages 2–5 MB/s (see bench/tag_bench.py).
- Latin surface forms only match on word boundaries: "NIO" is not in "union", "JD" is not in "JDK".
  A CJK character next to a Latin form is a boundary ("在Temu上").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick_rs

KINDS = ("company", "brand", "person", "place", "organisation", "other")

# Surface forms shorter than this (after normalisation) are ignored: a one-character alias such as
# "B" or "京" would fire all over an article.
MIN_SURFACE_LENGTH = 2

# Full-width ASCII (U+FF01..U+FF5E) maps to ASCII by a fixed offset; the ideographic space to a space.
FULLWIDTH_OFFSET = 0xFEE0
FULLWIDTH_TABLE = {code: code - FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
FULLWIDTH_PATTERN = re.compile("[\uff01-\uff5e\u3000]")

# The only character whose lower case is longer than itself is U+0130 (İ → i̇); it is folded to "i".
LENGTH_CHANGING_LOWER = {0x130: "i"}


def normalise(text: str) -> str:
    """Return `text` with Latin lowered and full-width ASCII folded, one character for one character.

    The result always has the same length as `text`, so offsets into it are offsets into `text`.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(LENGTH_CHANGING_LOWER).lower()
    if FULLWIDTH_PATTERN.search(lowered):
        # Lower again: a full-width capital ("Ａ") folds to an ASCII capital.
        lowered = lowered.translate(FULLWIDTH_TABLE).lower()
    return lowered


def is_latin_word_char(char: str) -> bool:
    """True for characters that make up a Latin word: ASCII letters and digits, accented Latin letters."""
    if char.isascii():
        return char.isalnum()
    return "\u00c0" <= char <= "\u024f" and char.isalpha()


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


@dataclass(frozen=True, slots=True)
class Mention:
    """A known entity found in a text: `text[start:end] == surface`, offsets into the cleaned text."""

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
    # One entry per pattern of the automaton: the entity key and whether the pattern needs Latin word
    # boundaries on its left and on its right.
    pattern_keys: tuple[str, ...] = field(repr=False)
    pattern_bounds: tuple[tuple[bool, bool], ...] = field(repr=False)
    # Normalised surface -> pattern index, and the distinct pattern lengths (longest first), used to
    # look for a shorter valid match where the longest one broke a word boundary.
    pattern_index: dict[str, int] = field(repr=False)
    pattern_lengths: tuple[int, ...] = field(repr=False)

    def knows(self, surface: str) -> bool:
        """True if `surface`, normalised, is a name or alias of some entity of the knowledge base."""
        return normalise(surface.strip()) in self.pattern_index


def build_matcher(entities: Iterable[KnownEntity]) -> Matcher:
    """Return a `Matcher` over every surface form of `entities`.

    When two entities share a surface form, a Chinese or English name beats another entity's alias;
    otherwise the entity given first wins. Surface forms shorter than two characters are ignored.
    """
    by_key: dict[str, KnownEntity] = {}
    for entity in entities:
        by_key.setdefault(entity.key, entity)
    pattern_index: dict[str, int] = {}
    patterns: list[str] = []
    keys: list[str] = []
    # Two passes so that names take precedence over aliases across entities.
    primary = [(entity.key, (entity.name_zh, entity.name)) for entity in by_key.values()]
    secondary = [(entity.key, entity.aliases) for entity in by_key.values()]
    for key, forms in (*primary, *secondary):
        for form in forms:
            normalised = normalise(form.strip()) if form else ""
            if len(normalised) < MIN_SURFACE_LENGTH or normalised in pattern_index:
                continue
            pattern_index[normalised] = len(patterns)
            patterns.append(normalised)
            keys.append(key)
    bounds = tuple((is_latin_word_char(p[0]), is_latin_word_char(p[-1])) for p in patterns)
    automaton = (
        ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        if patterns
        else None
    )
    return Matcher(
        entities=by_key,
        automaton=automaton,
        pattern_keys=tuple(keys),
        pattern_bounds=bounds,
        pattern_index=pattern_index,
        pattern_lengths=tuple(sorted({len(p) for p in patterns}, reverse=True)),
    )


def find_mentions(text: str, matcher: Matcher) -> list[Mention]:
    """Return the mentions of known entities in `text` (a cleaned text), sorted by start.

    Offsets are indices into `text`, half-open; `surface` is `text[start:end]` exactly as written
    (case and width as in the text). Mentions never overlap: leftmost first, then longest.
    """
    if matcher.automaton is None or not text:
        return []
    folded = normalise(text)
    mentions: list[Mention] = []
    keys = matcher.pattern_keys
    bounds = matcher.pattern_bounds
    for index, start, end in matcher.automaton.find_matches_as_indexes(folded):
        left, right = bounds[index]
        if (left and start > 0 and is_latin_word_char(folded[start - 1])) or (
            right and end < len(folded) and is_latin_word_char(folded[end])
        ):
            mentions.extend(_find_within(text, folded, start, end, matcher))
            continue
        mentions.append(Mention(keys[index], text[start:end], start, end))
    return mentions


def _find_within(text: str, folded: str, start: int, end: int, matcher: Matcher) -> list[Mention]:
    """Valid mentions inside the span of a match that broke a Latin word boundary.

    "Apple Musical" must still find "Apple" when "Apple Music" is also known. Looks only inside the
    rejected span, so a rare valid match that would run past it is not found; this keeps the common
    path (no rejection) a single automaton pass.
    """
    found: list[Mention] = []
    position = start
    while position < end:
        match = _longest_valid_at(folded, position, end, matcher)
        if match is None:
            position += 1
            continue
        index, match_end = match
        found.append(Mention(matcher.pattern_keys[index], text[position:match_end], position, match_end))
        position = match_end
    return found


def _longest_valid_at(folded: str, position: int, limit: int, matcher: Matcher) -> tuple[int, int] | None:
    if position > 0 and is_latin_word_char(folded[position]) and is_latin_word_char(folded[position - 1]):
        return None
    for length in matcher.pattern_lengths:
        end = position + length
        if end > limit:
            continue
        index = matcher.pattern_index.get(folded[position:end])
        if index is None:
            continue
        if matcher.pattern_bounds[index][1] and end < len(folded) and is_latin_word_char(folded[end]):
            continue
        return index, end
    return None
