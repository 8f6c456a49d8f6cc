"""Forms the editors fill in, outside the admin's generated ones."""

from django import forms

from briefs.intake.curation import chinese_name_problem
from briefs.intake.models import SourceArticle, Strip, Suggestion
from briefs.kb.models import Entity
from briefs.kb.names import NameOwners


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # Empty files reach intake, which rejects each one by name without blocking the others.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple) and data:
            return [single_clean(item, initial) for item in data]
        return [single_clean(data or None, initial)]


class ArticleUploadForm(forms.Form):
    files = MultipleFileField(
        label="Article files",
        help_text="One or more .txt, .md or .html files in UTF-8, GB18030/GBK or Big5. "
        "Each file is checked on its own: a rejected file never blocks the others.",
    )


# The workbench's decisions (briefs/intake/workbench.py). Each form takes the article it acts on; the
# object a button names comes from the URL and is checked here like any other input.


class StripDecisionForm(forms.Form):
    """Restore a stripped passage, or strip a restored one again: a strip of this article not already so."""

    strip = forms.ModelChoiceField(
        queryset=Strip.objects.none(),
        error_messages={"invalid_choice": "That passage is not one of this article's strips; reload the article."},
    )

    def __init__(self, *args, article: SourceArticle, to: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strip"].queryset = article.strips.all()
        self.to = to

    def clean_strip(self) -> Strip:
        strip = self.cleaned_data["strip"]
        if strip.status == self.to:
            raise forms.ValidationError(f"That passage is already {Strip.Status(self.to).label.lower()}.")
        return strip


class EntityChoiceForm(forms.Form):
    """Confirm or reject an entity found in the article."""

    entity = forms.ModelChoiceField(
        queryset=Entity.objects.all(),
        error_messages={"invalid_choice": "That entity is no longer in the knowledge base; reload the article."},
    )

    def __init__(self, *args, article: SourceArticle, **kwargs):
        super().__init__(*args, **kwargs)  # any entity: the tagger may find any of them in the article


class StripByHandForm(forms.Form):
    """Strip a passage the editor chose: its text (every occurrence) or its raw-text offsets (half-open)."""

    kind = forms.ChoiceField(choices=Strip.Kind.choices, required=False,
                             error_messages={"invalid_choice": "Unknown kind of strip “%(value)s”."})
    text = forms.CharField(required=False, strip=False)
    start = forms.IntegerField(required=False, error_messages={"invalid": "Offsets are whole numbers."})
    end = forms.IntegerField(required=False, error_messages={"invalid": "Offsets are whole numbers."})

    def __init__(self, *args, article: SourceArticle, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or Strip.Kind.PROMO

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        raw, start, end, text = self.article.raw_text, cleaned["start"], cleaned["end"], cleaned["text"]
        if start is not None or end is not None:
            if start is None or end is None or not 0 <= start < end <= len(raw):
                raise forms.ValidationError(
                    f"Offsets must satisfy 0 ≤ start < end ≤ {len(raw)} (the raw text's length); got {start}–{end}."
                )
        elif not text.strip():
            raise forms.ValidationError("Give the passage to strip (paste its text) or its start and end offsets.")
        elif text not in raw:
            raise forms.ValidationError(
                f"“{text[:60]}” does not occur in the raw text; copy it from the raw text panel."
            )
        return cleaned


class SuggestionDecisionForm(forms.Form):
    """Reject a suggested name: a suggestion of this article still waiting for a decision."""

    suggestion = forms.ModelChoiceField(
        queryset=Suggestion.objects.none(),
        error_messages={"invalid_choice": "That name is not suggested for this article; reload the article."},
    )

    def __init__(self, *args, article: SourceArticle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestion"].queryset = article.suggestions.all()
        self.article = article

    def clean_suggestion(self) -> Suggestion:
        suggestion = self.cleaned_data["suggestion"]
        if suggestion.status != Suggestion.Status.PENDING:
            status = suggestion.get_status_display().lower()
            raise forms.ValidationError(f"“{suggestion.surface}” was already {status}.")
        return suggestion


class AcceptSuggestionForm(SuggestionDecisionForm):
    """Accept a suggested name: as a new entity (`name`, `kind`, defaulting to the suggestion's) or as an
    alias of a known entity (`alias_of`, its address).

    `name_zh` corrects the suggested Chinese surface (a name cut short, "谢阗" for "谢阗宇"; issue 14); it
    defaults to the suggestion's and must occur in the article's cleaned text. Refuses a Chinese name
    another entity holds (issue 11), naming that entity.
    """

    name_zh = forms.CharField(
        label="Chinese name", required=False, min_length=2,
        max_length=Entity._meta.get_field("name_zh").max_length,
        error_messages={
            "min_length": "The Chinese name “%(value)s” is a single character; give the whole name.",
            "max_length": "The Chinese name is %(show_value)d characters long; keep it to %(limit_value)d.",
        },
    )

    name = forms.CharField(required=False, max_length=Entity._meta.get_field("name").max_length, error_messages={
        "max_length": "The English name is %(show_value)d characters long; keep it to %(limit_value)d.",
    })
    kind = forms.ChoiceField(choices=Entity.Kind.choices, required=False,
                             error_messages={"invalid_choice": "Unknown kind “%(value)s”."})
    alias_of = forms.ModelChoiceField(
        queryset=Entity.objects.all(), to_field_name="slug", required=False,
        error_messages={
            "invalid_choice": "No entity has the address “%(value)s”; choose one from the list, or leave it empty."
        },
    )

    def clean(self):
        cleaned = super().clean()
        suggestion = cleaned.get("suggestion")
        if suggestion is None or self.errors:
            return cleaned
        alias_of = cleaned.get("alias_of")
        name_zh = cleaned["name_zh"] = (cleaned.get("name_zh") or suggestion.surface).strip()
        if problem := chinese_name_problem(name_zh, self.article):
            raise forms.ValidationError(problem)
        owner = NameOwners.from_database().owner_of(name_zh, other_than=alias_of.pk if alias_of else None)
        if owner is not None:
            raise forms.ValidationError(
                f"“{name_zh}” is already a name of {owner}; accept it as an alias of that entity."
            )
        if alias_of is not None:
            return cleaned
        cleaned["name"] = (cleaned["name"] or suggestion.proposed_name).strip()
        cleaned["kind"] = cleaned["kind"] or suggestion.kind
        if not cleaned["name"]:
            raise forms.ValidationError("Give the English name the briefs should use.")
        if Entity.objects.filter(name=cleaned["name"], kind=cleaned["kind"]).exists():
            raise forms.ValidationError(
                f"An entity “{cleaned['name']}” ({Entity.Kind(cleaned['kind']).label.lower()}) already exists; "
                "add the name as its alias instead."
            )
        return cleaned


def form_errors(form: forms.Form) -> str:
    """Every error of a refused decision form as one message for the editor."""
    return " ".join(message for messages in form.errors.values() for message in messages)
