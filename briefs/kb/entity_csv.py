"""The entity knowledge base as CSV: read and check rows, upsert them as entities, write them back.

The file is `seeds/entities.csv`, UTF-8 (a BOM is fine), with this header:

    slug,name,kind,name_zh,aliases,pinyin,description,wikidata_id,website

- `slug` identifies the entity: loading upserts by slug, so editing a row and loading again updates
  that entity. Leave it empty and it is derived from the name the way `Entity.slugify` does
  ("Li Auto" → "li-auto"); give one explicitly when two entities share a name (a city and a company).
- `aliases` are separated by `|` in the file and stored one per line.
- `pinyin` may be empty: it is then filled from `name_zh` as lowercase, toneless syllables separated
  by spaces ("ke nan", "shang hai", "xiao hong shu"), ü written as v ("lv"), the way people type
  pinyin into a search box. It is a search key, not a display name (the English `name` is that), so
  every kind gets the same form. People's surnames take their surname reading (曾 → "zeng").

A bad row is rejected with its line number and never stops the good rows; each good row is saved
in its own transaction. Loading the same file twice reports every row unchanged, and
`write_entities_csv` writes a file that loads back unchanged.

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula,
so an entity named `=HYPERLINK(…)` would act in the editor's spreadsheet. The export puts a single
quote before such a cell (as OWASP advises for CSV injection), and loading takes exactly one quote
off a cell that starts with quotes followed by one of those characters. The two undo each other, so
"-80 Degrees" or "+86 Club" round-trip unchanged; a quote that opens any other cell ("'Tis") is data.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from pypinyin import Style, lazy_pinyin

from briefs.kb.models import Entity

COLUMNS = ("slug", "name", "kind", "name_zh", "aliases", "pinyin", "description", "wikidata_id", "website")
ALIAS_SEPARATOR = "|"
# The fields a row sets on an entity; `slug` is how the row finds it.
ENTITY_FIELDS = COLUMNS[1:]
KINDS = tuple(Entity.Kind.values)

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
WIKIDATA_ID_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
HAN_PATTERN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SYLLABLE_PATTERN = re.compile(r"[a-z0-9]+")
# A cell a spreadsheet would run as a formula, possibly behind quotes the export added before.
FORMULA_CELL_PATTERN = re.compile(r"^'*[=+\-@\t\r]")

# pypinyin reads these characters with their common reading; as the first character of a
# person's name they are almost always the surname, which is read differently.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "区": "ou",
    "盖": "ge",
    "缪": "miao",
    "翟": "zhai",
}

_is_url = URLValidator(schemes=["http", "https"])


class EntityFileError(Exception):
    """The file as a whole cannot be loaded: missing, unreadable, or not the expected CSV."""

    def __init__(self, message, *, path=None):
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path is not None else message)


class RowRejected(Exception):
    """One row cannot be saved; the reason is written for the editor who keeps the CSV."""


@dataclass(frozen=True)
class EntityRow:
    """One checked row of the CSV. `line` is the file line the row starts on (the header is line 1)."""

    line: int
    slug: str
    name: str
    kind: str
    name_zh: str = ""
    aliases: tuple[str, ...] = ()
    pinyin: str = ""
    description: str = ""
    wikidata_id: str = ""
    website: str = ""
    slug_is_derived: bool = False

    def entity_values(self) -> dict:
        """The field values this row gives its entity, with `pinyin` filled when the file left it empty."""
        return {
            "name": self.name,
            "kind": self.kind,
            "name_zh": self.name_zh,
            "aliases": "\n".join(self.aliases),
            "pinyin": self.pinyin or pinyin_for(self.name_zh, kind=self.kind),
            "description": self.description,
            "wikidata_id": self.wikidata_id,
            "website": self.website,
        }


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


def derive_slug(name: str) -> str:
    """The slug an entity called `name` gets when the file gives none (Entity.slugify, ASCII only)."""
    return Entity().slugify(name)


def pinyin_for(name_zh: str, *, kind: str) -> str:
    """Lowercase toneless pinyin syllables for a Chinese name ("柯南" → "ke nan"); "" without Chinese characters.

    Latin and digits inside the name are kept ("小米SU7" → "xiao mi su7"); punctuation is dropped.
    """
    if not HAN_PATTERN.search(name_zh):
        return ""
    syllables = lazy_pinyin(name_zh, style=Style.NORMAL)
    if kind == Entity.Kind.PERSON and name_zh[0] in SURNAME_READINGS:
        syllables[0] = SURNAME_READINGS[name_zh[0]]
    return " ".join(SYLLABLE_PATTERN.findall(" ".join(syllables).lower()))


def read_entity_rows(stream: TextIO) -> tuple[list[EntityRow], list[Rejection]]:
    """Parse and check every row of an entities CSV, without touching the database.

    Returns the good rows and a rejection (with its line number) for each bad one. Raises
    EntityFileError when the header lacks a column or the text is not CSV.
    """
    reader = csv.reader(stream)
    header = _read_header(reader)
    rows, rejections = [], []
    slug_lines: dict[str, int] = {}
    name_lines: dict[tuple[str, str], int] = {}
    previous_end = reader.line_num
    for values in _rows(reader):
        line, previous_end = previous_end + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        try:
            row = _check_row(line, header, values)
            _check_unique_in_file(row, slug_lines, name_lines)
        except RowRejected as rejected:
            rejections.append(Rejection(line, str(rejected)))
            continue
        slug_lines[row.slug] = line
        name_lines[row.name, row.kind] = line
        rows.append(row)
    return rows, rejections


def load_entities(stream: TextIO) -> LoadReport:
    """Upsert every good row of an entities CSV by slug and report what happened to each row.

    Each row is saved in its own transaction, so a row the database refuses leaves nothing behind
    and does not stop the others. Raises EntityFileError for a file-level problem (see read_entity_rows).
    """
    rows, rejections = read_entity_rows(stream)
    report = LoadReport(rejections=rejections)
    for row in rows:
        try:
            with transaction.atomic():
                outcome = upsert_entity(row)
        except RowRejected as rejected:
            report.rejections.append(Rejection(row.line, str(rejected)))
            continue
        except DatabaseError as error:
            report.rejections.append(Rejection(row.line, f"the database refused the row: {error}"))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    report.rejections.sort(key=lambda rejection: rejection.line)
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


def upsert_entity(row: EntityRow) -> str:
    """Create or update the entity for `row`; returns "added", "updated" or "unchanged".

    A row with an explicit slug updates the entity with that slug, whatever it is called now.
    A row whose slug was derived from its name first looks for an entity with the same name and
    kind, so a file without slugs loads idempotently. Raises RowRejected when the row would take a
    name or slug that belongs to another entity. Call it inside a transaction.
    """
    values = row.entity_values()
    slug = row.slug
    if row.slug_is_derived:
        slug = Entity.objects.filter(name=row.name, kind=row.kind).values_list("slug", flat=True).first() or slug
    entity = Entity.objects.filter(slug=slug).first()
    if entity is not None and row.slug_is_derived and (entity.name, entity.kind) != (row.name, row.kind):
        raise RowRejected(
            f"slug '{slug}' (derived from the name) belongs to {entity.name} ({entity.kind}); "
            "give this row its own slug"
        )
    _check_name_is_free(row, slug)
    if entity is None:
        Entity.objects.create(slug=slug, **values)
        return "added"
    changed = [name for name, value in values.items() if getattr(entity, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(entity, name, values[name])
    entity.save(update_fields=[*changed, "updated_at"])
    return "updated"


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
    """Write `entities` as an entities CSV (header included) to `stream`; returns the number of rows.

    The output loads back with load_entities and reports every row unchanged.
    """
    writer = csv.writer(stream, lineterminator="\n")
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


def _check_row(line: int, header: list[str], values: list[str]) -> EntityRow:
    if len(values) > len(header):
        raise RowRejected(f"{len(values)} values for {len(header)} columns; quote any field that contains a comma")
    cells = dict(zip(header, [restore_formula(value.strip()) for value in values], strict=False))
    cells = {name: cells.get(name, "") for name in COLUMNS}
    problems = []

    if not cells["name"]:
        problems.append("name is empty")
    kind = cells["kind"].lower()
    if kind not in KINDS:
        shown = f"unknown kind '{cells['kind']}'" if cells["kind"] else "kind is empty"
        problems.append(f"{shown} (expected one of {', '.join(KINDS)})")

    slug, slug_is_derived = cells["slug"], not cells["slug"]
    if slug_is_derived:
        slug = derive_slug(cells["name"]) if cells["name"] else ""
    elif not SLUG_PATTERN.match(slug):
        problems.append(
            f"slug '{slug}' is not a valid slug (lowercase letters, digits and hyphens, e.g. '{derive_slug(slug)}')"
        )

    aliases = tuple(dict.fromkeys(alias.strip() for alias in cells["aliases"].split(ALIAS_SEPARATOR)))
    aliases = tuple(alias for alias in aliases if alias)
    for alias in aliases:
        if len(alias) == 1:
            problems.append(f"alias '{alias}' is a single character; the tagger would find it inside other words")
        if "\n" in alias or "\r" in alias:
            problems.append(f"alias '{alias}' contains a line break; separate aliases with '{ALIAS_SEPARATOR}'")

    if "\n" in cells["description"] or "\r" in cells["description"]:
        problems.append("description must be a single line")
    if cells["website"]:
        try:
            _is_url(cells["website"])
        except ValidationError:
            problems.append(f"website '{cells['website']}' is not a URL (expected e.g. https://www.example.com)")
    if cells["wikidata_id"] and not WIKIDATA_ID_PATTERN.match(cells["wikidata_id"]):
        problems.append(f"wikidata_id '{cells['wikidata_id']}' is not a Wikidata ID (expected Q and digits, e.g. Q148)")
    problems.extend(_length_problems({**cells, "slug": slug}))

    if problems:
        raise RowRejected("; ".join(problems))
    return EntityRow(
        line=line,
        slug=slug,
        name=cells["name"],
        kind=kind,
        name_zh=cells["name_zh"],
        aliases=aliases,
        pinyin=cells["pinyin"],
        description=cells["description"],
        wikidata_id=cells["wikidata_id"],
        website=cells["website"],
        slug_is_derived=slug_is_derived,
    )


def _length_problems(cells: dict) -> list[str]:
    problems = []
    for name in ("slug", *ENTITY_FIELDS):
        max_length = Entity._meta.get_field(name).max_length
        if max_length and len(cells[name]) > max_length:
            problems.append(f"{name} is {len(cells[name])} characters long (at most {max_length})")
    return problems


def _check_unique_in_file(row: EntityRow, slug_lines: dict, name_lines: dict) -> None:
    if row.slug in slug_lines:
        origin = " (derived from the name)" if row.slug_is_derived else ""
        raise RowRejected(f"duplicate slug '{row.slug}'{origin}: already used on line {slug_lines[row.slug]}")
    if (row.name, row.kind) in name_lines:
        raise RowRejected(
            f"duplicate name: a {row.kind} named '{row.name}' is already on line {name_lines[row.name, row.kind]}"
        )


def _check_name_is_free(row: EntityRow, slug: str) -> None:
    other = Entity.objects.filter(name=row.name, kind=row.kind).exclude(slug=slug).first()
    if other is not None:
        raise RowRejected(
            f"a {row.kind} named '{row.name}' already exists with slug '{other.slug}'; use that slug to update it"
        )
