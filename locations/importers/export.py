"""Export: the import format's columns, so an exported file imports back with no changes."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db import models

from locations.models import Location, Studio

from .csvfile import TAG_SEPARATOR, escape_formula
from .locations import EXTRA_COLUMNS, LocationImporter
from .studios import StudioImporter

# Numbers are written as numbers: never formula-escaped (a negative number is not a formula).
NUMBER_COLUMNS = frozenset(
    {
        "latitude",
        "longitude",
        "length_m",
        "width_m",
        "height_m",
        "area_m2",
        *(e.name for e in EXTRA_COLUMNS if e.kind == "integer"),
    }
)


def _number(value) -> str:
    return "" if value is None else str(value)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    return str(value)


def location_rows(locations: Iterable[Location]) -> Iterator[list[str]]:
    """Rows in `LocationImporter().all_columns` order (prefetch "tags", select the keys)."""
    extras = [e.name for e in EXTRA_COLUMNS if e.name != "ref"]
    for loc in locations:
        yield [
            loc.ref,
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
            *(_cell(getattr(loc, name)) for name in extras),
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


IMPORTERS: dict[str, type] = {
    LocationImporter.kind: LocationImporter,
    StudioImporter.kind: StudioImporter,
}


def write_csv(kind: str, queryset) -> bytes:
    """The export file: UTF-8 with a BOM (so Excel reads Japanese), formulas escaped."""
    columns = IMPORTERS[kind]().all_columns
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
