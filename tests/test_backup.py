"""Backup and restore: a whole catalogue with photos makes the round trip with nothing lost."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from locations.backup import backed_up_models, storage_files
from locations.models import Location, Photo, Soundstage, Studio
from tests import factories


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """Restoring recreates content types; the test's rollback brings the old ones back."""
    yield
    ContentType.objects.clear_cache()


def natural(value):
    return value.natural_key() if isinstance(value, (ContentType, Permission)) else value


def database_snapshot() -> dict:
    """Every row of every backed-up model, with content types and permissions by name
    (migrate recreates those under new ids)."""
    snapshot = {}
    for model in backed_up_models():
        rows = []
        for obj in model._default_manager.order_by("pk"):
            row = {}
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in (ContentType, Permission):
                    row[field.name] = natural(getattr(obj, field.name))
                else:
                    row[field.attname] = getattr(obj, field.attname)
            for field in model._meta.many_to_many:
                row[field.name] = sorted(
                    str(natural(related)) for related in getattr(obj, field.name).all()
                )
            rows.append(row)
        snapshot[model._meta.label] = rows
    return snapshot


def wipe_database():
    """Empty every table, as a lost database would be (deferred checks first, for PostgreSQL)."""
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def media_snapshot() -> dict[str, bytes]:
    return {name: default_storage.open(name).read() for name in storage_files()}


@pytest.fixture
def catalogue(fixer, editor):
    """Locations with tags and Japanese text, studios with stages, real photos of both."""
    neon, snow = factories.TagFactory(name="neon"), factories.TagFactory(name="雪")
    kyoto = factories.prefecture("kyoto")
    places = [
        factories.LocationFactory(name="Kinkakuji", name_ja="金閣寺", prefecture=kyoto),
        factories.LocationFactory(name="Shibuya Crossing", name_ja="渋谷スクランブル交差点"),
        factories.LocationFactory(
            name="Draft place", status="draft", latitude=None, longitude=None
        ),
    ]
    places[0].tags.add(snow)
    places[1].tags.add(neon, snow)
    for i, place in enumerate(places):
        factories.PhotoFactory(
            location=place,
            image=factories.uploaded_jpeg(color=(40 * i, 100, 200), width=80 + i),
            caption=f"写真 {i}",
            is_cover=i == 0,
        )
    studio = factories.StudioFactory(name="Sample Studio East")
    factories.SoundstageFactory(studio=studio, name="Stage 1", tank=True)
    factories.SoundstageFactory(studio=studio, name="Stage 2", area_m2="812.50")
    factories.PhotoFactory(
        location=None, studio=studio, image=factories.uploaded_jpeg(color=(0, 0, 0))
    )
    places[0].description = "Edited once, so it has history."
    places[0].save()
    return places


@pytest.mark.django_db
def test_a_backup_restores_every_row_and_every_photo_into_an_empty_site(catalogue, tmp_path):
    rows_before, files_before = database_snapshot(), media_snapshot()
    # Four originals, each with its WebP thumbnails.
    assert len([name for name in files_before if name.startswith("photos/")]) == 4
    assert len(files_before) > 4
    assert len(rows_before["locations.HistoricalLocation"]) >= 4

    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [backup] = (tmp_path / "backups").iterdir()

    # Disaster: every table emptied, every file gone.
    wipe_database()
    for name in list(storage_files()):
        default_storage.delete(name)
    assert not Location.objects.exists() and not Group.objects.exists()
    assert media_snapshot() == {}

    call_command("restore_catalogue", str(backup), stdout=StringIO())

    assert database_snapshot() == rows_before
    assert media_snapshot() == files_before
    assert Location.objects.get(name="Shibuya Crossing").tags.count() == 2
    assert Soundstage.objects.get(name="Stage 2").floor_area_m2 == 812.5
    assert Group.objects.get(name="Fixers").permissions.filter(codename="change_location").exists()
    for photo in Photo.objects.all():
        assert photo.image.size > 0 and photo.width and photo.height


@pytest.mark.django_db
def test_the_backup_folder_is_timestamped_with_a_manifest_of_checksums(catalogue, tmp_path):
    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())

    [backup] = (tmp_path / "backups").iterdir()
    assert backup.name.startswith("rokehan-20")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["rows"]["locations.Location"] == 3
    assert manifest["rows"]["locations.Studio"] == 1
    assert len([name for name in manifest["files"] if name.startswith("photos/")]) == 4
    assert manifest["missing_files"] == []
    dumped = {row["model"] for row in json.loads((backup / "database.json").read_text())}
    assert "contenttypes.contenttype" not in dumped
    assert "sessions.session" not in dumped
    assert not any(label.startswith("axes.") for label in dumped)


@pytest.mark.django_db
def test_a_restore_into_a_database_with_a_catalogue_is_refused_and_changes_nothing(
    catalogue, tmp_path
):
    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [backup] = (tmp_path / "backups").iterdir()
    factories.LocationFactory(name="Added after the backup")

    with pytest.raises(CommandError, match="already holds locations.Location records"):
        call_command("restore_catalogue", str(backup))

    assert Location.objects.filter(name="Added after the backup").exists()


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_is_written(catalogue, tmp_path):
    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [backup] = (tmp_path / "backups").iterdir()
    photo_file = next((backup / "media").rglob("*.jpg"))
    photo_file.write_bytes(photo_file.read_bytes()[:-10])
    wipe_database()

    with pytest.raises(CommandError, match="missing or damaged"):
        call_command("restore_catalogue", str(backup))

    assert not Studio.objects.exists()


@pytest.mark.django_db
def test_replace_overwrites_a_catalogue_with_the_backup(catalogue, tmp_path):
    rows_before = database_snapshot()
    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [backup] = (tmp_path / "backups").iterdir()
    factories.LocationFactory(name="Added after the backup")

    call_command("restore_catalogue", str(backup), replace=True, stdout=StringIO())

    assert database_snapshot() == rows_before
