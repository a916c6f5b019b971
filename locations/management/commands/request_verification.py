"""Ask owners to confirm their records, remind them once, flag the unanswered for editors.

Run it once a day (cron, a Kubernetes CronJob or a systemd timer: docs/deployment.md); it is
idempotent, so a second run the same day, or a missed day, sends nothing twice. The e-mails
are queued as background tasks and go out from `manage.py db_worker`.
"""

from django.core.management.base import BaseCommand

from locations.verification_round import run_round


class Command(BaseCommand):
    help = (
        "E-mail the owner contact of each published location and studio not checked for "
        "VERIFICATION_STALE_MONTHS a link to confirm it; remind once after "
        "VERIFICATION_REMINDER_DAYS; then flag it for editors. Never deletes or unpublishes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent and flagged; send, change and queue nothing.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        result = run_round(dry_run=dry_run)
        if verbosity > 1:
            for label, records in (
                ("request", result.requested),
                ("reminder", result.reminded),
                ("flag", result.flagged),
            ):
                for record in records:
                    self.stdout.write(f"  {label}: {record._meta.model_name} {record.pk} {record}")
        counts = (
            f"{len(result.requested)} requests, {len(result.reminded)} reminders, "
            f"{len(result.flagged)} records flagged for editors, "
            f"{result.cleared} rounds closed (checked meanwhile)"
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing sent or changed. Would do: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Done: {counts}. E-mails go out from db_worker."))
        if result.without_email:
            self.stdout.write(
                self.style.WARNING(
                    f"{result.without_email} published records are due but have no contact "
                    "e-mail (admin: Checked → over 6 months ago / never)."
                )
            )
