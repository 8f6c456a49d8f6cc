"""Merge two entities that turned out to be one: everything of the loser moves to the survivor.

The rows that point at an entity belong to the apps above the knowledge base (mentions, suggestions
and article tags in intake, brief tags in the desk), which this app must not import. So the merge
follows every foreign key to `Entity` that Django knows of, whichever app declares it: a new kind of
row pointing at entities is moved too, with no change here.
"""

from django.db import transaction

from briefs.kb.models import Entity


class MergeError(Exception):
    """The merge cannot be done as asked; the message says why."""


@transaction.atomic
def merge_entities(survivor: Entity, loser: Entity) -> Entity:
    """Move the loser's mentions, suggestions, article and brief tags to the survivor; its names become aliases.

    Rows the survivor already has (the same mention, the same tag: anything a unique constraint
    would then hold twice) are kept once, the survivor's. The loser is deleted.
    """
    if survivor.pk == loser.pk:
        raise MergeError("Choose two different entities to merge.")
    for relation in Entity._meta.related_objects:
        if relation.one_to_many:
            _move_rows(relation, survivor, loser)

    known = set(survivor.surface_forms())
    extra = [name for name in loser.surface_forms() if name not in known]
    survivor.aliases = "\n".join([*survivor.alias_list, *extra])
    for field in ("description", "wikidata_id", "website", "name_zh"):
        if not getattr(survivor, field) and getattr(loser, field):
            setattr(survivor, field, getattr(loser, field))
    loser.delete()
    survivor.save()
    return survivor


def _move_rows(relation, survivor: Entity, loser: Entity) -> None:
    """Point the loser's rows of one related model at the survivor, first dropping those it already has."""
    model, name = relation.related_model, relation.field.name
    rows = model._base_manager
    for fields in _unique_field_sets(model):
        if name not in fields:
            continue
        others = [field for field in fields if field != name]
        taken = set(rows.filter(**{name: survivor}).values_list(*others))
        duplicates = [
            pk for pk, *values in rows.filter(**{name: loser}).values_list("pk", *others) if tuple(values) in taken
        ]
        rows.filter(pk__in=duplicates).delete()
    rows.filter(**{name: loser}).update(**{name: survivor})


def _unique_field_sets(model) -> list[tuple[str, ...]]:
    """The field names of each unique constraint of `model` that holds on every row."""
    return [
        *(tuple(constraint.fields) for constraint in model._meta.total_unique_constraints),
        *(tuple(fields) for fields in model._meta.unique_together),
    ]
