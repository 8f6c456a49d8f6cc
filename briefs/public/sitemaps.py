"""The sitemap: published briefs, entity and topic pages that have published briefs, and the index pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefs.desk.models import Brief


class SiteSitemap(Sitemap):
    """Absolute URLs on SITE_URL, like the canonical links and feeds, whichever host asked."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class BriefSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Brief.objects.published().only("slug", "updated_at", "publish_at")

    def lastmod(self, brief):
        return max(brief.updated_at, brief.publish_at)


class EntitySitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Brief.objects.published().mentioned_entities().order_by("name")


class TopicSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return Brief.objects.published().tagged_topics().order_by("name")

    def location(self, topic):
        return reverse("public:topic-detail", args=[topic.slug])


class PageSitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return ["public:home", "public:entity-list", "public:topic-list", "public:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "briefs": BriefSitemap, "entities": EntitySitemap, "topics": TopicSitemap}
