"""Rebuild every stored search column now that `locations.search.normalize` drops the
accents of Latin letters: a producer's "Kyōto" or "Tôkyô" finds what "Kyoto" finds, in the
text of places written either way. The places' and studios' columns are rebuilt as 0011 did
(indexes dropped and built again on PostgreSQL); film commissions' and tags' are small.
"""

from importlib import import_module

from django.db import migrations

from locations.search import normalize, search_document

rebuild_places_and_studios = import_module(
    "locations.migrations.0011_search_text_compact_with_tags"
).rebuild


def rebuild(apps, schema_editor):
    rebuild_places_and_studios(apps, schema_editor)
    FilmCommission = apps.get_model("locations", "FilmCommission")
    commissions = list(FilmCommission.objects.only("pk", "name", "name_ja", "city", "city_ja"))
    for commission in commissions:
        commission.search_text = search_document(
            commission.name, commission.name_ja, commission.city, commission.city_ja
        )
    FilmCommission.objects.bulk_update(commissions, ["search_text"], batch_size=500)
    Tag = apps.get_model("locations", "Tag")
    tags = list(Tag.objects.only("pk", "name"))
    for tag in tags:
        tag.search_name = normalize(tag.name)
    Tag.objects.bulk_update(tags, ["search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("locations", "0021_tour_days_in_calendar")]

    # Backwards: the older code finds in these columns all it found before (and more).
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
