"""The entity knowledge base, tags that carry entities and topics, and what the tagger found."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import Tag, TagBase, TaggedItemBase

from briefs.locking import VersionedModel


class EntityKind(models.TextChoices):
    COMPANY = "company", "Company"
    BRAND = "brand", "Brand or product"
    PERSON = "person", "Person"
    PLACE = "place", "Place"
    ORGANISATION = "organisation", "Organisation or regulator"
    OTHER = "other", "Other"


class Entity(TagBase, VersionedModel):
    """A company, brand, person, place or organisation, named in English as briefs name it.

    A django-taggit tag: briefs and articles carry entities through `TaggedBriefEntity` and
    `TaggedArticleEntity`. `aliases` holds other surface forms, one per line. Every save moves
    `version` on, so an editor's form opened before a merge, a CSV load or an alias is refused
    (briefs.locking).
    """

    Kind = EntityKind

    # TagBase makes `name` unique on its own; the desk needs the same name for, say, a
    # city and a company, so uniqueness is per kind (see Meta.constraints).
    name = models.CharField("English name", max_length=100, help_text="The name used in briefs, e.g. Xiaohongshu.")
    # Entity pages live at /entities/<slug>/, a Latin-letters address: taggit would allow any letters.
    slug = models.SlugField(
        max_length=100, unique=True, allow_unicode=False,
        help_text="The page address, from the English name: Latin letters, digits and hyphens.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    name_zh = models.CharField("Chinese name", max_length=100, blank=True, help_text="Simplified Chinese.")
    aliases = models.TextField(
        blank=True,
        help_text="Other ways articles write it, one per line: Traditional, short forms (B站), "
        "English and pinyin spellings, handles.",
    )
    pinyin = models.CharField(max_length=200, blank=True, help_text="Filled from the Chinese name when empty.")
    description = models.CharField(
        max_length=300, blank=True, help_text="One English line, e.g. “Chinese lifestyle and e-commerce platform”."
    )
    wikidata_id = models.CharField("Wikidata ID", max_length=20, blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "entity"
        verbose_name_plural = "entities"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="entity_name_unique_per_kind"),
            models.CheckConstraint(condition=models.Q(kind__in=EntityKind.values), name="entity_kind_is_a_choice"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefs:entity-detail", args=[self.slug])

    def slugify(self, tag, i=None):
        slug = slugify(tag, allow_unicode=False) or "entity"
        return f"{slug}-{i}" if i is not None else slug

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def surface_forms(self):
        """Every form the tagger should look for: the Chinese name, the English name and the aliases."""
        forms = [self.name_zh, self.name, *self.alias_list]
        return list(dict.fromkeys(form for form in forms if form))


class TaggedArticleEntity(TaggedItemBase):
    """An entity an editor confirmed on a source article."""

    tag = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="article_items")
    content_object = models.ForeignKey("briefs.SourceArticle", on_delete=models.CASCADE, related_name="entity_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_article_entity"),
        ]


class TaggedBriefEntity(TaggedItemBase):
    """An entity a brief is about."""

    tag = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="brief_items")
    content_object = models.ForeignKey("briefs.Brief", on_delete=models.CASCADE, related_name="entity_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_brief_entity"),
        ]


class TaggedBriefTopic(TaggedItemBase):
    """A plain taggit topic on a brief (e-commerce, livestreaming…)."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="brief_topic_items")
    content_object = models.ForeignKey("briefs.Brief", on_delete=models.CASCADE, related_name="topic_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_brief_topic"),
        ]


class Mention(models.Model):
    """Where the tagger found an entity in an article. Offsets point into the cleaned text."""

    class Status(models.TextChoices):
        FOUND = "found", "Found"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey("briefs.SourceArticle", on_delete=models.CASCADE, related_name="mentions")
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

    article = models.ForeignKey("briefs.SourceArticle", on_delete=models.CASCADE, related_name="suggestions")
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
