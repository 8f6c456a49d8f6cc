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
from typing import NamedTuple

import ahocorasick_rs

KINDS = ("company", "brand", "product", "person", "place", "organisation", "other")

# Surface forms shorter than this (after normalisation) are ignored: a one-character alias such as
# "B" or "京" would fire all over an article.
MIN_SURFACE_LENGTH = 2

# Full-width letters, digits and the symbols names use (＆＋－．＿＠) map to ASCII by a fixed offset;
# the ideographic space to a space. Full-width punctuation (，：（）) is left alone: every Chinese
# text is full of it, and folding it cost more than the whole automaton scan.
FULLWIDTH_OFFSET = 0xFEE0
FULLWIDTH_CHARS = "０-９Ａ-Ｚａ-ｚ＆＋－．＿＠"
FULLWIDTH_PATTERN = re.compile(f"[{FULLWIDTH_CHARS}\u3000]+")
FULLWIDTH_TABLE = {
    code: code - FULLWIDTH_OFFSET
    for code in range(0xFF01, 0xFF5F)
    if FULLWIDTH_PATTERN.fullmatch(chr(code))
} | {0x3000: 0x20}

# Characters that make up a Latin word; a Latin surface form must not touch one on either side.
LATIN_WORD_CHARS = frozenset(
    char for char in map(chr, range(0x250)) if char.isalnum() and (char.isascii() or char >= "\u00c0")
)

# The only character whose lower case is longer than itself is U+0130 (İ → i̇); it is folded to "i".
LENGTH_CHANGING_LOWER = {0x130: "i"}


def normalise(text: str) -> str:
    """Return `text` with Latin lowered and full-width ASCII folded, one character for one character.

    The result always has the same length as `text`, so offsets into it are offsets into `text`.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(LENGTH_CHANGING_LOWER).lower()
    # Only the full-width runs are translated (and lowered again: "Ａ" folds to "A").
    return FULLWIDTH_PATTERN.sub(_fold_width, lowered)


def _fold_width(match: re.Match[str]) -> str:
    return match.group().translate(FULLWIDTH_TABLE).lower()


def is_latin_word_char(char: str) -> bool:
    """True for characters that make up a Latin word: ASCII letters and digits, accented Latin letters."""
    return char in LATIN_WORD_CHARS


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
    # Names first, so that a name takes precedence over another entity's alias.
    keys = [entity.key for entity in by_key.values() for form in (entity.name_zh, entity.name) if form]
    forms = [form for entity in by_key.values() for form in (entity.name_zh, entity.name) if form]
    for entity in by_key.values():
        keys.extend(entity.key for _ in entity.aliases)
        forms.extend(entity.aliases)
    # One normalise call for all forms (a line break is never in a form and normalises to itself):
    # per-form calls were a third of the build time at 100,000 entities.
    stripped = [form.replace("\n", " ").strip() for form in forms]
    normalised_forms = normalise("\n".join(stripped)).split("\n") if stripped else []
    pattern_index: dict[str, int] = {}
    pattern_keys: list[str] = []
    for normalised, key in zip(normalised_forms, keys, strict=True):
        if len(normalised) >= MIN_SURFACE_LENGTH and normalised not in pattern_index:
            pattern_index[normalised] = len(pattern_keys)
            pattern_keys.append(key)
    patterns = list(pattern_index)
    automaton = (
        ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        if patterns
        else None
    )
    return Matcher(
        entities=by_key,
        automaton=automaton,
        pattern_keys=pattern_keys,
        pattern_index=pattern_index,
        pattern_lengths=tuple(sorted(set(map(len, patterns)), reverse=True)),
    )


def find_mentions(text: str, matcher: Matcher) -> list[Mention]:
    """Return the mentions of known entities in `text` (a cleaned text), sorted by start.

    Offsets are indices into `text`, half-open; `surface` is `text[start:end]` exactly as written
    (case and width as in the text). Mentions never overlap: leftmost first, then longest.
    """
    if matcher.automaton is None or not text:
        return []
    folded = normalise(text)
    length = len(folded)
    mentions: list[Mention] = []
    keys = matcher.pattern_keys
    latin = LATIN_WORD_CHARS
    for index, start, end in matcher.automaton.find_matches_as_indexes(folded):
        # A pattern's first and last characters are the text's at start and end - 1.
        if (start > 0 and folded[start] in latin and folded[start - 1] in latin) or (
            end < length and folded[end - 1] in latin and folded[end] in latin
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
        if end < len(folded) and is_latin_word_char(folded[end - 1]) and is_latin_word_char(folded[end]):
            continue
        return index, end
    return None
