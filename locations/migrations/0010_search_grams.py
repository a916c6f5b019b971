"""Location.search_grams: one- and two-character Japanese pieces for short Japanese terms.

A term such as 京都 or 滝 has no trigrams, so the trigram index on `search_text` (0008) cannot
answer `LIKE '%京都%'` and PostgreSQL reads every row (~0.3 s for a rare term at 100,000
places). `search_grams` holds those pieces as space-separated tokens; its trigram index finds
the token " 京都 " (locations.search.search_grams). The index is PostgreSQL-only, like 0008;
SQLite scans the column and gives the same results.
"""

from django.db import migrations, models

from locations.search import search_grams

BATCH = 2000


def fill_search_grams(apps, schema_editor):
    Location = apps.get_model("locations", "Location")
    batch = []
    for location in Location.objects.only("pk", "search_text").iterator(chunk_size=BATCH):
        location.search_grams = search_grams(location.search_text)
        batch.append(location)
        if len(batch) == BATCH:
            Location.objects.bulk_update(batch, ["search_grams"], batch_size=500)
            batch = []
    if batch:
        Location.objects.bulk_update(batch, ["search_grams"], batch_size=500)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "loc_grams_trgm" ON "locations_location" '
        'USING gin ("search_grams" gin_trgm_ops)'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('DROP INDEX IF EXISTS "loc_grams_trgm"')


class Migration(migrations.Migration):
    dependencies = [("locations", "0009_list_order_indexes")]

    operations = [
        migrations.AddField(
            model_name="location",
            name="search_grams",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_grams, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
