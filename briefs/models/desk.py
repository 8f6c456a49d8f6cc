"""Briefs: the English pieces editors write, their sources, key facts and workflow history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager


class TransitionNotAllowed(Exception):
    """A workflow move that the brief's state or the user's role does not allow."""


class BriefQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: the one definition used by every public page, feed and search.

        A scheduled brief counts once its `publish_at` has come, so no cron job is needed.
        """
        now = now or timezone.now()
        return self.filter(
            status__in=[Brief.Status.PUBLISHED, Brief.Status.SCHEDULED], publish_at__isnull=False, publish_at__lte=now
        )

    def in_review(self):
        return self.filter(status=Brief.Status.IN_REVIEW)

    def mentioning(self, entity):
        return self.filter(entity_items__tag=entity)


class Brief(models.Model):
    """A short English brief on one or more Chinese source articles."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, blank=True,
        help_text="Made from the title; it never changes once the brief has been published.",
    )
    dek = models.CharField(max_length=300, blank=True, help_text="One sentence that sums the brief up.")
    body = models.TextField(blank=True, help_text="Markdown. Tables and links are allowed; scripts are removed.")
    body_html = models.TextField(blank=True, editable=False)
    sources = models.ManyToManyField(
        "briefs.SourceArticle", through="briefs.BriefSource", related_name="briefs", blank=True
    )
    entities = TaggableManager(
        through="briefs.TaggedBriefEntity", blank=True, related_name="briefs", verbose_name="entities",
        help_text="Companies, people and places the brief is about.",
    )
    topics = TaggableManager(
        through="briefs.TaggedBriefTopic", blank=True, related_name="briefs", verbose_name="topics",
        help_text="Themes such as e-commerce or livestreaming.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="briefs_written")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="briefs_reviewed"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When readers may see it. In the future, the brief is scheduled."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    correction = models.TextField(blank=True, help_text="A public note shown on a published brief that was corrected.")
    version = models.PositiveIntegerField(default=1, editable=False)
    search_document = models.TextField(
        blank=True, editable=False,
        help_text="Title, dek, body and entity names, with Chinese segmented into words, for search.",
    )

    objects = BriefQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review", "scheduled", "published", "withdrawn"]),
                name="brief_status_is_a_choice",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["scheduled", "published"]) | models.Q(publish_at__isnull=False),
                name="published_brief_has_publish_at",
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_at"])]
        permissions = [("publish_brief", "Can approve, publish, schedule, withdraw and correct briefs")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("briefs:brief-detail", args=[self.slug])

    def is_published(self, now=None):
        now = now or timezone.now()
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.publish_at is not None
            and self.publish_at <= now
        )


class BriefSource(models.Model):
    """A source article a brief draws on, with the original publisher when known."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="source_links")
    article = models.ForeignKey("briefs.SourceArticle", on_delete=models.PROTECT, related_name="brief_links")
    publisher_name = models.CharField(
        max_length=200, blank=True, help_text="Who first published the article (not the site it was scraped from)."
    )
    publisher_url = models.URLField("publisher URL", max_length=500, blank=True)

    class Meta:
        ordering = ["brief", "id"]
        constraints = [models.UniqueConstraint(fields=["brief", "article"], name="one_link_per_brief_source")]

    def __str__(self):
        return self.publisher_name or str(self.article)


class KeyFact(models.Model):
    """One short fact of a brief, with the source sentence it comes from."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="key_facts")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    source_sentence = models.TextField(blank=True, help_text="The sentence of the source this fact comes from.")

    class Meta:
        ordering = ["brief", "position", "id"]

    def __str__(self):
        return self.text


class Transition(models.Model):
    """One recorded workflow move: who moved the brief from which state to which, and why."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Brief.Status.choices)
    to_status = models.CharField(max_length=20, choices=Brief.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    snapshot = models.JSONField(
        null=True, blank=True, help_text="Title, dek, body and key facts as published, for the reviewer's diff."
    )

    class Meta:
        ordering = ["brief", "at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
