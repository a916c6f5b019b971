"""Bulk import and export of the catalogue as CSV: one definition for the admin, the command
line, background jobs and the demo data.

Two formats, described for fixers in docs/import-format.md:

* locations (`locations.py`): one row per place, matched by `ref` or by name, prefecture
  and municipality;
* studios (`studios.py`): one row per stage; rows with the same studio name make one studio,
  and a stage is keyed by studio + stage name.

A run reads every row (`csvfile.py`), parses its cells, then validates the record with the
model's `full_clean` (so the importer and the database constraints agree), inside one
transaction (`base.py`). Nothing is written unless every row is good; the admin's preview is
the same run with `dry_run=True`. Rows whose values equal the stored ones are left untouched,
so importing the same file twice changes nothing.
"""

from .base import CatalogueImporter
from .csvfile import MAX_IMPORT_BYTES, FileFormatError, LineError, escape_formula
from .export import IMPORTERS, NUMBER_COLUMNS, write_csv
from .locations import LOCATION_COLUMNS, LocationImporter
from .report import NEW, UNCHANGED, UPDATED, ImportReport, Outcome
from .studios import STUDIO_COLUMNS, StudioImporter

__all__ = [
    "IMPORTERS",
    "LOCATION_COLUMNS",
    "MAX_IMPORT_BYTES",
    "NEW",
    "NUMBER_COLUMNS",
    "STUDIO_COLUMNS",
    "UNCHANGED",
    "UPDATED",
    "CatalogueImporter",
    "FileFormatError",
    "ImportReport",
    "LineError",
    "LocationImporter",
    "Outcome",
    "StudioImporter",
    "escape_formula",
    "write_csv",
]
