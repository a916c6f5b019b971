"""Studios and their stages: one row per stage; rows with the same studio name make one studio."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from locations.models import Soundstage, Studio

from .base import CatalogueImporter, _assign, _named_in
from .csvfile import Row
from .report import NEW, UNCHANGED, UPDATED, Outcome

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
