"""The rules a brief's English text must follow, as plain string checks (no Django, no models).

The desk's publish checks call these with a brief's parts; the wording of the messages an editor sees
stays with the desk. Offsets are not returned: the Chinese check returns a snippet of the body.

- A body is English: no Chinese character and no other East Asian script or punctuation, except in
  brackets right after an entity's English name ("Xiaohongshu (小红书)").
- A body runs `MIN_WORDS` to `MAX_WORDS` words (a warning, not a refusal).
- A body names an entity by its English name or a Latin-script alias, as a whole word, any case.
- A key fact's figures are among the source's figures, and so are the body's figures: its amounts
  (with a scale word, a currency, or 1,000 and over), percentages and multiples.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable

import regex

from briefs.text.english_numbers import ENGLISH_DATE_PATTERN, ENGLISH_NUMBER_PATTERN, english_figure_values
from briefs.text.script import HAN_CLASS

# What no English body holds: Chinese characters (script.HAN) plus the East Asian blocks around them.
CJK_RADICALS_TO_PUNCTUATION = r"\u2e80-\u303f"  # radicals, ideographic description, 。、「」《》, ideographic space
KANA = r"\u3040-\u30ff"  # hiragana, katakana
BOPOMOFO_TO_KATAKANA_EXTENSIONS = r"\u3100-\u31ff"  # bopomofo, hangul jamo, kanbun, CJK strokes
HANGUL_SYLLABLES = r"\uac00-\ud7af"
HALFWIDTH_AND_FULLWIDTH_FORMS = r"\uff00-\uffef"  # full-width ，！（）Ａ１
NOT_ENGLISH = regex.compile(
    f"[{HAN_CLASS}{CJK_RADICALS_TO_PUNCTUATION}{KANA}{BOPOMOFO_TO_KATAKANA_EXTENSIONS}{HANGUL_SYLLABLES}"
    f"{HALFWIDTH_AND_FULLWIDTH_FORMS}]"
)
PARENTHESES = re.compile(r"\(([^()]*)\)")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
MIN_WORDS, MAX_WORDS = 80, 600
SNIPPET_RADIUS = 10
# A currency written just before or after a number makes it an amount: "US$1.2bn", "RMB 500", "300 yuan".
CURRENCY_BEFORE = re.compile(r"(?:RMB|CNY|USD|US\$|HKD|HK\$|EUR|JPY|\$|¥|€|£)\s?$")
CURRENCY_AFTER = re.compile(r"\s?(?:yuan|renminbi|dollars?|euros?|yen)\b", re.IGNORECASE)
# Below this, a bare number in a body is a name or a count ("618", "iPhone 15", "top 10"), not a figure.
SMALLEST_BARE_FIGURE = 1000


def find_chinese_outside_entity_names(body: str, *, entity_names: Iterable[str]) -> str | None:
    """A snippet of `body` around its first East Asian character that is not allowed, or None.

    Allowed: inside ASCII brackets right after one of `entity_names` ("Xiaohongshu (小红书) grew" with
    "Xiaohongshu" among the names). "Buyers (买手) matter" gives "Buyers (买手) matter" (up to
    `SNIPPET_RADIUS` characters either side of the character, stripped).
    """
    allowed = [name for name in entity_names if name]

    def blank_if_allowed(match: re.Match[str]) -> str:
        before = body[: match.start()].rstrip()
        if NOT_ENGLISH.search(match[1]) and any(before.endswith(name) for name in allowed):
            return " " * len(match[0])
        return match[0]

    masked = PARENTHESES.sub(blank_if_allowed, body)
    found = NOT_ENGLISH.search(masked)
    if found is None:
        return None
    return body[max(found.start() - SNIPPET_RADIUS, 0) : found.end() + SNIPPET_RADIUS].strip()


def word_count(text: str) -> int:
    """Runs of Latin letters and digits, inner apostrophes and hyphens kept: "Xiaohongshu's well-known
    users" is 3 words; "2.6" is 2."""
    return len(WORD.findall(text))


def is_usual_length(text: str) -> bool:
    """True when `text` has `MIN_WORDS` to `MAX_WORDS` words, as briefs usually do."""
    return MIN_WORDS <= word_count(text) <= MAX_WORDS


def mentions_name(body: str, *, name: str, aliases: Iterable[str] = ()) -> bool:
    """True when `body` has `name` or one of its Latin-script `aliases` as a whole word, in any case.

    Aliases in other scripts are ignored: an English body names "Xiaohongshu", not "小红书".
    """
    forms = [name, *(alias for alias in aliases if alias.isascii())]
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", body, re.IGNORECASE) for form in forms if form)


def figures_missing_from(text: str, *, source_values: Collection[float]) -> list[float]:
    """The figures of English `text` (a key fact) that are not among `source_values`, smallest first.

    "Merchants grew 15x" against {2.6e8, 3.0} gives [15.0]; values compare with a relative tolerance
    of 1e-9, so 2.6e8 read from "260 million" and from "2.6亿" are the same.
    """
    return [value for value in sorted(english_figure_values(text)) if not _among(value, source_values)]


def _among(value: float, values: Collection[float]) -> bool:
    return any(math.isclose(value, other, rel_tol=1e-9) for other in values)



def find_body_figures(body: str) -> list[str]:
    """The figures a body states, as written, in order: what its source must back up.

    A number is a figure when it has a scale ("999 million", "26m", "50bn"), a currency ("US$40",
    "300 yuan"), a percent sign or word, or a multiple ("27-fold", "15x"), or is 1,000 or more
    ("5,000 merchants"). Years, dates ("24 August", "Q3", "FY2023"), ordinals ("3rd"), numbers written
    as words, and smaller bare numbers ("618", "iPhone 15", "top 10") are not. "Sales rose 12% to
    RMB 3 billion in 2023, from 618 stores" gives ["12%", "3 billion"].
    """
    masked = ENGLISH_DATE_PATTERN.sub(lambda date: " " * len(date.group()), body)
    figures = []
    for match in ENGLISH_NUMBER_PATTERN.finditer(masked):
        values = english_figure_values(match[0])
        is_amount = (
            any(match[group] for group in ("low_word", "low_abbreviation", "high_word", "high_abbreviation", "suffix"))
            or CURRENCY_BEFORE.search(masked, 0, match.start()) is not None
            or CURRENCY_AFTER.match(masked, match.end()) is not None
            or any(value >= SMALLEST_BARE_FIGURE for value in values)
        )
        if values and is_amount:
            figures.append(match[0].strip())
    return figures


def body_figures_missing_from(body: str, *, source_values: Collection[float]) -> list[str]:
    """The figures of `body` (see `find_body_figures`) with a value not among `source_values`, as written."""
    return [figure for figure in find_body_figures(body) if figures_missing_from(figure, source_values=source_values)]
