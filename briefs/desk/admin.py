"""The brief desk in the admin: write beside the source, move briefs through review, compare revisions.

Every workflow button and action calls `Brief.move`; a refused move is reported with
`message_user` and changes nothing. The views behind the buttons and the page's panels are in
`admin_views.py`, what a new brief starts with in `prefill.py`, revisions and recovery in
`admin_history.py`. Extra admin URLs (all staff-only through `admin_view`):

- `admin:desk_brief_from_article` (from-article/<article_pk>/): a new brief pre-filled from an article
- `admin:desk_brief_preview_markdown` (preview-markdown/): the live preview's sanitised HTML, as JSON
- `admin:desk_brief_preview` (<pk>/preview/): the brief exactly as its public page will render it
- `admin:desk_brief_move` (<pk>/move/): a workflow move pressed on the brief's page
- `admin:desk_brief_compare` (<pk>/history/compare/?from=&to=): a diff between two revisions
"""

from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.urls import path
from reversion.admin import VersionAdmin

from briefs.desk import admin_views, workflow
from briefs.desk.admin_history import BriefHistoryMixin
from briefs.desk.forms import BriefForm
from briefs.desk.models import Brief, BriefChangedMeanwhile, BriefSource, KeyFact
from briefs.desk.prefill import prefilled_entities, prefilled_rows
from briefs.desk.times import desk_time


class PrefilledInlineFormSet(BaseInlineFormSet):
    """An inline formset that shows one extra form per row given as `initial` (Django shows only `extra`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.extra = len(self.initial_extra or [])


class DeskInlineMixin:
    """Inlines follow the brief: editable exactly when the brief is editable by this user.

    A new brief written from a source article starts with rows prefilled from it (see
    `BriefAdmin.get_formset_kwargs`); otherwise no blank rows are shown until the editor adds one.
    """

    formset = PrefilledInlineFormSet
    extra = 0

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.can_be_edited_by(request.user)

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.can_be_edited_by(request.user)

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.can_be_edited_by(request.user)


class BriefSourceInline(DeskInlineMixin, admin.TabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    model = BriefSource
    fields = ["article", "publisher_name", "publisher_url"]
    autocomplete_fields = ["article"]
    verbose_name = "source article"


class KeyFactInline(DeskInlineMixin, admin.TabularInline):
    model = KeyFact
    fields = ["position", "text", "source_sentence"]
    formfield_overrides = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 2})}}


@admin.register(Brief)
class BriefAdmin(BriefHistoryMixin, VersionAdmin):
    form = BriefForm
    inlines = [BriefSourceInline, KeyFactInline]
    list_display = ["title", "status", "author", "reviewer", "publish_time", "updated_time"]
    list_filter = ["status", "author", "reviewer"]
    search_fields = ["title", "dek", "body", "slug"]
    list_select_related = ["author", "reviewer"]
    readonly_fields = [
        "slug", "status", "author", "reviewer", "publish_time", "published_time", "updated_time", "correction",
        "version",
    ]
    change_form_template = "admin/desk/brief/change_form.html"
    object_history_template = "admin/desk/brief/object_history.html"
    actions = ["submit_selected_for_review", "publish_selected_now"]
    history_latest_first = True

    def get_fieldsets(self, request, obj=None):
        words = ["title", "dek", "body", "entities", "topics"]
        if obj is None or obj.can_be_edited_by(request.user):
            words.append("loaded_version")
        return [
            (None, {"fields": words}),
            ("Workflow", {"fields": [
                "status", "author", "reviewer", "publish_time", "published_time", "updated_time", "slug", "correction",
                "version",
            ]}),
        ]

    # ---- who may do what ---------------------------------------------------------------------

    def get_queryset(self, request):
        """Only the briefs this user may see (`Brief.objects.visible_to`): the list, every page, autocomplete."""
        return super().get_queryset(request).visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        """The brief, or 404 when it does not exist or this user may not see it (not a redirect, on every page)."""
        brief = super().get_object(request, object_id, from_field)
        if brief is None:
            raise Http404("No such brief.")
        return brief

    # ---- the form and its inlines -------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            # A live brief's save runs the publish checks on its sources and key facts as submitted:
            # this request's form class carries a callable that builds them from the same POST.
            form_class.inline_formsets = staticmethod(lambda: admin_views.submitted_formsets(self, request, obj))
        return form_class

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return obj.can_be_edited_by(request.user)

    # ---- list columns and read-only times, each with its zone ----------------------------------

    @admin.display(description="Publish at", ordering="publish_at")
    def publish_time(self, brief):
        return desk_time(brief.publish_at) or "—"

    @admin.display(description="First published", ordering="published_at")
    def published_time(self, brief):
        return desk_time(brief.published_at) or "—"

    @admin.display(description="Updated", ordering="updated_at")
    def updated_time(self, brief):
        return desk_time(brief.updated_at) or "—"

    # ---- saving: the author on add, the lock on change -------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
            obj.save()
            return
        obj.save_edit(loaded_version=form.cleaned_data["loaded_version"])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except BriefChangedMeanwhile:
            # Another save won the race after this form was validated; the whole attempt was rolled
            # back. Validating again now fails with the message naming the winner, text kept.
            return super().changeform_view(request, object_id, form_url, extra_context)

    # ---- the page: prefill from a source article, then source, glossary, checks, workflow ---------

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.pop("from_article", None)
        article = admin_views.article_to_prefill(request)
        if article is not None:
            initial["entities"] = [entity.pk for entity in prefilled_entities(article)]
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        article = admin_views.article_to_prefill(request) if obj.pk is None and request.method == "GET" else None
        if article is not None:
            kwargs["initial"] = prefilled_rows(article, inline.model)
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(admin_views.change_form_context(request, context, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # ---- extra URLs ----------------------------------------------------------------------------

    def get_urls(self):
        def view(function, route, name, cacheable=False):
            return path(route, self.admin_site.admin_view(function, cacheable), name=f"desk_brief_{name}")

        return [
            view(self.from_article_view, "from-article/<int:article_pk>/", "from_article"),
            view(self.preview_markdown_view, "preview-markdown/", "preview_markdown"),
            # Cacheable only so admin_view adds no headers of its own: the view sends "private, no-store".
            view(self.preview_view, "<int:pk>/preview/", "preview", cacheable=True),
            view(self.move_view, "<int:pk>/move/", "move"),
            view(self.compare_view, "<int:pk>/history/compare/", "compare"),
            *super().get_urls(),
        ]

    def from_article_view(self, request, article_pk):
        return admin_views.from_article(self, request, article_pk)

    def preview_markdown_view(self, request):
        return admin_views.preview_markdown(self, request)

    def preview_view(self, request, pk):
        return admin_views.preview(self, request, pk)

    def move_view(self, request, pk):
        return admin_views.make_move(self, request, pk)

    # ---- changelist actions --------------------------------------------------------------------

    @admin.action(description="Submit selected briefs for review", permissions=["change"])
    def submit_selected_for_review(self, request, queryset):
        admin_views.run_action(self, request, queryset, "submit_for_review", "submitted")

    @admin.action(description="Approve and publish selected briefs now", permissions=["publish"])
    def publish_selected_now(self, request, queryset):
        admin_views.run_action(self, request, queryset, "publish", "published")

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)
