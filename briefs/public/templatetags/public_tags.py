"""Formatting for the public templates: absolute URLs, bylines, the canonical link and JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters json_script escapes, so a value can never close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(path: str) -> str:
    """The path on SITE_URL: what canonical links, feeds and the sitemap point to."""
    return settings.SITE_URL.rstrip("/") + path


@register.filter
def absolute(path):
    return absolute_url(str(path))


@register.filter
def byline(user):
    """The author's full name, or the desk's: log-in names are never shown to readers."""
    full_name = user.get_full_name() if user is not None else ""
    return full_name or f"{settings.SITE_NAME} desk"


@register.simple_tag
def site_name():
    return settings.SITE_NAME


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """SITE_URL plus the path, keeping only a page number past the first (never search words or tracking)."""
    request = context.get("request")
    if request is None:
        return absolute_url("/")
    url = absolute_url(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={int(page)}"
    return url


@register.simple_tag
def news_article_json_ld(brief):
    """A schema.org NewsArticle for the brief, as a JSON-LD data block (not script, so CSP allows it)."""
    url = absolute_url(brief.get_absolute_url())
    published_at = brief.publish_at or brief.updated_at  # a draft in preview has no publish time yet
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": brief.title,
        "description": brief.dek,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "en",
        "datePublished": published_at.isoformat(),
        "dateModified": max(brief.updated_at, published_at).isoformat(),
        "author": {"@type": "Person" if brief.author.get_full_name() else "Organization", "name": byline(brief.author)},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute_url("/")},
        "about": [
            {
                "@type": "Thing",
                "name": entity.name,
                **({"alternateName": entity.name_zh} if entity.name_zh else {}),
                "url": absolute_url(entity.get_absolute_url()),
            }
            for entity in brief.entities.all()
        ],
    }
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))  # escaped above
