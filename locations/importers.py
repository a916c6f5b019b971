"""Bulk import and export of the catalogue as CSV: one definition for the admin and the CLI.

Two formats, described for fixers in docs/import-format.md:

* locations: one row per location, keyed by name + prefecture;
* studios: one row per stage; rows with the same studio name make one studio, and a stage
  is keyed by studio + stage name.

A run reads every row, parses its cells, then validates the record with the model's
`full_clean` (so the importer and the database constraints agree), inside one transaction.
Nothing is written unless every row is good; the admin's preview is the same run with
`dry_run=True`. Rows whose values equal the stored ones are left untouched, so importing the
same file twice changes nothing.
"""

import csv
import io
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from locations.iterables import batched
from locations.models import Category, Location, Prefecture, Soundstage, Status, Studio, Tag
from locations.models.common import JAPAN_LAT_MAX, JAPAN_LAT_MIN, JAPAN_LNG_MAX, JAPAN_LNG_MIN
from locations.readings import suggest_readings
from locations.search import normalize
from locations.workflow import allowed_status, publish_permission

LOCATION_COLUMNS = (
    "name",
    "name_ja",
    "category",
    "prefecture",
    "municipality",
    "address",
    "latitude",
    "longitude",
    "description",
    "tags",
    "status",
)
STUDIO_COLUMNS = (
    "studio",
    "studio_ja",
    "prefecture",
    "municipality",
    "latitude",
    "longitude",
    "website",
    "stage",
    "length_m",
    "width_m",
    "height_m",
    "area_m2",
    "tank",
    "cyclorama",
    "status",
)
# Numbers are written as numbers: never formula-escaped (a negative number is not a formula).
NUMBER_COLUMNS = frozenset({"latitude", "longitude", "length_m", "width_m", "height_m", "area_m2"})
# A text cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TAG_SEPARATOR = ";"
YES = frozenset({"yes", "y", "true", "1", "あり", "はい"})
NO = frozenset({"no", "n", "false", "0", "なし", "いいえ", ""})
# An upload bigger than this is refused before parsing (tens of thousands of rows).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Names per query when an import reads the file's existing records (SQLite's parameter limit).
PRELOAD_BATCH = 500

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
# For people (the admin's preview, the summary line); the codes above stay in the data.
ACTION_LABELS = {
    NEW: pgettext_lazy("import action", "new"),
    UPDATED: pgettext_lazy("import action", "updated"),
    UNCHANGED: pgettext_lazy("import action", "unchanged"),
}
RECORD_LABELS = {
    "location": gettext_lazy("location"),
    "studio": gettext_lazy("studio"),
    "stage": gettext_lazy("stage"),
}
RECORD_PLURAL_LABELS = {
    "location": gettext_lazy("locations"),
    "studio": gettext_lazy("studios"),
    "stage": gettext_lazy("stages"),
}


def escape_formula(value: str) -> str:
    """Prefix `'` to a text cell a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula`, so an exported file imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


@dataclass(frozen=True)
class LineError:
    """A problem in the file; `line` counts the header as line 1, as a spreadsheet does."""

    line: int
    message: str

    def __str__(self):
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class Outcome:
    """What a row does (or would do) to one record."""

    line: int
    record: str  # "location", "studio" or "stage"
    label: str
    action: str  # NEW, UPDATED or UNCHANGED
    changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def record_label(self) -> str:
        return str(RECORD_LABELS.get(self.record, self.record))

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


@dataclass
class ImportReport:
    """The result of a run: one outcome per record touched, or the errors."""

    kind: str
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, Counter]:
        """{"location": Counter({"new": 2, "unchanged": 5}), …} in first-seen order."""
        counts: dict[str, Counter] = {}
        for outcome in self.outcomes:
            counts.setdefault(outcome.record, Counter())[outcome.action] += 1
        return counts

    def summary(self) -> str:
        """One line for people: "locations: 2 new, 1 updated, 5 unchanged"."""
        parts = [
            _("%(records)s: %(new)d new, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "records": RECORD_PLURAL_LABELS.get(record, record),
                "new": c[NEW],
                "updated": c[UPDATED],
                "unchanged": c[UNCHANGED],
            }
            for record, c in self.counts().items()
        ]
        return "; ".join(parts) or _("no rows")

    @property
    def notes(self) -> list[LineError]:
        return [LineError(o.line, note) for o in self.outcomes for note in o.notes]


class FileFormatError(Exception):
    """The file cannot be read as rows at all (encoding, header)."""

    def __init__(self, errors: list[LineError]):
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


class Row:
    """One data row with typed access to its cells; problems are collected, not raised."""

    def __init__(self, line: int, cells: dict[str, str]):
        self.line = line
        self.cells = cells
        self.errors: list[LineError] = []

    def error(self, message: str) -> None:
        self.errors.append(LineError(self.line, message))

    def raw(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def filled(self, column: str) -> bool:
        return bool(self.raw(column))

    def text(self, column: str, *, required: bool = False) -> str:
        value = unescape_formula(self.raw(column))
        if required and not value:
            self.error(_("%(column)s is required") % {"column": column})
        return value

    def number(self, column: str, *, places: int, positive: bool = False) -> Decimal | None:
        """A decimal rounded to the model's places; full-width digits are accepted."""
        raw = self.raw(column)
        if not raw:
            return None
        try:
            value = Decimal(unicodedata.normalize("NFKC", raw))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.error(
                _('%(column)s "%(value)s" is not a number') % {"column": column, "value": raw}
            )
            return None
        if positive and value <= 0:
            self.error(
                _("%(column)s %(value)s must be greater than 0") % {"column": column, "value": raw}
            )
            return None
        try:
            return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            self.error(_("%(column)s %(value)s is too large") % {"column": column, "value": raw})
            return None

    def yes_no(self, column: str) -> bool:
        raw = self.raw(column)
        key = normalize(raw)
        if key in YES:
            return True
        if key not in NO:
            self.error(
                _('%(column)s "%(value)s" is not yes or no') % {"column": column, "value": raw}
            )
        return False

    def coordinates(self) -> tuple[Decimal | None, Decimal | None]:
        """Latitude and longitude inside Japan's box, both or neither."""
        lat = self.number("latitude", places=6)
        lng = self.number("longitude", places=6)
        if lat is not None and not JAPAN_LAT_MIN <= lat <= JAPAN_LAT_MAX:
            self.error(
                _("latitude %(value)s is outside Japan (%(min)s–%(max)s)")
                % {"value": self.raw("latitude"), "min": JAPAN_LAT_MIN, "max": JAPAN_LAT_MAX}
            )
        if lng is not None and not JAPAN_LNG_MIN <= lng <= JAPAN_LNG_MAX:
            self.error(
                _("longitude %(value)s is outside Japan (%(min)s–%(max)s)")
                % {"value": self.raw("longitude"), "min": JAPAN_LNG_MIN, "max": JAPAN_LNG_MAX}
            )
        if self.filled("latitude") != self.filled("longitude"):
            self.error(_("latitude and longitude go together: fill both or neither"))
        return lat, lng

    def status(self) -> str | None:
        """draft, review or published; None when empty (keep the stored status)."""
        raw = self.raw("status")
        if not raw:
            return None
        if raw.casefold() not in Status.values:
            self.error(
                _('status "%(value)s" is not one of %(choices)s')
                % {"value": raw, "choices": ", ".join(Status.values)}
            )
            return None
        return raw.casefold()


def read_rows(data: bytes | str, columns: tuple[str, ...]) -> list[Row]:
    """Decode the file (UTF-8, with or without Excel's BOM), check the header, return the rows.

    Rows that are entirely empty are skipped (spreadsheets leave them at the end); a row with
    fewer cells than the header has the rest empty.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileFormatError(
                [LineError(1, _('the file is not UTF-8: in Excel, save as "CSV UTF-8"'))]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0  # the last record read; an unreadable record is the next one
    try:
        header = next(reader, [])
        line = 1
        names = [name.strip().casefold() for name in header]
        _check_header(names, columns)
        rows = []
        for line, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            row = Row(line, dict(zip(names, values, strict=False)))
            if any(value.strip() for value in values[len(names) :]):
                row.error(
                    _(
                        "%(values)d values but the header has %(columns)d columns "
                        "(a value with a comma needs double quotes)"
                    )
                    % {"values": len(values), "columns": len(names)}
                )
            rows.append(row)
    except csv.Error as exc:
        message = _("not readable as CSV (%(error)s)") % {"error": exc}
        raise FileFormatError([LineError(line + 1, message)]) from None
    if not rows:
        raise FileFormatError([LineError(2, _("the file has a header but no rows"))])
    return rows


def _check_header(names: list[str], columns: tuple[str, ...]) -> None:
    expected = ",".join(columns)
    if not any(names):
        message = _("the file is empty; the header must be %(header)s") % {"header": expected}
        raise FileFormatError([LineError(1, message)])
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        message = _("columns must be separated by commas; the header must be %(header)s") % {
            "header": expected
        }
        raise FileFormatError([LineError(1, message)])
    errors = []
    duplicates = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicates:
        errors.append(_("column(s) appear twice: %(columns)s") % {"columns": ", ".join(duplicates)})
    missing = [c for c in columns if c not in names]
    if missing:
        errors.append(_("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
    unknown = [n or _("(empty)") for n in names if n not in columns]
    if unknown:
        errors.append(_("unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)})
    if errors:
        errors[-1] += _(" (the header must be %(header)s)") % {"header": expected}
        raise FileFormatError([LineError(1, message) for message in errors])


def _assign(instance: models.Model, values: dict) -> list[str]:
    """Set the values that differ from the instance's; return the names of those fields."""
    changed = []
    for name, value in values.items():
        if isinstance(value, models.Model):
            attname = instance._meta.get_field(name).attname
            if getattr(instance, attname) != value.pk:
                setattr(instance, name, value)
                changed.append(name)
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _validation_errors(line: int, exc: ValidationError, columns: dict[str, str]) -> list[LineError]:
    """The model's validation messages as `line N: column: message`."""
    errors = []
    for name, messages in exc.message_dict.items():
        for message in messages:
            if name == NON_FIELD_ERRORS:
                errors.append(LineError(line, message))
            else:
                errors.append(LineError(line, f"{columns.get(name, name)}: {message}"))
    return errors


class Lookups:
    """Prefectures, categories and tags by every name a fixer may write, loaded once per run."""

    def __init__(self):
        self.prefectures: dict[str, Prefecture] = {}
        self.prefecture_codes: dict[int, Prefecture] = {}
        for p in Prefecture.objects.all():
            for name in (p.name_en, p.name_ja, p.short_name_ja, p.slug):
                self.prefectures[normalize(name)] = p
            self.prefecture_codes[p.code] = p
        self.categories: dict[str, Category] = {}
        for c in Category.objects.all():
            for name in (c.slug, c.name, c.name_ja):
                if name:
                    self.categories[normalize(name)] = c
        self.tags_by_key = {tag.search_name: tag for tag in Tag.objects.all()}

    def prefecture(self, row: Row, *, required: bool = True) -> Prefecture | None:
        """By English or Japanese name (京都府 or 京都), slug, or JIS code (26, 1 or 01)."""
        raw = row.raw("prefecture")
        if not raw:
            if required:
                row.error(_("prefecture is required"))
            return None
        key = normalize(raw)
        if key.isdigit():
            found = self.prefecture_codes.get(int(key))
        else:
            key = key.removesuffix(" prefecture")
            for suffix in ("-ken", "-fu", "-to"):  # Kyoto-fu, Tokyo-to, Nara-ken
                key = key.removesuffix(suffix)
            found = self.prefectures.get(key)
        if found is None:
            row.error(_('unknown prefecture "%(value)s"') % {"value": raw})
        return found

    def category(self, row: Row) -> Category | None:
        raw = row.raw("category")
        if not raw:
            row.error(_("category is required"))
            return None
        found = self.categories.get(normalize(raw))
        if found is None:
            slugs = sorted({c.slug for c in self.categories.values()})
            row.error(
                _('unknown category "%(value)s" (one of: %(choices)s)')
                % {"value": raw, "choices": ", ".join(slugs)}
            )
        return found

    def tag_names(self, row: Row) -> list[str]:
        """The `;`-separated names, blanks and repeats dropped."""
        names, keys = [], set()
        for part in row.text("tags").split(TAG_SEPARATOR):
            name = " ".join(part.split())
            key = normalize(name)
            if not key or key in keys:
                continue
            if len(name) > (limit := Tag._meta.get_field("name").max_length):
                row.error(
                    _('tag "%(tag)s" is longer than %(limit)d characters')
                    % {"tag": name, "limit": limit}
                )
            names.append(name)
            keys.add(key)
        return names

    def tags(self, names: list[str]) -> tuple[list[Tag], list[str]]:
        """Tag objects for the names, creating new ones; also the names that were created."""
        tags, created = [], []
        for name in names:
            key = normalize(name)
            tag = self.tags_by_key.get(key)
            if tag is None:
                tag = Tag.objects.create(name=name)
                self.tags_by_key[key] = tag
                created.append(name)
            tags.append(tag)
        return tags, created


class CatalogueImporter:
    """Shared run loop; subclasses parse and save one row."""

    kind = ""
    columns: tuple[str, ...] = ()
    model: type[models.Model]
    change_reason = "CSV import"

    def __init__(self, *, user=None, can_publish: bool | None = None):
        """`user` is recorded as creator/editor; without the publish permission, rows cannot
        publish (see locations.workflow). The command line runs with no user and may publish."""
        self.user = user
        if can_publish is None:
            can_publish = user is None or user.has_perm(publish_permission(self.model))
        self.can_publish = can_publish

    def run(self, data: bytes | str, *, dry_run: bool = False) -> ImportReport:
        """Import the file in one transaction; roll everything back on any error or dry run."""
        report = ImportReport(kind=self.kind)
        try:
            rows = read_rows(data, self.columns)
        except FileFormatError as exc:
            report.errors.extend(exc.errors)
            return report
        with transaction.atomic():
            self.lookups = Lookups()
            self.start(rows)
            for row in rows:
                self.import_row(row, report)
            if report.errors or dry_run:
                transaction.set_rollback(True)
            else:
                report.committed = True
        return report

    def start(self, rows: list[Row]) -> None:
        """Per-run state for subclasses, e.g. the file's existing records read in one go."""

    def import_row(self, row: Row, report: ImportReport) -> None:
        raise NotImplementedError

    def _status(self, requested: str | None, instance) -> tuple[str, list[str]]:
        current = None if instance.pk is None else instance.status
        decision = allowed_status(
            requested or current or Status.DRAFT, current, can_publish=self.can_publish
        )
        return decision.status, [decision.note] if decision.note else []

    def _save(self, row: Row, report: ImportReport, instance, columns: dict, after=None):
        """Validate with the model, then save in a savepoint; False (and errors) on failure."""
        try:
            instance.full_clean(exclude=["slug"])
        except ValidationError as exc:
            report.errors.extend(_validation_errors(row.line, exc, columns))
            return False
        if instance.pk is None and hasattr(instance, "created_by"):
            instance.created_by = self.user
        if hasattr(instance, "updated_by"):
            instance.updated_by = self.user
        instance._history_user = self.user
        instance._change_reason = self.change_reason
        try:
            with transaction.atomic():
                instance.save()
                if after is not None:
                    after()
        except DatabaseError as exc:
            message = _("could not be saved: %(error)s") % {"error": exc}
            report.errors.append(LineError(row.line, message))
            return False
        return True


def _named_in(rows, column: str, queryset):
    """The records of `queryset` whose name is in `column` of the file, read in batches of
    names; per name the lowest id comes last, so a dict keyed by name keeps it (.first())."""
    names = sorted({row.text(column) for row in rows} - {""})
    for batch in batched(names, PRELOAD_BATCH):
        yield from queryset.filter(name__in=batch).order_by("-pk")


class LocationImporter(CatalogueImporter):
    """One row per location, keyed by name + prefecture."""

    kind = "locations"
    columns = LOCATION_COLUMNS
    model = Location

    def start(self, rows):
        self.seen: dict[tuple[str, int], int] = {}
        # The file's existing places with their tags, read in batches rather than per row
        # (the admin's preview runs this inside one request). The lowest id wins, as .first().
        self.existing: dict[tuple[str, int], Location] = {}
        found = Location.objects.prefetch_related("tags")
        for location in _named_in(rows, "name", found):
            self.existing[(location.name, location.prefecture_id)] = location

    def import_row(self, row, report):
        name = row.text("name", required=True)
        name_ja = row.text("name_ja")
        category = self.lookups.category(row)
        prefecture = self.lookups.prefecture(row)
        latitude, longitude = row.coordinates()
        tag_names = self.lookups.tag_names(row)
        requested_status = row.status()
        if row.errors:
            report.errors.extend(row.errors)
            return
        key = (name, prefecture.pk)
        if key in self.seen:
            message = _("same name and prefecture as line %(line)d") % {"line": self.seen[key]}
            report.errors.append(LineError(row.line, message))
            return
        self.seen[key] = row.line

        location = self.existing.get(key)
        is_new = location is None
        if is_new:
            location = Location(name=name, prefecture=prefecture)
        status, notes = self._status(requested_status, location)
        changes = _assign(
            location,
            {
                "name_ja": name_ja,
                "category": category,
                "municipality": row.text("municipality"),
                "address": row.text("address"),
                "latitude": latitude,
                "longitude": longitude,
                "description": row.text("description"),
                "status": status,
            },
        )
        # Readings are suggestions: filled only where nobody has written one.
        reading = suggest_readings(name_ja)
        changes += _assign(
            location,
            {
                "name_kana": location.name_kana or reading.kana,
                "name_romaji": location.name_romaji or reading.romaji,
            },
        )
        stored_tags = set() if is_new else {t.search_name for t in location.tags.all()}
        if stored_tags != {normalize(n) for n in tag_names}:
            changes.append("tags")
        label = str(location)
        if not is_new and not changes:
            report.outcomes.append(Outcome(row.line, "location", label, UNCHANGED))
            return

        def set_tags():
            tags, created = self.lookups.tags(tag_names)
            location.tags.set(tags)
            notes.extend(_('new tag "%(tag)s"') % {"tag": name} for name in created)

        if self._save(row, report, location, {}, after=set_tags if "tags" in changes else None):
            action = NEW if is_new else UPDATED
            report.outcomes.append(
                Outcome(row.line, "location", label, action, tuple(changes), tuple(notes))
            )


@dataclass
class _StudioSeen:
    line: int
    studio: Studio | None  # None when its first row failed
    values: dict
    stage_lines: dict[str, int] = field(default_factory=dict)


class StudioImporter(CatalogueImporter):
    """One row per stage; rows with the same studio name make one studio."""

    kind = "studios"
    columns = STUDIO_COLUMNS
    model = Studio
    studio_columns = {"name": "studio", "name_ja": "studio_ja"}
    stage_columns = ("length_m", "width_m", "height_m", "area_m2", "tank", "cyclorama")

    def start(self, rows):
        self.studios: dict[str, _StudioSeen] = {}
        # The file's existing studios and their stages, read in batches rather than per row.
        self.existing: dict[str, Studio] = {}
        self.existing_stages: dict[tuple[int, str], Soundstage] = {}
        for studio in _named_in(rows, "studio", Studio.objects.prefetch_related("stages")):
            self.existing[studio.name] = studio
            for stage in studio.stages.all():
                self.existing_stages[(studio.pk, stage.name)] = stage

    def import_row(self, row, report):
        name = row.text("studio", required=True)
        seen = self.studios.get(name)
        studio_values = self._studio_values(row, first=seen is None)
        stage_name = row.text("stage")
        stage_values = {
            "length_m": row.number("length_m", places=2, positive=True),
            "width_m": row.number("width_m", places=2, positive=True),
            "height_m": row.number("height_m", places=2, positive=True),
            "area_m2": row.number("area_m2", places=2, positive=True),
            "tank": row.yes_no("tank"),
            "cyclorama": row.yes_no("cyclorama"),
        }
        if not stage_name and any(row.filled(c) for c in self.stage_columns):
            row.error(_("stage is required when the stage's sizes or features are filled"))
        if name and seen is not None:
            self._check_same_studio(row, seen, studio_values)
        if stage_name and seen is not None and stage_name in seen.stage_lines:
            row.error(
                _('stage "%(stage)s" of "%(studio)s" is already on line %(line)d')
                % {"stage": stage_name, "studio": name, "line": seen.stage_lines[stage_name]}
            )
        if row.errors:
            report.errors.extend(row.errors)
            if name and seen is None:
                self.studios[name] = _StudioSeen(row.line, None, studio_values)
            return
        if seen is None:
            studio = self._import_studio(row, report, name, studio_values)
            seen = self.studios[name] = _StudioSeen(row.line, studio, studio_values)
        if seen.studio is None or not stage_name:
            return
        seen.stage_lines[stage_name] = row.line
        self._import_stage(row, report, seen, stage_name, stage_values)

    def _studio_values(self, row: Row, *, first: bool) -> dict:
        """The studio's columns as given on this row (empty ones omitted after the first)."""
        values = {}
        if first or row.filled("prefecture"):
            values["prefecture"] = self.lookups.prefecture(row)
        latitude, longitude = row.coordinates()
        for key, column, value in (
            ("name_ja", "studio_ja", row.text("studio_ja")),
            ("municipality", "municipality", row.text("municipality")),
            ("latitude", "latitude", latitude),
            ("longitude", "longitude", longitude),
            ("website", "website", row.text("website")),
            ("status", "status", row.status()),
        ):
            if first or row.filled(column):
                values[key] = value
        return values

    def _check_same_studio(self, row: Row, seen: _StudioSeen, values: dict) -> None:
        """A studio's later rows leave its columns empty or repeat the first row's values."""
        if seen.studio is None:
            return
        for key, value in values.items():
            if value is not None and value != seen.values.get(key):
                column = self.studio_columns.get(key, key)
                row.error(
                    _(
                        '%(column)s "%(value)s" differs from line %(line)d for the same studio '
                        "(leave it empty or repeat it)"
                    )
                    % {"column": column, "value": row.raw(column), "line": seen.line}
                )

    def _import_studio(self, row, report, name, values) -> Studio | None:
        studio = self.existing.get(name)
        is_new = studio is None
        if is_new:
            studio = Studio(name=name)
        values = dict(values)
        status, notes = self._status(values.pop("status"), studio)
        changes = _assign(studio, {**values, "status": status})
        if not is_new and not changes:
            report.outcomes.append(Outcome(row.line, "studio", name, UNCHANGED))
            return studio
        if not self._save(row, report, studio, self.studio_columns):
            return None
        action = NEW if is_new else UPDATED
        report.outcomes.append(
            Outcome(row.line, "studio", name, action, tuple(changes), tuple(notes))
        )
        return studio

    def _import_stage(self, row, report, seen: _StudioSeen, stage_name: str, values: dict):
        studio = seen.studio
        stage = self.existing_stages.get((studio.pk, stage_name))
        is_new = stage is None
        if is_new:
            stage = Soundstage(studio=studio, name=stage_name, order=len(seen.stage_lines) - 1)
        changes = _assign(stage, values)
        label = f"{studio.name} — {stage_name}"
        if not is_new and not changes:
            report.outcomes.append(Outcome(row.line, "stage", label, UNCHANGED))
            return
        if self._save(row, report, stage, {"name": "stage"}):
            action = NEW if is_new else UPDATED
            report.outcomes.append(Outcome(row.line, "stage", label, action, tuple(changes)))


IMPORTERS: dict[str, type[CatalogueImporter]] = {
    LocationImporter.kind: LocationImporter,
    StudioImporter.kind: StudioImporter,
}


# Export: the same columns, so an exported file imports back with no changes.


def _number(value) -> str:
    return "" if value is None else str(value)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def location_rows(locations: Iterable[Location]) -> Iterator[list[str]]:
    """Rows in LOCATION_COLUMNS order (prefetch "tags" and select the foreign keys)."""
    for loc in locations:
        yield [
            loc.name,
            loc.name_ja,
            loc.category.slug,
            loc.prefecture.name_en,
            loc.municipality,
            loc.address,
            _number(loc.latitude),
            _number(loc.longitude),
            loc.description,
            TAG_SEPARATOR.join(sorted(tag.name for tag in loc.tags.all())),
            loc.status,
        ]


def studio_rows(studios: Iterable[Studio]) -> Iterator[list[str]]:
    """One row per stage in STUDIO_COLUMNS order; a studio without stages gets one row."""
    for studio in studios:
        head = [
            studio.name,
            studio.name_ja,
            studio.prefecture.name_en,
            studio.municipality,
            _number(studio.latitude),
            _number(studio.longitude),
            studio.website,
        ]
        stages = list(studio.stages.all())
        if not stages:
            yield [*head, "", "", "", "", "", "", "", studio.status]
        for stage in stages:
            yield [
                *head,
                stage.name,
                _number(stage.length_m),
                _number(stage.width_m),
                _number(stage.height_m),
                _number(stage.area_m2),
                _yes_no(stage.tank),
                _yes_no(stage.cyclorama),
                studio.status,
            ]


def export_queryset(kind: str, queryset) -> models.QuerySet:
    """The queryset with what its rows read, in export order."""
    if kind == LocationImporter.kind:
        return queryset.select_related("prefecture", "category").prefetch_related("tags")
    return queryset.select_related("prefecture").prefetch_related("stages")


def write_csv(kind: str, queryset) -> bytes:
    """The export file: UTF-8 with a BOM (so Excel reads Japanese), formulas escaped."""
    columns = IMPORTERS[kind].columns
    rows = (location_rows if kind == LocationImporter.kind else studio_rows)(
        export_queryset(kind, queryset)
    )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                value if column in NUMBER_COLUMNS else escape_formula(value)
                for column, value in zip(columns, row, strict=True)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
