"""Admin pages beyond the generated ones; admin.py wires them in.

`rule_preview_response`: the promo rule's change form, posted with "Preview", shown again with what
the rule would strip (briefs/intake/rule_preview.py) and nothing saved. It mirrors the steps of
Django's `ModelAdmin._changeform_view` up to saving, and stops there.
"""

import copy

from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404

from briefs.intake.rule_preview import preview_rule
from briefs.text.errors import TextError
from briefs.text.rules import Rule

PREVIEW_BUTTON = "_preview"


def rule_preview_response(model_admin, request, object_id, form_url=""):
    """The add or change form for a promo rule, bound to what the editor typed, with the rule's preview.

    A rule the form refuses (a broken regex, one that strips ordinary text) shows the form's errors
    and no preview. Permissions are those of saving: previewing is part of adding or changing a rule.
    """
    add = object_id is None
    obj = None
    if add:
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
    else:
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No promo rule with ID “{object_id}”; it may have been deleted.")
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied

    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(request, obj, change=not add, fields=flatten_fieldsets(fieldsets))
    # Validation copies the typed values onto the instance; the page's title and links keep the stored rule.
    form = form_class(request.POST, request.FILES, instance=copy.copy(obj))
    preview = None
    if form.is_valid():
        rule = Rule(
            pattern=form.cleaned_data["pattern"],
            kind=form.cleaned_data["kind"],
            is_regex=form.cleaned_data["is_regex"],
        )
        try:
            preview = preview_rule(rule)
        except TextError as error:  # an inactive rule is not checked at save, but must compile to preview
            form.add_error("pattern", str(error))

    admin_form = helpers.AdminForm(
        form, list(fieldsets), {}, model_admin.get_readonly_fields(request, obj), model_admin=model_admin
    )
    title = "Add %s" if add else "Change %s"
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title % model_admin.opts.verbose_name,
        "subtitle": str(obj) if obj else None,
        "adminform": admin_form,
        "object_id": object_id,
        "original": obj,
        "is_popup": False,
        "to_field": None,
        "media": model_admin.media + admin_form.media,
        "inline_admin_formsets": [],
        "errors": helpers.AdminErrorList(form, []),
        "preserved_filters": model_admin.get_preserved_filters(request),
        "rule_preview": preview,
    }
    return model_admin.render_change_form(request, context, add=add, change=not add, obj=obj, form_url=form_url)
