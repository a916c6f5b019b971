"""Back up the database and every media file into a timestamped folder (`make backup`)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from locations.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Write backups/rokehan-<timestamp>/ with the database (PostgreSQL: pg_dump custom "
        "format; SQLite: an online-backup copy), every media file (read through the storage "
        "API) and a manifest of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(Path(settings.BASE_DIR) / "backups"),
            help="Folder to create the backup in (default: backups/ in the project).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            folder = make_backup(Path(output_dir))
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OperationalError as error:
            raise CommandError(f"The database cannot be reached: {error}") from error
        data = json.loads((folder / "manifest.json").read_text())
        rows = sum(data["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {rows} rows and {len(data['files'])} files to {folder}")
        )
        if data["missing_files"]:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(data['missing_files'])} files named in the database were not in "
                    f"the storage (listed in manifest.json): {data['missing_files'][:5]} …"
                )
            )
