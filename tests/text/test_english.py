"""The English-body rules (briefs/text/english.py): plain strings in, no database."""

import pytest

from briefs.text.english import (
    MAX_WORDS,
    MIN_WORDS,
    figures_missing_from,
    find_chinese_outside_entity_names,
    is_usual_length,
    mentions_name,
    word_count,
)


def test_an_english_body_has_no_chinese():
    body = "Xiaohongshu held a merchant conference in Shanghai on 24 August — “a turning point”, it said."
    assert find_chinese_outside_entity_names(body, entity_names=["Xiaohongshu"]) is None


def test_chinese_in_brackets_right_after_an_entity_name_is_allowed():
    body = "Xiaohongshu (小红书) held a conference. Later, Xiaohongshu  ( 小红书 ) grew."
    assert find_chinese_outside_entity_names(body, entity_names=["Xiaohongshu"]) is None


def test_chinese_in_brackets_after_a_word_that_is_not_an_entity_name_is_found_with_context():
    body = "Xiaohongshu (小红书) says buyers (买手) matter a lot."
    assert find_chinese_outside_entity_names(body, entity_names=["Xiaohongshu"]) == "s buyers (买手) matter"


def test_chinese_outside_brackets_is_found_even_after_an_entity_name():
    # Ten characters either side of the first one found, stripped.
    assert find_chinese_outside_entity_names("Xiaohongshu 小红书 grew.", entity_names=["Xiaohongshu"]) == (
        "aohongshu 小红书 grew."
    )


def test_empty_entity_names_allow_nothing():
    assert find_chinese_outside_entity_names("Buyers (买手) matter.", entity_names=["", "Douyin"]) == "Buyers (买手) matter."


@pytest.mark.parametrize(
    "foreign",
    [
        "。", "，", "「", "\u3000",  # CJK punctuation, ideographic space
        "！", "（", "Ａ",  # full-width forms
        "カ", "あ",  # kana
        "한",  # hangul
        "ㄅ",  # bopomofo
        "\U00020000",  # a Chinese character outside the Basic Multilingual Plane
        "々",  # iteration mark
    ],
)
def test_east_asian_punctuation_and_scripts_are_not_english(foreign):
    assert find_chinese_outside_entity_names(f"Sales grew{foreign} fast.", entity_names=[]) == f"Sales grew{foreign} fast."


@pytest.mark.parametrize("fine", ["—", "“", "’", "…", "é", "€", "×"])
def test_western_punctuation_and_accents_are_english(fine):
    assert find_chinese_outside_entity_names(f"Sales grew{fine} fast.", entity_names=[]) is None


def test_word_count_counts_latin_words_with_inner_apostrophes_and_hyphens():
    assert word_count("Xiaohongshu's well-known users, 小红书!") == 3
    assert word_count("2.6 billion") == 3
    assert word_count("") == 0


def test_usual_length_is_from_min_to_max_words():
    assert not is_usual_length("word " * (MIN_WORDS - 1))
    assert is_usual_length("word " * MIN_WORDS)
    assert is_usual_length("word " * MAX_WORDS)
    assert not is_usual_length("word " * (MAX_WORDS + 1))


def test_a_body_mentions_a_name_or_latin_alias_as_a_whole_word_in_any_case():
    assert mentions_name("Shares of XIAOHONGSHU rose.", name="Xiaohongshu")
    assert mentions_name("RED's buyers grew.", name="Xiaohongshu", aliases=["小红书", "RED"])
    assert not mentions_name("The REDUCED fees.", name="Xiaohongshu", aliases=["RED"])
    assert not mentions_name("小红书 grew.", name="Xiaohongshu", aliases=["小红书"])  # only Latin aliases count
    assert not mentions_name("Anything.", name="", aliases=[""])


def test_key_fact_figures_missing_from_the_source_are_listed_smallest_first():
    source = {2.6e8, 3.0}
    assert figures_missing_from("260 million users, up 3%", source_values=source) == []
    assert figures_missing_from("Merchants grew 15x and 4% of 260 million", source_values=source) == [4.0, 15.0]
    assert figures_missing_from("Merchants grew 15x", source_values=set()) == [15.0]
