"""An index on the places' tags by tag first, covering the place: a tag filter reads the
tag's places from the index alone (no visit to the link table's rows). The link table is
Django's own (`Location.tags` has no `through` model), so the index is plain SQL; both
databases take it."""

from django.db import migrations

INDEX = "loc_tags_tag_location"
TABLE = "locations_location_tags"


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0022_search_without_latin_accents"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON {TABLE} (tag_id, location_id)",
            f"DROP INDEX {INDEX}",
            elidable=False,
        ),
    ]
