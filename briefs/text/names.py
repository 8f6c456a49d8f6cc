"""English forms of Chinese names: Hanyu Pinyin without tones, as briefs write them.

People are written surname first, given name joined ("吴洪建" -> "Wu Hongjian", "欧阳娜娜" ->
"Ouyang Nana"); places as one word ("上海" -> "Shanghai", "西安" -> "Xi'an"); other names word by word,
keeping any Latin part as written ("衣衣KK" -> "Yiyi KK").
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex
from pypinyin import Style, lazy_pinyin

from briefs.text.script import HAN_CLASS, is_han

# Two-character surnames: the given name starts after them ("司马南" -> "Sima Nan").
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯",
        "长孙", "宇文", "端木", "独孤", "南宫", "西门", "呼延", "轩辕", "万俟", "澹台", "申屠", "太史",
        "钟离", "闻人", "赫连", "宗政", "濮阳", "公冶", "单于", "百里", "东郭", "第五", "左丘", "梁丘",
        "拓跋",
    ]
)

# Surnames whose reading differs from the character's most common one.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "乐": "yue", "盖": "ge", "缪": "miao", "尉": "yu", "种": "chong", "重": "chong", "员": "yun",
    "覃": "qin", "召": "shao", "秘": "bi", "繁": "po", "翟": "zhai", "卜": "bu", "长": "chang",
}

# Place suffixes said in English; 市 ("city") is usually dropped ("杭州市" -> "Hangzhou").
PLACE_SUFFIXES = {"省": " Province", "市": "", "县": " County", "区": " District", "镇": " Town"}

HAN_OR_LATIN_RUNS = regex.compile(rf"{HAN_CLASS}+|[A-Za-z0-9][A-Za-z0-9&.'\-]*")
VOWEL_START = re.compile(r"^[aoe]")


def romanise(han: str) -> list[str]:
    """Toneless pinyin syllables of a run of Chinese characters, "ü" kept."""
    return lazy_pinyin(han, style=Style.NORMAL, v_to_u=True, errors="ignore")


def join_syllables(syllables: list[str]) -> str:
    """Join syllables into one capitalised word, with an apostrophe before a/o/e ("Xi'an")."""
    word = ""
    for syllable in syllables:
        if word and VOWEL_START.match(syllable):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def person_name(surface: str) -> str:
    """A Chinese person's name in English, surname first: "吴洪建" -> "Wu Hongjian"."""
    surname_length = 2 if len(surface) >= 3 and surface[:2] in COMPOUND_SURNAMES else 1
    surname, given = surface[:surname_length], surface[surname_length:]
    surname_syllables = (
        [SURNAME_READINGS[surname]] if surname in SURNAME_READINGS else romanise(surname)
    )
    parts = [join_syllables(surname_syllables)]
    if given:
        parts.append(join_syllables(romanise(given)))
    return " ".join(part for part in parts if part)


def place_name(surface: str) -> str:
    """A Chinese place name in English: "上海" -> "Shanghai", "浙江省" -> "Zhejiang Province"."""
    suffix = ""
    if len(surface) > 2 and surface[-1] in PLACE_SUFFIXES:
        surface, suffix = surface[:-1], PLACE_SUFFIXES[surface[-1]]
    return join_syllables(romanise(surface)) + suffix


def other_name(surface: str, *, segment: Callable[[str], list[str]] | None = None) -> str:
    """A brand, organisation or handle in English: pinyin per word, Latin parts kept ("衣衣KK" -> "Yiyi KK").

    `segment` splits a run of Chinese characters into words ("字节跳动" -> ["字节", "跳动"] gives
    "Zijie Tiaodong"); without it each run becomes one word.
    """
    parts: list[str] = []
    for run in HAN_OR_LATIN_RUNS.findall(surface):
        if not is_han(run[0]):
            parts.append(run)
            continue
        words = segment(run) if segment else [run]
        if "".join(words) != run:
            words = [run]
        parts.extend(join_syllables(romanise(word)) for word in words)
    return " ".join(part for part in parts if part)
