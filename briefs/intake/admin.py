"""Source articles in the admin: the list, the upload, and the read-only raw text."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from briefs.intake import curation
from briefs.intake.admin_views import PREVIEW_BUTTON, rule_preview_response
from briefs.intake.forms import ArticleUploadForm
from briefs.intake.importing import NOT_PROCESSED, import_uploads
from briefs.intake.models import PromoRule, SourceArticle, Strip
from briefs.intake.workbench import article_action, workbench_context
from briefs.kb.locking import VersionedAdmin, VersionedForm


@admin.register(SourceArticle)
class SourceArticleAdmin(VersionedAdmin, admin.ModelAdmin):
    # Two people saving the same article (its source URL): the second is refused, naming what changed.
    form = VersionedForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "original_filename", "encoding", "byline", "strip_counts", "imported_at"]
    list_filter = [("imported_at", admin.DateFieldListFilter), "encoding"]
    search_fields = ["title", "original_filename", "byline", "raw_text", "sha256"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        "raw_text", "cleaned_text", "sha256", "original_filename", "encoding", "title", "byline",
        "imported_at", "imported_by",
    ]
    # The raw and cleaned texts are shown in the workbench panels below the form, with strips and mentions marked.
    fields = ["title", "byline", "source_url", "original_filename", "encoding", "sha256", "imported_at", "imported_by"]
    change_list_template = "admin/intake/sourcearticle/change_list.html"
    change_form_template = "admin/intake/sourcearticle/change_form.html"
    actions = ["reclean_selected"]

    class Media:
        css = {"all": ["admin-briefs/workbench.css"]}

    def get_queryset(self, request):
        stripped = Q(strips__status=Strip.Status.STRIPPED)
        counts = {kind: Count("strips", filter=stripped & Q(strips__kind=kind)) for kind in Strip.Kind.values}
        return super().get_queryset(request).select_related("imported_by").annotate(
            **{f"{kind}_count": expression for kind, expression in counts.items()}
        )

    @admin.display(description="Stripped")
    def strip_counts(self, article):
        parts = [
            f"{getattr(article, f'{kind}_count')} {label.lower()}"
            for kind, label in Strip.Kind.choices
            if getattr(article, f"{kind}_count", 0)
        ]
        return ", ".join(parts) or "nothing"

    @admin.action(description="Clean again with the current rules (editors' decisions are kept)",
                  permissions=["change"])
    def reclean_selected(self, request, queryset):
        added = dropped = 0
        for article in queryset:
            counts = curation.reclean(article)
            added, dropped = added + counts["added"], dropped + counts["dropped"]
            for failure in counts["rule_failures"]:
                self.message_user(request, f"{article}: rule error: {failure}", messages.WARNING)
        self.message_user(
            request, f"Cleaned {queryset.count()} article(s) again: {added} new strips, {dropped} dropped.",
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        # Articles arrive through the upload form, which checks files the same way as the command.
        return False

    def get_urls(self):
        upload = path(
            "upload/", self.admin_site.admin_view(self.upload_view), name="intake_sourcearticle_upload"
        )
        action = self.admin_site.admin_view(article_action)
        actions = [
            path("<int:article_id>/do/<slug:action>/", action, name="intake_sourcearticle_action"),
            path("<int:article_id>/do/<slug:action>/<int:pk>/", action, name="intake_sourcearticle_action"),
        ]
        return [upload, *actions, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The article the admin already loaded: fetching it again in change_view cost a query per page.
        if obj is not None:
            curation.add_model_names(obj)  # once, for an article imported without the NER pass
            context.update(workbench_context(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def upload_view(self, request):
        if not request.user.has_perm("intake.add_sourcearticle"):
            messages.error(request, "You do not have permission to import articles.")
            return redirect("admin:intake_sourcearticle_changelist")
        form = ArticleUploadForm(request.POST, request.FILES) if request.method == "POST" else ArticleUploadForm()
        if form.is_bound and form.is_valid():
            # Within a time budget (settings.UPLOAD_IMPORT_BUDGET_SECONDS), so the page answers
            # before gunicorn's timeout and every file is named, those not processed included.
            outcomes = import_uploads(form.cleaned_data["files"], user=request.user)
            report_outcomes(request, outcomes)
            return redirect("admin:intake_sourcearticle_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Import articles",
        }
        return TemplateResponse(request, "admin/intake/sourcearticle/upload.html", context)


def report_outcomes(request, outcomes):
    """One message per uploaded file, in order, after a summary of the files to upload again."""
    skipped = [outcome.path for outcome in outcomes if outcome.status == NOT_PROCESSED]
    if skipped:
        messages.error(
            request,
            f"{len(skipped)} of {len(outcomes)} files NOT PROCESSED, upload these again: {', '.join(skipped)}. "
            "The import stopped before them so that the page would not time out.",
        )
    for outcome in outcomes:
        report_outcome(request, outcome)


def report_outcome(request, outcome):
    if outcome.status == "rejected":
        messages.error(request, f"{outcome.path}: rejected: {outcome.error}")
    elif outcome.status == NOT_PROCESSED:
        messages.error(request, f"{outcome.path}: NOT PROCESSED, upload it again (nothing of it was saved)")
    elif outcome.status == "unchanged":
        messages.info(request, f"{outcome.path}: unchanged (already imported as “{outcome.article}”)")
    else:
        url = reverse("admin:intake_sourcearticle_change", args=[outcome.article.pk])
        messages.success(request, f"{outcome.path}: imported as “{outcome.article}” ({url})")
    for failure in outcome.rule_failures:
        messages.warning(request, f"{outcome.path}: rule error: {failure}")


@admin.register(PromoRule)
class PromoRuleAdmin(admin.ModelAdmin):
    # PromoRule.clean() refuses rules that do not compile, could stall imports or strip ordinary text.
    fields = ["pattern", "is_regex", "kind", "note", "is_active"]
    list_display = ["pattern", "kind", "is_regex", "is_active", "note", "updated_at"]
    list_filter = ["kind", "is_active", "is_regex"]
    list_editable = ["is_active"]
    search_fields = ["pattern", "note"]
    # A "Preview" button beside Save shows what the rule would strip from the stored articles, unsaved.
    change_form_template = "admin/intake/promorule/change_form.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and PREVIEW_BUTTON in request.POST:
            return rule_preview_response(self, request, object_id, form_url)
        return super().changeform_view(request, object_id, form_url, extra_context)
