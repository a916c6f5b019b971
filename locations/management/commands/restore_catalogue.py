"""Restore a backup made by backup_catalogue (`make restore BACKUP=backups/rokehan-…`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from locations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and media files from a backup folder. Checks every checksum, "
        "the engine and the migrations first; refuses a database that already holds "
        "catalogue records unless --replace is given; afterwards compares rows (and, on "
        "PostgreSQL, content checksums) with the manifest. Run migrate afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder (backups/rokehan-…).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Empty a non-empty database and overwrite differing media files.",
        )

    def handle(self, *args, backup, replace, **options):
        try:
            result = restore_backup(Path(backup), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OperationalError as error:
            raise CommandError(f"The database cannot be reached: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(result.rows.values())} rows; wrote {result.files_written} "
                f"media files ({result.files_already_present} were already in place)."
            )
        )
