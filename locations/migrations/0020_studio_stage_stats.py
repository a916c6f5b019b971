"""Studios store their largest stage and stage count (kept by stage saves and deletes), and
the nearby-studios box search gets the index locations have (0019).

The lists computed two subqueries for every matching studio to sort on; now they read two
columns. The backfill is the same UPDATE as `StudioQuerySet.refresh_stage_stats`.
"""

from django.db import migrations, models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_stage_stats(apps, schema_editor):
    Studio = apps.get_model("locations", "Studio")
    Soundstage = apps.get_model("locations", "Soundstage")
    stages = Soundstage.objects.filter(studio=OuterRef("pk"))
    Studio.objects.update(
        largest_stage_m2=Subquery(
            stages.order_by(F("floor_area_m2").desc(nulls_last=True)).values("floor_area_m2")[:1]
        ),
        stage_count=Coalesce(
            Subquery(stages.values("studio").annotate(n=Count("pk")).values("n")), 0
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0019_status_lat_lng_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="studio",
            name="largest_stage_m2",
            field=models.DecimalField(
                decimal_places=4,
                editable=False,
                max_digits=12,
                null=True,
                verbose_name="largest stage (m²)",
            ),
        ),
        migrations.AddField(
            model_name="studio",
            name="stage_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="stages"),
        ),
        migrations.RunPython(fill_stage_stats, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="studio",
            index=models.Index(
                fields=["status", "latitude", "longitude"], name="studio_status_lat_lng"
            ),
        ),
    ]
