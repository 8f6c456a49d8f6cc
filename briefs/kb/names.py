"""Which entity holds a Chinese name or alias: one owner per name, compared as the tagger compares them.

The tagger gives every mention of a surface form to one entity (briefs/text/tag.py: names before
aliases, then the entity first in the knowledge base's order). If a second entity could take
"小红书" as its Chinese name or alias, the tagger might give Xiaohongshu's mentions to it (issue 11:
a writer's "Red Fake" took them all). So a Chinese name or alias belongs to one entity only;
`EntityForm` refuses a new or changed entity that would share one, naming the holder.

Names are compared after `briefs.text.tag.normalise` (Latin lowered, full-width folded, Traditional
folded to Simplified), so "RED", "red" and "ＲＥＤ" are one name, and so are "騰訊" and "腾讯".
English names are not part of this: a city and a company may share one, and uniqueness per kind is
the model's constraint.

Generated places (CLDR, the place dictionary) give way to editors: a name one of them holds does
not stop an editor's entity when the generated place can let it go (`NameOwner.yields_to`), and
`briefs.kb.reference_entities.take_names_from_generated` then hands it over.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefs.kb.models import GENERATED_SOURCES, Entity
from briefs.text.tag import normalise


def name_key(name: str) -> str:
    """The form two names are compared in: stripped and normalised as the tagger does ("ＲＥＤ " -> "red")."""
    return normalise(name.strip())


@dataclass(frozen=True)
class NameOwner:
    """The entity holding a name, as a message names it."""

    pk: int
    name: str
    kind: str
    slug: str
    source: str = Entity.Source.CURATED
    name_zh: str = ""

    def __str__(self):
        return f"{self.name} ({Entity.Kind(self.kind).label.lower()}, slug '{self.slug}')"

    def yields_to(self, name: str, *, kind: str) -> bool:
        """True when an editor's entity of `kind` may take `name` from this holder.

        A generated place gives up a short form to anyone, and its Chinese name to another place
        (it is then merged into that place); names of editors' entities are never given up.
        """
        if self.source not in GENERATED_SOURCES:
            return False
        return kind == self.kind or name_key(name) != name_key(self.name_zh)


class NameOwners:
    """Chinese names and aliases of the knowledge base, each with the entity that holds it.

    Built once from the database (`from_database`, one query); a loader of many rows keeps it
    current with `record` after each save instead of asking the database again for every row.
    """

    def __init__(self):
        self._owners: dict[str, NameOwner] = {}
        self._keys: dict[int, set[str]] = {}

    @classmethod
    def from_database(cls) -> NameOwners:
        owners = cls()
        for entity in Entity.objects.only("pk", "name", "kind", "slug", "name_zh", "aliases", "source").order_by("pk"):
            owners.record(entity)
        return owners

    def record(self, entity: Entity) -> None:
        """Note the Chinese name and aliases `entity` holds now (forgetting those it held before).

        A name another entity holds stays with that one: record it again after it gave the name up.
        """
        self.forget(entity.pk)
        owner = NameOwner(entity.pk, entity.name, entity.kind, entity.slug, entity.source, entity.name_zh)
        keys = {name_key(name) for name in [entity.name_zh, *entity.alias_list] if name.strip()}
        for key in keys:
            self._owners.setdefault(key, owner)
        self._keys[entity.pk] = keys

    def forget(self, pk: int) -> None:
        """Drop the names of the entity `pk` (deleted, or merged into another)."""
        for key in self._keys.pop(pk, set()):
            if self._owners.get(key) and self._owners[key].pk == pk:
                del self._owners[key]

    def owner_of(self, name: str, *, other_than: int | None = None) -> NameOwner | None:
        """The entity other than `other_than` (a pk) that holds `name` as Chinese name or alias, or None."""
        owner = self._owners.get(name_key(name))
        return owner if owner is not None and owner.pk != other_than else None
