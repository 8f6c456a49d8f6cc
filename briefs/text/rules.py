"""Promo rules as the cleaner runs them: the normalised text they match, and the compiled matcher.

A `Rule` is a phrase or regular expression as stored in the PromoRule table. `compile_rules` turns
rules into `CompiledRules` once (callers cache it); `CompiledRules.find_hits` returns every match in
normalised text. `clean.py` decides what the hits strip; `rule_check.py` refuses bad rules before
they are saved.

How matching works, and why:
- The raw text is normalised one character for one character (`normalise`: Latin lowered, full-width
  ASCII and punctuation folded to ASCII, Traditional characters folded to Simplified by OpenCC), so every
  offset into the normalised text is an offset into the raw text and no offset map is needed.
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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick_rs
import opencc
import regex

from briefs.text import regex_limits
from briefs.text.errors import RuleTooLarge, TextError

# What a rule (and so a strip) can be; clean.py's LINE_RULE_KINDS says which of them take whole lines.
STRIP_KINDS = ("promo", "duplicate", "boilerplate", "caption", "byline")

# --- Normalisation: one character for one character -------------------------------------------------
# Traditional → Simplified through OpenCC's t2s dictionary, character by character so that every
# offset stays exact: each CJK ideograph (the unified block, extension A and the compatibility block)
# is converted on its own once, at import (28,096 characters in about 10 ms), and the ones that change
# into exactly one character go into the fold table (4,221 with opencc 1.4.2). Phrase-level
# conversions ("乾隆" stays, "頭髮" → "头发") are not needed for matching and would change lengths.
CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _traditional_to_simplified() -> dict[int, str]:
    converter = opencc.OpenCC("t2s")
    characters = [chr(code) for first, last in CJK_RANGES for code in range(first, last)]
    converted = converter.convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # the separator survived in every known version; refuse to guess
        raise RuntimeError("OpenCC t2s changed the number of lines; the fold table cannot be built")
    return {
        ord(original): simplified
        for original, simplified in zip(characters, converted, strict=True)
        if simplified != original and len(simplified) == 1
    }


FOLD_TABLE = (
    _traditional_to_simplified()
    | {code: chr(code - 0xFEE0).lower() for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    | {0x3000: " ", 0xFF61: "。", 0xFF64: "、"}  # ideographic space, half-width 。 and 、
)
# In a regex rule, a full-width character that folds to a regex metacharacter must stay a literal.
REGEX_FOLD_TABLE = FOLD_TABLE | {
    code: "\\" + folded for code, folded in FOLD_TABLE.items() if folded in r"\^$.|?*+()[]{}"
}
# Folding only touches these characters; substituting them beats `str.translate` over the whole text.
FOLD_PATTERN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(FOLD_TABLE)) + "]")
FOLD_MAP = {chr(code): folded for code, folded in FOLD_TABLE.items()}

# --- Compiling and running rules ---------------------------------------------------------------
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
    # A regex rule's match: platform patterns ("抖音涨粉", "b站买会员") also match news phrases, so the
    # cleaner cuts them only where they read as spliced in; a lexicon phrase is promo wherever it is a word.
    from_regex: bool = False


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
            hits.extend(Hit(start, end, rule.kind, rule.name, True) for start, end in found if end > start)
        if self.line_regex_rules:
            shifted = "\n" + normalised  # `shifted`'s m.start() + 1 is the raw text's m.start()
            for pattern, rule in self.line_regex_rules:
                found = _run_regex(pattern, shifted, rule, timeout, failures)
                hits.extend(Hit(start, end - 1, rule.kind, rule.name, True) for start, end in found if end - 1 > start)
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


def normalise(text: str) -> str:
    """Return `text` folded for matching, one character for one character (same length, same offsets).

    Latin is lowered, full-width ASCII and the ideographic space fold to ASCII, and Traditional
    characters fold to Simplified (OpenCC t2s, one character at a time).
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
