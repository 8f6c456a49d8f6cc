"""Figures in Chinese text read into English, and numbers pulled back out of English briefs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefs.text.english_numbers import english_figure_values, format_english
from briefs.text.errors import TextError
from briefs.text.numbers import Figure, find_figures
from briefs.text.numerals import read_number

# (Chinese surface, English, kind, value): each surface alone is exactly one figure.
READINGS = [
    ("2.6亿", "260 million", "number", 260_000_000),
    ("2600万", "26 million", "number", 26_000_000),
    ("500亿", "50 billion", "number", 50_000_000_000),
    ("12.5万", "125,000", "number", 125_000),
    ("1千", "1,000", "number", 1_000),
    ("5000", "5,000", "number", 5_000),
    ("1,234.5", "1,234.5", "number", 1234.5),
    ("１２", "12", "number", 12),
    ("三千万", "30 million", "number", 30_000_000),
    ("两千", "2,000", "number", 2_000),
    ("十二", "12", "number", 12),
    ("五百", "500", "number", 500),
    ("三点五万亿", "3.5 trillion", "number", 3_500_000_000_000),
    ("1000多万", "more than 10 million", "number", 10_000_000),
    ("一百多", "more than 100", "number", 100),
    ("7300万元", "RMB 73 million", "money", 73_000_000),
    ("100万元", "RMB 1 million", "money", 1_000_000),
    ("2000万元", "RMB 20 million", "money", 20_000_000),
    ("3.5万亿元", "RMB 3.5 trillion", "money", 3_500_000_000_000),
    ("人民币8.6亿元", "RMB 860 million", "money", 860_000_000),
    ("1.2亿美元", "US$120 million", "money", 120_000_000),
    ("US$1.2亿", "US$120 million", "money", 120_000_000),
    ("5亿港元", "HK$500 million", "money", 500_000_000),
    ("3000万港币", "HK$30 million", "money", 30_000_000),
    ("35%", "35%", "percent", 35),
    ("35％", "35%", "percent", 35),
    ("0.5%", "0.5%", "percent", 0.5),
    ("百分之三十五", "35%", "percent", 35),
    ("百分之零点五", "0.5%", "percent", 0.5),
    ("3个百分点", "3 percentage points", "percent", 3),
    ("27倍", "27x", "multiple", 27),
    ("三倍", "3x", "multiple", 3),
    ("8月24日", "24 August", "date", None),
    ("2023年8月24日", "24 August 2023", "date", None),
    ("二〇二三年八月二十四日", "24 August 2023", "date", None),
    ("2023-08-24", "24 August 2023", "date", None),
    ("2023年8月", "August 2023", "date", None),
    ("2023年", "2023", "date", None),
    ("2023年度", "2023", "date", None),
    ("2023财年", "FY2023", "date", None),
    ("第三季度", "Q3", "date", None),
    ("2023年第三季度", "Q3 2023", "date", None),
    ("Q3", "Q3", "date", None),
    ("10-20万元", "RMB 100,000–200,000", "range", 100_000),
    ("10至20万元", "RMB 100,000–200,000", "range", 100_000),
    ("10到20万", "100,000–200,000", "range", 100_000),
    ("10万-20万元", "RMB 100,000–200,000", "range", 100_000),
    ("100-200万元", "RMB 1–2 million", "range", 1_000_000),
    ("3至5倍", "3–5x", "range", 3),
    ("10%-20%", "10–20%", "range", 10),
    ("2023-2025年", "2023–2025", "range", None),
]


@pytest.mark.parametrize(("surface", "english", "kind", "value"), READINGS)
def test_a_figure_alone_is_read_into_english(surface, english, kind, value):
    [figure] = find_figures(surface)
    assert (figure.surface, figure.english, figure.kind, figure.value) == (surface, english, kind, value)
    assert (figure.start, figure.end) == (0, len(surface))


def test_a_range_carries_both_ends():
    [figure] = find_figures("融资规模为10至20万元。")
    assert (figure.value, figure.upper_value) == (100_000, 200_000)


def test_a_multiple_after_growth_words_is_read_without_them():
    [figure] = find_figures("营收同比增长了10倍")
    assert (figure.surface, figure.kind, figure.english) == ("10倍", "multiple", "10x")


PARAGRAPH = (
    "据36氪报道，该公司于2023年8月24日宣布完成7300万元A轮融资。\n"
    "目前月活跃用户达2.6亿，同比增长了27倍！其海外营收为1.2亿美元，毛利率约35%。"
)


def test_figures_in_a_paragraph_have_exact_offsets_in_order():
    figures = find_figures(PARAGRAPH)
    assert [figure.surface for figure in figures] == [
        "36", "2023年8月24日", "7300万元", "2.6亿", "27倍", "1.2亿美元", "35%",
    ]
    assert all(PARAGRAPH[figure.start : figure.end] == figure.surface for figure in figures)


def test_figures_in_a_paragraph_carry_the_sentence_they_come_from():
    by_surface = {figure.surface: figure.sentence for figure in find_figures(PARAGRAPH)}
    assert by_surface["7300万元"] == "据36氪报道，该公司于2023年8月24日宣布完成7300万元A轮融资"
    assert by_surface["27倍"] == "目前月活跃用户达2.6亿，同比增长了27倍"
    assert by_surface["35%"] == "其海外营收为1.2亿美元，毛利率约35%"


@pytest.mark.parametrize(
    "text",
    ["第一", "第3名", "一名", "一个", "一次", "一周一两次", "一些", "统一", "一起", "唯一", "万一", "十分重要",
     "千万不要", "百度", "三星", "几十亿", "数百万", "十几万", "一年半", "十四五规划", "三四个人", "一一对应"],
)
def test_ordinary_words_and_vague_amounts_are_not_figures(text):
    assert find_figures(text) == []


@pytest.mark.parametrize("text", ["5G网络", "iPhone15", "上午10:30开会", "版本2.6.1", "三分之一", "1/3", "多元化", "一元化"])
def test_model_names_times_versions_and_fractions_are_not_figures(text):
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("surface", "value"),
    [("2.6亿", 260_000_000), ("三千万", 30_000_000), ("1,234.5", 1234.5), ("3.5万亿", 3.5e12), ("两千", 2000),
     ("7300万元", 73_000_000), (" 12 ", 12)],
)
def test_read_number_reads_one_quantity(surface, value):
    assert read_number(surface) == value


@pytest.mark.parametrize("surface", ["", "abc", "第一", "10-20万", "万"])
def test_read_number_rejects_non_numbers_with_a_text_error(surface):
    with pytest.raises(TextError, match="is not a number"):
        read_number(surface)


def test_read_number_errors_are_also_value_errors():
    with pytest.raises(ValueError):
        read_number("一些")


@pytest.mark.parametrize(
    ("value", "kind", "currency", "english"),
    [
        (5000, "number", None, "5,000"),
        (999_999, "number", None, "999,999"),
        (1_250_000_000, "number", None, "1.25 billion"),
        (260_000_000, "number", None, "260 million"),
        (3_456_789, "number", None, "3.46 million"),
        (999_999_999, "number", None, "1 billion"),
        (73_000_000, "money", "RMB", "RMB 73 million"),
        (1_200_000_000, "money", "USD", "US$1.2 billion"),
        (500, "money", "HKD", "HK$500"),
        (35, "percent", None, "35%"),
        (27, "multiple", None, "27x"),
    ],
)
def test_format_english_writes_values_the_way_briefs_do(value, kind, currency, english):
    assert format_english(value, kind=kind, currency=currency) == english


def test_format_english_refuses_an_unknown_currency():
    with pytest.raises(TextError, match="unknown currency"):
        format_english(5, kind="money", currency="XYZ")


@pytest.mark.parametrize(
    ("english", "values"),
    [
        ("The app has 260 million monthly active users.", {260_000_000}),
        ("It raised RMB 73 million in a Series A.", {73_000_000}),
        ("Revenue grew 27-fold.", {27}),
        ("Revenue grew 27x.", {27}),
        ("a 12-fold rise in orders", {12}),
        ("a market worth 50 billion", {50_000_000_000}),
        ("26m users", {26_000_000}),
        ("a $1.2bn round", {1_200_000_000}),
        ("a 50bn yuan fund", {50_000_000_000}),
        ("1.5 billion", {1_500_000_000}),
        ("margins of 12%", {12}),
        ("fees of RMB 100,000–200,000", {100_000, 200_000}),
        ("RMB 1–2 million", {1_000_000, 2_000_000}),
    ],
)
def test_english_figure_values_reads_brief_phrasing(english, values):
    assert english_figure_values(english) == values


def test_english_figure_values_skips_dates_and_years():
    assert english_figure_values("On 24 August 2023, and again on August 25, in Q3 2023 and FY2024.") == set()


def test_english_values_match_the_source_figures():
    source_values = {figure.value for figure in find_figures(PARAGRAPH)}
    brief = "The firm raised RMB 73 million; users rose 27-fold to 260 million, with 35% margins."
    assert english_figure_values(brief) <= source_values


@given(st.text(alphabet=st.sampled_from(list("0123456789.,-%万亿千百十一二两三五点第几元美港倍年月日季度Q$。\n 个"))))
def test_find_figures_returns_exact_in_bounds_non_overlapping_figures_on_figure_like_text(text):
    assert_well_formed(text, find_figures(text))


@given(st.text())
def test_find_figures_never_raises_on_any_text(text):
    assert_well_formed(text, find_figures(text))


def assert_well_formed(text: str, figures: list[Figure]) -> None:
    previous_end = 0
    for figure in figures:
        assert previous_end <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.surface
        assert figure.kind in {"number", "money", "percent", "multiple", "date", "range"}
        previous_end = figure.end


def test_a_figure_after_an_ascii_comma_between_clauses_is_found():
    text = "小红书将投入500亿流量帮助买家成长,500亿流量支持商家。"
    surfaces = [figure.surface for figure in find_figures(text)]
    assert surfaces == ["500亿", "500亿"]


def test_a_number_with_thousands_separators_is_still_one_figure():
    assert [figure.surface for figure in find_figures("销量达到1,500件")] == ["1,500"]
