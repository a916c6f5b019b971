"""Backup and restore: a whole catalogue with photos makes the round trip with nothing lost.

The database half is engine-specific (pg_dump/pg_restore on PostgreSQL, SQLite's online
backup API on SQLite), so each engine's round trip runs where the suite runs and is skipped
on the other. Tests are transactional: pg_dump reads from its own session and only sees
committed rows, and SQLite's backup API cannot write into a connection inside a transaction.
The 100,000-place restore drill is in tests/test_backup_drill.py.
"""

import json
import sqlite3
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from locations.backup import storage_files
from locations.models import Location, Photo, Soundstage, Studio
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore: PostgreSQL only"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's online backup API: SQLite only"
)


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """A restore rewrites the content type table under the cache's feet."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def database_snapshot() -> dict:
    """Every row of every table Django knows, m2m link tables included, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def wipe_database():
    """Empty every table, as a lost database would be."""
    call_command("flush", interactive=False, verbosity=0)


def media_snapshot() -> dict[str, bytes]:
    return {name: default_storage.open(name).read() for name in storage_files()}


def backup_now(tmp_path):
    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [backup] = (tmp_path / "backups").iterdir()
    return backup


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


def assert_round_trip(tmp_path) -> dict:
    """Back up, lose every row and file, restore: everything is back exactly. The manifest."""
    rows_before, files_before = database_snapshot(), media_snapshot()
    # Four originals, each with its WebP thumbnails.
    assert len([name for name in files_before if name.startswith("photos/")]) == 4
    assert len(files_before) > 4
    assert len(rows_before["locations.HistoricalLocation"]) >= 4

    backup = backup_now(tmp_path)

    # Disaster: every table emptied, every file gone.
    wipe_database()
    for name in list(storage_files()):
        default_storage.delete(name)
    assert not Location.objects.exists() and not Group.objects.exists()
    assert media_snapshot() == {}

    out = StringIO()
    call_command("restore_catalogue", str(backup), stdout=out)

    assert "Restored" in out.getvalue()
    assert database_snapshot() == rows_before
    assert media_snapshot() == files_before
    assert Location.objects.get(name="Shibuya Crossing").tags.count() == 2
    assert Soundstage.objects.get(name="Stage 2").floor_area_m2 == 812.5
    assert Group.objects.get(name="Fixers").permissions.filter(codename="change_location").exists()
    for photo in Photo.objects.all():
        assert photo.image.size > 0 and photo.width and photo.height
    # New rows continue after the restored ones (sequences came back too).
    top = max(row["id"] for row in rows_before["locations.Location"])
    assert factories.LocationFactory(name="After the restore").pk > top
    return json.loads((backup / "manifest.json").read_text())


@on_sqlite
def test_sqlite_a_backup_restores_every_row_and_every_photo(catalogue, tmp_path):
    manifest = assert_round_trip(tmp_path)

    assert manifest["database_vendor"] == "sqlite"
    [backup] = (tmp_path / "backups").iterdir()
    copy = sqlite3.connect(backup / "database.sqlite3")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM locations_location").fetchone() == (3,)
    finally:
        copy.close()


@on_postgres
def test_postgres_a_pg_dump_backup_restores_every_row_and_every_photo(catalogue, tmp_path):
    manifest = assert_round_trip(tmp_path)

    assert manifest["database_vendor"] == "postgresql"
    [backup] = (tmp_path / "backups").iterdir()
    assert (backup / "database.dump").read_bytes()[:5] == b"PGDMP"  # custom format
    assert set(manifest["checksums"]) == set(manifest["rows"])


def test_the_backup_folder_is_timestamped_with_a_manifest_of_checksums(catalogue, tmp_path):
    backup = backup_now(tmp_path)

    assert backup.name.startswith("rokehan-20")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["format"] == 2
    assert manifest["rows"]["locations_location"] == 3
    assert manifest["rows"]["locations_studio"] == 1
    assert manifest["rows"]["locations_location_tags"] == 3
    assert ["locations", "0001_initial"] in manifest["migrations"]
    assert len([name for name in manifest["files"] if name.startswith("photos/")]) == 4
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"].values())
    assert manifest["missing_files"] == []
    assert len(manifest["database_sha256"]) == 64
    assert (backup / manifest["database_file"]).stat().st_size > 0


def test_files_the_database_names_but_the_storage_lost_are_listed(catalogue, tmp_path):
    lost = Photo.objects.filter(location__name="Kinkakuji").get().image.name
    default_storage.delete(lost)

    manifest = json.loads((backup_now(tmp_path) / "manifest.json").read_text())

    assert manifest["missing_files"] == [lost]


def test_a_restore_into_a_database_with_a_catalogue_is_refused_and_changes_nothing(
    catalogue, tmp_path
):
    backup = backup_now(tmp_path)
    factories.LocationFactory(name="Added after the backup")

    with pytest.raises(CommandError, match="already holds locations.Location records"):
        call_command("restore_catalogue", str(backup))

    assert Location.objects.filter(name="Added after the backup").exists()


@pytest.mark.parametrize("damage", ["media", "database"])
def test_a_damaged_backup_is_refused_before_anything_is_written(catalogue, tmp_path, damage):
    backup = backup_now(tmp_path)
    manifest = json.loads((backup / "manifest.json").read_text())
    damaged = (
        next((backup / "media").rglob("*.jpg"))
        if damage == "media"
        else backup / manifest["database_file"]
    )
    damaged.write_bytes(damaged.read_bytes()[:-10])
    wipe_database()
    for name in list(storage_files()):
        default_storage.delete(name)

    with pytest.raises(CommandError, match="missing or (damaged|does not match)"):
        call_command("restore_catalogue", str(backup))

    assert not Studio.objects.exists()
    assert media_snapshot() == {}


def test_replace_overwrites_a_catalogue_with_the_backup(catalogue, tmp_path):
    rows_before = database_snapshot()
    backup = backup_now(tmp_path)
    factories.LocationFactory(name="Added after the backup")
    Location.objects.filter(name="Kinkakuji").update(name_ja="変更")

    call_command("restore_catalogue", str(backup), replace=True, stdout=StringIO())

    assert database_snapshot() == rows_before


def test_a_backup_from_the_other_engine_is_refused(catalogue, tmp_path):
    backup = backup_now(tmp_path)
    manifest_file = backup / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["database_vendor"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    manifest_file.write_text(json.dumps(manifest))
    wipe_database()

    with pytest.raises(CommandError, match="restore it into the engine it came from"):
        call_command("restore_catalogue", str(backup))


def test_a_backup_from_newer_code_is_refused(catalogue, tmp_path):
    backup = backup_now(tmp_path)
    manifest_file = backup / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["migrations"].append(["locations", "9999_from_the_future"])
    manifest_file.write_text(json.dumps(manifest))
    wipe_database()

    with pytest.raises(CommandError, match="migrations this code does not know"):
        call_command("restore_catalogue", str(backup))

    assert not Location.objects.exists()


def test_a_folder_that_is_not_a_backup_and_an_old_json_backup_get_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="has no manifest.json"):
        call_command("restore_catalogue", str(tmp_path))

    (tmp_path / "manifest.json").write_text(json.dumps({"format": 1}))
    with pytest.raises(CommandError, match="loaddata"):
        call_command("restore_catalogue", str(tmp_path))


@on_postgres
def test_postgres_missing_client_tools_are_a_clear_error(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump on it

    with pytest.raises(CommandError, match="pg_dump is not installed.*postgresql-client"):
        call_command("backup_catalogue", output_dir=str(tmp_path / "backups"))

    assert list((tmp_path / "backups").iterdir()) == []  # no half backup left behind


@on_postgres
def test_postgres_a_database_with_tables_the_backup_lacks_is_refused(catalogue, tmp_path):
    backup = backup_now(tmp_path)
    wipe_database()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE locations_from_a_newer_migration (id integer)")
    try:
        with pytest.raises(CommandError, match="tables the backup has not.*newer_migration"):
            call_command("restore_catalogue", str(backup))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE locations_from_a_newer_migration")


def test_a_restore_that_does_not_match_the_manifest_is_reported(catalogue, tmp_path):
    backup = backup_now(tmp_path)
    manifest_file = backup / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["rows"]["locations_location"] += 1  # as if a row had been lost on the way
    manifest_file.write_text(json.dumps(manifest))
    wipe_database()

    with pytest.raises(CommandError, match="differs from the backup.*locations_location"):
        call_command("restore_catalogue", str(backup))
