"""Feeds over the same published briefs as the pages: RSS and Atom (all, per entity, per topic), JSON Feed 1.1.

Links are absolute on `SITE_URL`, so a feed reads the same whichever host name fetched it.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from briefs.desk.models import Brief
from briefs.public.templatetags.public_tags import absolute_url, byline

FEED_SIZE = 30


def feed_briefs():
    """The briefs of a feed: cards with their topics too, which feed items list as categories."""
    return Brief.objects.cards().prefetch_related("topics")


class LatestBriefsFeed(Feed):
    description = "The latest briefs on China's tech and consumer industries."

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return absolute_url(reverse("public:home"))

    def items(self):
        return feed_briefs()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_author_name(self, item):
        return byline(item.author)

    def item_categories(self, item):
        return [entity.name for entity in item.entities.all()] + [topic.name for topic in item.topics.all()]


class LatestBriefsAtomFeed(LatestBriefsFeed):
    feed_type = Atom1Feed
    subtitle = LatestBriefsFeed.description


class EntityBriefsFeed(LatestBriefsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Brief.objects.published().mentioned_entities(), slug=slug)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj):
        return f"Briefs about {obj.name}."

    def items(self, obj):
        return feed_briefs().mentioning(obj)[:FEED_SIZE]


class EntityBriefsAtomFeed(EntityBriefsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class TopicBriefsFeed(LatestBriefsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Brief.objects.published().tagged_topics(), slug=slug)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj):
        return absolute_url(reverse("public:topic-detail", args=[obj.slug]))

    def description(self, obj):
        return f"Briefs on {obj.name}."

    def items(self, obj):
        return feed_briefs().on_topic(obj)[:FEED_SIZE]


class TopicBriefsAtomFeed(TopicBriefsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def json_feed(request):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the latest briefs."""
    items = [
        {
            "id": absolute_url(brief.get_absolute_url()),
            "url": absolute_url(brief.get_absolute_url()),
            "title": brief.title,
            "summary": brief.dek,
            "content_html": brief.body_html,  # sanitised by the Markdown renderer on save
            "date_published": brief.publish_at.isoformat(),
            "date_modified": max(brief.updated_at, brief.publish_at).isoformat(),
            "authors": [{"name": byline(brief.author)}],
            "tags": [entity.name for entity in brief.entities.all()] + [topic.name for topic in brief.topics.all()],
        }
        for brief in feed_briefs()[:FEED_SIZE]
    ]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": settings.SITE_NAME,
        "home_page_url": absolute_url(reverse("public:home")),
        "feed_url": absolute_url(reverse("public:feed-json")),
        "description": LatestBriefsFeed.description,
        "language": "en",
        "items": items,
    }
    return JsonResponse(feed, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False})
