"""Optimistic locking for rows editors edit in forms: a version number, a locked save, a form that keeps text.

Two editors open the same row; the first saves. The second editor's form still carries the version
it was loaded with, so their save is refused with a message naming the fields that changed, their
text stays in the form, and the form now carries the current version: saving again is a deliberate
choice to replace the other person's text. Nothing is locked while a form is open.

- `VersionedModel` (abstract) adds `version`. Every save of an existing row moves it to the next
  version, whoever saves it (a merge, load_entities, a workbench decision), so a form opened before
  any of them is refused rather than overwriting them. `QuerySet.update()` does not; code that
  updates a row's own fields that way must bump `version` itself.
- `VersionedModel.save_edit(loaded_version=...)` is the form's save: the version check and bump are
  one `UPDATE … WHERE version = loaded`, so of two concurrent saves of one version exactly one wins;
  the loser raises `ChangedMeanwhile` and saves nothing.
- `VersionedForm` is a ModelForm base with the hidden `loaded_version` and `loaded_values` fields and
  the refusal; `VersionedAdmin` is a ModelAdmin mixin that saves through `save_edit`.
"""

import hashlib
import json

from django import forms
from django.db import models, transaction
from django.forms.models import model_to_dict

LOCK_FIELDS = ["loaded_version", "loaded_values"]
SHOWN_VALUE_LENGTH = 200


class ChangedMeanwhile(Exception):
    """Someone saved the row after the version an editor loaded; their save must not be overwritten."""


class VersionedModel(models.Model):
    """A row that carries a version number, moved on by every save (see the module docstring)."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one at every save; a form loaded at an older one is refused."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or getattr(self, "_version_checked", False):
            return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            if not update_fields:
                return super().save(*args, **kwargs)
            kwargs["update_fields"] = {*update_fields, "version"}
        loaded = self.version
        manager = type(self)._base_manager.db_manager(kwargs.get("using"))
        with transaction.atomic(using=manager.db):
            # F() so that two writers of the same row each count: 3 → 4 → 5, never 3 → 4 twice.
            self.version = models.F("version") + 1
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version = loaded
                raise
            self.version = manager.filter(pk=self.pk).values_list("version", flat=True).get()
        return None

    def save_edit(self, *, loaded_version):
        """Save an edit made to `loaded_version` of the row, and move it to the next version.

        Raises ChangedMeanwhile (saving nothing) when anyone saved the row since that version was
        loaded. The version check and bump are one UPDATE, so of two concurrent saves exactly one wins.
        """
        with transaction.atomic():
            won = type(self)._base_manager.filter(pk=self.pk, version=loaded_version).update(
                version=models.F("version") + 1
            )
            if not won:
                raise ChangedMeanwhile(f"“{self}” was changed after you opened it.")
            self.version = loaded_version + 1
            self._version_checked = True
            try:
                self.save()
            finally:
                self._version_checked = False


def fingerprint(values: dict) -> str:
    """A short digest of each value, as JSON: what the form was loaded with, without repeating the text."""
    return json.dumps(
        {name: hashlib.sha256(str(value).encode()).hexdigest()[:12] for name, value in sorted(values.items())}
    )


class VersionedForm(forms.ModelForm):
    """A ModelForm for a VersionedModel that refuses a save made to an older version of the row.

    `loaded_version` and `loaded_values` (hidden) say which version, and which values, the editor
    started from. When the row was saved since, `clean` adds an error naming the fields that changed
    (with the saved value under each), keeps the posted text in the form, and moves the hidden fields
    to the current version, so the next save replaces what is saved.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_values = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_values"].initial = fingerprint(self._row_values(self.instance))

    def _row_values(self, row) -> dict:
        names = [name for name in self.fields if name not in LOCK_FIELDS]
        return model_to_dict(row, fields=names)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        current = model._base_manager.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if current is None or cleaned.get("loaded_version") == current:
            return cleaned
        saved = model._base_manager.get(pk=self.instance.pk)
        saved_values = self._row_values(saved)
        changed = self._changed_since_loaded(saved_values)
        for name in changed:
            shown = str(saved_values[name])
            if len(shown) > SHOWN_VALUE_LENGTH:
                shown = shown[:SHOWN_VALUE_LENGTH] + "…"
            self.add_error(name, f"Saved meanwhile as: “{shown}”." if shown else "Saved meanwhile as empty.")
        # The next save from this form is made knowing about the other person's version.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current
        self.data[self.add_prefix("loaded_values")] = fingerprint(saved_values)
        raise forms.ValidationError(self.changed_meanwhile_message(saved, changed), code="stale")

    def _changed_since_loaded(self, saved_values: dict) -> list[str]:
        try:
            loaded = json.loads(self.data.get(self.add_prefix("loaded_values")) or "")
        except ValueError:
            loaded = None
        saved = json.loads(fingerprint(saved_values))
        if not isinstance(loaded, dict):
            # A form posted without what it was loaded with: name every field that differs from the post.
            posted = {name: self.cleaned_data.get(name) for name in saved_values}
            return [name for name in saved_values if str(posted[name]) != str(saved_values[name])]
        return [name for name in saved_values if loaded.get(name) != saved[name]]

    def changed_meanwhile_message(self, saved, changed: list[str]) -> str:
        """The refusal in the editor's words, naming the fields someone else changed."""
        if changed:
            labels = ", ".join(str(self.fields[name].label or name) for name in changed)
            what = f"These fields changed: {labels}; the saved value is shown under each."
        else:
            what = "None of the fields below changed (the change was elsewhere, for example in the workbench)."
        return (
            f"“{saved}” was changed after you opened it, so your save was refused. {what} "
            "Your text is kept in the form; save again to replace the saved version with yours."
        )


class VersionedAdmin:
    """ModelAdmin mixin for a VersionedModel whose form is a VersionedForm: changes save through save_edit.

    The hidden lock fields are added to the form's fields for users who may change the row.
    """

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self.has_change_permission(request, obj) or (obj is None and self.has_add_permission(request)):
            fields += [name for name in LOCK_FIELDS if name not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        obj.save_edit(loaded_version=form.cleaned_data["loaded_version"])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ChangedMeanwhile:
            # Another save won the race after this form was validated; the whole attempt was rolled
            # back. Validating again now fails with the message naming what changed, text kept.
            return super().changeform_view(request, object_id, form_url, extra_context)
