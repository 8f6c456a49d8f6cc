"""Turn a brief's Markdown into the HTML readers see, with everything unsafe removed.

Python-Markdown renders (tables, fenced code, sane lists); nh3 then keeps only the tags a brief
needs. Raw HTML typed into the body goes through the same sanitiser, so `|safe` on the result is
the one place in the templates where HTML from editors is trusted.
"""

import markdown as python_markdown
import nh3

EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
# Column alignment as an `align` attribute: the CSP forbids inline styles.
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Dropped with their content, not just unwrapped: what sits inside a script or an iframe is never prose.
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template"}


def render_markdown(text: str) -> str:
    """Return sanitised HTML for Markdown `text`: no scripts, event handlers, iframes or javascript: links.

    Links keep only http, https and mailto URLs (and relative ones) and get rel="noopener noreferrer".
    """
    html = python_markdown.markdown(text or "", extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
