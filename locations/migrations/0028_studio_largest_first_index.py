"""A page of studio cards in their order from one index: `studio_largest_first` (PostgreSQL only).

A size search knows its matches' keys (up to the count's cap) and reads a page of them in the
cards' order, largest stage first, then name (`largest_first`). Without an index in that order
PostgreSQL fetched every match by key and sorted them for 25 (754 rows at 2,000 studios); with it
the planner walks the index until 25 match: 1.3 → 0.2 ms for `min_area=1500&min_height=12`, and
the plain list 1.4 → 0.1 ms (docs/performance.md, twenty-first round). Very selective searches
keep the key lookup and sort, by the planner's costs. SQLite cannot create an index with
`NULLS LAST`; it sorts as before, with the same rows.
"""

from django.db import migrations

NAME = "studio_largest_first"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "locations_studio" '
        '("largest_stage_m2" DESC NULLS LAST, "name")'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [("locations", "0027_search_text_short_vowel_romaji")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
