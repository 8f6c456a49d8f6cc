"""Merge two entities that turned out to be one: everything of the loser moves to the survivor."""

from django.db import transaction

from .models import Entity, Mention, Suggestion, TaggedArticleEntity, TaggedBriefEntity


class MergeError(Exception):
    """The merge cannot be done as asked; the message says why."""


@transaction.atomic
def merge_entities(survivor: Entity, loser: Entity) -> Entity:
    """Move the loser's mentions, article and brief tags to the survivor; its names become aliases.

    Rows the survivor already has (the same mention, the same tag) are kept once. The loser is deleted.
    """
    if survivor.pk == loser.pk:
        raise MergeError("Choose two different entities to merge.")
    _move_mentions(survivor, loser)
    for through in (TaggedArticleEntity, TaggedBriefEntity):
        already = through.objects.filter(tag=survivor).values("content_object_id")
        through.objects.filter(tag=loser, content_object_id__in=already).delete()
        through.objects.filter(tag=loser).update(tag=survivor)
    Suggestion.objects.filter(entity=loser).update(entity=survivor)

    known = set(survivor.surface_forms())
    extra = [name for name in loser.surface_forms() if name not in known]
    survivor.aliases = "\n".join([*survivor.alias_list, *extra])
    for field in ("description", "wikidata_id", "website", "name_zh"):
        if not getattr(survivor, field) and getattr(loser, field):
            setattr(survivor, field, getattr(loser, field))
    loser.delete()
    survivor.save()
    return survivor


def _move_mentions(survivor: Entity, loser: Entity) -> None:
    taken = set(Mention.objects.filter(entity=survivor).values_list("article_id", "start"))
    duplicate_ids = [
        pk
        for pk, article_id, start in Mention.objects.filter(entity=loser).values_list("pk", "article_id", "start")
        if (article_id, start) in taken
    ]
    Mention.objects.filter(pk__in=duplicate_ids).delete()
    Mention.objects.filter(entity=loser).update(entity=survivor)
