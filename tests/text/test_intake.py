"""Intake: bytes and a filename in, an article or a clear refusal out. No database."""

import pytest

from briefs.text.errors import IntakeError
from briefs.text.intake import parse_article

TRADITIONAL = "小紅書的電商業務則顯得有些「緩慢」。\n\n沒有人會否認小紅書的商業潛力。該平台擁有2.6億月活躍用戶。\n"


def test_utf8_article_keeps_its_text_exactly(seed_bytes, seed_text):
    article = parse_article(seed_bytes, "seed.txt")
    assert article.raw_text == seed_text
    assert article.encoding == "utf-8"
    assert article.title == "ks免费刷平台推广:小红书业务下单"
    assert article.paragraphs[0] == "作者 | 吴洪建"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_the_seed_in_each_simplified_encoding_gives_the_same_raw_text(seed_text, encoding):
    article = parse_article(seed_text.encode(encoding), "seed.txt")
    assert article.raw_text == seed_text
    assert article.encoding == {"gbk": "gb18030"}.get(encoding, encoding)


@pytest.mark.parametrize("encoding", ["big5", "utf-8", "gb18030"])
def test_a_traditional_article_in_each_encoding_gives_the_same_raw_text(encoding):
    article = parse_article(TRADITIONAL.encode(encoding), "trad.txt")
    assert article.raw_text == TRADITIONAL
    assert article.encoding == encoding


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_become_newlines_and_nothing_else_changes(seed_text, line_end):
    data = seed_text.replace("\n", line_end).encode("utf-8")
    assert parse_article(data, "seed.txt").raw_text == seed_text


def test_markdown_title_loses_its_heading_marks_but_raw_text_keeps_them():
    article = parse_article("# 小红书电商\n\n正文第一段。\n".encode(), "a.md")
    assert article.title == "小红书电商"
    assert article.raw_text.startswith("# 小红书电商")


def test_html_page_yields_main_text_without_scripts_styles_or_navigation(seed_text):
    paragraphs = [line for line in seed_text.split("\n") if line.strip()][2:10]
    html = (
        "<html><head><title>小红书电商</title><script>var tracker = '脚本内容';</script>"
        "<style>p { color: red }</style></head><body>"
        "<nav><a href='/'>首页</a> <a href='/news'>新闻导航</a></nav>"
        "<article><h1>小红书电商</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"
        "<footer>网站页脚 版权所有</footer></body></html>"
    )
    article = parse_article(html.encode("utf-8"), "page.html")
    assert article.title == "小红书电商"
    assert paragraphs[0] in article.raw_text
    assert paragraphs[-1] in article.raw_text
    for dropped in ("脚本内容", "color: red", "新闻导航"):
        assert dropped not in article.raw_text


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "empty.txt", "file is empty"),
        (b"  \n\t\r\n ", "blank.txt", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "archive.txt", "zip archive"),
        (b"\xe4\xb8\xad\x00\x00\x01text", "nul.txt", "NUL bytes"),
        (b"\xff\xfe\xfd\x80\x81" * 20, "garbage.txt", "could not be decoded"),
        (b"Just an English press release with no Chinese at all.", "english.txt", "no Chinese characters"),
        ("中文文章".encode(), "article.docx", "unsupported file type (.docx)"),
        ("中文文章".encode(), "README", "unsupported file type (no extension)"),
    ],
)
def test_bad_files_are_refused_with_a_reason_a_person_understands(data, filename, reason):
    with pytest.raises(IntakeError, match=reason.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        parse_article(data, filename)


def test_a_file_over_the_limit_is_refused_and_the_limit_is_named():
    with pytest.raises(IntakeError, match=r"3\.0 MB, over the 2\.0 MB limit"):
        parse_article("中".encode() * (1024 * 1024), "big.txt", max_bytes=2 * 1024 * 1024)


def test_sha256_is_of_the_raw_bytes_so_each_encoding_is_a_distinct_file(seed_text):
    utf8 = parse_article(seed_text.encode("utf-8"), "a.txt")
    gb = parse_article(seed_text.encode("gb18030"), "a.txt")
    assert utf8.sha256 != gb.sha256
    assert len(utf8.sha256) == 64


def test_utf16_text_is_named_as_such_rather_than_called_binary():
    with pytest.raises(IntakeError, match="file is UTF-16"):
        parse_article("小红书的电商业务。\n".encode("utf-16"), "u16.txt")


def test_japanese_or_korean_text_without_han_is_refused_as_not_chinese():
    with pytest.raises(IntakeError, match="no Chinese characters"):
        parse_article("これはテスト。한국어 기사입니다。\n".encode(), "kana.txt")


def test_an_article_whose_chinese_is_outside_the_basic_plane_is_accepted():
    # 𠀀 is U+20000 (Extension B): a Chinese character for intake like any other.
    article = parse_article("𠀀𠀁 news\n\nbody 𠀂\n".encode(), "ext-b.txt")
    assert article.title == "𠀀𠀁 news"
