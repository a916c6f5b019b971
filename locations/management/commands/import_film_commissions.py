"""Import film commissions from a CSV file, all or nothing.

    python manage.py import_film_commissions FILE.csv [--dry-run] [--encoding cp932]

Columns (header row required, in any order):
    name,name_ja,prefecture,city,website,email,phone,languages,permit_lead_days,notes
and optionally city_ja, notes_ja, source, verified_on (YYYY-MM-DD).

`prefecture` may be the English or Japanese name (Kyoto, 京都府, 京都), the slug, or the JIS
code (26 or "26"); empty means a national body. A row whose `name` already exists updates that
commission, so importing the same file twice changes nothing. Every bad row is reported as
"line N: reason" and nothing is written unless every row is good.
"""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from locations.models import FilmCommission, Prefecture
from locations.search import normalize

REQUIRED_COLUMNS = [
    "name",
    "name_ja",
    "prefecture",
    "city",
    "website",
    "email",
    "phone",
    "languages",
    "permit_lead_days",
    "notes",
]
OPTIONAL_COLUMNS = ["city_ja", "notes_ja", "source", "verified_on"]
MAX_ROWS = 5000


@dataclass
class Row:
    line: int
    fields: dict


def prefecture_lookup() -> dict[str, Prefecture]:
    """Every way a fixer may write a prefecture, normalised, to the prefecture."""
    lookup = {}
    for prefecture in Prefecture.objects.all():
        keys = [*prefecture.search_names(), prefecture.slug, str(prefecture.code)]
        keys.append(prefecture.jis_code)
        for key in keys:
            lookup[normalize(key)] = prefecture
    return lookup


class Command(BaseCommand):
    help = "Import film commissions from CSV (all or nothing; re-import updates by name)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--encoding",
            default="utf-8-sig",
            help="File encoding (default UTF-8, with or without BOM; Excel in Japan: cp932).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row, write nothing."
        )

    def handle(self, *args, file: Path, encoding: str, dry_run: bool, **options):
        rows, errors = self.read(file, encoding)
        if errors:
            raise CommandError(self.summary(errors))
        if dry_run:
            self.stdout.write(f"{len(rows)} rows are valid; nothing written (dry run).")
            return
        created = updated = 0
        with transaction.atomic():
            for row in rows:
                _, was_created = FilmCommission.objects.update_or_create(
                    name=row.fields["name"], defaults=row.fields
                )
                created += was_created
                updated += not was_created
        self.stdout.write(
            self.style.SUCCESS(f"Imported {len(rows)} rows: {created} created, {updated} updated.")
        )

    @staticmethod
    def summary(errors: list[str]) -> str:
        return "Nothing imported; fix these rows:\n" + "\n".join(errors)

    def read(self, file: Path, encoding: str) -> tuple[list[Row], list[str]]:
        """Parse and validate every row; return the good rows and one message per bad row."""
        try:
            text = file.read_text(encoding=encoding)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except (UnicodeDecodeError, LookupError) as exc:
            raise CommandError(
                f"Cannot read {file} as {encoding}: {exc}. Try --encoding cp932."
            ) from exc
        reader = csv.DictReader(text.splitlines(keepends=True))
        header = [(name or "").strip() for name in (reader.fieldnames or [])]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise CommandError(f"line 1: missing columns: {', '.join(missing)}")
        reader.fieldnames = header
        prefectures = prefecture_lookup()
        rows, errors, seen = [], [], {}
        for record in reader:
            line = reader.line_num
            if len(rows) + len(errors) >= MAX_ROWS:
                errors.append(f"line {line}: more than {MAX_ROWS} rows; split the file")
                break
            values = {k: (v or "").strip() for k, v in record.items() if k in header}
            if not any(values.values()):
                continue  # blank line
            try:
                fields = self.parse(values, prefectures)
            except ValidationError as exc:
                errors.append(f"line {line}: {'; '.join(exc.messages)}")
                continue
            key = fields["name"].casefold()
            if key in seen:
                errors.append(f"line {line}: same name as line {seen[key]}")
                continue
            seen[key] = line
            rows.append(Row(line, fields))
        return rows, errors

    def parse(self, values: dict, prefectures: dict[str, Prefecture]) -> dict:
        """One row's fields, validated by the model's own field and constraint checks."""
        problems = []
        prefecture = None
        if values["prefecture"]:
            prefecture = prefectures.get(normalize(values["prefecture"]))
            if prefecture is None:
                problems.append(f"unknown prefecture {values['prefecture']!r}")
        lead_days = None
        if values["permit_lead_days"]:
            try:
                lead_days = int(values["permit_lead_days"])
            except ValueError:
                problems.append(
                    f"permit_lead_days must be a whole number of days, not "
                    f"{values['permit_lead_days']!r}"
                )
        verified_on = None
        if values.get("verified_on"):
            try:
                verified_on = datetime.date.fromisoformat(values["verified_on"])
            except ValueError:
                problems.append(
                    f"verified_on must be a date like 2026-11-24, not {values['verified_on']!r}"
                )
        if problems:
            raise ValidationError(problems)
        fields = {
            "name": values["name"],
            "name_ja": values["name_ja"],
            "prefecture": prefecture,
            "city": values["city"],
            "website": values["website"],
            "email": values["email"],
            "phone": values["phone"],
            "languages": values["languages"],
            "permit_lead_days": lead_days,
            "notes": values["notes"],
        }
        for column in OPTIONAL_COLUMNS:
            if column in values:
                fields[column] = verified_on if column == "verified_on" else values[column]
        try:
            # Field, length and constraint checks; the name may exist already (an update).
            FilmCommission(**fields).full_clean(exclude=["slug"], validate_unique=False)
        except ValidationError as exc:
            raise ValidationError(self.messages(exc)) from exc
        return fields

    @staticmethod
    def messages(exc: ValidationError) -> list[str]:
        """ "website: Enter a valid URL." rather than a bare message."""
        if not hasattr(exc, "error_dict"):
            return exc.messages
        return [
            f"{field}: {message}" if field != "__all__" else message
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
