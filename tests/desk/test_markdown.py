"""The Markdown renderer and sanitiser behind every brief body: what readers may never get, and what they keep."""

from briefs.desk.markdown import render_markdown


def test_a_script_is_removed_with_its_content():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "script" not in html and "alert" not in html


def test_event_handler_attributes_are_removed():
    html = render_markdown('<p onclick="steal()">Click</p>\n\n<a href="https://example.com" onmouseover="x()">a</a>')
    assert "onclick" not in html and "onmouseover" not in html and "steal" not in html


def test_javascript_links_lose_their_target():
    html = render_markdown("[click](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(2)\">raw</a>")
    assert "javascript" not in html.lower()
    assert "click" in html and "raw" in html


def test_an_iframe_is_removed():
    html = render_markdown('Before <iframe src="https://evil.example/"></iframe> after')
    assert "iframe" not in html and "evil.example" not in html


def test_inline_styles_and_images_are_removed():
    html = render_markdown('<span style="color:red">red</span> ![x](https://example.com/x.png)')
    assert "style" not in html and "<img" not in html


def test_tables_are_kept_with_alignment_as_an_attribute():
    html = render_markdown("| Metric | Value |\n|:--|--:|\n| MAU | 260 million |\n")
    assert "<table>" in html and "<th align=\"left\">Metric</th>" in html and '<td align="right">260 million</td>' in html


def test_http_and_mailto_links_are_kept_with_rel_noopener():
    html = render_markdown("[site](https://www.xiaohongshu.com) and [mail](mailto:desk@example.com)")
    assert '<a href="https://www.xiaohongshu.com" rel="noopener noreferrer">site</a>' in html
    assert '<a href="mailto:desk@example.com" rel="noopener noreferrer">mail</a>' in html


def test_other_link_schemes_are_dropped():
    html = render_markdown("[data](data:text/html;base64,PHNjcmlwdD4=) [file](file:///etc/passwd)")
    assert "data:" not in html and "file:" not in html


def test_lists_headings_quotes_and_code_survive():
    html = render_markdown("## Why\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```\n\n**bold** *it*")
    for tag in ("<h2>Why</h2>", "<li>one</li>", "<blockquote>", "<pre><code>code", "<strong>bold</strong>", "<em>it</em>"):
        assert tag in html


def test_empty_text_renders_empty():
    assert render_markdown("") == ""
