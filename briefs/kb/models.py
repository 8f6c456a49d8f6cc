"""The entity knowledge base: companies, brands, products, people, places and organisations, as taggit tags.

The rows that point at an entity live in the apps that use it: mentions, suggestions and article
tags in `briefs.intake`, brief tags in `briefs.desk`.

Each entity records where it came from (`source`): typed by editors or `seeds/entities.csv`
("curated"), accepted from a suggestion ("suggested"), or generated from maintained data by
`manage.py load_reference_entities` ("cldr", "places"). Like every entity, a generated one has a
public page only once a published brief mentions it (`BriefQuerySet.mentioned_entities`).
"""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import NaturalKeyManager, TagBase

from briefs.kb.locking import VersionedModel


class EntityKind(models.TextChoices):
    COMPANY = "company", "Company"
    BRAND = "brand", "Brand"
    PRODUCT = "product", "Product or model"
    PERSON = "person", "Person"
    PLACE = "place", "Place"
    ORGANISATION = "organisation", "Organisation or regulator"
    OTHER = "other", "Other"


class EntitySource(models.TextChoices):
    CURATED = "curated", "Curated"
    SUGGESTED = "suggested", "Accepted suggestion"
    CLDR = "cldr", "CLDR (countries, regions, world cities)"
    PLACES = "places", "Place dictionary (Chinese provinces, cities, districts)"


# Sources `load_reference_entities` generates and may update; the others belong to editors.
GENERATED_SOURCES = (EntitySource.CLDR, EntitySource.PLACES)


class EntityQuerySet(models.QuerySet):
    def generated(self):
        """Entities made from maintained data (CLDR, the place dictionary), which the reference loader owns."""
        return self.filter(source__in=GENERATED_SOURCES)

    def edited(self):
        """Entities editors own: curated rows and accepted suggestions. A generated row never overwrites them."""
        return self.exclude(source__in=GENERATED_SOURCES)


class Entity(TagBase, VersionedModel):
    """A company, brand, product, person, place or organisation, named in English as briefs name it.

    A django-taggit tag: briefs and articles carry entities through `TaggedBriefEntity` and
    `TaggedArticleEntity`. `aliases` holds other surface forms, one per line. Every save moves
    `version` on, so an editor's form opened before a merge, a CSV load or an alias is refused
    (briefs/kb/locking.py).
    """

    Kind = EntityKind
    Source = EntitySource

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
    source = models.CharField(
        max_length=20, choices=Source.choices, default=Source.CURATED,
        help_text="Where the entity came from. Generated ones (CLDR, place dictionary) are refreshed by "
        "load_reference_entities; editing one here makes it curated.",
    )
    source_code = models.CharField(
        max_length=100, blank=True,
        help_text="Its code in the generated source (a region code, a time zone, an administrative "
        "division code); empty for curated entities.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # taggit's manager (natural keys for loaddata) with the selections above.
    objects = NaturalKeyManager.from_queryset(EntityQuerySet)()

    class Meta:
        verbose_name = "entity"
        verbose_name_plural = "entities"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="entity_name_unique_per_kind"),
            models.CheckConstraint(condition=models.Q(kind__in=EntityKind.values), name="entity_kind_is_a_choice"),
            models.CheckConstraint(
                condition=models.Q(source__in=EntitySource.values), name="entity_source_is_a_choice"
            ),
            models.UniqueConstraint(
                fields=["source", "source_code"], condition=~models.Q(source_code=""),
                name="entity_source_code_unique_per_source",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:entity-detail", args=[self.slug])

    def slugify(self, tag, i=None):
        slug = slugify(tag, allow_unicode=False) or "entity"
        return f"{slug}-{i}" if i is not None else slug

    @property
    def is_generated(self) -> bool:
        return self.source in GENERATED_SOURCES

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def surface_forms(self):
        """Every form the tagger should look for: the Chinese name, the English name and the aliases."""
        forms = [self.name_zh, self.name, *self.alias_list]
        return list(dict.fromkeys(form for form in forms if form))
