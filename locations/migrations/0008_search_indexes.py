"""PostgreSQL-only indexes for keyword search (no-ops on SQLite, which has no pg_trgm).

Keyword search compares pre-normalised text with `search_text__contains`, which PostgreSQL
runs as `search_text::text LIKE '%term%'` (no UPPER: the column is already case-folded). A
trigram GIN index answers that LIKE for terms of three or more characters without reading
every row. Japanese text gets trigrams only when the database's LC_CTYPE is UTF-8 (C.UTF-8):
in a `C` database a Japanese term has no trigrams and PostgreSQL scans the whole table (the
results stay right, only slower). See docs/performance.md for the measurements.
"""

from django.db import migrations

INDEXES = [
    # LocationQuerySet.search: every keyword term, over names, readings, descriptions.
    ("loc_search_trgm", "locations_location", "search_text"),
    # LocationQuerySet.search: terms matching a tag's normalised name.
    ("tag_search_trgm", "locations_tag", "search_name"),
    # StudioQuerySet.search.
    ("studio_search_trgm", "locations_studio", "search_text"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    # The extension stays: other databases objects may use it, and it costs nothing idle.


class Migration(migrations.Migration):
    dependencies = [("locations", "0007_photos")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
