"""Forms of the brief desk: the lock-aware brief form and the workflow form beside it."""

from datetime import timedelta

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from .models import Brief, Entity
from .models.desk import desk_zone_label
from .workflow import MOVES, diff_words, find_chinese_outside_entity_names


class BriefForm(forms.ModelForm):
    """The brief as writers and editors edit it, carrying the version it was loaded with.

    If the brief was saved (or moved in the workflow) since, `clean` refuses the save with a message
    naming who changed it and when; the posted text stays in the form, and `conflict` holds the
    saved text and a diff so nothing is lost. The form then carries the current version, so saving
    again is a deliberate choice to replace the other person's text.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    entities = forms.ModelMultipleChoiceField(
        queryset=Entity.objects.all(),
        required=False,
        widget=FilteredSelectMultiple("entities", is_stacked=False),
        help_text="Companies, people and places the brief is about. The glossary beside the form lists the source’s.",
    )

    class Meta:
        model = Brief
        fields = ["title", "dek", "body", "entities", "topics"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "desk-body"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version

    def clean_topics(self):
        topics = self.cleaned_data.get("topics") or []
        limit = Tag._meta.get_field("name").max_length
        for topic in topics:
            if len(topic) > limit:
                raise forms.ValidationError(f"“{topic[:30]}…” is longer than {limit} characters; shorten the topic.")
            if not slugify(topic, allow_unicode=True):
                raise forms.ValidationError(f"“{topic}” has no letters or digits, so it cannot have a page.")
        return topics

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        current = Brief.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if cleaned.get("loaded_version") != current:
            saved = Brief.objects.get(pk=self.instance.pk)
            self.conflict = {
                "saved_body": saved.body,
                "diff": diff_words(saved.body, cleaned.get("body", "")),
            }
            # The next save from this form is made knowing about the other person's version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current
            raise forms.ValidationError(saved.changed_since_message(), code="stale")
        if self.instance.status in Brief.PUBLIC_STATUSES:
            self.check_live_words(cleaned)
        return cleaned

    def check_live_words(self, cleaned):
        """A published or scheduled brief goes to readers as saved: keep the publish checks on its words."""
        for name in ("title", "dek", "body"):
            if not (cleaned.get(name) or "").strip():
                self.add_error(name, "A published brief needs this; withdraw the brief to take it down instead.")
        names = [entity.name for entity in cleaned.get("entities") or []]
        chinese = find_chinese_outside_entity_names(cleaned.get("body") or "", names)
        if chinese is not None:
            self.add_error(
                "body",
                f"The body must be English, but it has Chinese here: “…{chinese}…”. Chinese may appear only in "
                "brackets right after an entity’s English name.",
            )


class DeskDateTimeField(forms.DateTimeField):
    """A date and time in the desk's zone; a date the calendar cannot convert is an error, not a crash."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError("Enter a date between the year 2000 and a few years from now.") from error


class MoveForm(forms.Form):
    """A workflow move pressed on the brief's page: which move, the comment, and for publishing, when."""

    move = forms.ChoiceField(choices=[(name, move.label) for name, move in MOVES.items()])
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to request changes, withdraw or correct; shown in the workflow history "
        "(a correction is also shown to readers).",
    )
    publish_at = DeskDateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read in the desk's zone (the current time zone is settings.TIME_ZONE), stored in UTC.
        self.fields["publish_at"].label = f"Publish at ({desk_zone_label()})"
        self.fields["publish_at"].help_text = "Leave empty to publish now; a time in the future schedules the brief."

    def clean_publish_at(self):
        publish_at = self.cleaned_data.get("publish_at")
        if publish_at is None:
            return None
        # The archive goes back to 2000; scheduling years ahead is almost always a typo in the year.
        earliest = timezone.make_aware(timezone.datetime(2000, 1, 1))
        latest = timezone.now() + timedelta(days=5 * 366)
        if not earliest <= publish_at <= latest:
            raise forms.ValidationError("Enter a date between the year 2000 and five years from now.")
        return publish_at
