"""Load the reference places (briefs/text/reference_places.py) into the knowledge base as generated entities.

One call loads both sources, CLDR (countries, regions, world cities) and the place dictionary
(Chinese provinces, cities, districts), as places marked with their `source` and `source_code`.
Loading again finds each place by that code: a place whose data changed is updated, the others
are reported unchanged, so the load is idempotent.

Editors' entities always win. A place is skipped, and reported, when:
- any other entity already has its Chinese name, as a name or an alias (the curated Shenzhen holds
  深圳市, so the dictionary's 深圳市 is not added);
- a place editors own (curated, or accepted from a suggestion) has one of its short forms: the same
  place under another name (the curated Suzhou holds 苏州);
- an editor changed the generated entity, which made it curated (its code is kept, so it is found).
A short form any other entity holds is only left off the place's aliases (a company "长安" keeps
it). An English name another place has gives way to the one with the parent ("Suzhou, Anhui").

The other way round, an editor's entity saved later takes what it names from generated places
(`take_names_from_generated`, called by the CSV load and the admin): a short form is taken off the
place, and a place whose Chinese name it takes is merged into it (the same place, now curated).

Generated entities have no public page until a published brief mentions them, like any entity
(`BriefQuerySet.mentioned_entities`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from briefs.kb.merging import merge_entities
from briefs.kb.models import Entity
from briefs.kb.names import NameOwners, name_key
from briefs.text.reference_places import ReferencePlace, reference_places

# The fields a reference place sets; anything else on the entity (wikidata_id, website) is left alone.
PLACE_FIELDS = ("name", "name_zh", "aliases", "pinyin", "description")
# New places are inserted in batches rather than saved one by one (3,800 saves, each with its signal
# handlers, take seconds): a new entity has no brief, article or mention to reindex or invalidate.
BATCH_SIZE = 500
# Stands for "a place added in this load" where a map holds primary keys (no row has pk 0).
NEW = 0


@dataclass(frozen=True)
class SkippedPlace:
    source: str
    code: str
    name_zh: str
    reason: str

    def __str__(self):
        return f"skipped {self.name_zh} ({self.source} {self.code}): {self.reason}"


@dataclass
class SourceCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def summary(self) -> str:
        return f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, skipped {self.skipped}"


@dataclass
class ReferenceReport:
    """What a load did, per source and in total, with every skipped place and why.

    `stale` counts generated entities whose code the data no longer has; they are left as they are.
    """

    by_source: dict[str, SourceCounts] = field(default_factory=dict)
    skipped: list[SkippedPlace] = field(default_factory=list)
    stale: int = 0

    def counts(self, source: str) -> SourceCounts:
        return self.by_source.setdefault(source, SourceCounts())

    @property
    def total(self) -> SourceCounts:
        total = SourceCounts()
        for counts in self.by_source.values():
            total.added += counts.added
            total.updated += counts.updated
            total.unchanged += counts.unchanged
            total.skipped += counts.skipped
        return total


@dataclass
class Handover:
    """What an editor's entity took from generated places: places merged into it, places that lost a short form."""

    merged: list[Entity] = field(default_factory=list)
    released: list[tuple[Entity, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            *(f"{place.name} ({place.get_source_display()}) was merged into it" for place in self.merged),
            *(
                f"{name} is no longer a short form of {place.name} ({place.get_source_display()})"
                for place, name in self.released
            ),
        ]


def take_names_from_generated(entity: Entity, *, owners: NameOwners | None = None) -> Handover:
    """Give `entity`, an editor's, the Chinese names and aliases generated places hold (see the module doc).

    `owners` is the loader's NameOwners, kept current here; without it one is read from the database.
    Call it inside the transaction that saved `entity`.
    """
    handover = Handover()
    if entity.is_generated:
        return handover
    owners = owners or NameOwners.from_database()
    for name in dict.fromkeys([entity.name_zh, *entity.alias_list]):
        owner = owners.owner_of(name, other_than=entity.pk) if name.strip() else None
        if owner is None or not owner.yields_to(name, kind=entity.kind):
            continue
        place = Entity.objects.get(pk=owner.pk)
        if name_key(name) == name_key(place.name_zh):
            owners.forget(place.pk)
            merge_entities(entity, place)
            handover.merged.append(place)
        else:
            place.aliases = "\n".join(alias for alias in place.alias_list if name_key(alias) != name_key(name))
            place.save(update_fields=["aliases", "updated_at"])
            owners.record(place)
            handover.released.append((place, name))
    owners.record(entity)
    return handover


def load_reference_entities(places: Iterable[ReferencePlace] | None = None) -> ReferenceReport:
    """Add or update the reference places as generated entities; never change an entity editors own.

    `places` defaults to every reference place (`reference_places`), given the English names of the
    places editors own so that descriptions name parents as briefs do. Runs in one transaction.
    """
    with transaction.atomic():
        loader = _Loader(Entity.objects.all())
        if places is None:
            places = reference_places(english_names=loader.edited_place_names())
        return loader.load(places)


class _Loader:
    """The knowledge base read once, and kept current while the places are added or updated."""

    def __init__(self, entities: Iterable[Entity]):
        self.by_pk = {entity.pk: entity for entity in entities}
        self.owners = NameOwners()
        for entity in self.by_pk.values():
            self.owners.record(entity)
        self.generated = {
            (entity.source, entity.source_code): entity for entity in self.by_pk.values() if entity.is_generated
        }
        # A generated place an editor changed became curated; its code still says which place it was.
        self.edited_codes = {
            entity.source_code: entity
            for entity in self.by_pk.values()
            if not entity.is_generated and entity.source_code
        }
        self.slugs = {entity.slug for entity in self.by_pk.values()}
        self.english = {(entity.name, entity.kind): entity.pk for entity in self.by_pk.values()}
        self.new_names: set[str] = set()
        self.new: list[Entity] = []
        self.report = ReferenceReport()

    def edited_place_names(self) -> dict[str, str]:
        """Chinese names and aliases of the places editors own, each with the place's English name."""
        names: dict[str, str] = {}
        for entity in self.by_pk.values():
            if entity.kind == Entity.Kind.PLACE and not entity.is_generated:
                for name in [entity.name_zh, *entity.alias_list]:
                    names.setdefault(name, entity.name)
        return names

    def load(self, places: Iterable[ReferencePlace]) -> ReferenceReport:
        seen = set()
        for place in places:
            seen.add((place.source, place.code))
            counts = self.report.counts(place.source)
            outcome = self._upsert(place)
            if isinstance(outcome, SkippedPlace):
                self.report.skipped.append(outcome)
                counts.skipped += 1
            else:
                setattr(counts, outcome, getattr(counts, outcome) + 1)
        Entity.objects.bulk_create(self.new, batch_size=BATCH_SIZE)
        self.report.stale = sum(1 for key in self.generated if key not in seen)
        return self.report

    def _upsert(self, place: ReferencePlace) -> str | SkippedPlace:
        """ "added", "updated" or "unchanged", or why the place was skipped."""
        entity = self.generated.get((place.source, place.code))
        own = entity.pk if entity is not None else None
        if entity is None and place.code in self.edited_codes:
            edited = self.edited_codes[place.code]
            return self._skip(place, f"an editor changed it: it is now {self._describe(edited.pk)}")
        holder = self._holder(place.name_zh, own)
        if holder is not None:
            return self._skip(place, f"its Chinese name is a name of {self._describe(holder)}")
        aliases = []
        for alias in place.aliases:
            holder = self._holder(alias, own)
            if holder is None:
                aliases.append(alias)
            elif holder != NEW and self._is_edited_place(holder):
                return self._skip(place, f"its short form {alias} is a name of {self._describe(holder)}")
        name = self._english_name(place, own)
        if not name:
            return self._skip(place, f"its English name {place.name_en} is another place's")
        values = {
            "name": name,
            "name_zh": place.name_zh,
            "aliases": "\n".join(aliases),
            "pinyin": place.pinyin,
            "description": place.description,
        }
        if entity is None:
            self._add(place, values)
            return "added"
        changed = [name for name in PLACE_FIELDS if getattr(entity, name) != values[name]]
        if not changed:
            return "unchanged"
        self.english.pop((entity.name, entity.kind), None)
        for field_name in changed:
            setattr(entity, field_name, values[field_name])
        # save(), not update(): the place may be tagged on briefs, whose search documents hold its names.
        entity.save(update_fields=[*changed, "updated_at"])
        self.owners.record(entity)
        self.english[entity.name, entity.kind] = entity.pk
        return "updated"

    def _add(self, place: ReferencePlace, values: dict) -> None:
        entity = Entity(
            kind=Entity.Kind.PLACE,
            source=place.source,
            source_code=place.code,
            slug=self._free_slug(place, values["name"]),
            **values,
        )
        self.new.append(entity)
        self.new_names.update(name_key(name) for name in [entity.name_zh, *entity.alias_list])
        self.slugs.add(entity.slug)
        self.english[entity.name, entity.kind] = NEW

    def _holder(self, name: str, own: int | None) -> int | None:
        """The pk of the entity other than `own` that holds `name`, NEW for a place added in this load, or None."""
        owner = self.owners.owner_of(name, other_than=own)
        if owner is not None:
            return owner.pk
        return NEW if name_key(name) in self.new_names else None

    def _is_edited_place(self, pk: int) -> bool:
        entity = self.by_pk[pk]
        return entity.kind == Entity.Kind.PLACE and not entity.is_generated

    def _english_name(self, place: ReferencePlace, own: int | None) -> str:
        """The place's English name, or the one with its parent when another place has it; "" if both are taken."""
        for name in (place.name_en, place.qualified_name_en):
            holder = self.english.get((name, Entity.Kind.PLACE))
            if name and (holder is None or holder == own):
                return name
        return ""

    def _free_slug(self, place: ReferencePlace, name: str) -> str:
        """The slug of the English name, or of the name with its parent or code, when that one is taken."""
        texts = (name, place.qualified_name_en, f"{name} {place.code}")
        candidates = [Entity().slugify(text) for text in texts if text]
        for slug in candidates:
            if slug not in self.slugs:
                return slug
        index = 2
        while f"{candidates[-1]}-{index}" in self.slugs:
            index += 1
        return f"{candidates[-1]}-{index}"

    def _describe(self, pk: int) -> str:
        if pk == NEW:
            return "another place in this load"
        entity = self.by_pk[pk]
        source = entity.get_source_display().lower()
        return f"{entity.name} ({entity.get_kind_display().lower()}, {source}, slug '{entity.slug}')"

    def _skip(self, place: ReferencePlace, reason: str) -> SkippedPlace:
        return SkippedPlace(place.source, place.code, place.name_zh, reason)
