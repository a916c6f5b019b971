"""`manage.py load_demo`: the demo catalogue a newcomer sees after `make run`."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from locations.demo.loader import demo_steps


class Command(BaseCommand):
    """Load the demo places, studios and placeholder photos.

    Idempotent: a second run creates, changes and duplicates nothing, and it never deletes
    anything. Everything runs in one transaction, so a failure leaves the database as it
    was (files already written to media storage stay there). The steps are listed in
    `locations.demo.loader.STEPS`; the itinerary step (issue 4) is appended there.
    """

    help = "Load the demo catalogue (real public places, studios, placeholder photos)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-photos",
            action="store_true",
            help="Skip the placeholder photos (faster; records only).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            for step in demo_steps(photos=not options["no_photos"]):
                self.stdout.write(f"Loading {step.name}...")
                result = step.run()
                self.stdout.write(f"  {result}")
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo catalogue loaded in {seconds:.1f} s."))
