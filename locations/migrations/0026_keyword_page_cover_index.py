"""A keyword search's page from one index: `loc_status_name_cover` (PostgreSQL only).

A keyword matching more places than the count's cap is paged by walking `loc_status_name_id`
in name order and reading every visited row from the table to test the keyword (`q=harbour`
reads ~1,000 wide rows, one per block, for its 25). This index carries the keyword's text and
the card's other column, so the walk is an index-only scan over consecutive leaf pages:
3.1 → 0.9 ms for `harbour`, and PostgreSQL's CPU per search 6.9 → 5.6 ms
(docs/performance.md, fourteenth round). SQLite has no INCLUDE; `loc_status_name_id` serves
it as before, with the same rows.
"""

from django.db import migrations

NAME = "loc_status_name_cover"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "locations_location" '
        '("status", "name", "id") INCLUDE ("name_ja", "search_text")'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [("locations", "0025_studio_search_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
