"""Forms that define an entity: the admin's form and one CSV row of `load_entities` check the same rules.

- `EntityForm`: aliases of more than one character, a one-line description, a Wikidata ID that looks
  like one, pinyin filled from the Chinese name when left empty, and a Chinese name or alias never
  shared with another entity (briefs/kb/names.py says why), except one a generated place gives up.
- `EntityAdminForm`: that plus the optimistic lock of briefs/kb/locking.py.
- `EntityRowForm`: one row of the CSV, with errors in the CSV's words ("name is empty", "alias 'x' is
  a single character; …") so `load_entities` reports them as "line N: reason".
"""

from django import forms
from django.core.validators import RegexValidator, URLValidator, validate_slug

from briefs.kb.locking import VersionedForm
from briefs.kb.models import Entity
from briefs.kb.names import NameOwners
from briefs.text.names import search_pinyin

CSV_FIELDS = ["name", "kind", "slug", "name_zh", "aliases", "pinyin", "description", "website", "wikidata_id"]
ALIAS_SEPARATOR = "|"
KIND_LIST = ", ".join(Entity.Kind.values)

is_wikidata_id = RegexValidator(
    r"^Q[1-9][0-9]*$", message="wikidata_id '%(value)s' is not a Wikidata ID (expected Q and digits, e.g. Q148)"
)


def derive_slug(name: str) -> str:
    """The slug an entity called `name` gets when none is given (Entity.slugify: "Li Auto" -> "li-auto")."""
    return Entity().slugify(name)


class EntityForm(forms.ModelForm):
    """An entity as an editor defines it. Pass `owners` (a NameOwners) when checking many rows in a row."""

    website = forms.URLField(required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Entity
        fields = CSV_FIELDS

    def __init__(self, *args, owners: NameOwners | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._owners = owners
        if "wikidata_id" in self.fields:
            self.fields["wikidata_id"].validators.append(is_wikidata_id)

    def split_aliases(self, value: str) -> list[str]:
        """The aliases as typed in the field: one per line."""
        return [line.strip() for line in value.splitlines()]

    def clean_aliases(self) -> str:
        aliases = [alias for alias in dict.fromkeys(self.split_aliases(self.cleaned_data["aliases"])) if alias]
        errors = [
            forms.ValidationError(
                "alias '%(alias)s' is a single character; the tagger would find it inside other words",
                code="short_alias", params={"alias": alias},
            )
            for alias in aliases
            if len(alias) == 1
        ]
        if errors:
            raise forms.ValidationError(errors)
        return "\n".join(aliases)

    def clean_description(self) -> str:
        description = self.cleaned_data["description"]
        if "\n" in description or "\r" in description:
            raise forms.ValidationError("description must be a single line", code="multiline")
        return description

    def clean(self):
        cleaned = super().clean()
        kind, name_zh = cleaned.get("kind"), cleaned.get("name_zh")
        if name_zh and not cleaned.get("pinyin") and "pinyin" in self.fields:
            cleaned["pinyin"] = search_pinyin(name_zh, person=kind == Entity.Kind.PERSON)
        self._refuse_names_of_other_entities(cleaned)
        return cleaned

    def _refuse_names_of_other_entities(self, cleaned) -> None:
        """A Chinese name or alias another entity holds would let the tagger give its mentions to this one."""
        if self._owners is None:
            self._owners = NameOwners.from_database()
        own = self.instance.pk
        names = [("name_zh", "Chinese name", cleaned.get("name_zh") or "")]
        names += [("aliases", "alias", alias) for alias in (cleaned.get("aliases") or "").splitlines()]
        kind = cleaned.get("kind") or ""
        for field, label, name in names:
            owner = self._owners.owner_of(name, other_than=own) if name else None
            # A generated place lets an editor's entity have the name (reference_entities hands it over).
            if owner is not None and not owner.yields_to(name, kind=kind):
                self.add_error(field, forms.ValidationError(
                    "%(label)s '%(name)s' is already a name of %(owner)s: the tagger would give its mentions "
                    "to one of the two. If they are one entity, merge them; if this is another name for "
                    "%(owner_name)s, add it to that entity's aliases instead",
                    code="name_taken",
                    params={"label": label, "name": name, "owner": owner, "owner_name": owner.name},
                ))


class EntityAdminForm(VersionedForm, EntityForm):
    """The admin's entity form: EntityForm's rules, and a save refused when someone saved meanwhile."""


def _csv_messages() -> dict:
    """Length errors in the CSV's words, for every field with a limit."""
    messages = {}
    for name in CSV_FIELDS:
        limit = Entity._meta.get_field(name).max_length
        if limit:
            messages[name] = {"max_length": f"{name} is %(show_value)d characters long (at most %(limit_value)d)"}
    messages["name"]["required"] = "name is empty"
    messages["kind"] = {
        "required": f"kind is empty (expected one of {KIND_LIST})",
        "invalid_choice": f"unknown kind '%(value)s' (expected one of {KIND_LIST})",
    }
    return messages


class EntityRowForm(EntityForm):
    """One row of the entities CSV: aliases separated by `|`, a slug derived from the name when empty.

    `data` holds the row's cells by column name (stripped). Errors read as the CSV's editor needs
    them; `reason()` joins them into one line. Whether the row's name or slug is free is the loader's
    business (it knows the file's other rows), not this form's.
    """

    slug = forms.CharField(
        required=False, max_length=100,
        error_messages={"max_length": "slug is %(show_value)d characters long (at most %(limit_value)d)"},
    )
    website = forms.CharField(required=False, max_length=200, validators=[URLValidator(
        schemes=["http", "https"], message="website '%(value)s' is not a URL (expected e.g. https://www.example.com)"
    )])

    class Meta(EntityForm.Meta):
        error_messages = _csv_messages()

    def split_aliases(self, value: str) -> list[str]:
        aliases = [alias.strip() for alias in value.split(ALIAS_SEPARATOR)]
        broken = [alias for alias in aliases if "\n" in alias or "\r" in alias]
        if broken:
            raise forms.ValidationError([
                forms.ValidationError(
                    "alias '%(alias)s' contains a line break; separate aliases with '|'", params={"alias": alias}
                )
                for alias in broken
            ])
        return aliases

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if not slug:
            return derive_slug(self.cleaned_data["name"]) if self.cleaned_data.get("name") else ""
        try:
            validate_slug(slug)
        except forms.ValidationError:
            raise forms.ValidationError(
                "slug '%(slug)s' is not a valid slug (lowercase letters, digits and hyphens, e.g. '%(example)s')",
                code="invalid", params={"slug": slug, "example": derive_slug(slug)},
            ) from None
        return slug

    def _get_validation_exclusions(self):
        # The loader checks that the slug and the name (per kind) are free, against the file's other
        # rows too and with the holder's slug in the message; the form's field already checked the
        # kind. Django's checks of the same constraints would cost three queries per row and say it
        # a second time, less helpfully.
        return {*super()._get_validation_exclusions(), "slug", "name", "kind"}

    def reason(self) -> str:
        """Every problem of the row, in field order, on one line."""
        return "; ".join(message for messages in self.errors.values() for message in messages)
