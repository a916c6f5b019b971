"""Mark background jobs whose worker died (killed, crashed, machine lost) as failed."""

from django.core.management.base import BaseCommand

from locations.jobs import fail_stale_jobs


class Command(BaseCommand):
    help = (
        "Mark running background jobs whose worker has not reported for "
        "JOB_HEARTBEAT_TIMEOUT as failed (their imports saved nothing). Safe to run any time."
    )

    def handle(self, *args, **options):
        count = fail_stale_jobs()
        self.stdout.write(f"{count} stale job(s) marked as failed.")
