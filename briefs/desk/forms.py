"""Forms of the brief desk: the lock-aware brief form and the workflow form beside it."""

from datetime import timedelta

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from briefs.desk.checks import check_parts
from briefs.desk.diff import diff_words
from briefs.desk.markdown import find_markdown_problems
from briefs.desk.models import Brief, BriefSource, KeyFact
from briefs.desk.states import MOVES
from briefs.desk.times import desk_zone_label
from briefs.kb.models import Entity


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

    # Set by the admin: a callable giving the inline formsets submitted with this form (see BriefAdmin).
    inline_formsets = None

    class Meta:
        model = Brief
        fields = ["title", "dek", "body", "entities", "topics"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "desk-body"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version

    def clean_body(self):
        """The body must be Markdown the renderer can take: within the length, nesting and markup limits."""
        body = self.cleaned_data.get("body") or ""
        problems = find_markdown_problems(body)
        if problems:
            raise forms.ValidationError(problems)
        return body

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
        if self.instance.status in Brief.PUBLIC_STATUSES and not self.errors:
            self.check_live(cleaned)
        return cleaned

    def check_live(self, cleaned):
        """A published or scheduled brief goes to readers as saved: every publish check must pass first.

        The checks are `publish()`'s own (`checks.check_parts`), run on the brief as submitted: its
        words and entities from this form, its sources and key facts from the inline formsets when
        the admin supplied them (else as saved). Problems are form errors, so the typing is kept.
        """
        inlines = self.submitted_inlines()
        if inlines is None:  # an inline is invalid: its own errors are shown, and nothing is saved
            return
        articles, key_facts = inlines
        checks = check_parts(
            title=cleaned.get("title") or "", dek=cleaned.get("dek") or "", body=cleaned.get("body") or "",
            articles=articles, entities=list(cleaned.get("entities") or []), key_facts=key_facts,
        )
        if not checks.problems:
            return
        self.add_error(None, f"“{self.instance}” is {self.instance.get_status_display().lower()}, so it is saved "
                             "only when every publish check passes; withdraw it to take it down instead.")
        for field_name, message in checks.located:
            self.add_error(field_name if field_name in self.fields else None, message)

    def submitted_inlines(self):
        """(source articles, key fact texts) as submitted, or as saved outside the admin; None if one is invalid."""
        articles, key_facts = list(self.instance.sources.all()), [fact.text for fact in self.instance.key_facts.all()]
        formsets = self.inline_formsets() if self.inline_formsets is not None else None
        for formset in formsets or []:
            if not formset.is_valid():
                return None
            rows = [
                form.cleaned_data for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if formset.model is BriefSource:
                articles = [row["article"] for row in rows if row.get("article")]
            elif formset.model is KeyFact:
                rows.sort(key=lambda row: row.get("position") or 0)
                key_facts = [row["text"] for row in rows if row.get("text")]
        return articles, key_facts


class DeskDateTimeField(forms.DateTimeField):
    """A date and time in the desk's zone; a date the calendar cannot convert is an error, not a crash."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError("Enter a date between the year 2000 and a few years from now.") from error


class MoveForm(forms.Form):
    """A workflow move pressed on the brief's page: which move, the comment, and for publishing, when."""

    move = forms.ChoiceField(choices=[(name, move.label) for name, move in MOVES.items() if move.on_page])
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
