"""Turn a brief's Markdown into the HTML readers see, with everything unsafe removed.

Python-Markdown renders (tables, fenced code, sane lists); nh3 then keeps only the tags a brief
needs. Raw HTML typed into the body goes through the same sanitiser, so `|safe` on the result is
the one place in the templates where HTML from editors is trusted.

Python-Markdown is slow on some shapes of text (issue 11): for each "[" it scans to the matching
"]" or to the end of the paragraph, likewise for a link's "(", its HTML reader rescans unclosed
tags, deep list or quote nesting recurses until Python gives up, and time grows with every
Markdown sign. Its block parser also splits a block one line at a time (a setext underline, a
rule, a heading, a reference definition) and rescans the rest of the block after every split, so
its time grows with lines per block times the block's length, whatever the line holds.
`find_markdown_problems` refuses those shapes (an unclosed "[", link address or tag; nesting deeper
than MAX_NESTING; more than MAX_BODY_CHARS characters, MAX_MARKUP signs, MAX_LINES lines, or
MAX_BLOCK_LINES lines in one block), which bounds every scan, and `render_markdown` renders only
text without problems. bench/markdown_bench.py renders the worst body the limits accept for every
construct, alone and mixed; the slowest is in SECURITY.md.
"""

import re

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


MAX_BODY_CHARS = 50_000
MAX_NESTING = 8  # lists and quotes inside each other; briefs use two or three
MAX_MARKUP = 2_000  # Markdown signs in one body; a 600-word brief uses a few dozen
MAX_BRACKET_DEPTH = 4  # "[" inside "[": a link whose text holds a bracketed aside needs two
# A 600-word brief hard-wrapped at 60 characters has about 100 lines and no block over 15.
MAX_LINES = 500
MAX_BLOCK_LINES = 50  # lines between two blank lines: a paragraph, list, table or quote
SNIPPET = 24

# Only what Python-Markdown takes for code may go unchecked: a fence that is closed (an unclosed one
# is ordinary text to it), and a code span within one paragraph.
FENCED_CODE = re.compile(
    r"^(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*)[ ]*\n.*?(?<=\n)\1[ ]*$", re.MULTILINE | re.DOTALL
)
CODE_SPAN = re.compile(r"(`+)(?:[^`\n]|\n(?![ \t]*\n))*?\1|\\.")  # backslash escapes hold no Markdown
BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Code is blanked with a no-break space: not a space, so a long code line cannot look like indentation.
CODE_BLANK = "\u00a0"
LINE_START = re.compile(r"[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)[ \t]*)*")
MARKER = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
# Rendering time grows with the number of these (each may open an element), not with plain words;
# list markers (LIST_MARKER, at the start of a line) and blank lines (each starts a block) count too.
MARKUP_SIGN = re.compile(r"[\[\]*_`<>&!\\~|#]")
LIST_MARKER = re.compile(r"[-+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
TAG = re.compile(r"<[A-Za-z/!?][^<>]*(>)?")


class MarkdownTooComplex(ValueError):
    """Markdown the renderer would take too long on, or crash on; `problems` says what, in the editor's words."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def _near(text: str, index: int) -> str:
    return text[max(index - SNIPPET // 2, 0) : index + SNIPPET].replace("\n", " ").strip()


def _line_count(text: str) -> int:
    """Lines in `text` split at "\\n", a final newline ending the last line rather than starting one."""
    return text.count("\n") + (not text.endswith("\n"))


def _blank(match: re.Match[str]) -> str:
    # Same length, so positions still point into the original text; newlines stay for line checks.
    return re.sub(r"[^\n]", CODE_BLANK, match[0])


def find_markdown_problems(text: str) -> list[str]:
    """Return why `text` cannot be rendered safely (too long, too deeply nested, unclosed brackets or tags).

    An empty list means `render_markdown` will render it quickly. Code (fenced or in backticks)
    and backslash-escaped characters are not checked: the renderer does not parse them.
    """
    text = text or ""
    if len(text) > MAX_BODY_CHARS:
        return [
            f"The body is {len(text):,} characters long; the limit is {MAX_BODY_CHARS:,}. "
            "Shorten it (a brief usually runs under 5,000)."
        ]
    lines = text.replace("\r\n", "\n").replace("\r", "\n")  # as Python-Markdown splits them
    if _line_count(lines) > MAX_LINES:
        return [
            f"The body has {_line_count(lines):,} lines; the limit is {MAX_LINES:,}. Join the lines of each "
            "paragraph, or shorten the brief."
        ]
    for block in BLANK_LINE.split(lines):
        if _line_count(block) > MAX_BLOCK_LINES:
            return [
                f"{_line_count(block)} lines follow each other without a blank line, from “{_near(block, 0)}”; "
                f"the limit is {MAX_BLOCK_LINES}. Put a blank line between paragraphs (or list items)."
            ]
    plain = CODE_SPAN.sub(_blank, FENCED_CODE.sub(_blank, text))
    deepest, list_marker_count = (0, ""), 0
    for line in plain.splitlines():
        lead = LINE_START.match(line)[0]
        list_marker_count += len(LIST_MARKER.findall(lead))
        indent = len(lead) - len(lead.lstrip(" \t"))
        depth = len(MARKER.findall(lead)) + lead.expandtabs(4)[:indent].count("    ")
        deepest = max(deepest, (depth, line.strip()[:SNIPPET]), key=lambda pair: pair[0])
    markup_count = len(MARKUP_SIGN.findall(text)) + list_marker_count + len(BLANK_LINE.findall(text))
    if markup_count > MAX_MARKUP:
        return [
            f"The body has {markup_count:,} Markdown signs (such as [ ] * _ ` < > & ! #, list markers "
            f"and blank lines); "
            f"the limit is {MAX_MARKUP:,}. Remove formatting, or paste plain text."
        ]
    if deepest[0] > MAX_NESTING:
        return [
            f"Lists or quotes are nested {deepest[0]} deep at “{deepest[1]}”; the limit is {MAX_NESTING}. "
            "Flatten the list."
        ]
    problems = []
    for paragraph in BLANK_LINE.split(plain):
        problem = _paragraph_problem(paragraph)
        if problem:
            problems.append(problem)
            break
    return problems


def _paragraph_problem(paragraph: str) -> str | None:
    """The first unclosed "[", link address or HTML tag in one paragraph, or None."""
    brackets, parens = [], []
    link_opens = set()
    for index, character in enumerate(paragraph):
        if character == "[":
            brackets.append(index)
            if len(brackets) > MAX_BRACKET_DEPTH:
                return (f"Square brackets are nested more than {MAX_BRACKET_DEPTH} deep at "
                        f"“{_near(paragraph, index)}”; write \\[ for a bracket that is not a link.")
        elif character == "]" and brackets:
            brackets.pop()
        elif character == "(":
            parens.append(index)
            if index and paragraph[index - 1] == "]":
                link_opens.add(index)
        elif character == ")" and parens:
            link_opens.discard(parens.pop())
    if brackets:
        return (f"A “[” is never closed by “]” in its paragraph, at “{_near(paragraph, brackets[0])}”; "
                "close it, or write \\[ for a bracket that is not a link.")
    if link_opens:
        return (f"A link address “](” is never closed by “)”, at “{_near(paragraph, min(link_opens))}”; "
                "close it.")
    for tag in TAG.finditer(paragraph):
        if tag[1] is None:
            return f"An HTML tag is not closed with “>” at “{_near(paragraph, tag.start())}”; close it or remove it."
    return None


def render_markdown(text: str) -> str:
    """Return sanitised HTML for Markdown `text`: no scripts, event handlers, iframes or javascript: links.

    Links keep only http, https and mailto URLs (and relative ones) and get rel="noopener noreferrer".
    Raises MarkdownTooComplex (rendering nothing) for text `find_markdown_problems` refuses.
    """
    problems = find_markdown_problems(text)
    if problems:
        raise MarkdownTooComplex(problems)
    html = python_markdown.markdown(text or "", extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
