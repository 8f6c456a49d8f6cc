"""Source articles in the admin: the list, the upload, and the read-only raw text."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from briefs.curation import reclean
from briefs.forms import ArticleUploadForm
from briefs.importing import import_upload
from briefs.locking import VersionedAdmin, VersionedForm
from briefs.models import PromoRule, SourceArticle, Strip
from briefs.pipeline import current_tools
from briefs.text.clean import Rule, compile_rules
from briefs.text.errors import TextError

from .workbench import article_action, workbench_context


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
    change_list_template = "admin/briefs/sourcearticle/change_list.html"
    change_form_template = "admin/briefs/sourcearticle/change_form.html"
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
            counts = reclean(article)
            added, dropped = added + counts["added"], dropped + counts["dropped"]
        self.message_user(
            request, f"Cleaned {queryset.count()} article(s) again: {added} new strips, {dropped} dropped.",
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        # Articles arrive through the upload form, which checks files the same way as the command.
        return False

    def get_urls(self):
        upload = path(
            "upload/", self.admin_site.admin_view(self.upload_view), name="briefs_sourcearticle_upload"
        )
        action = self.admin_site.admin_view(article_action)
        actions = [
            path("<int:article_id>/do/<slug:action>/", action, name="briefs_sourcearticle_action"),
            path("<int:article_id>/do/<slug:action>/<int:pk>/", action, name="briefs_sourcearticle_action"),
        ]
        return [upload, *actions, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The article the admin already loaded: fetching it again in change_view cost a query per page.
        if obj is not None:
            context.update(workbench_context(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def upload_view(self, request):
        if not request.user.has_perm("briefs.add_sourcearticle"):
            messages.error(request, "You do not have permission to import articles.")
            return redirect("admin:briefs_sourcearticle_changelist")
        form = ArticleUploadForm(request.POST, request.FILES) if request.method == "POST" else ArticleUploadForm()
        if form.is_bound and form.is_valid():
            tools = current_tools()
            for upload in form.cleaned_data["files"]:
                outcome = import_upload(upload, user=request.user, tools=tools)
                report_outcome(request, outcome)
            return redirect("admin:briefs_sourcearticle_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Import articles",
        }
        return TemplateResponse(request, "admin/briefs/sourcearticle/upload.html", context)


def report_outcome(request, outcome):
    if outcome.status == "rejected":
        messages.error(request, f"{outcome.path}: rejected: {outcome.error}")
    elif outcome.status == "unchanged":
        messages.info(request, f"{outcome.path}: unchanged (already imported as “{outcome.article}”)")
    else:
        url = reverse("admin:briefs_sourcearticle_change", args=[outcome.article.pk])
        messages.success(request, f"{outcome.path}: imported as “{outcome.article}” ({url})")


class PromoRuleForm(forms.ModelForm):
    class Meta:
        model = PromoRule
        fields = ["pattern", "is_regex", "kind", "note", "is_active"]

    def clean(self):
        cleaned = super().clean()
        pattern = cleaned.get("pattern", "")
        if pattern and len(pattern.strip()) < 2:
            raise forms.ValidationError({"pattern": "A single character would strip ordinary text; use a phrase."})
        if pattern:
            try:
                rule = Rule(pattern=pattern, kind=cleaned.get("kind") or "promo", is_regex=cleaned["is_regex"])
                compile_rules([rule])
            except TextError as error:
                raise forms.ValidationError({"pattern": str(error)}) from error
        return cleaned


@admin.register(PromoRule)
class PromoRuleAdmin(admin.ModelAdmin):
    form = PromoRuleForm
    list_display = ["pattern", "kind", "is_regex", "is_active", "note", "updated_at"]
    list_filter = ["kind", "is_active", "is_regex"]
    list_editable = ["is_active"]
    search_fields = ["pattern", "note"]
