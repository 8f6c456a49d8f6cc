"""The save check on promo rules: what a rule matches on long ordinary text, and how fast it runs."""

import pytest

from briefs.text.errors import RuleRefused
from briefs.text.rule_check import NEWS_SENTENCES, check_rule
from briefs.text.rules import Rule


@pytest.mark.parametrize("pattern", [r"(?s).{80,}", r"[^!]{90,}", r"\D{45,}"])
def test_a_rule_that_spares_every_sentence_but_empties_paragraphs_is_refused(pattern):
    assert all(len(sentence) < 80 for sentence in NEWS_SENTENCES)
    with pytest.raises(RuleRefused, match="from an ordinary news paragraph"):
        check_rule(Rule(pattern, is_regex=True))


def test_a_rule_that_strips_only_across_paragraphs_is_refused_on_the_article():
    with pytest.raises(RuleRefused, match=r"(?s)would strip 4\d\d characters .* from an ordinary news article"):
        check_rule(Rule(r"[^!]{200,}", is_regex=True))


def test_a_rule_that_strips_only_very_long_lines_is_refused_on_the_long_line():
    with pytest.raises(RuleRefused, match="from a long line of ordinary news"):
        check_rule(Rule(r"[^\n]{600,}", is_regex=True))


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [("(.*a){20}", "19 “a” spread 263 characters apart"), ("(.*单){15}", "14 “单” spread")],
)
def test_a_counted_repeat_that_backtracks_over_its_own_characters_spread_out_is_refused_as_too_slow(pattern, shown):
    with pytest.raises(RuleRefused, match=f"takes longer than 0.1 s on a line of {shown}"):
        check_rule(Rule(pattern, is_regex=True))


def test_a_too_large_rule_is_refused_in_the_editors_words():
    with pytest.raises(RuleRefused, match=r"^This rule is too large to compile safely: it repeats something 9,000 times"):
        check_rule(Rule("x(?:a{9000}){999}", is_regex=True))


def test_a_specific_counted_rule_passes():
    check_rule(Rule(r"(?:加|添加)微信[ \t]*\w{5,20}[ \t]*领取\d{1,3}个赞", is_regex=True))
