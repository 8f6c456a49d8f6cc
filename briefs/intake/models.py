"""Source articles as they arrived, the promo rules, what the cleaner stripped and what the tagger found."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from briefs.kb.locking import VersionedModel
from briefs.kb.models import Entity
from briefs.text.errors import RuleRefused
from briefs.text.rule_check import check_rule
from briefs.text.rules import Rule


class RawTextChanged(Exception):
    """Raised when code tries to save a source article whose raw text was edited."""


class StripKind(models.TextChoices):
    PROMO = "promo", "Promo"
    DUPLICATE = "duplicate", "Duplicate line"
    BOILERPLATE = "boilerplate", "Page chrome"
    CAPTION = "caption", "Caption or credit"
    BYLINE = "byline", "Byline"


class SourceArticle(VersionedModel):
    """A Chinese source article exactly as it was imported.

    `raw_text` is the record: it is never changed after import (saving a changed
    raw text raises `RawTextChanged`). `cleaned_text` is derived from it and the
    strips an editor accepted; mentions point into `cleaned_text`. Every save (a
    workbench decision recomputing the cleaned text too) moves `version` on, so a
    form opened before it is refused (briefs/kb/locking.py).
    """

    raw_text = models.TextField(
        help_text="The text exactly as received (line ends normalised). It can never be edited."
    )
    cleaned_text = models.TextField(
        blank=True, help_text="The raw text minus the accepted strips. Recomputed, never typed."
    )
    sha256 = models.CharField("SHA-256 of the file", max_length=64, unique=True)
    original_filename = models.CharField(max_length=255)
    encoding = models.CharField(max_length=40, help_text="The character encoding detected on import.")
    source_url = models.URLField("source URL", max_length=500, blank=True)
    title = models.CharField(
        max_length=500,
        blank=True,
        help_text="The first line of the cleaned text: the headline without any advert glued to it.",
    )
    byline = models.CharField(max_length=200, blank=True, help_text="The author, when the article names one.")
    model_names_added = models.BooleanField(
        default=False,
        help_text="Whether the NER model's names are among the suggestions (added on import or on first view).",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entities = TaggableManager(
        through="intake.TaggedArticleEntity",
        blank=True,
        related_name="articles",
        verbose_name="entities",
        help_text="Entities an editor confirmed in this article.",
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        indexes = [models.Index(fields=["imported_at"])]

    def __str__(self):
        return self.title or self.original_filename

    def save(self, *args, **kwargs):
        # The raw text is the record every strip and offset refers to: an edit would
        # silently shift them all, so it is refused here rather than trusted to callers.
        loaded = getattr(self, "_loaded_raw_text", None)
        if self.pk and loaded is not None and self.raw_text != loaded:
            raise RawTextChanged(
                f"Source article {self.pk} ({self.original_filename}): the raw text cannot be changed "
                "after import. Import the corrected file as a new article instead."
            )
        super().save(*args, **kwargs)
        self._loaded_raw_text = self.raw_text

    def get_absolute_url(self):
        return reverse("admin:intake_sourcearticle_change", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._loaded_raw_text = article.__dict__.get("raw_text")
        return article


class PromoRule(models.Model):
    """A phrase or regular expression that marks promo text or page chrome."""

    pattern = models.CharField(
        max_length=300,
        unique=True,
        help_text="The exact phrase, or a Python regular expression when “is regex” is ticked.",
    )
    is_regex = models.BooleanField("is regex", default=False)
    kind = models.CharField(max_length=20, choices=StripKind.choices, default=StripKind.PROMO)
    note = models.CharField(max_length=300, blank=True, help_text="Why this rule exists, for the next editor.")
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "pattern"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=StripKind.values), name="promorule_kind_is_a_choice"
            ),
        ]

    def __str__(self):
        return self.pattern

    def clean_fields(self, exclude=None):
        """Refuse a rule that would not compile, could stall imports, or strips ordinary text.

        The error sits on "pattern" when the form shows it, and is a non-field error otherwise: the
        rule list's "active" tick box has no pattern field, and a "pattern" error there was a 500
        (Django documents clean_fields, which knows the excluded fields, for this case).
        An inactive rule is not checked: it never runs, and checking it would stop an editor from
        switching off a bad rule that reached the table some other way.
        """
        super().clean_fields(exclude=exclude)
        if not self.is_active or not self.pattern:
            return
        kind = self.kind if self.kind in StripKind.values else StripKind.PROMO
        try:
            check_rule(Rule(pattern=self.pattern, kind=kind, is_regex=self.is_regex))
        except RuleRefused as error:
            if exclude and "pattern" in exclude:
                raise ValidationError(f"“{self.pattern}”: {error}") from error
            raise ValidationError({"pattern": str(error)}) from error


class Strip(models.Model):
    """A passage of an article's raw text that the cleaner (or an editor) removed.

    `start`/`end` are offsets into the article's raw text; `text == raw_text[start:end]`.
    A restored strip stays on record so re-cleaning keeps the editor's decision.
    """

    Kind = StripKind

    class Status(models.TextChoices):
        STRIPPED = "stripped", "Stripped"
        RESTORED = "restored", "Restored"

    class Origin(models.TextChoices):
        CLEANER = "cleaner", "Cleaner"
        EDITOR = "editor", "Editor"

    article = models.ForeignKey(SourceArticle, on_delete=models.CASCADE, related_name="strips")
    kind = models.CharField(max_length=20, choices=StripKind.choices)
    start = models.PositiveIntegerField(help_text="Offset into the raw text where the strip starts.")
    end = models.PositiveIntegerField(help_text="Offset into the raw text just after the strip.")
    text = models.TextField()
    rule = models.CharField(max_length=300, help_text="The rule that found it, or who stripped it by hand.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.CLEANER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STRIPPED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="strip_ends_after_it_starts"),
            models.UniqueConstraint(fields=["article", "start", "end"], name="one_strip_per_article_span"),
            models.CheckConstraint(condition=models.Q(kind__in=StripKind.values), name="strip_kind_is_a_choice"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:40]}"

    @property
    def is_stripped(self):
        return self.status == self.Status.STRIPPED


class TaggedArticleEntity(TaggedItemBase):
    """An entity an editor confirmed on a source article."""

    tag = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="article_items")
    content_object = models.ForeignKey(SourceArticle, on_delete=models.CASCADE, related_name="entity_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_article_entity"),
        ]


class Mention(models.Model):
    """Where the tagger found an entity in an article. Offsets point into the cleaned text."""

    class Status(models.TextChoices):
        FOUND = "found", "Found"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(SourceArticle, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    surface = models.CharField(max_length=200)
    start = models.PositiveIntegerField(help_text="Offset into the cleaned text.")
    end = models.PositiveIntegerField(help_text="Offset into the cleaned text, just after the mention.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.FOUND)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="mention_ends_after_it_starts"),
            models.UniqueConstraint(fields=["article", "entity", "start"], name="one_mention_per_entity_and_offset"),
        ]

    def __str__(self):
        return f"{self.surface} → {self.entity}"


class Suggestion(models.Model):
    """A name the tagger found that the knowledge base does not know, for an editor to decide on.

    A rejected surface is remembered: the tagger never suggests it again, in any article.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(SourceArticle, on_delete=models.CASCADE, related_name="suggestions")
    surface = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Entity.Kind.choices, default=Entity.Kind.OTHER)
    count = models.PositiveIntegerField(default=1)
    proposed_name = models.CharField("proposed English name", max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The entity created or extended when the suggestion was accepted.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["article", "-count", "surface"]
        constraints = [
            models.UniqueConstraint(fields=["article", "surface"], name="one_suggestion_per_article_surface"),
        ]
        indexes = [models.Index(fields=["surface", "status"])]

    def __str__(self):
        return self.surface
