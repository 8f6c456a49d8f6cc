"""What the desk and the public site select from briefs: `Brief.objects` is a `BriefQuerySet`.

`published()` is the one definition of what readers may see; `visible_to()` the one rule for what a
desk user may see. The public pages, feeds and sitemaps select through the other methods (cards,
entities and topics with published briefs, months). models.py attaches it as the manager.
"""

from django.db import models
from django.db.models.functions import TruncMonth
from django.utils import timezone
from taggit.models import Tag

from briefs.desk import workflow
from briefs.desk.states import PUBLIC_STATUSES, Status
from briefs.kb.models import Entity


class BriefQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: the one definition used by every public page, feed and search.

        A scheduled brief counts once its `publish_at` has come, so no cron job is needed.
        """
        now = now or timezone.now()
        return self.filter(
            status__in=PUBLIC_STATUSES, publish_at__isnull=False, publish_at__lte=now
        )

    def visible_to(self, user):
        """The briefs `user` may see on the desk: the one rule every admin page, preview and diff goes through.

        Editors (anyone with `publish_brief`) see every brief. Everyone else sees their own briefs in
        any status, plus every brief past the draft stage (in review, scheduled, published, withdrawn):
        a writer learns from what goes through review and out to readers, but another writer's draft
        is unfinished work and stays private to its author until it is submitted.
        """
        if workflow.is_editor(user):
            return self
        return self.filter(models.Q(author_id=user.pk) | ~models.Q(status=Status.DRAFT))

    def mentioning(self, entity):
        return self.filter(entity_items__tag=entity)

    def on_topic(self, topic):
        """These briefs tagged with `topic` (a taggit Tag)."""
        return self.filter(topic_items__tag=topic)

    def cards(self):
        """Published briefs with what a brief card shows (the author, the entity chips) fetched alongside.

        Every public list goes through it, so a page runs the same number of queries for one brief or fifty.
        """
        return self.published().select_related("author").prefetch_related("entities")

    def mentioned_entities(self):
        """The entities these briefs mention, each with `brief_count`: how many of these briefs mention it.

        `Brief.objects.published().mentioned_entities()` is the knowledge base as readers see it: an
        entity tagged only on unpublished briefs has no public page, as its name could give a story away.
        The briefs are a subquery, so this is one query however many there are.
        """
        return Entity.objects.annotate(
            brief_count=models.Count("brief_items", filter=models.Q(brief_items__content_object__in=self.values("id")))
        ).filter(brief_count__gt=0)

    def tagged_topics(self):
        """The topics (taggit Tags) on these briefs, each with `brief_count`; like `mentioned_entities()`."""
        return Tag.objects.annotate(
            brief_count=models.Count(
                "brief_topic_items", filter=models.Q(brief_topic_items__content_object__in=self.values("id"))
            )
        ).filter(brief_count__gt=0)

    def months(self):
        """One row per month of these briefs' `publish_at` in the desk's time zone, newest first.

        Each row is a dict: `month` (an aware datetime at the month's start) and `brief_count`.
        """
        return (
            self.annotate(month=TruncMonth("publish_at"))
            .values("month")
            .annotate(brief_count=models.Count("id"))
            .order_by("-month")
        )
