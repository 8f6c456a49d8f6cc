"""What counts as a Chinese character: the one definition the desk uses.

A Chinese character is a character of the Unicode script Han, as the `regex` package's `\\p{Han}`
matches it (with `regex`'s own Unicode tables, newer than the interpreter's). That covers:
- the CJK Unified Ideographs and all their extensions (A at U+3400, B to I in the supplementary
  planes: "𠀀" is one character in a Python string and one match here),
- the CJK Compatibility Ideographs (U+F900 block and its supplement at U+2F800),
- the CJK and Kangxi radicals, and the few Han signs in the CJK Symbols block: the iteration mark
  "々", the ideographic zero "〇" and the Hangzhou numerals.
It does not cover CJK punctuation ("。", "，", "、", "「"), full-width forms ("，", "Ａ"), kana, bopomofo
or hangul. A check that means "text a Chinese reader reads" names those blocks itself and adds `HAN`
(see `intake.READABLE`); a check that means "anything East Asian" is not this one either.

Offsets (from `HAN_RUN.finditer` etc.) are Python string indices, half-open.
"""

from __future__ import annotations

import regex

# The character class, for building other patterns: regex.compile(rf"{HAN_CLASS}+老师").
HAN_CLASS = r"\p{Han}"
HAN = regex.compile(HAN_CLASS)
HAN_RUN = regex.compile(rf"{HAN_CLASS}+")


def is_han(char: str) -> bool:
    """True when `char` (one character) is a Chinese character: is_han("中") is True, is_han("。") False."""
    return HAN.match(char) is not None


def has_han(text: str) -> bool:
    """True when `text` holds at least one Chinese character ("Temu上" yes, "Temu。" no)."""
    return HAN.search(text) is not None


def is_all_han(text: str) -> bool:
    """True when `text` is non-empty and every character is a Chinese character ("吴洪建" yes, "衣衣KK" no)."""
    return HAN_RUN.fullmatch(text) is not None
