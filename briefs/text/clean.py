"""Strip click-farm promo, page chrome, captions and bylines from an imported article.

`find_strips` returns what to remove as `Strip`s whose offsets are Python string indices into the RAW
text, half-open (`raw[strip.start:strip.end] == strip.text`). `apply_strips` derives the cleaned text
from the raw text and whichever strips an editor accepted; the raw text itself is never changed.

How detection works, and why:
- The raw text is normalised one character for one character (Latin lowered, full-width ASCII and
  punctuation folded to ASCII, common Traditional characters folded to Simplified), so every offset
  into the normalised text is an offset into the raw text and no offset map is needed.
- Literal rules run as one leftmost-longest Aho-Corasick automaton (ahocorasick-rs: about 100 MB/s at
  10,000 phrases where a `re` alternation collapses; see bench/clean_bench.py). Regex rules are
  compiled one by one with MULTILINE and see the normalised text; their literal Latin is lowered to
  match it (IGNORECASE would cost 10x: it disables the first-character prefilter).
- Regex rules are editors' input, so they run on the `regex` package with a time limit: each rule
  gets RULE_TIMEOUT_SECONDS per article. A rule that runs out of time (catastrophic backtracking,
  "(a|aa)+$" on a long run of "a") is skipped for that article and reported as a `RuleFailure`; the
  other rules still apply. `rule_check.check_rule` refuses such rules before they are saved.
  Before compiling, a regex's repeat counts are bounded (`regex_limits`): the engine unrolls them,
  and `x(?:a{9000}){999}` took 2.4 GB before any text was seen. Such a rule is a broken rule.
- Whole lines go first: the advert title, bylines, captions, chrome lines, repeats of the title or of
  any short line, and lines made mostly of promo. Then promo inside sentences is cut: lexicon hits
  (unless the sentence is about cracking down on click farms) and segments of an advert title proven
  to be spliced in (see `splice`). A line-level strip swallows everything inside its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick_rs
import regex

from briefs.text import regex_limits, repair, splice
from briefs.text.errors import RuleTooLarge, TextError

STRIP_KINDS = ("promo", "duplicate", "boilerplate", "caption", "byline")
# Rule kinds that describe whole lines (chrome, credits); the others mark promo wherever it sits.
LINE_RULE_KINDS = frozenset({"boilerplate", "caption", "byline"})

# --- Normalisation: one character for one character -------------------------------------------------
# Traditional → Simplified for the characters of farm vocabulary and page chrome. Not a full converter
# (no maintained one is installed); it only has to make "刷讚", "點讚", "業務下單" meet the lexicon.
TRADITIONAL_TO_SIMPLIFIED = (
    "讚赞贊赞點点業业務务單单費费網网臺台廣广絲丝漲涨擊击雙双領领價价時时視视頻频紅红書书關关註注評评論论"
    "碼码閱阅讀读權权歸归聲声責责編编輯辑來来圖图攝摄記记動动態态條条發发轉转載载聯联係系繫系刪删請请掃扫"
    "熱热門门薦荐號号買买賣卖員员會会贈赠鐘钟個个數数據据萬万億亿線线續续實实營营銷销達达讓让應应軟软體体"
    "機机帳账賬账戶户鑽钻寶宝貨货團团隊队級级創创頁页頭头訊讯騰腾電电話话鏈链結结複复製制說说處处問问題题"
    "專专區区優优質质穩稳瀏浏覽览賺赚錢钱進进導导與与為为於于後后們们這这對对從从開开無无現现觀观歡欢場场"
    "報报運运還还過过選选認认謝谢購购資资產产經经際际禮礼將将傳传統统設设計计劃划節节類类嗶哔嘰叽訪访氣气"
    "冊册鍵键總总裡里衝冲幫帮變变參参圍围顯显樣样標标雜杂廠厂聞闻訂订協协議议獲获陸陆華华東东車车長长間间"
    "見见覺觉愛爱稱称識识語语課课貿贸濟济幣币餘余麗丽樂乐護护輸输週周"
)
FOLD_TABLE = (
    {code: chr(code - 0xFEE0).lower() for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    | {0x3000: " ", 0xFF61: "。", 0xFF64: "、"}  # ideographic space, half-width 。 and 、
    | {
        ord(TRADITIONAL_TO_SIMPLIFIED[i]): TRADITIONAL_TO_SIMPLIFIED[i + 1]
        for i in range(0, len(TRADITIONAL_TO_SIMPLIFIED), 2)
    }
)
# In a regex rule, a full-width character that folds to a regex metacharacter must stay a literal.
REGEX_FOLD_TABLE = FOLD_TABLE | {
    code: "\\" + folded for code, folded in FOLD_TABLE.items() if folded in r"\^$.|?*+()[]{}"
}
# Folding only touches these characters; substituting them beats `str.translate` over the whole text.
FOLD_PATTERN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(FOLD_TABLE)) + "]")
FOLD_MAP = {chr(code): folded for code, folded in FOLD_TABLE.items()}

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
LABEL_LENGTH = 60
# Each regex rule may spend this long on one article (its whole scan, not per match). The seeded
# rules take about 15 ms on a 1.85 MB article, so only a runaway rule reaches it; with 20 regex rules
# all running away an article still finishes in 5 s (issue 11, finding 2: one rule took 30 s+).
RULE_TIMEOUT_SECONDS = 0.25
# What a pattern can raise while compiling: `regex.error` for bad syntax ("a{4294967296}" is one),
# OverflowError/ValueError/RecursionError for sizes and nesting the engine cannot hold.
REGEX_COMPILE_ERRORS = (regex.error, OverflowError, ValueError, RecursionError)
# A regex that opens with a non-capturing group of plain literals ("(?:抖音|快手|b站)"); escaped
# punctuation ("dou\+") counts as a literal, anything else that is special in a regex does not.
PLAIN_LITERAL = re.compile(r"(?:[^\\()\[\]|?*+{}.^$]|\\[^A-Za-z0-9])+")
LEADING_LITERAL_GROUP = re.compile(rf"\(\?:({PLAIN_LITERAL.pattern}(?:\|{PLAIN_LITERAL.pattern})+)\)")
ESCAPED_CHARACTER = re.compile(r"\\(.)")
NON_LETTER_PATTERN = re.compile("[" + re.escape("".join(sorted(repair.CUT_CLUSTER))) + "]")


@dataclass(frozen=True)
class Rule:
    """A promo phrase or regular expression, as stored in the PromoRule table."""

    pattern: str
    kind: str = "promo"
    is_regex: bool = False
    note: str = ""

    @property
    def name(self) -> str:
        """The label stored on each strip this rule makes: "lexicon: 刷赞" or "lexicon regex: …"."""
        prefix = "lexicon regex" if self.is_regex else "lexicon"
        pattern = self.pattern if len(self.pattern) <= LABEL_LENGTH else self.pattern[: LABEL_LENGTH - 1] + "…"
        return f"{prefix}: {pattern}"


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
class RuleFailure:
    """A rule that was skipped for one text: its name (as on strips) and why, in an editor's words."""

    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}"


class Hit(NamedTuple):
    """A rule match in the normalised text (same offsets as the raw text)."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True, eq=False)
class CompiledRules:
    """Rules ready to run: one Aho-Corasick automaton for the phrases, compiled regexes for the rest."""

    rules: tuple[Rule, ...]
    automaton: ahocorasick_rs.AhoCorasick | None
    phrase_rules: tuple[Rule, ...]  # automaton pattern index → rule
    regex_rules: tuple[tuple[regex.Pattern[str], Rule], ...]
    # Rules anchored at a line start ("^…"), compiled as "\n(?:…)" and run over "\n" + text: a literal
    # first character lets the engine jump from line to line instead of trying every position (7x faster).
    line_regex_rules: tuple[tuple[regex.Pattern[str], Rule], ...] = ()
    # Rules that did not compile, when compile_rules(skip_broken=True) was asked to go on without them.
    broken: tuple[RuleFailure, ...] = ()

    def find_hits(
        self, normalised: str, *, timeout: float = RULE_TIMEOUT_SECONDS
    ) -> tuple[list[Hit], list[RuleFailure]]:
        """Every rule match in `normalised` sorted by start (offsets index the same raw text), and the failures.

        Each regex rule gets `timeout` seconds for the whole text; one that runs out contributes no hits
        and a RuleFailure instead, and the others still run.
        """
        hits = []
        failures = list(self.broken)
        if self.automaton is not None:
            for index, start, end in self.automaton.find_matches_as_indexes(normalised):
                rule = self.phrase_rules[index]
                hits.append(Hit(start, end, rule.kind, rule.name))
        for pattern, rule in self.regex_rules:
            found = _run_regex(pattern, normalised, rule, timeout, failures)
            hits.extend(Hit(start, end, rule.kind, rule.name) for start, end in found if end > start)
        if self.line_regex_rules:
            shifted = "\n" + normalised  # `shifted`'s m.start() + 1 is the raw text's m.start()
            for pattern, rule in self.line_regex_rules:
                found = _run_regex(pattern, shifted, rule, timeout, failures)
                hits.extend(Hit(start, end - 1, rule.kind, rule.name) for start, end in found if end - 1 > start)
        hits.sort()
        return hits, failures


def _run_regex(
    pattern: regex.Pattern[str], text: str, rule: Rule, timeout: float, failures: list[RuleFailure]
) -> list[tuple[int, int]]:
    """The spans `pattern` matches in `text` within `timeout` seconds; none, and a failure noted, past it."""
    try:
        return [match.span() for match in pattern.finditer(text, timeout=timeout)]
    except TimeoutError:
        # Partial matches are dropped too: a rule applies to an article whole or not at all.
        failures.append(RuleFailure(rule.name, f"took longer than {timeout:g} s on this article and was skipped"))
        return []


@dataclass(frozen=True)
class _Line:
    start: int  # first non-blank character, raw offset
    end: int  # after the last non-blank character
    text: str  # normalised text of [start, end)


def normalise(text: str) -> str:
    """Return `text` folded for matching, one character for one character (same length, same offsets).

    Latin is lowered, full-width ASCII and the ideographic space fold to ASCII, and common Traditional
    characters of promo and chrome vocabulary fold to Simplified.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lower to two ("İ" → "i̇"); keep those as they are.
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return FOLD_PATTERN.sub(_fold_match, lowered)


def _fold_match(match: re.Match[str]) -> str:
    return FOLD_MAP[match.group()]


def _lower_regex_literals(pattern: str) -> str:
    """Lower the Latin letters of a regex, leaving escapes ("\\S", "\\D", "\\B") as they are."""
    pieces = []
    escaped = False
    for char in pattern:
        pieces.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(pieces)


def compile_rules(rules: Iterable[Rule], *, skip_broken: bool = False) -> CompiledRules:
    """Build the matcher for `rules` once; callers cache the result.

    Raises TextError for a rule with an unknown kind or a regex that does not compile; with
    `skip_broken`, such a rule is left out instead and reported as a RuleFailure on every text.
    """
    rules = tuple(rules)
    phrases: dict[str, Rule] = {}
    regexes = []
    line_regexes = []
    broken = []
    for rule in rules:
        try:
            if rule.kind not in STRIP_KINDS:
                kinds = ", ".join(STRIP_KINDS)
                raise TextError(f"promo rule {rule.pattern!r}: kind {rule.kind!r} is not one of {kinds}")
            if not rule.pattern.strip():
                continue
            if rule.is_regex:
                compiled = compile_regex(rule.pattern)
                if _is_line_anchored(rule.pattern):
                    line_regexes.append((regex.compile("\n(?:" + compiled.pattern[1:] + ")", compiled.flags), rule))
                else:
                    regexes.append((compiled, rule))
            else:
                phrases.setdefault(normalise(rule.pattern.strip()), rule)
        except TextError as error:
            if not skip_broken:
                raise
            broken.append(RuleFailure(rule.name, f"was skipped: {error}"))
    automaton = (
        ahocorasick_rs.AhoCorasick(list(phrases), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        if phrases
        else None
    )
    return CompiledRules(
        rules, automaton, tuple(phrases.values()), tuple(regexes), tuple(line_regexes), broken=tuple(broken)
    )


def _is_line_anchored(pattern: str) -> bool:
    """True when a regex starts with "^" and has no top-level "|" (so "^" binds the whole pattern)."""
    if not pattern.startswith("^"):
        return False
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True


def _atomic_leading_alternation(pattern: str) -> str:
    """`pattern` with a leading group of plain literals made atomic, when that cannot change a match.

    "(?:抖音|快手|小红书)[ \\t]*刷…" becomes "(?>抖音|快手|小红书)[ \\t]*刷…". When no alternative is a
    prefix of another, at most one of them matches at any position, so never backtracking into the
    group loses nothing; it spares the engine retrying every other alternative at each position where
    the rest fails (about 20% of the scan for the seeded platform rules). Anything else is unchanged.
    """
    group = LEADING_LITERAL_GROUP.match(pattern)
    if group is None:
        return pattern
    # Each alternative is one maximal run of plain literals (an escaped "\\|" stays inside its run).
    alternatives = [ESCAPED_CHARACTER.sub(r"\1", alternative) for alternative in PLAIN_LITERAL.findall(group[1])]
    for alternative in alternatives:
        if any(other != alternative and other.startswith(alternative) for other in alternatives):
            return pattern
    if len(set(alternatives)) != len(alternatives):
        return pattern
    return "(?>" + pattern[3:]


def compile_regex(pattern: str) -> regex.Pattern[str]:
    """A regex rule's pattern compiled to run over normalised text (MULTILINE, Latin lowered).

    Raises TextError, in an editor's words, for a pattern the engine refuses, and its RuleTooLarge
    for one whose repeats could exhaust memory while compiling (checked first, without compiling).
    """
    folded = pattern.translate(REGEX_FOLD_TABLE)
    # The folded pattern is what gets compiled: full-width digits fold into a real count ("{９０００}").
    problem = regex_limits.repeat_problem(folded)
    if problem is not None:
        raise RuleTooLarge(pattern, problem)
    try:
        try:
            lowered = _lower_regex_literals(folded)
            compiled = regex.compile(_atomic_leading_alternation(lowered), regex.MULTILINE)
            if compiled.flags & (regex.IGNORECASE | regex.VERBOSE):
                # An inline flag changes what counts as the same literal: keep the pattern as written.
                compiled = regex.compile(lowered, regex.MULTILINE)
            return compiled
        except REGEX_COMPILE_ERRORS:
            # Lowering broke something exotic ("\\N{...}"): fall back to the slower IGNORECASE.
            return regex.compile(folded, regex.IGNORECASE | regex.MULTILINE)
    except REGEX_COMPILE_ERRORS as error:
        message = f"promo rule {pattern!r}: not a valid regular expression ({error})"
        raise TextError(message + "; fix it or untick “is regex”") from error


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
