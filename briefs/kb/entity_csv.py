"""The entity knowledge base as CSV: read rows, check each with a form, upsert them as entities, write them back.

The file is `seeds/entities.csv`, UTF-8 (a BOM is fine), with this header:

    slug,name,kind,name_zh,aliases,pinyin,description,wikidata_id,website

- `slug` identifies the entity: loading upserts by slug, so editing a row and loading again updates
  that entity. Leave it empty and it is derived from the name the way `Entity.slugify` does
  ("Li Auto" → "li-auto"); give one explicitly when two entities share a name (a city and a company).
- `aliases` are separated by `|` in the file and stored one per line.
- `pinyin` may be empty: it is then filled from `name_zh` by `briefs.text.names.search_pinyin`
  ("ke nan", "xiao hong shu", "lv"), people's surnames with their surname reading (曾 → "zeng").

Each row is checked by `briefs.kb.forms.EntityRowForm`, the rules the admin's form applies too (a
Chinese name or alias another entity holds is refused, naming that entity). A bad row is rejected
with its line number and never stops the good rows; each good row is saved in its own transaction.
Loading the same file twice reports every row unchanged, and `write_entities_csv` writes a file
that loads back unchanged.

Rows are curated: a row that updates a generated place (CLDR, the place dictionary) makes it
curated, and a row naming what a generated place holds takes it (`take_names_from_generated`: the
short form leaves the place, or the place with that Chinese name is merged into the row's entity).

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula,
so an entity named `=HYPERLINK(…)` would act in the editor's spreadsheet. The export puts a single
quote before such a cell (as OWASP advises for CSV injection), and loading takes exactly one quote
off a cell that starts with quotes followed by one of those characters. The two undo each other, so
"-80 Degrees" or "+86 Club" round-trip unchanged; a quote that opens any other cell ("'Tis") is data.
Every exported cell is quoted, so a spreadsheet that splits cells on `;` keeps `Acme;=1+1` one cell.
"""

import copy
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import DatabaseError, transaction
from django.forms.models import model_to_dict

from briefs.kb.forms import ALIAS_SEPARATOR, CSV_FIELDS, EntityRowForm, derive_slug
from briefs.kb.models import Entity
from briefs.kb.names import NameOwners
from briefs.kb.reference_entities import take_names_from_generated

COLUMNS = ("slug", "name", "kind", "name_zh", "aliases", "pinyin", "description", "wikidata_id", "website")
# The fields a row sets on an entity; `slug` is how the row finds it.
ENTITY_FIELDS = COLUMNS[1:]
# A cell a spreadsheet would run as a formula, possibly behind quotes the export added before.
FORMULA_CELL_PATTERN = re.compile(r"^'*[=+\-@\t\r]")


class EntityFileError(Exception):
    """The file as a whole cannot be loaded: missing, unreadable, or not the expected CSV."""

    def __init__(self, message, *, path=None):
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path is not None else message)


@dataclass(frozen=True)
class CsvRow:
    """One row of the file as written: `cells` by column name (stripped, formula quote taken off).

    `line` is the file line the row starts on (the header is line 1). `problem` is set when the row
    cannot even be read as cells (too many values).
    """

    line: int
    cells: dict[str, str]
    problem: str = ""


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.reason}"


@dataclass
class LoadReport:
    """What a load did: counts of rows added, updated and unchanged, and each rejected row."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def summary(self) -> str:
        return f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, rejected {self.rejected}"


def read_entity_rows(stream: TextIO) -> list[CsvRow]:
    """The non-blank rows of an entities CSV as cells, without touching the database.

    Raises EntityFileError when the header lacks a column or the text is not CSV.
    """
    reader = csv.reader(stream)
    header = _read_header(reader)
    rows = []
    previous_end = reader.line_num
    for values in _rows(reader):
        line, previous_end = previous_end + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        cells = dict(zip(header, [restore_formula(value.strip()) for value in values], strict=False))
        cells = {name: cells.get(name, "") for name in COLUMNS}
        cells["kind"] = cells["kind"].lower()
        problem = ""
        if len(values) > len(header):
            problem = f"{len(values)} values for {len(header)} columns; quote any field that contains a comma"
        rows.append(CsvRow(line, cells, problem))
    return rows


def load_entities(stream: TextIO) -> LoadReport:
    """Upsert every good row of an entities CSV by slug and report what happened to each row.

    Each row is saved in its own transaction, so a row the database refuses leaves nothing behind
    and does not stop the others. Raises EntityFileError for a file-level problem (see read_entity_rows).
    """
    loader = _Loader(Entity.objects.all())
    report = LoadReport()
    for row in read_entity_rows(stream):
        try:
            with transaction.atomic():
                outcome = loader.upsert(row)
        except DatabaseError as error:
            report.rejections.append(Rejection(row.line, f"the database refused the row: {error}"))
            continue
        if isinstance(outcome, Rejection):
            report.rejections.append(outcome)
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def load_entities_file(path) -> LoadReport:
    """Load the entities CSV at `path` (see load_entities). Raises EntityFileError naming the path."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except FileNotFoundError:
        raise EntityFileError("no such file", path=path) from None
    except IsADirectoryError:
        raise EntityFileError("is a folder; give the path of the CSV file", path=path) from None
    except OSError as error:
        raise EntityFileError(f"cannot be read ({error.strerror or error})", path=path) from None
    except UnicodeDecodeError as error:
        raise EntityFileError(f"is not UTF-8 text (byte {error.start}); save the CSV as UTF-8", path=path) from None
    try:
        return load_entities(io.StringIO(text, newline=""))
    except EntityFileError as error:
        raise EntityFileError(error.message, path=path) from None


class _Loader:
    """Upserts the rows of one file in order, remembering which slugs and names earlier rows took.

    The knowledge base is read once and kept current as rows are saved, so a row costs its save and
    no look-ups (a 10,000-row file would otherwise ask the database five times per row).
    """

    def __init__(self, entities: Iterable[Entity]):
        self.by_slug = {entity.slug: entity for entity in entities}
        self.slug_by_name = {(entity.name, entity.kind): slug for slug, entity in self.by_slug.items()}
        self.owners = NameOwners()
        for entity in self.by_slug.values():
            self.owners.record(entity)
        self.slug_lines: dict[str, int] = {}
        self.name_lines: dict[tuple[str, str], int] = {}

    def upsert(self, row: CsvRow) -> str | Rejection:
        """Create or update the entity for `row`: "added", "updated" or "unchanged", or the row's Rejection.

        A row with an explicit slug updates the entity with that slug, whatever it is called now. A
        row whose slug is derived from its name first looks for an entity with the same name and
        kind, so a file without slugs loads idempotently. A bad row, or one that would take
        a slug or name of another row or entity, gives its Rejection. Call it inside a transaction.
        """
        if row.problem:
            return Rejection(row.line, row.problem)
        cells = row.cells
        entity = self._entity_for(cells)
        before = model_to_dict(entity, fields=CSV_FIELDS) if entity.pk else None
        derived = not cells["slug"]
        # A row found by its name keeps the slug its entity has ("li-auto-2" stays), derived or not.
        data = {**cells, "slug": entity.slug if before and derived else cells["slug"]}
        form = EntityRowForm(data, instance=entity, owners=self.owners)
        if not form.is_valid():
            return Rejection(row.line, form.reason())
        taken = self._taken(before, form.cleaned_data, derived=derived)
        if taken:
            return Rejection(row.line, taken)
        if before is None:
            outcome = "added"
            entity.save()
        else:
            changed = [name for name in ENTITY_FIELDS if getattr(entity, name) != before[name]]
            if entity.is_generated:
                entity.source = Entity.Source.CURATED
                changed.append("source")
            outcome = "updated" if changed else "unchanged"
            if changed:
                entity.save(update_fields=[*changed, "updated_at"])
        for place in take_names_from_generated(entity, owners=self.owners).merged:
            self.by_slug.pop(place.slug, None)
            self.slug_by_name.pop((place.name, place.kind), None)
        self.owners.record(entity)
        if before:
            self.slug_by_name.pop((before["name"], before["kind"]), None)
        self.by_slug[entity.slug] = entity
        self.slug_by_name[entity.name, entity.kind] = entity.slug
        self.slug_lines[entity.slug] = row.line
        self.name_lines[entity.name, entity.kind] = row.line
        return outcome

    def _entity_for(self, cells: dict[str, str]) -> Entity:
        """The entity the row updates (its slug's, or for a derived slug its name's), or a new one."""
        slug = cells["slug"]
        if not slug and cells["name"]:
            slug = self.slug_by_name.get((cells["name"], cells["kind"])) or derive_slug(cells["name"])
        # A copy: a row the form refuses must not leave its values on the entity the next row finds.
        found = self.by_slug.get(slug)
        return copy.copy(found) if found else Entity()

    def _taken(self, before: dict | None, cleaned: dict, *, derived: bool) -> str:
        """Why the row's slug or name is not its to take (an earlier row or another entity has it), or ""."""
        slug, name, kind = cleaned["slug"], cleaned["name"], cleaned["kind"]
        if slug in self.slug_lines:
            origin = " (derived from the name)" if derived else ""
            return f"duplicate slug '{slug}'{origin}: already used on line {self.slug_lines[slug]}"
        if (name, kind) in self.name_lines:
            return f"duplicate name: a {kind} named '{name}' is already on line {self.name_lines[name, kind]}"
        if before and derived and (before["name"], before["kind"]) != (name, kind):
            return (
                f"slug '{slug}' (derived from the name) belongs to {before['name']} ({before['kind']}); "
                "give this row its own slug"
            )
        other = self.slug_by_name.get((name, kind))
        if other is not None and other != slug:
            return (f"a {kind} named '{name}' already exists with slug '{other}'; use that slug to update it")
        return ""


def entity_csv_values(entity: Entity) -> list[str]:
    """One CSV row for `entity`, in COLUMNS order, aliases joined by `|`, formula-like cells quoted."""
    values = {name: getattr(entity, name) for name in COLUMNS}
    values["aliases"] = ALIAS_SEPARATOR.join(entity.alias_list)
    return [neutralise_formula(values[name]) for name in COLUMNS]


def neutralise_formula(cell: str) -> str:
    """`cell` with a single quote in front if a spreadsheet would run it as a formula (see the module doc)."""
    return f"'{cell}" if FORMULA_CELL_PATTERN.match(cell) else cell


def restore_formula(cell: str) -> str:
    """Undo `neutralise_formula`: one leading quote off a cell that starts with quotes and a formula character."""
    return cell[1:] if cell.startswith("'") and FORMULA_CELL_PATTERN.match(cell) else cell


def write_entities_csv(entities: Iterable[Entity], stream: TextIO) -> int:
    """Write `entities` as an entities CSV (header included, every cell quoted) to `stream`; returns the row count.

    The output loads back with load_entities and reports every row unchanged.
    """
    writer = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    count = 0
    for entity in entities:
        writer.writerow(entity_csv_values(entity))
        count += 1
    return count


def _rows(reader):
    try:
        yield from reader
    except csv.Error as error:
        raise EntityFileError(f"line {reader.line_num}: {error}; is this a CSV file?") from None


def _read_header(reader) -> list[str]:
    expected = ",".join(COLUMNS)
    header = next(_rows(reader), None)
    if not header or not any(cell.strip() for cell in header):
        raise EntityFileError(f"no header line; expected: {expected}")
    header = [cell.strip().lower() for cell in header]
    header[0] = header[0].removeprefix("\ufeff")
    missing = [name for name in COLUMNS if name not in header]
    if len(missing) == len(COLUMNS):
        raise EntityFileError(f"the first line is not an entities CSV header; expected: {expected}")
    if missing:
        raise EntityFileError(f"missing column(s) {', '.join(missing)} in the header; expected: {expected}")
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise EntityFileError(f"column(s) {', '.join(repeated)} appear more than once in the header")
    return header
