"""Index and cache upkeep only: keep search in step with briefs and start a new page-cache generation.

page_cache.invalidate() counts the change in the database now and tells the cache after commit, so a
cache that is down or slow never fails or holds up the write.

No domain rules here (see STYLE.md): workflow lives on the models; these receivers only react to
rows that changed. taggit adds and removes tags with bulk queries, which send `m2m_changed` on the
through model rather than `post_save`, so both are connected.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from briefs.desk.models import Brief, BriefSource, KeyFact, TaggedBriefEntity, TaggedBriefTopic
from briefs.kb.models import Entity
from briefs.public import page_cache, search


def brief_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rows arrive in any order; run `manage.py rebuild_search_index` afterwards
        return
    search.index_brief(instance)
    page_cache.invalidate()


def brief_deleted(sender, instance, **kwargs):
    search.unindex_brief(instance.pk)
    page_cache.invalidate()


def brief_part_changed(sender, instance, raw=False, **kwargs):
    """A key fact or source link: shown on the brief's page, not searched."""
    if not raw:
        page_cache.invalidate()


def brief_entity_changed(sender, instance, raw=False, **kwargs):
    """One tagging row saved or deleted (the admin inline, a cascade from a deleted entity)."""
    if raw:
        return
    brief = Brief.objects.filter(pk=instance.content_object_id).first()
    if brief is not None:
        search.index_brief(brief)
    page_cache.invalidate()


def brief_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """brief.entities.add/remove/set/clear (or entity.briefs…): reindex each brief touched."""
    if not action.startswith("post_"):
        return
    if sender is TaggedBriefEntity:
        briefs = [instance] if not reverse else list(Brief.objects.filter(pk__in=pk_set or []))
        for brief in briefs:
            search.index_brief(brief)
    page_cache.invalidate()


def entity_saved(sender, instance, raw=False, **kwargs):
    """Names feed the search documents of every brief tagged with the entity."""
    if raw:
        return
    for brief in Brief.objects.filter(entity_items__tag=instance):
        search.index_brief(brief)
    page_cache.invalidate()


def topic_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate()


def connect():
    post_save.connect(brief_saved, sender=Brief, dispatch_uid="public.brief_saved")
    post_delete.connect(brief_deleted, sender=Brief, dispatch_uid="public.brief_deleted")
    for model in (KeyFact, BriefSource, TaggedBriefTopic):
        post_save.connect(brief_part_changed, sender=model, dispatch_uid=f"public.saved.{model.__name__}")
        post_delete.connect(brief_part_changed, sender=model, dispatch_uid=f"public.deleted.{model.__name__}")
    post_save.connect(brief_entity_changed, sender=TaggedBriefEntity, dispatch_uid="public.tagged_entity_saved")
    post_delete.connect(brief_entity_changed, sender=TaggedBriefEntity, dispatch_uid="public.tagged_entity_deleted")
    for through in (TaggedBriefEntity, TaggedBriefTopic):
        m2m_changed.connect(brief_tags_changed, sender=through, dispatch_uid=f"public.m2m.{through.__name__}")
    post_save.connect(entity_saved, sender=Entity, dispatch_uid="public.entity_saved")
    post_delete.connect(topic_changed, sender=Entity, dispatch_uid="public.entity_deleted")
    post_save.connect(topic_changed, sender=Tag, dispatch_uid="public.topic_saved")
    post_delete.connect(topic_changed, sender=Tag, dispatch_uid="public.topic_deleted")
