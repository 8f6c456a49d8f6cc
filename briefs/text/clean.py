"""Strip click-farm promo, page chrome, captions and bylines from an imported article.

`find_strips` returns what to remove as `Strip`s whose offsets are Python string indices into the RAW
text, half-open (`raw[strip.start:strip.end] == strip.text`). `apply_strips` derives the cleaned text
from the raw text and whichever strips an editor accepted; the raw text itself is never changed.

The rules themselves (normalisation, the Aho-Corasick automaton, regex rules with their time limit and
size bounds, `RuleFailure`) live in `rules.py`; this module decides what their hits strip:
- Whole lines go first: the advert title, bylines, captions, chrome lines, repeats of the title or of
  any short line, and lines made mostly of promo. Then promo inside sentences is cut: lexicon hits
  (unless the sentence is about cracking down on click farms) and segments of an advert title proven
  to be spliced in (see `splice`). A line-level strip swallows everything inside its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefs.text import repair, splice
from briefs.text.rules import RULE_TIMEOUT_SECONDS, CompiledRules, Hit, Rule, RuleFailure, compile_rules, normalise

# Rule kinds that describe whole lines (chrome, credits); the others mark promo wherever it sits.
LINE_RULE_KINDS = frozenset({"boilerplate", "caption", "byline"})

# --- Line classification -----------------------------------------------------------------------------
# Decoration that may precede chrome at the start of a line ("【相关阅读】", "▲ 点击阅读原文").
LEADING_DECORATION = frozenset(" \t\u3000([{【「《“\"'*#>|·•●■◆▲▼★☆-—=~")
# A short repeated line is a duplicate; longer repeats may be legitimate quotations.
MAX_DUPLICATE_LENGTH = 40
MIN_DUPLICATE_LETTERS = 4
# Chrome at the start of a line strips the line when the line is short or the phrase is long
# ("免责声明：…" of any length, but not "举报人称，…").
MAX_SHORT_CHROME_LINE = 60
MIN_LONG_CHROME_PHRASE = 4
CHROME_COVERAGE = 0.6
# A line whose letters are at least this share promo is an advert line, not a sentence with a splice.
PROMO_LINE_COVERAGE = 0.4
NON_LETTER_PATTERN = re.compile("[" + re.escape("".join(sorted(repair.CUT_CLUSTER))) + "]")


@dataclass(frozen=True)
class Strip:
    """A passage to remove: `raw[start:end] == text`, offsets into the RAW text, half-open."""

    kind: str
    text: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text, the strips (raw offsets, sorted, non-overlapping) and the author if named."""

    cleaned_text: str
    strips: tuple[Strip, ...]
    byline: str | None
    rule_failures: tuple[RuleFailure, ...] = ()


@dataclass(frozen=True)
class _Line:
    start: int  # first non-blank character, raw offset
    end: int  # after the last non-blank character
    text: str  # normalised text of [start, end)


def find_strips(
    raw: str, *, rules: CompiledRules | Sequence[Rule], timeout: float = RULE_TIMEOUT_SECONDS
) -> list[Strip]:
    """What to remove from `raw`: strips sorted by start, non-overlapping, offsets into the RAW text.

    Each strip's `raw[start:end] == text`. Never raises for any string; the raw text is not changed.
    A regex rule that runs longer than `timeout` seconds is skipped; `clean` says which.
    """
    return _find_strips(raw, rules, timeout)[0]


def _find_strips(
    raw: str, rules: CompiledRules | Sequence[Rule], timeout: float
) -> tuple[list[Strip], list[RuleFailure]]:
    compiled = rules if isinstance(rules, CompiledRules) else compile_rules(rules)
    normalised = normalise(raw)
    hits, failures = compiled.find_hits(normalised, timeout=timeout)
    lines = _split_lines(raw, normalised)
    if not lines:
        return [], failures
    hits_by_line = _hits_by_line(hits, lines)

    line_strips: dict[int, Strip] = {}
    for index, line in enumerate(lines):
        strip = _classify_credit_or_chrome(raw, line, hits_by_line[index])
        if strip:
            line_strips[index] = strip

    title_index = next((i for i in range(len(lines)) if i not in line_strips), None)
    segment_hits: list[list[Hit]] = [[] for _ in lines]
    if title_index is not None:
        title = lines[title_index]
        advert_hit = next(iter(_promo_hits(title, hits_by_line[title_index])), None)
        if advert_hit or splice.looks_like_advert_title(title.text):
            reason = advert_hit.label if advert_hit else "click-farm shape"
            line_strips[title_index] = _line_strip(raw, title, "promo", f"title advert ({reason})")
            segment_hits = _find_spliced_segments(normalised, lines, title_index)
        _mark_repeats(raw, lines, title_index, line_strips)

    strips = []
    for index, line in enumerate(lines):
        if index in line_strips:
            strips.append(line_strips[index])
            continue
        promo = _promo_hits(line, hits_by_line[index]) + segment_hits[index]
        if not promo:
            continue
        if _coverage(line, promo) >= PROMO_LINE_COVERAGE:
            strips.append(_line_strip(raw, line, "promo", f"advert line ({promo[0].label})"))
        else:
            strips.extend(_inline_strips(raw, promo))
    strips.sort(key=lambda strip: strip.start)
    return strips, failures


def apply_strips(raw: str, strips: Iterable[Strip | tuple[int, int]]) -> str:
    """The cleaned text: `raw` minus the given spans (RAW offsets, half-open), repaired at each cut.

    Overlapping and adjacent spans are merged; spans are clamped to the text, and empty or reversed
    spans are ignored, so this never raises. At each cut, punctuation and whitespace are repaired: no
    doubled or dangling "，,。", no punctuation left at the start of a line, no empty paragraph where a
    whole line went. Text away from the cuts is untouched; no spans gives back `raw` exactly.
    """
    spans = ((strip.start, strip.end) if isinstance(strip, Strip) else (strip[0], strip[1]) for strip in strips)
    return repair.remove_spans(raw, ((int(start), int(end)) for start, end in spans))


def clean(raw: str, rules: CompiledRules | Sequence[Rule], *, timeout: float = RULE_TIMEOUT_SECONDS) -> CleanResult:
    """Find the strips, apply them all, and read the byline (strip offsets are into the RAW text).

    Each regex rule gets `timeout` seconds for this text; one that runs out is skipped and listed in
    `rule_failures`, with any rule that did not compile (see `compile_rules(skip_broken=True)`).
    """
    strips, failures = _find_strips(raw, rules, timeout)
    byline = None
    for strip in strips:
        if strip.kind == "byline":
            span = splice.find_byline_name(normalise(strip.text))
            if span:
                byline = strip.text[span[0] : span[1]]
                break
    return CleanResult(
        cleaned_text=apply_strips(raw, strips), strips=tuple(strips), byline=byline, rule_failures=tuple(failures)
    )


# --- Detection helpers ---------------------------------------------------------------------------------


def _split_lines(raw: str, normalised: str) -> list[_Line]:
    lines = []
    position = 0
    for piece in raw.split("\n"):
        stripped = piece.strip()
        if stripped:
            start = position + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            lines.append(_Line(start, end, normalised[start:end]))
        position += len(piece) + 1
    return lines


def _hits_by_line(hits: list[Hit], lines: list[_Line]) -> list[list[Hit]]:
    """Hits grouped per line, clipped to each line they touch (an editor's regex may run past a line end)."""
    grouped: list[list[Hit]] = [[] for _ in lines]
    index = 0
    for hit in hits:
        while index < len(lines) and lines[index].end <= hit.start:
            index += 1
        if index == len(lines):
            break
        following = index
        while following < len(lines) and lines[following].start < hit.end:
            line = lines[following]
            start, end = max(hit.start, line.start), min(hit.end, line.end)
            if start < end:
                grouped[following].append(hit._replace(start=start, end=end))
            following += 1
    return grouped


def _line_strip(raw: str, line: _Line, kind: str, rule: str) -> Strip:
    return Strip(kind=kind, text=raw[line.start : line.end], start=line.start, end=line.end, rule=rule)


def _classify_credit_or_chrome(raw: str, line: _Line, hits: list[Hit]) -> Strip | None:
    """A whole-line strip for a byline, a caption or a chrome line; None for anything else."""
    if splice.find_byline_name(line.text):
        return _line_strip(raw, line, "byline", "byline")
    if splice.is_caption(line.text):
        return _line_strip(raw, line, "caption", "caption or credit")
    chrome = [hit for hit in hits if hit.kind in LINE_RULE_KINDS]
    if chrome and _is_chrome_line(line, chrome):
        return _line_strip(raw, line, chrome[0].kind, chrome[0].label)
    return None


def _is_chrome_line(line: _Line, chrome: list[Hit]) -> bool:
    first_letter = line.start + next((i for i, char in enumerate(line.text) if char not in LEADING_DECORATION), 0)
    for hit in chrome:
        if hit.start == first_letter and (
            len(line.text) <= MAX_SHORT_CHROME_LINE or hit.end - hit.start >= MIN_LONG_CHROME_PHRASE
        ):
            return True
    return _coverage(line, chrome) >= CHROME_COVERAGE


def _promo_hits(line: _Line, hits: list[Hit]) -> list[Hit]:
    """The promo hits of a line, less those in a sentence about cracking down on click farms."""
    promo = [hit for hit in hits if hit.kind not in LINE_RULE_KINDS]
    if not promo or not splice.mentions_enforcement(line.text):
        return promo
    return [
        hit
        for hit in promo
        if not splice.is_enforcement_context(line.text, hit.start - line.start, hit.end - line.start)
    ]


def _coverage(line: _Line, hits: list[Hit]) -> float:
    """The share of the line's letters (not spaces or punctuation) covered by the hits."""
    letters = _letter_count(line.text)
    if not letters:
        return 0.0
    covered = 0
    reached = line.start
    for hit in sorted(hits):
        start = max(hit.start, reached)
        if start < hit.end:
            covered += _letter_count(line.text[start - line.start : hit.end - line.start])
            reached = hit.end
    return covered / letters


def _letter_count(text: str) -> int:
    return len(text) - len(NON_LETTER_PATTERN.findall(text))


def _find_spliced_segments(normalised: str, lines: list[_Line], title_index: int) -> list[list[Hit]]:
    """Per line, occurrences of advert-title segments, for segments proven spliced somewhere in the body.

    A segment is proven when one occurrence reads as spliced in or stands as a whole line; it is then
    removed everywhere in the article (the farm put it there, wherever it landed).
    """
    found: list[list[Hit]] = [[] for _ in lines]
    taken: list[set[int]] = [set() for _ in lines]
    for segment in splice.distinctive_segments(lines[title_index].text):
        occurrences = []
        for index, line in enumerate(lines):
            if index == title_index:
                continue
            position = line.text.find(segment)
            while position != -1:
                occurrences.append((index, line.start + position, line.start + position + len(segment)))
                position = line.text.find(segment, position + len(segment))
        proven = any(
            splice.is_spliced(normalised, start, end) or (start, end) == (lines[index].start, lines[index].end)
            for index, start, end in occurrences
        )
        if not proven:
            continue
        for index, start, end in occurrences:
            # A longer segment already claimed these characters ("小红书业务下单" before "业务下单").
            if taken[index].isdisjoint(range(start, end)):
                taken[index].update(range(start, end))
                found[index].append(Hit(start, end, "promo", f"title segment: {segment}"))
    return found


def _mark_repeats(raw: str, lines: list[_Line], title_index: int, line_strips: dict[int, Strip]) -> None:
    """Mark repeats of the title, and later copies of any short line, as duplicates."""
    keys = [line.text.replace(" ", "").replace("\t", "") for line in lines]
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if index in line_strips or index == title_index:
            pass
        elif key == keys[title_index]:
            line_strips[index] = _line_strip(raw, lines[index], "duplicate", "repeat of the title")
        elif key in seen and _is_short_line(key):
            line_strips[index] = _line_strip(raw, lines[index], "duplicate", "repeated line")
        seen.add(key)


def _is_short_line(key: str) -> bool:
    return len(key) <= MAX_DUPLICATE_LENGTH and sum(char.isalpha() for char in key) >= MIN_DUPLICATE_LETTERS


def _inline_strips(raw: str, hits: list[Hit]) -> list[Strip]:
    """Strips for promo inside a sentence: overlapping or touching hits become one strip."""
    merged: list[list] = []
    for hit in sorted(hits):
        if merged and hit.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hit.end)
        else:
            merged.append([hit.start, hit.end, hit.label])
    return [Strip(kind="promo", text=raw[start:end], start=start, end=end, rule=label) for start, end, label in merged]
