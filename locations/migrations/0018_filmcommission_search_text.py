"""FilmCommission.search_text: the film-commission directory searches like the other lists.

The stored, normalised names and city (locations.search.search_document) let
`/film-commissions/?q=ｷｮｳﾄ` fold width, case and kana exactly as `/locations/` does, on
SQLite and PostgreSQL alike. Filled here for the existing rows; every save rebuilds it.
"""

from django.db import migrations, models

from locations.search import search_document


def fill_search_text(apps, schema_editor):
    FilmCommission = apps.get_model("locations", "FilmCommission")
    commissions = list(FilmCommission.objects.only("pk", "name", "name_ja", "city", "city_ja"))
    for commission in commissions:
        commission.search_text = search_document(
            commission.name, commission.name_ja, commission.city, commission.city_ja
        )
    FilmCommission.objects.bulk_update(commissions, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("locations", "0017_client_packages")]

    operations = [
        migrations.AddField(
            model_name="filmcommission",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
