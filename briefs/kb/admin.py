"""The knowledge base in the admin: search by any name, filter by kind and source, merge, export to CSV."""

import io

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from briefs.kb.entity_csv import write_entities_csv
from briefs.kb.forms import EntityAdminForm
from briefs.kb.locking import VersionedAdmin
from briefs.kb.merging import MergeError, merge_entities
from briefs.kb.models import Entity
from briefs.kb.reference_entities import take_names_from_generated


@admin.register(Entity)
class EntityAdmin(VersionedAdmin, admin.ModelAdmin):
    # The rules a CSV row meets too (briefs.kb.forms); two editors saving the same entity: the second
    # is refused, naming what changed (briefs.kb.locking).
    form = EntityAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "name_zh", "kind", "source", "description", "mention_count", "updated_at"]
    list_filter = ["kind", "source"]
    search_fields = ["name", "name_zh", "aliases", "pinyin", "slug", "description"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "name_zh", "aliases", "pinyin", "description", "wikidata_id", "website", "source"]
    readonly_fields = ["source"]
    actions = ["export_csv", "merge_selected"]

    def save_model(self, request, obj, form, change):
        # An editor's change makes a generated place theirs: load_reference_entities leaves it alone.
        if obj.is_generated:
            obj.source = Entity.Source.CURATED
        super().save_model(request, obj, form, change)
        for line in take_names_from_generated(obj).lines():
            self.message_user(request, f"{obj.name}: {line}.", messages.INFO)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_count=Count("mentions"))

    @admin.display(description="Mentions", ordering="mention_count")
    def mention_count(self, entity):
        return entity.mention_count

    @admin.action(description="Export selected entities to CSV (the load_entities format)")
    def export_csv(self, request, queryset):
        buffer = io.StringIO()
        write_entities_csv(queryset.order_by("slug"), buffer)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="entities-{stamp}.csv"'
        return response

    @admin.action(description="Merge two selected entities…", permissions=["delete"])
    def merge_selected(self, request, queryset):
        entities = list(queryset.order_by("name"))
        if len(entities) != 2:
            self.message_user(request, "Select exactly two entities to merge.", messages.ERROR)
            return None
        if "survivor" in request.POST:
            by_pk = {str(entity.pk): entity for entity in entities}
            survivor = by_pk.get(request.POST["survivor"])
            if survivor is None:
                self.message_user(request, "Choose which of the two entities to keep.", messages.ERROR)
                return None
            loser = next(entity for entity in entities if entity.pk != survivor.pk)
            loser_name = loser.name
            try:
                merge_entities(survivor, loser)
            except MergeError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request, f"Merged {loser_name} into {survivor.name}; its names are now aliases.", messages.SUCCESS
            )
            return redirect("admin:kb_entity_change", survivor.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge two entities",
            "entities": entities,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/kb/entity/merge.html", context)
