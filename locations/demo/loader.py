"""Write the demo catalogue, one step per function; every step is idempotent.

The places are `places.csv`, a file in the import format, loaded by the importer fixers use
(matched by `ref`). Studios and stages are keyed as the studio import keys them (a studio by
name, a stage by studio + stage name). A record whose fields already match is not saved
again, so a second run writes nothing: no new history rows, no changed `updated_at`.
Photos are added only to demo records that have none, so a fixer's own photos are never
joined by placeholders.

The command runs `demo_steps()` inside one transaction. Itineraries (issue 4) add their
step by appending `Step("tour", load_tour)` to `STEPS`: it runs after places and studios.
"""

import csv
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import models
from django.utils.text import slugify

from locations import importers
from locations.models import (
    Location,
    Prefecture,
    Soundstage,
    Status,
    Studio,
)
from locations.photos.services import add_photo

from . import photos as placeholder
from .commissions import load_commissions
from .studios import STUDIOS, Stage, StudioRecord
from .tour import load_tour

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class StepResult:
    """What one step did, for the command's progress lines."""

    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        parts = [f"{self.created} created", f"{self.updated} updated"]
        parts.append(f"{self.unchanged} unchanged")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return f"{self.name}: " + ", ".join(parts)


@dataclass(frozen=True)
class Step:
    """A named step of the demo load."""

    name: str
    run: Callable[[], StepResult]


def upsert(model: type[models.Model], *, lookup: dict, values: dict):
    """Like `update_or_create`, but saves only when a value differs (`update_or_create`
    always saves, which would add a history row and touch `updated_at` on every run).
    Returns (instance, CREATED | UPDATED | UNCHANGED)."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return model._default_manager.create(**lookup, **values), CREATED
    changed = [name for name, value in values.items() if _differs(instance, name, value)]
    if not changed:
        return instance, UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return instance, UPDATED


def _differs(instance: models.Model, name: str, value) -> bool:
    field = instance._meta.get_field(name)
    if field.is_relation:
        return getattr(instance, field.attname) != (value.pk if value is not None else None)
    return getattr(instance, name) != value


def _decimal(value: float | None) -> Decimal | None:
    # Through str, so 35.0394 is stored as written and not as its binary float expansion.
    return None if value is None else Decimal(str(value))


# The demo places, in the import format fixers use (docs/import-format.md).
PLACES_CSV = Path(__file__).with_name("places.csv")


def demo_places() -> list[dict[str, str]]:
    """The rows of places.csv, as dicts by column."""
    with PLACES_CSV.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load_places() -> StepResult:
    """The demo locations (places.csv), through the same importer as a fixer's file: the
    demo proves the import path. Matched by their `ref`, so a second run changes nothing."""
    result = StepResult("places")
    report = importers.LocationImporter(change_reason="Demo data").run(PLACES_CSV.read_bytes())
    if not report.ok:
        raise DemoDataError("; ".join(str(error) for error in report.errors))
    counts = report.counts().get("location", {})
    result.created = counts.get(importers.NEW, 0)
    result.updated = counts.get(importers.UPDATED, 0)
    result.unchanged = counts.get(importers.UNCHANGED, 0)
    return result


class DemoDataError(Exception):
    """The demo files do not import (a mistake in places.csv)."""


def _studio_values(record: StudioRecord, prefectures: dict) -> dict:
    values = asdict(record)
    for name in ("name", "stages", "latitude", "longitude"):
        values.pop(name)
    values["prefecture"] = prefectures[record.prefecture]
    values["latitude"] = _decimal(record.latitude)
    values["longitude"] = _decimal(record.longitude)
    values["status"] = Status.PUBLISHED
    return values


def _stage_values(stage: Stage, record: StudioRecord, order: int) -> dict:
    values = asdict(stage)
    values.pop("name")
    values["order"] = order
    values["is_sample"] = record.is_sample
    return values


def load_studios() -> StepResult:
    """The demo studios (studios.STUDIOS) and their stages; counts studios and stages."""
    result = StepResult("studios and stages")
    prefectures = {p.slug: p for p in Prefecture.objects.all()}
    for record in STUDIOS:
        studio, outcome = upsert(
            Studio, lookup={"name": record.name}, values=_studio_values(record, prefectures)
        )
        result.count(outcome)
        for order, stage in enumerate(record.stages, start=1):
            _, outcome = upsert(
                Soundstage,
                lookup={"studio": studio, "name": stage.name},
                values=_stage_values(stage, record, order),
            )
            result.count(outcome)
    return result


def _add_placeholders(owner, title: str, subtitle: str, palette: str, n: int):
    for index in range(n):
        data = placeholder.placeholder_jpeg(
            title, palette=palette, variant=index, subtitle=subtitle
        )
        # The same path as a fixer's upload: validated, re-encoded, stored through the
        # storage API (so S3-compatible media works) and thumbnailed.
        add_photo(
            owner=owner,
            uploaded_file=ContentFile(data, name=f"{slugify(title)}-{index + 1}.jpg"),
            caption=placeholder.CAPTION,
            credit=placeholder.CREDIT,
            is_cover=index == 0,
            order=index,
        )


def load_photos() -> StepResult:
    """Placeholder photos: 2–3 per demo location and 1–2 per demo studio, the first the
    cover; skipped for any record that already has photos."""
    result = StepResult("photos")
    refs = [place["ref"] for place in demo_places()]
    locations = Location.objects.filter(ref__in=refs).select_related("prefecture", "category")
    for index, location in enumerate(locations.order_by("name", "pk")):
        if location.photos.exists():
            result.skipped += 1
            continue
        subtitle = f"{location.municipality}, {location.prefecture.name_en}"
        count = 2 + index % 2  # two or three, alternating
        _add_placeholders(location, location.name, subtitle, location.category.slug, count)
        result.created += count
    studios = Studio.objects.filter(name__in=[s.name for s in STUDIOS]).order_by("name")
    for index, studio in enumerate(studios):
        if studio.photos.exists():
            result.skipped += 1
            continue
        count = 1 + index % 2
        _add_placeholders(studio, studio.name, "Film studio", "studio", count)
        result.created += count
    return result


def load_demo_tour() -> StepResult:
    """The week-long familiarisation tour over the demo places (rebuilt on every run)."""
    result = StepResult("familiarisation tour")
    load_tour()
    result.count(UPDATED)
    return result


# The demo's steps in order.
STEPS: list[Step] = [
    Step("places", load_places),
    Step("studios", load_studios),
    Step("photos", load_photos),
    Step("film commissions", load_commissions),
    Step("tour", load_demo_tour),
]


def demo_steps(*, photos: bool = True) -> list[Step]:
    """The steps to run; without photos when `photos` is False (`--no-photos`)."""
    return [step for step in STEPS if photos or step.name != "photos"]
