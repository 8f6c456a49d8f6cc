"""The one definition of "Chinese character" (briefs/text/script.py)."""

import pytest

from briefs.text.script import HAN, HAN_RUN, has_han, is_all_han, is_han


@pytest.mark.parametrize(
    "char",
    [
        "中",  # CJK Unified Ideographs
        "㐀",  # Extension A (U+3400)
        "\U00020000",  # Extension B, outside the Basic Multilingual Plane
        "\U00030000",  # Extension G
        "\uf900",  # CJK Compatibility Ideographs
        "\U0002f800",  # CJK Compatibility Ideographs Supplement
        "々",  # ideographic iteration mark, as in 人々
        "〇",  # ideographic zero, as in 二〇二四年
    ],
)
def test_han_characters_are_han(char):
    assert is_han(char)
    assert has_han(f"Temu{char}")


@pytest.mark.parametrize(
    "char",
    [
        "。", "，", "、", "「", "」", "《", "》",  # CJK punctuation
        "\u3000",  # ideographic space
        "，", "！", "Ａ", "１",  # full-width forms
        "あ", "カ",  # kana
        "한",  # hangul
        "ㄅ",  # bopomofo
        "䷀",  # Yijing hexagram (U+4DC0), inside the old ad-hoc range U+3400-U+9FFF
        "a", "1", " ", "é",
    ],
)
def test_punctuation_kana_hangul_and_latin_are_not_han(char):
    assert not is_han(char)
    assert not has_han(f"Temu{char}")


def test_is_all_han_needs_every_character_and_at_least_one():
    assert is_all_han("吴洪建")
    assert is_all_han("𠀀中")
    assert not is_all_han("衣衣KK")
    assert not is_all_han("小红书。")
    assert not is_all_han("")


def test_runs_are_python_string_offsets():
    text = "在Temu上𠀀发布，二〇二四年"
    assert [(m.start(), m.end()) for m in HAN_RUN.finditer(text)] == [(0, 1), (5, 9), (10, 15)]
    assert [text[m.start() : m.end()] for m in HAN_RUN.finditer(text)] == ["在", "上𠀀发布", "二〇二四年"]
    assert HAN.search("Temu, 2024.") is None
