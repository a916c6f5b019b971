"""Issue 15, the shoot day: `Location.permit_lead_days` is a count of business days.

No values change: the field's help text already asked for "working days from application to
permission" (weekdays that are not holidays), which is what the deadline counts. The demo's
Tokyo road-use figure (5, the upper end of "about 3–5 days") reads the same way.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0013_place_identity_and_jobs"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicallocation",
            name="permit_lead_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The granting authority's business days from application to permission: Monday to Friday, not counting national holidays or 29 December – 3 January. A place's page counts back from a shoot date to the last day to apply.",
                null=True,
                verbose_name="permit lead time (business days)",
            ),
        ),
        migrations.AlterField(
            model_name="location",
            name="permit_lead_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The granting authority's business days from application to permission: Monday to Friday, not counting national holidays or 29 December – 3 January. A place's page counts back from a shoot date to the last day to apply.",
                null=True,
                verbose_name="permit lead time (business days)",
            ),
        ),
    ]
