"""Import locations or studios from a CSV file (the format is docs/import-format.md)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from locations.importers import IMPORTERS


class Command(BaseCommand):
    help = (
        "Import locations or studios from a UTF-8 CSV file with a header row "
        "(docs/import-format.md). A file with any bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="What the file holds.")
        parser.add_argument("file", type=Path, help="The CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; save nothing."
        )
        parser.add_argument(
            "--user",
            help="Record this username as creator/editor and apply its permissions "
            "(without publish permission, published rows are saved as review).",
        )

    def handle(self, *args, kind, file, dry_run, user, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from None
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f'no user "{user}"')
        report = IMPORTERS[kind](user=account).run(data, dry_run=dry_run)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} problem(s) in {file}; nothing was imported.")
        for note in report.notes:
            self.stdout.write(str(note))
        if dry_run:
            self.stdout.write(f"Dry run, nothing saved. {file} would give {report.summary()}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {file}: {report.summary()}."))
