"""Fill the database with a large synthetic catalogue, for benchmarks and load tests.

    python manage.py generate_catalogue --locations 100000 --studios 2000 [--seed 1] [--photos]
    python manage.py generate_catalogue --clear          # remove generated rows only

Rows are inserted with `bulk_create` in batches, so no `save()`, signals or history run:
this module fills the slug and search column itself (see `locations.synthetic`). Every
generated slug starts with `gen-`; `--clear` deletes those rows and nothing else.
"""

import io
import queue
import random
import threading
import time
from itertools import accumulate

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from PIL import Image, ImageDraw

from locations import synthetic
from locations.caching import bump_catalogue_version
from locations.iterables import batched
from locations.models import Category, Location, Photo, Soundstage, Studio, Tag

PREFIX = synthetic.GENERATED_PREFIX


class Command(BaseCommand):
    help = "Generate a synthetic catalogue (gen- slugs) with bulk inserts, or --clear it."

    def add_arguments(self, parser):
        parser.add_argument("--locations", type=int, default=0, help="Locations to add.")
        parser.add_argument("--studios", type=int, default=0, help="Studios to add (1–6 stages).")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--photos", action="store_true", help="Give each row a cover photo (shared files)."
        )
        parser.add_argument(
            "--clear", action="store_true", help="Delete generated rows first (gen- slugs only)."
        )
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, locations, studios, seed, photos, clear, batch_size, **options):
        if locations < 0 or studios < 0 or batch_size < 1:
            raise CommandError("--locations and --studios must be ≥ 0, --batch-size ≥ 1.")
        if not (clear or locations or studios):
            raise CommandError("Nothing to do: give --locations, --studios or --clear.")
        self.batch_size = batch_size
        self.seed = seed
        self.rng = random.Random(seed + 1)  # studios and photos; locations have their own
        started = time.monotonic()
        with transaction.atomic():
            if clear:
                self.clear()
            self.areas, weights = synthetic.load_areas()
            self.area_weights = list(accumulate(weights))
            if len(self.areas) != 47:
                raise CommandError("Prefectures missing: run `manage.py migrate` first.")
            photo_files = self.photo_files() if photos and (locations or studios) else []
            if locations:
                self.generate_locations(locations, photo_files)
            if studios:
                self.generate_studios(studios, photo_files)
        if locations or studios:
            # Fresh planner statistics: without them PostgreSQL plans the new rows as an
            # empty table (seconds instead of milliseconds until autovacuum catches up).
            tables = [Location, Location.tags.through, Photo, Studio, Soundstage]
            with connection.cursor() as cursor:
                for model in tables:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        bump_catalogue_version()  # bulk_create sends no post_save: cached pages must go
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))

    # --- clearing -------------------------------------------------------------------------

    def clear(self):
        """Delete generated rows (and what cascades from them), writing no history rows."""
        # Deleting through the ORM keeps every cascade (photos, stages, whatever later models
        # point here) but sends post_delete per row; history would add one row per deletion.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            for model in (Location, Studio):
                pks = list(
                    model.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
                )
                for batch in batched(pks, self.batch_size):
                    model.objects.filter(pk__in=batch).only("pk").delete()
                self.stdout.write(
                    f"Deleted {len(pks)} generated {model._meta.verbose_name_plural}."
                )
        unused = Tag.objects.filter(slug__startswith=PREFIX, locations__isnull=True)
        deleted, _ = Tag.objects.filter(pk__in=list(unused.values_list("pk", flat=True))).delete()
        self.stdout.write(f"Deleted {deleted} unused generated tags.")
        folder = synthetic.GENERATED_PHOTO_DIR
        in_use = Photo.objects.filter(image__startswith=folder).exists()
        if not in_use and default_storage.exists(folder):
            for name in default_storage.listdir(folder)[1]:
                default_storage.delete(f"{folder}/{name}")

    # --- locations ------------------------------------------------------------------------

    def tags(self) -> list[int]:
        """The tag vocabulary's pks: existing tags by name, new ones with a gen- slug."""
        existing = {t.name: t.pk for t in Tag.objects.filter(name__in=synthetic.TAGS)}
        pks = []
        for name in synthetic.TAGS:
            if name not in existing:
                # save() fills search_name; 60 single inserts are nothing next to the rest.
                tag = Tag(name=name, slug=f"{PREFIX}{name}")
                tag.save()
                existing[name] = tag.pk
            pks.append(existing[name])
        return pks

    def generate_locations(self, count: int, photo_files: list[tuple[str, int, int]]):
        """Insert `count` locations, their tags and (optionally) cover photos.

        Rows are built in a second thread while the database inserts the previous batch:
        building is Python CPU, inserting mostly database CPU, and the two overlap on a
        2-core machine (the GIL is released while psycopg waits for PostgreSQL).
        """
        started = time.monotonic()
        categories = list(Category.objects.values_list("pk", "slug"))
        tag_pks = self.tags()
        first = Location.objects.filter(slug__startswith=PREFIX).count() + 1
        Through = Location.tags.through
        made = 0
        for rows, tag_sets in self.location_batches(
            range(first, first + count), categories, tag_pks
        ):
            created = self.with_pks(Location, Location.objects.bulk_create(rows))
            links = [
                Through(location_id=location.pk, tag_id=tag_pk)
                for location, tags in zip(created, tag_sets, strict=True)
                for tag_pk in tags
            ]
            Through.objects.bulk_create(links, batch_size=self.batch_size)
            if photo_files:
                self.add_photos(created, "location", photo_files)
            made += len(created)
            self.stdout.write(f"  {made}/{count} locations ({time.monotonic() - started:.1f} s)")
        self.stdout.write(f"Created {made} locations in {time.monotonic() - started:.1f} s.")

    def location_batches(self, numbers, categories, tag_pks):
        """Yield (unsaved locations, their tag pks) per batch, built ahead in a thread.

        The builder has its own random generator, so a seed gives the same rows whatever
        the timing between the two threads.
        """
        rng = random.Random(self.seed)
        weights = list(accumulate(synthetic.tag_weights(len(tag_pks))))
        tag_names = dict(zip(tag_pks, synthetic.TAGS, strict=True))
        ready: queue.Queue = queue.Queue(maxsize=2)
        stop = threading.Event()

        def put(item):
            while not stop.is_set():
                try:
                    ready.put(item, timeout=0.5)
                    return
                except queue.Full:
                    continue

        def build():
            try:
                for batch in batched(numbers, self.batch_size):
                    rows, tag_sets = [], []
                    for n in batch:
                        area = rng.choices(self.areas, cum_weights=self.area_weights)[0]
                        category_pk, category_slug = rng.choice(categories)
                        location = synthetic.build_location(
                            n,
                            rng=rng,
                            area=area,
                            category_pk=category_pk,
                            category_slug=category_slug,
                        )
                        k = rng.randint(0, 5)
                        tags = set(rng.choices(tag_pks, cum_weights=weights, k=k))
                        # The links are bulk-inserted (no signal): the tags' names go into
                        # the search columns here, as a save would put them.
                        location.set_search_columns([tag_names[pk] for pk in tags])
                        rows.append(location)
                        tag_sets.append(tags)
                    put((rows, tag_sets))
                put(None)
            except Exception as exc:  # noqa: BLE001 - handed to the main thread, re-raised there
                put(exc)

        builder = threading.Thread(target=build, name="generate_catalogue-builder", daemon=True)
        builder.start()
        try:
            while (item := ready.get(timeout=600)) is not None:
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            stop.set()
            builder.join(timeout=5)

    # --- studios --------------------------------------------------------------------------

    def generate_studios(self, count: int, photo_files: list[tuple[str, int, int]]):
        rng = self.rng
        started = time.monotonic()
        first = Studio.objects.filter(slug__startswith=PREFIX).count() + 1
        stage_total = 0
        for numbers in batched(range(first, first + count), self.batch_size):
            rows = []
            for n in numbers:
                area = rng.choices(self.areas, cum_weights=self.area_weights)[0]
                rows.append(synthetic.build_studio(n, rng=rng, area=area))
            created = self.with_pks(Studio, Studio.objects.bulk_create(rows))
            stages = [s for studio in created for s in synthetic.build_stages(studio.pk, rng=rng)]
            Soundstage.objects.bulk_create(stages, batch_size=self.batch_size)
            # bulk_create sends no post_save: store the stage stats the lists sort on.
            Studio.objects.filter(pk__in=[s.pk for s in created]).refresh_stage_stats()
            stage_total += len(stages)
            if photo_files:
                self.add_photos(created, "studio", photo_files)
        self.stdout.write(
            f"Created {count} studios with {stage_total} stages "
            f"in {time.monotonic() - started:.1f} s."
        )

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def with_pks(model, objs):
        """bulk_create sets pks on PostgreSQL and SQLite ≥ 3.35; look them up elsewhere."""
        if all(obj.pk is not None for obj in objs):
            return objs
        pks = dict(model.objects.filter(slug__in=[o.slug for o in objs]).values_list("slug", "pk"))
        for obj in objs:
            obj.pk = pks[obj.slug]
        return objs

    def add_photos(self, owners, field: str, photo_files):
        photos = []
        for owner in owners:
            name, width, height = self.rng.choice(photo_files)
            photos.append(
                Photo(
                    **{f"{field}_id": owner.pk},
                    image=name,
                    width=width,
                    height=height,
                    caption="Generated placeholder image (not a photo of this place)",
                    is_cover=True,
                )
            )
        Photo.objects.bulk_create(photos, batch_size=self.batch_size)

    def photo_files(self) -> list[tuple[str, int, int]]:
        """A dozen real JPEGs made with Pillow, shared by every generated photo row."""
        files = []
        for i in range(12):
            name = f"{synthetic.GENERATED_PHOTO_DIR}/gen-{i:02d}.jpg"
            width, height = 960, 640
            if not default_storage.exists(name):
                hue = (i * 37) % 255
                image = Image.new("RGB", (width, height), (hue, 140, 255 - hue))
                draw = ImageDraw.Draw(image)
                draw.rectangle((0, height - 90, width, height), fill=(20, 20, 20))
                draw.text((30, height - 70), "GENERATED SAMPLE IMAGE", fill=(255, 255, 255))
                buffer = io.BytesIO()
                image.save(buffer, "JPEG", quality=80)
                default_storage.save(name, ContentFile(buffer.getvalue()))
            files.append((name, width, height))
        self.stdout.write(
            f"Using {len(files)} generated images in {synthetic.GENERATED_PHOTO_DIR}/."
        )
        return files
