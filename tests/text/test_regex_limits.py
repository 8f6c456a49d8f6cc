"""Regex rules whose repeats could exhaust memory while compiling are refused before they are compiled."""

import pytest

from briefs.text.clean import clean
from briefs.text.errors import RuleTooLarge
from briefs.text.regex_limits import MAX_PATTERN_LENGTH, measure_repeats, repeat_problem
from briefs.text.rules import Rule, compile_regex, compile_rules


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("x(?:a{65535}){65535}", "it repeats something 65,535 times; at most 1,000"),
        ("x(?:a{9000}){999}", "it repeats something 9,000 times"),
        ("a{1001,}", "it repeats something 1,001 times"),
        ("x(?:(?:a{100}){10}){20}", "its repeats inside repeats multiply to 20,000 (20 × 10 × 100)"),
        ("x(?:b|(?:a{1000}){11})", "multiply to 11,000 (11 × 1,000)"),
        ("x" + "(?:a{1000}){10}" * 6, "its repeats written out come to 60,001 pieces; at most 50,000"),
        ("a" * (MAX_PATTERN_LENGTH + 1), "1,001 characters long, over the 1,000 a rule may have"),
    ],
)
def test_a_pattern_with_too_large_repeats_is_named_with_the_limit_it_passes(pattern, problem):
    assert problem in repeat_problem(pattern)


@pytest.mark.parametrize(
    "pattern",
    [r"加微信[ \t]*\w{5,20}领取", r"\p{Han}{2,20}刷单", "(?:a{100}){100}", r"\d{4}[-/.年]\d{1,2}.{0,80}$", "a{1000}"],
)
def test_ordinary_repeats_pass(pattern):
    assert repeat_problem(pattern) is None


def test_regex_only_escapes_are_measured_through_a_stand_in():
    assert measure_repeats(r"\p{Han}{2,20}(?:\pL{3})+").repeats == ((2, 20), (1, None), (3, 3))


def test_a_pattern_the_standard_parser_cannot_read_counts_every_repeat_as_nested():
    measure = measure_repeats(r"(?V1)[[a-z]--[aeiou]]{200}x{,60}")
    assert measure.nested_product == 12_000
    assert "multiply to 12,000" in repeat_problem(r"(?V1)[[a-z]--[aeiou]]{200}x{,60}")


def test_full_width_digits_that_fold_into_a_count_are_checked_on_the_folded_pattern():
    with pytest.raises(RuleTooLarge, match="9,000 times"):
        compile_regex("x(?:a{９０００}){999}")


def test_compiling_a_too_large_rule_raises_naming_the_rule_before_any_memory_is_spent():
    with pytest.raises(RuleTooLarge, match=r"promo rule 'x\(\?:a\{9000\}\)\{999\}': too large to compile safely"):
        compile_rules([Rule("x(?:a{9000}){999}", is_regex=True)])


def test_at_import_a_too_large_rule_is_skipped_by_name_and_the_other_rules_still_apply():
    rules = compile_rules([Rule("刷赞"), Rule("x(?:a{65535}){65535}", is_regex=True)], skip_broken=True)
    result = clean("上海举办买手大会\n\n刷赞平台在招人。\n", rules)
    assert [failure.rule for failure in result.rule_failures] == ["lexicon regex: x(?:a{65535}){65535}"]
    assert "too large to compile safely" in result.rule_failures[0].reason
    assert "刷赞" not in result.cleaned_text
