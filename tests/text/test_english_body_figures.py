"""Which numbers in an English body are figures its source must back up (briefs/text/english.py)."""

import pytest

from briefs.text.english import body_figures_missing_from, find_body_figures


@pytest.mark.parametrize("figure", [
    "999 million", "26m", "50bn", "1.2 billion", "12%", "12 percent", "27-fold", "15x", "5,000", "1000",
])
def test_amounts_percentages_multiples_and_large_numbers_are_figures(figure):
    assert find_body_figures(f"Xiaohongshu reported {figure} last week.") == [figure]


@pytest.mark.parametrize("written", ["US$40", "$40", "RMB 40", "¥40", "40 yuan", "40 dollars"])
def test_a_small_number_with_a_currency_is_a_figure(written):
    assert find_body_figures(f"A bag costs {written} there.") == ["40"]


@pytest.mark.parametrize("not_a_figure", [
    "in 2023", "on 24 August", "on 24 August 2023", "in Q3 2024", "in FY2023", "the 3rd quarter",
    "twelve stores", "once or twice a week", "the 618 festival", "the iPhone 15", "the top 10 brands",
    "COVID-19", "a 4.5 rating",
])
def test_years_dates_ordinals_words_and_small_bare_numbers_are_not_figures(not_a_figure):
    assert find_body_figures(f"It happened {not_a_figure}, they said.") == []


def test_figures_are_listed_in_order_as_written():
    assert find_body_figures("Sales rose 12% to RMB 3 billion in 2023, from 618 stores") == ["12%", "3 billion"]


def test_body_figures_missing_from_the_source_are_named_as_written():
    body = "Xiaohongshu has 260 million users, not 999 million, and grew 27-fold."
    assert body_figures_missing_from(body, source_values={2.6e8, 27.0}) == ["999 million"]


def test_both_ends_of_a_range_must_be_in_the_source():
    assert body_figures_missing_from("Prices run RMB 1–2 million.", source_values={1e6}) == ["1–2 million"]
    assert body_figures_missing_from("Prices run RMB 1–2 million.", source_values={1e6, 2e6}) == []
