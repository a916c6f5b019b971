"""One cover photo per location and per studio (the database guards it).

Places that already have several photos ticked as cover keep the first of them (by order,
then age) before the constraints are added.
"""

from django.db import migrations, models


def keep_one_cover(apps, schema_editor):
    Photo = apps.get_model("locations", "Photo")
    for owner in ("location", "studio"):
        seen = set()
        covers = Photo.objects.filter(is_cover=True, **{f"{owner}__isnull": False})
        for photo in covers.order_by(owner, "order", "pk"):
            key = getattr(photo, f"{owner}_id")
            if key in seen:
                photo.is_cover = False
                photo.save(update_fields=["is_cover"])
            seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0006_itineraries"),
    ]

    operations = [
        migrations.AlterField(
            model_name="photo",
            name="is_cover",
            field=models.BooleanField(
                default=False,
                help_text="The photo shown on cards and first in the gallery (one per place).",
                verbose_name="cover",
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="order",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Smaller first; drag the rows to reorder.",
                verbose_name="order",
            ),
        ),
        migrations.RunPython(keep_one_cover, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="photo",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_cover", True), ("location__isnull", False)),
                fields=("location",),
                name="locations_photo_one_cover_per_location",
                violation_error_message="This location already has a cover photo.",
            ),
        ),
        migrations.AddConstraint(
            model_name="photo",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_cover", True), ("studio__isnull", False)),
                fields=("studio",),
                name="locations_photo_one_cover_per_studio",
                violation_error_message="This studio already has a cover photo.",
            ),
        ),
    ]
