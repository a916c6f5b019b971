"""Locations: one row per place, matched to a stored place by `ref` or by where it is.

Japan has dozens of 八幡神社 in one prefecture, so a name is not an identity:

* a row with a `ref` (the spreadsheet's own stable id: a film-office number, a station code)
  is the place with that ref — or, the first time refs are given, the one place without a
  ref that has the row's name, prefecture and municipality;
* a row without a `ref` is the place with its name, prefecture and municipality.

A row that would match two stored places, two rows that would be the same place, and two
rows that would create the same unnamed-apart place are errors naming both lines.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from locations.models import Compass, DronePolicy, Location, Power
from locations.prefecture_bounds import misplaced_note
from locations.readings import suggest_readings
from locations.search import normalize

from .base import CatalogueImporter, _assign, _named_in
from .csvfile import Row
from .report import NEW, UNCHANGED, UPDATED, Outcome

# The columns every locations file has (the format since the first version).
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


@dataclass(frozen=True)
class Extra:
    """An optional column: a Location field of the same name, and how its cells read."""

    name: str
    kind: str = "text"  # text, integer, yes_no, date, or a choices class
    choices: type | None = None


# Optional columns; a column the file leaves out leaves that field as it is.
EXTRA_COLUMNS = (
    Extra("ref"),
    Extra("name_kana"),
    Extra("name_romaji"),
    Extra("address_ja"),
    Extra("description_ja"),
    Extra("permit_authority"),
    Extra("permit_lead_days", "integer"),
    Extra("permit_fees"),
    Extra("permit_notes"),
    Extra("restrictions"),
    Extra("filming_hours"),
    Extra("drones", "choice", DronePolicy),
    Extra("best_season"),
    Extra("best_time_of_day"),
    Extra("view_facing", "choice", Compass),
    Extra("light_notes"),
    Extra("power", "choice", Power),
    Extra("parking_vehicles", "integer"),
    Extra("basecamp_trucks", "integer"),
    Extra("load_in"),
    Extra("nearest_station"),
    Extra("station_walk_minutes", "integer"),
    Extra("unit_move_notes"),
    Extra("noise_trains", "yes_no"),
    Extra("noise_traffic", "yes_no"),
    Extra("noise_flight_path", "yes_no"),
    Extra("noise_notes"),
    Extra("featured", "yes_no"),
    Extra("verified_on", "date"),
)
# Columns a location cannot do without; the rest of LOCATION_COLUMNS may be left out too.
REQUIRED_LOCATION_COLUMNS = ("name", "category", "prefecture")
OPTIONAL_LOCATION_COLUMNS = tuple(
    c for c in LOCATION_COLUMNS if c not in REQUIRED_LOCATION_COLUMNS
) + tuple(extra.name for extra in EXTRA_COLUMNS)
# Readings are suggestions made from name_ja: an empty cell keeps (or suggests) one.
READING_COLUMNS = frozenset({"name_kana", "name_romaji"})


def place_key(name: str, prefecture_pk: int, municipality: str) -> tuple[str, int, str]:
    """Where a place is, as the importer compares it: name, prefecture and municipality,
    ignoring case, width and spacing."""
    return (
        " ".join(normalize(name).split()),
        prefecture_pk,
        " ".join(normalize(municipality).split()),
    )


def _extra_value(row: Row, extra: Extra):
    if extra.kind == "integer":
        return row.integer(extra.name)
    if extra.kind == "yes_no":
        return row.yes_no(extra.name)
    if extra.kind == "date":
        return row.date(extra.name)
    if extra.kind == "choice":
        return row.choice(extra.name, extra.choices)
    return row.text(extra.name)


class LocationImporter(CatalogueImporter):
    """One row per location (see the module's docstring for how rows find their place)."""

    kind = "locations"
    columns = REQUIRED_LOCATION_COLUMNS
    optional_columns = OPTIONAL_LOCATION_COLUMNS
    model = Location

    @property
    def all_columns(self) -> tuple[str, ...]:
        # Exports keep the first version's order, with the optional columns after it.
        return ("ref", *LOCATION_COLUMNS) + tuple(e.name for e in EXTRA_COLUMNS if e.name != "ref")

    def start(self, rows):
        # Which line claimed each ref, place key and stored place, for errors naming both.
        self.lines_by_ref: dict[str, int] = {}
        self.lines_by_key: dict[tuple, int] = {}
        self.lines_by_place: dict[int, int] = {}
        # The file's existing places with their tags, read in batches rather than per row
        # (the admin's preview runs this inside one request).
        found = Location.objects.prefetch_related("tags")
        self.by_ref: dict[str, Location] = {}
        self.by_key: dict[tuple, list[Location]] = {}
        self.by_name: dict[tuple, list[Location]] = {}  # by name and prefecture only
        seen_pks = set()
        for location in [*_named_in(rows, "ref", found, "ref"), *_named_in(rows, "name", found)]:
            if location.pk in seen_pks:
                continue
            seen_pks.add(location.pk)
            if location.ref:
                self.by_ref[location.ref] = location
            key = place_key(location.name, location.prefecture_id, location.municipality)
            self.by_key.setdefault(key, []).append(location)
            self.by_name.setdefault(key[:2], []).append(location)
        for places in self.by_key.values():
            places.sort(key=lambda place: place.pk)

    def _resolve(self, row: Row, ref: str, key: tuple) -> Location | None:
        """The stored place this row is (None: a new one), or None with an error on the row."""
        if ref:
            if ref in self.lines_by_ref:
                row.error(
                    _('same ref "%(ref)s" as line %(line)d')
                    % {"ref": ref, "line": self.lines_by_ref[ref]}
                )
                return None
            self.lines_by_ref[ref] = row.line
            if ref in self.by_ref:
                return self.by_ref[ref]
            # The first import with refs: the one place here without a ref yet.
            candidates = [p for p in self.by_key.get(key, []) if not p.ref]
        else:
            if key in self.lines_by_key:
                row.error(
                    _(
                        "same name, prefecture and municipality as line %(line)d: give each "
                        "row a ref (its own id) to import both"
                    )
                    % {"line": self.lines_by_key[key]}
                )
                return None
            self.lines_by_key[key] = row.line
            candidates = self.by_key.get(key, [])
        if len(candidates) > 1:
            row.error(
                _(
                    "matches %(count)d stored places (%(places)s): add a ref column to say "
                    "which, or tell them apart by municipality"
                )
                % {
                    "count": len(candidates),
                    "places": ", ".join(p.slug for p in candidates),
                }
            )
            return None
        return candidates[0] if candidates else None

    def _misplaced(self, prefecture, latitude, longitude) -> list[str]:
        """A note when the coordinates lie in another prefecture: saved as written, for the
        fixer to check (`misplaced_note`)."""
        note = misplaced_note(prefecture, latitude, longitude, self.lookups.prefecture_codes)
        return [note] if note else []

    def _namesakes(self, key: tuple) -> list[str]:
        """A note for a new place whose name is already used in its prefecture: normal in
        Japan, but also what a corrected municipality without a ref looks like."""
        others = [p for p in self.by_name.get(key[:2], []) if p.pk is not None]
        if not others:
            return []
        return [
            _(
                "a new place: %(count)d stored place(s) of this name in the prefecture "
                "(%(places)s); if this row is one of them, give it its ref"
            )
            % {
                "count": len(others),
                "places": ", ".join(f"{p.slug} ({p.municipality or '—'})" for p in others),
            }
        ]

    def import_row(self, row, report):
        name = row.text("name", required=True)
        ref = row.text("ref")
        category = self.lookups.category(row)
        prefecture = self.lookups.prefecture(row)
        latitude, longitude = row.coordinates()
        tag_names = self.lookups.tag_names(row)
        requested_status = row.status()
        extras = {e.name: _extra_value(row, e) for e in EXTRA_COLUMNS if row.has(e.name)}
        if row.errors:
            report.errors.extend(row.errors)
            return
        key = place_key(name, prefecture.pk, row.text("municipality"))
        location = self._resolve(row, ref, key)
        if location is not None and location.pk in self.lines_by_place:
            row.error(
                _("is the same stored place (%(slug)s) as line %(line)d")
                % {"slug": location.slug, "line": self.lines_by_place[location.pk]}
            )
        if row.errors:
            report.errors.extend(row.errors)
            return
        is_new = location is None
        if is_new:
            location = Location(name=name, prefecture=prefecture)
        else:
            self.lines_by_place[location.pk] = row.line
        status, notes = self._status(requested_status, location)
        if is_new:
            notes.extend(self._namesakes(key))
        if latitude is not None:
            notes.extend(self._misplaced(prefecture, latitude, longitude))
        values = {"name": name, "category": category, "status": status}
        values.update(
            {
                column: row.text(column)
                for column in ("name_ja", "municipality", "address", "description")
                if row.has(column)
            }
        )
        if row.has("latitude"):
            values.update(latitude=latitude, longitude=longitude)
        readings = {k: v for k, v in extras.items() if k in READING_COLUMNS and v}
        values.update({k: v for k, v in extras.items() if k not in READING_COLUMNS})
        changes = _assign(location, values)
        # Readings are suggestions: filled only where nobody has written one.
        reading = suggest_readings(location.name_ja)
        changes += _assign(
            location,
            {
                "name_kana": readings.get("name_kana") or location.name_kana or reading.kana,
                "name_romaji": readings.get("name_romaji")
                or location.name_romaji
                or reading.romaji,
            },
        )
        if row.has("tags"):
            stored_tags = set() if is_new else {t.search_name for t in location.tags.all()}
            if stored_tags != {normalize(n) for n in tag_names}:
                changes.append("tags")
        label = str(location)
        if not is_new and not changes:
            report.outcomes.append(Outcome(row.line, "location", label, UNCHANGED))
            return

        def set_tags():
            tags, created = self.lookups.tags(tag_names)
            if is_new:
                # Its search column already holds the names (save below): link in bulk.
                Location.tags.through.objects.bulk_create(
                    Location.tags.through(location_id=location.pk, tag_id=tag.pk) for tag in tags
                )
            else:
                location.tags.set(tags)
            notes.extend(_('new tag "%(tag)s"') % {"tag": name} for name in created)

        # Coordinates inside Japan and unique refs are checked above (row.coordinates,
        # _resolve over the preloaded refs): no query per row for the model's constraints.
        saved = self._save(
            row,
            report,
            location,
            {},
            after=set_tags if "tags" in changes else None,
            constraints=False,
            save_kwargs={"tag_names": tag_names} if is_new else None,
        )
        if saved:
            action = NEW if is_new else UPDATED
            report.outcomes.append(
                Outcome(row.line, "location", str(location), action, tuple(changes), tuple(notes))
            )
            if is_new:
                # A later row of the file may name it by ref or by place.
                if location.ref:
                    self.by_ref[location.ref] = location
                self.by_key.setdefault(key, []).append(location)
                self.by_name.setdefault(key[:2], []).append(location)
                self.lines_by_place[location.pk] = row.line
