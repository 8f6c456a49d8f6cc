"""Check an editor's promo rule before it is saved: it must compile, stay fast and strip only promo.

`check_rule` raises `RuleRefused` with a message in the editor's words; it returns None for a rule
that may be saved. What a rule MATCHES is tested, not only how it is written:
- it must compile (`a{4294967296}` is a clear refusal, not a 500);
- it must not match an empty string (an all-optional pattern) or a single ordinary character (`.`);
- its repeats must be small enough to compile (`regex_limits`: `x(?:a{9000}){999}` took 2.4 GB);
- it must not strip anything from a few ordinary news sentences (`\\w+`, `.+`, a bare brand name),
  nor from longer ordinary text: whole paragraphs, a multi-paragraph article and one long line made
  of those sentences (`(?s).{80,}`, `[^!]{90,}`, `\\D{45,}` spare every sentence, not an article);
- each regex must finish within CHECK_TIMEOUT_SECONDS on each of a set of hostile lines: long runs of
  one character followed by one that does not match, mixed scripts, and the rule's own literal
  characters spread out along a long line one short of each repeat count (`(.*a){20}` on 19 "a"
  with text between them). Catastrophic backtracking ("(a|aa)+$") shows up there long before it
  stalls an import.
The cleaner still bounds every rule at import (`rules.RULE_TIMEOUT_SECONDS`): this check keeps bad
rules out of the table; the bound protects against the ones that got in another way.
"""

from __future__ import annotations

import re

from briefs.text.errors import RuleRefused, RuleTooLarge, TextError
from briefs.text.regex_limits import measure_repeats
from briefs.text.rules import Rule, compile_regex, compile_rules, normalise

# Stricter than the import budget: a rule that needs a tenth of a second on a few kilobytes would
# need far more on a 2 MB article.
CHECK_TIMEOUT_SECONDS = 0.1
# Ordinary news (made up for this check): a rule that strips from these would strip from real articles.
NEWS_SENTENCES = (
    "8月24日，小红书在上海举办首届买手大会，数千名商家参加。",
    "国家统计局公布的数据显示，今年前三季度社会消费品零售总额同比增长4.5%。",
    "该公司董事长在发布会上表示，明年将投入50亿元用于研发。",
    "北京市教委宣布，全市中小学将于9月1日正式开学。",
    "据新华社报道，台风“海葵”于周二凌晨在福建沿海登陆，当地已转移群众3万余人。",
    "阿里巴巴集团2023财年营收为8686亿元人民币，净利润同比上升。",
    "专家认为，人工智能技术的发展将深刻改变制造业的生产方式。",
    "记者从市交通委获悉，地铁19号线预计年底前开通运营。",
    "他说：“我们希望与更多合作伙伴一起，把优质产品带给消费者。”",
    "上海证券交易所科创板今日迎来第600家上市公司。",
    "The company said revenue rose 12% to $3.4 billion in the second quarter.",
    # No digits and no "!": joined with the others, long runs of \D or [^!] are ordinary too.
    "业内人士指出，平台需要在内容质量和商业变现之间找到平衡。",
    "The minister said the new rules start soon.",
)
# Longer ordinary text made of those sentences: a rule can spare every sentence and still empty whole
# articles ("(?s).{80,}", "[^!]{90,}", "\D{45,}"; issue 11 follow-up).
NEWS_PARAGRAPHS = (
    "".join(NEWS_SENTENCES[:5]),
    "".join(NEWS_SENTENCES[5:10] + NEWS_SENTENCES[11:12]),
    " ".join(NEWS_SENTENCES[10:11] + NEWS_SENTENCES[12:]),
)
NEWS_TEXTS = (
    *(("an ordinary news paragraph", paragraph) for paragraph in NEWS_PARAGRAPHS),
    ("an ordinary news article", "上海举办首届买手大会\n\n" + "\n\n".join(NEWS_PARAGRAPHS) + "\n"),
    ("a long line of ordinary news", "".join(NEWS_SENTENCES) * 3),
)
# Single characters no rule may match on its own: letters, digits, Chinese, punctuation, space.
ORDINARY_CHARACTERS = "aZ7中的了人刷赞。，、！!?.: \t"
# Characters whose long runs provoke backtracking; each of the rule's own literal characters is added.
RUN_CHARACTERS = "a1 中刷赞.-_"
RUN_LENGTHS = (40, 5000)
RUN_ENDINGS = ("!", "\n", "中", "a")
# A repeat of n backtracks hardest over n - 1 of its pieces spread along a long line: `(.*a){20}`
# takes over a second on 19 "a" 250 characters apart. What lies between them: any character, a word one.
SPREAD_LINE_LENGTH = 5000
SPREAD_FILLERS = (" ", "中")
# Letters, digits and Chinese at the start of a pattern, before its first metacharacter.
LEADING_LITERAL = re.compile(r"\w*")
# How much of a long stripped passage a refusal quotes.
SHOWN_LENGTH = 40


def check_rule(rule: Rule, *, timeout: float = CHECK_TIMEOUT_SECONDS) -> None:
    """Raise RuleRefused (editor's words) if `rule` cannot be compiled, is too slow or strips ordinary text."""
    pattern = rule.pattern.strip()
    if not pattern:
        raise RuleRefused("The rule is empty; write the phrase or regular expression to strip.")
    if not rule.is_regex and len(pattern) < 2:
        raise RuleRefused("A single character would strip ordinary text; use a phrase.")
    try:
        compiled = compile_rules([rule])
    except RuleTooLarge as error:
        raise RuleRefused(f"This rule is too large to compile safely: {error.reason}.") from error
    except TextError as error:
        raise RuleRefused(_compile_message(rule.pattern, error)) from error
    if rule.is_regex:
        _check_matches_something(rule.pattern)
        _check_speed(compiled, rule.pattern, timeout)
    _check_news(compiled, timeout)


def _compile_message(pattern: str, error: TextError) -> str:
    cause = error.__cause__
    if cause is None:
        return str(error)
    return (
        f"This is not a regular expression the cleaner can run ({cause}): "
        "fix it or untick “is regex” to strip the text exactly as written."
    )


def _check_matches_something(pattern: str) -> None:
    compiled = compile_regex(pattern)
    try:
        samples = ["", *map(normalise, NEWS_SENTENCES), *map(normalise, ORDINARY_CHARACTERS)]
        if any(
            match.end() == match.start()
            for text in samples
            for match in compiled.finditer(text, timeout=CHECK_TIMEOUT_SECONDS)
        ):
            raise RuleRefused(
                "This rule can match an empty string (all of it is optional, or it is only an anchor "
                "such as ^ or \\b), so it marks nothing or everything. Make at least one part required."
            )
        for char in ORDINARY_CHARACTERS:
            if compiled.search(normalise(char), timeout=CHECK_TIMEOUT_SECONDS):
                shown = repr(char) if char.isspace() else f"“{char}”"
                raise RuleRefused(
                    f"This rule matches a single ordinary character ({shown}), so it would strip text "
                    "from every article. Make it match a promo phrase, not any character."
                )
    except TimeoutError as error:
        raise RuleRefused(_too_slow_message("a single character", CHECK_TIMEOUT_SECONDS)) from error


def _check_speed(compiled, pattern: str, timeout: float) -> None:
    for shown, line in _hostile_lines(pattern):
        if compiled.find_hits(normalise(line), timeout=timeout)[1]:
            raise RuleRefused(_too_slow_message(shown, timeout))


def _hostile_lines(pattern: str):
    """(how an editor would describe it, line) for each line that makes a backtracking rule slow."""
    literals = [char for char in dict.fromkeys(pattern) if char.isalnum()][:10]
    # Each line also follows the rule's leading literal text, so "刷(a|aa)+$" meets "刷aaaa…!".
    leading = LEADING_LITERAL.match(pattern.removeprefix("^")).group()
    for prefix in dict.fromkeys(("", leading)):
        after = f"“{prefix}” then " if prefix else ""
        for char in dict.fromkeys(RUN_CHARACTERS + "".join(literals)):
            for length in RUN_LENGTHS:
                for ending in RUN_ENDINGS:
                    shown = "a line break" if ending == "\n" else f"“{ending}”"
                    yield f"{after}{length} “{char}” followed by {shown}", prefix + char * length + ending
        for count in _spread_counts(pattern):
            gap = SPREAD_LINE_LENGTH // count
            for char in dict.fromkeys([*literals, "a"]):
                for filler in SPREAD_FILLERS:
                    line = prefix + (char + filler * gap) * count + "!"
                    yield f"{after}{count} “{char}” spread {gap} characters apart", line
    yield "Chinese, English and digits mixed", "中文English混合123，" * 300 + "!"


def _spread_counts(pattern: str) -> list[int]:
    """How many pieces to spread along a hostile line: one fewer than each bound of each counted repeat."""
    bounds = {bound for repeat in measure_repeats(pattern).repeats for bound in repeat if bound}
    return sorted({bound - 1 for bound in bounds if bound > 2})


def _too_slow_message(line: str, timeout: float) -> str:
    return (
        f"This rule takes longer than {timeout:g} s on a line of {line}, so it could stall every import. "
        "Nested repeats such as (a+)+ or (a|aa)+ cause this; rewrite it without a repeat inside a repeat."
    )


def _check_news(compiled, timeout: float) -> None:
    _check_news_sentences(compiled, timeout)
    for label, text in NEWS_TEXTS:
        hits, failures = compiled.find_hits(normalise(text), timeout=timeout)
        if failures:
            raise RuleRefused(_too_slow_message(label, timeout))
        if hits:
            stripped = text[hits[0].start : hits[0].end]
            shown = stripped if len(stripped) <= SHOWN_LENGTH else stripped[: SHOWN_LENGTH - 1] + "…"
            raise RuleRefused(
                f"This rule would strip {len(stripped):,} characters (“{shown}”) from {label}. "
                "Make it more specific: include the promo words, not any long run of text."
            )


def _check_news_sentences(compiled, timeout: float) -> None:
    for sentence in NEWS_SENTENCES:
        normalised = normalise(sentence)
        hits, failures = compiled.find_hits(normalised, timeout=timeout)
        if failures:
            raise RuleRefused(_too_slow_message("ordinary news", timeout))
        if hits:
            stripped = sentence[hits[0].start : hits[0].end]
            raise RuleRefused(
                f"This rule would strip “{stripped}” from an ordinary news sentence (“{sentence}”). "
                "Make it more specific: include the promo words around it."
            )
