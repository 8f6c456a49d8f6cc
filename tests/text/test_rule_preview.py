"""What one promo rule matches, for the admin's preview: context, and ordinary words it would cut."""

from briefs.text.rule_preview import CONTEXT_CHARACTERS, find_matches_in_sentences, find_rule_matches
from briefs.text.rules import Rule, compile_rules

BUY_FOLLOWERS = compile_rules([Rule("买粉")])


def test_a_match_inside_an_ordinary_word_names_the_word():
    matches, failures = find_rule_matches("她昨天去商场买粉底液了。", BUY_FOLLOWERS)

    assert failures == []
    assert [(m.text, m.cut_word) for m in matches] == [("买粉", "买粉底液")]


def test_a_match_on_word_boundaries_cuts_no_word():
    matches, _ = find_rule_matches("快手买粉，秒到账。", BUY_FOLLOWERS)

    assert [(m.text, m.cut_word) for m in matches] == [("买粉", None)]


def test_a_match_in_traditional_text_is_segmented_as_simplified_and_shown_as_written():
    rules = compile_rules([Rule("刷粉")])

    matches, _ = find_rule_matches("工人正在粉刷粉色牆面。", rules)

    assert [(m.text, m.cut_word) for m in matches] == [("刷粉", "粉刷粉色")]


def test_each_match_carries_its_context_on_both_sides():
    text = "甲" * 40 + "买粉" + "乙" * 40
    match = find_rule_matches(text, BUY_FOLLOWERS)[0][0]

    assert (match.start, match.end) == (40, 42)
    assert match.before == "甲" * CONTEXT_CHARACTERS
    assert match.after == "乙" * CONTEXT_CHARACTERS


def test_matches_inside_sentences_are_found_sentence_by_sentence():
    sentences = ["有网友在商场买粉底液。", "平台推广费用上涨。"]

    found = find_matches_in_sentences(sentences, BUY_FOLLOWERS)

    assert [(sentence, match.text) for sentence, match in found] == [("有网友在商场买粉底液。", "买粉")]
