"""The two staff groups.

Fixers add and change catalogue records and submit them for review, but cannot publish,
delete, or manage users. Editors can also publish and delete. Later features add their
own models' permissions to these groups in their own migrations (see grant_permissions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FIXER_MODELS = ["location", "photo", "studio", "soundstage", "tag"]
READ_ONLY_MODELS = ["region", "prefecture", "category", "referencestage"]
EDITOR_EXTRA = ["publish_location", "publish_studio"]


def grant_permissions(apps, *, fixers: list[str], editors: list[str]):
    """Give Fixers and Editors permission codenames (creating the groups when missing)."""
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Fixers", fixers), ("Editors", editors)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="locations", codename__in=codenames
        )
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found: {sorted(missing)}")
        group.permissions.add(*perms)


def create_groups(apps, schema_editor):
    fixers = [f"{action}_{m}" for m in FIXER_MODELS for action in ("add", "change", "view")]
    fixers += [f"view_{m}" for m in READ_ONLY_MODELS]
    editors = fixers + [f"delete_{m}" for m in FIXER_MODELS] + EDITOR_EXTRA
    editors += [f"{a}_{m}" for m in ("category", "referencestage") for a in ("add", "change")]
    grant_permissions(apps, fixers=fixers, editors=editors)


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0002_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
