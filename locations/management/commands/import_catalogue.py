"""Import locations or studios from a CSV file (the format is docs/import-format.md).

Every run is recorded as a background job, so staff follow it in the admin (progress, then
what it did). By default this command runs the job itself and prints its progress;
`--background` hands it to the workers (`manage.py db_worker`) instead.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from locations import jobs
from locations.importers import IMPORTERS, FileFormatError, LineError
from locations.models import JobStatus


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
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the import for the background workers and return at once.",
        )

    def handle(self, *args, kind, file, dry_run, user, background, verbosity, **options):
        self.verbosity = verbosity
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            self.stderr.write(
                str(LineError(1, _('the file is not UTF-8: in Excel, save as "CSV UTF-8"')))
            )
            raise CommandError(f"1 problem(s) in {file}; nothing was imported.") from None
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f'no user "{user}"')
        try:
            job = jobs.start_import(
                kind=kind,
                text=text,
                user=account,
                title=file.name,
                dry_run=dry_run,
                queue=background,
            )
        except FileFormatError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} problem(s) in {file}; nothing was imported."
            ) from None
        if background:
            self.stdout.write(
                f"Queued as background job {job.pk}: follow it in the admin "
                f"(Background jobs). A worker runs it: manage.py db_worker."
            )
            return
        jobs.run(job.pk, echo=self._progress)
        job.refresh_from_db()
        if job.status != JobStatus.SUCCEEDED:
            for error in job.result.get("errors", []) or [job.error]:
                self.stderr.write(error)
            raise CommandError(
                f"{len(job.result.get('errors', [])) or 1} problem(s) in {file}; "
                "nothing was imported."
            )
        for note in job.result.get("notes", []):
            self.stdout.write(note)
        if dry_run:
            self.stdout.write(f"Dry run, nothing saved. {file} would give {job.summary}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {file}: {job.summary}."))

    def _progress(self, done: int, total: int) -> None:
        if self.verbosity >= 2 or (total >= 1000 and self.verbosity >= 1):
            self.stderr.write(f"{done:,} / {total:,} rows", ending="\r" if done < total else "\n")
