"""Rebuild every stored search column now that `locations.search.normalize` drops the
accents of Latin letters: a producer's "Kyōto" or "Tôkyô" finds what "Kyoto" finds, in the
text of places written either way. The places' and studios' columns are rebuilt as 0011 did
(indexes dropped and built again on PostgreSQL); film commissions' and tags' are small.
"""

from importlib import import_module

from django.db import migrations

from locations.search import normalize

# The columns are filled as the migrations that added them did, with today's `normalize`.
rebuild_places_and_studios = import_module(
    "locations.migrations.0011_search_text_compact_with_tags"
).rebuild
fill_film_commissions = import_module(
    "locations.migrations.0018_filmcommission_search_text"
).fill_search_text


def rebuild(apps, schema_editor):
    rebuild_places_and_studios(apps, schema_editor)
    fill_film_commissions(apps, schema_editor)
    Tag = apps.get_model("locations", "Tag")
    tags = list(Tag.objects.only("pk", "name"))
    for tag in tags:
        tag.search_name = normalize(tag.name)
    Tag.objects.bulk_update(tags, ["search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("locations", "0021_tour_days_in_calendar")]

    # Backwards: the older code finds in these columns all it found before (and more).
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
