"""Soundstage.updated_at, so concurrent edits of one stage can be detected (concurrency.py).

Existing stages (and their history rows) get the migration's time.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0004_incentives"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsoundstage",
            name="updated_at",
            field=models.DateTimeField(
                blank=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="updated at",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="soundstage",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated at"
            ),
            preserve_default=False,
        ),
    ]
