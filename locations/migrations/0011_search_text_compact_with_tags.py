"""Rebuild the search columns: compacted text only, with the location's tag names.

- `search_text` kept each part twice, spaced and compacted. A query term never holds a
  separator, so the compacted copy alone matches every term the spaced one did
  (locations.search.search_document): the column is half as long, and PostgreSQL's `LIKE`
  on each row it checks costs half as much.
- A location's tag names are now part of its `search_text`, so a keyword that names a tag
  ("harbour") is one indexed condition on one table instead of a union with the tag links
  (locations.signals keeps the column true when tags change).

On PostgreSQL:
- the table's `toast_tuple_target` is raised from ~2 kB to 4 kB. A place's row is about
  2.1 kB, just over the default, so PostgreSQL compressed its two search columns, and every
  row a `LIKE` checked was decompressed first (a count over a common short Japanese term
  took twice as long). Rows now stay plain unless they pass 4 kB; the table is ~10% larger.
- the trigram indexes are dropped before the rewrite and built again after it: building a
  GIN index once is much faster than updating it row by row.
"""

from collections import defaultdict

from django.db import migrations

from locations.search import search_document, search_grams

BATCH = 2000
LOCATION_FIELDS = (
    "name",
    "name_ja",
    "name_kana",
    "name_romaji",
    "municipality",
    "description",
    "description_ja",
)
STUDIO_FIELDS = ("name", "name_ja", "company", "municipality", "description", "description_ja")
INDEXES = [
    ("loc_search_trgm", "locations_location", "search_text"),
    ("loc_grams_trgm", "locations_location", "search_grams"),
    ("studio_search_trgm", "locations_studio", "search_text"),
]


def _batches(queryset):
    batch = []
    for row in queryset.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        # Applies to the rows written below (and to every later insert or update).
        schema_editor.execute("ALTER TABLE locations_location SET (toast_tuple_target = 4080)")
        for name, _table, _column in INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    Location = apps.get_model("locations", "Location")
    Through = Location.tags.through
    for locations in _batches(Location.objects.only("pk", *LOCATION_FIELDS).order_by("pk")):
        tags = defaultdict(list)
        links = Through.objects.filter(location_id__in=[loc.pk for loc in locations])
        for location_id, name in links.values_list("location_id", "tag__name"):
            tags[location_id].append(name)
        for location in locations:
            fields = (getattr(location, field) for field in LOCATION_FIELDS)
            location.search_text = search_document(*fields, *sorted(tags[location.pk]))
            location.search_grams = search_grams(location.search_text)
        Location.objects.bulk_update(locations, ["search_text", "search_grams"], batch_size=500)
    Studio = apps.get_model("locations", "Studio")
    for studios in _batches(Studio.objects.only("pk", *STUDIO_FIELDS).order_by("pk")):
        for studio in studios:
            studio.search_text = search_document(*(getattr(studio, f) for f in STUDIO_FIELDS))
        Studio.objects.bulk_update(studios, ["search_text"], batch_size=500)
    if postgres:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in INDEXES:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin ("{column}" gin_trgm_ops)'
            )


def reset_toast_target(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE locations_location RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("locations", "0010_search_grams")]

    # Backwards: the old code finds the same places in these columns (it matched tags apart).
    operations = [migrations.RunPython(rebuild, reset_toast_target, elidable=False)]
