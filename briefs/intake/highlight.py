"""Render a text with some spans marked, for the editors' side-by-side views."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    """A span of the text to mark: `text[start:end]`, with a CSS class and a title shown on hover."""

    start: int
    end: int
    css_class: str
    title: str = ""
    element: str = "mark"
    element_id: str = ""


def highlight(text: str, spans: Iterable[Span]) -> SafeString:
    """The text, escaped, with each span wrapped in its element. Overlapping spans after the first are skipped."""
    parts = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < position or span.end > len(text) or span.end <= span.start:
            continue
        parts.append(escape(text[position : span.start]))
        parts.append(
            format_html(
                '<{element} class="{css}" title="{title}"{id}>{body}</{element}>',
                element=mark_safe(span.element),  # element names come from code, never input
                css=span.css_class,
                title=span.title,
                id=format_html(' id="{}"', span.element_id) if span.element_id else "",
                body=text[span.start : span.end],
            )
        )
        position = span.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(part) for part in parts))  # every part was escaped above
