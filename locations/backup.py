"""Back up and restore the whole catalogue: the database and every media file.

A backup is a folder `backups/rokehan-YYYYmmdd-HHMMSS-ffffff/` holding

- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite: a
  copy made with SQLite's online backup API) — see `locations.backup_engines`. Each restores
  into the engine it came from; to move between engines use Django's `dumpdata`/`loaddata`.
- `media/…`: every file in the default storage, read and written through Django's storage
  API, so the same commands work with a local folder and with S3-compatible storage.
- `manifest.json`: when, the engine, the applied migrations, rows per table (and on
  PostgreSQL a content checksum per table), and the SHA-256 of the dump and of every file,
  so a restore can prove the backup is whole before it changes anything, and prove the
  database afterwards holds what was backed up.

The management commands `backup_catalogue` and `restore_catalogue` wrap these functions.
"""

import hashlib
import json
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from locations.backup_engines import BackupError, Inventory, engine_for, pg_tables

FORMAT_VERSION = 2
# The catalogue proper: a database holding any of these is not "empty".
CATALOGUE_MODELS = ["locations.Location", "locations.Studio", "locations.Photo"]

__all__ = ["BackupError", "RestoreResult", "make_backup", "read_manifest", "restore_backup"]


@dataclass
class RestoreResult:
    rows: dict[str, int]
    files_written: int = 0
    files_already_present: int = 0


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sha256_stored(storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in handle.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def storage_files(storage=default_storage, path: str = ""):
    """Every file name in a storage, recursively (works for FileSystemStorage and S3)."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:  # a local media folder that was never created
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from storage_files(storage, posixpath.join(path, directory) if path else directory)


def _media_path(folder: Path, name: str) -> Path:
    return folder / "media" / Path(*name.split("/"))


def _copy_media(folder: Path, storage) -> dict[str, dict]:
    """Copy every stored file into the backup folder; name → size and SHA-256."""
    files = {}
    for name in storage_files(storage):
        target = _media_path(folder, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source, target.open("wb") as out:
            for chunk in source.chunks():
                digest.update(chunk)
                out.write(chunk)
        files[name] = {"size": target.stat().st_size, "sha256": digest.hexdigest()}
    return files


def make_backup(destination_root: Path, *, using=DEFAULT_DB_ALIAS, storage=default_storage) -> Path:
    """Write a new timestamped backup folder under `destination_root` and return it."""
    connection = connections[using]
    engine = engine_for(connection)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = Path(destination_root) / f"rokehan-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    try:
        _write_backup(folder, engine, connection, storage)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # never leave a half backup to be trusted
        raise
    return folder


def _write_backup(folder: Path, engine, connection, storage) -> None:
    dump = folder / engine.dump_name
    inventory = engine.dump(connection, dump)
    # Media after the database: a file uploaded meanwhile is an extra, harmless copy; one
    # deleted meanwhile is listed as missing below.
    files = _copy_media(folder, storage)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": engine.vendor,
        "database_file": engine.dump_name,
        "database_sha256": _sha256_file(dump),
        "migrations": inventory.migrations,
        "rows": inventory.rows,
        "checksums": inventory.checksums,
        "files": files,
        # Files the database names but the storage did not have (already lost before this backup).
        "missing_files": sorted(inventory.files - set(files)),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking every file of the backup against it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{folder} is not a backup: it has no manifest.json.") from error
    except ValueError as error:
        raise BackupError(f"{folder}/manifest.json is not valid JSON: {error}") from error
    if manifest.get("format") == 1:
        raise BackupError(
            "This is an older JSON backup: load it into a freshly migrated database with "
            f"`manage.py loaddata {folder / 'database.json'}` and copy its media/ folder back."
        )
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    dump = folder / manifest["database_file"]
    if not dump.is_file() or _sha256_file(dump) != manifest["database_sha256"]:
        raise BackupError(f"{dump.name} is missing or does not match its checksum: damaged.")
    for name, expected in manifest["files"].items():
        path = _media_path(folder, name)
        if not path.is_file() or _sha256_file(path) != expected["sha256"]:
            raise BackupError(f"Media file {name} is missing or damaged in the backup.")
    return manifest


def _check_target(manifest: dict, connection, *, replace: bool) -> None:
    """Refuse a database this backup must not (or cannot safely) replace."""
    if manifest["database_vendor"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['database_vendor']} backup and the database is "
            f"{connection.vendor}: restore it into the engine it came from (to move between "
            "engines use dumpdata/loaddata)."
        )
    known = {tuple(key) for key in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    newer = sorted({tuple(m) for m in manifest["migrations"]} - known)
    if newer:
        raise BackupError(
            f"The backup has migrations this code does not know ({newer[:3]} …): restore it "
            "with the release that made it."
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = set(pg_tables(cursor))
        # --clean drops and recreates the backup's tables only: others would be left over.
        extra = sorted(tables - set(manifest["rows"]))
        if extra:
            raise BackupError(
                f"The database has tables the backup has not ({', '.join(extra[:5])}): it is at "
                "newer migrations. Restore into an empty database (createdb), then migrate."
            )
    else:
        tables = set(connection.introspection.table_names())
    if replace:
        return
    for label in CATALOGUE_MODELS:
        manager = apps.get_model(label)._default_manager.using(connection.alias)
        if manager.model._meta.db_table in tables and manager.exists():
            raise BackupError(
                f"The database already holds {label} records; restore into an empty "
                "database, or pass --replace to overwrite everything in it."
            )


def _media_to_write(manifest: dict, storage, *, replace: bool, result: RestoreResult) -> list[str]:
    to_write = []
    for name, expected in manifest["files"].items():
        if storage.exists(name):
            if _sha256_stored(storage, name) == expected["sha256"]:
                result.files_already_present += 1
                continue
            if not replace:
                raise BackupError(
                    f"Media file {name} exists with different content; pass --replace to "
                    "overwrite it."
                )
        to_write.append(name)
    return to_write


def _differences(inventory: Inventory, manifest: dict) -> dict:
    got = {"rows": inventory.rows, "checksums": inventory.checksums}
    different = {}
    for key in ("rows", "checksums"):
        for table in set(manifest[key]) | set(got[key]):
            if manifest[key].get(table) != got[key].get(table):
                different[f"{key}:{table}"] = (got[key].get(table), manifest[key].get(table))
    return different


def restore_backup(
    folder: Path, *, replace: bool = False, using=DEFAULT_DB_ALIAS, storage=default_storage
) -> RestoreResult:
    """Restore a backup into this database and storage.

    Everything is checked before anything is written: the backup's checksums, its engine and
    migrations, and the target (no catalogue records unless `replace`; on PostgreSQL no
    tables the backup lacks). Media files go back under their own names (identical files
    already present are kept, different ones are an error unless `replace`), then the
    database is replaced all or nothing, then its rows and checksums are compared with the
    manifest. Run `migrate` afterwards when the backup is older than the code.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    connection = connections[using]
    engine = engine_for(connection)
    _check_target(manifest, connection, replace=replace)
    result = RestoreResult(rows={})
    to_write = _media_to_write(manifest, storage, replace=replace, result=result)

    # Media first: if the database restore then fails, the extra files harm nothing and a
    # second run finds them already in place.
    for name in to_write:
        if storage.exists(name):
            storage.delete(name)
        with _media_path(folder, name).open("rb") as handle:
            saved_as = storage.save(name, File(handle, name=name))
        if saved_as != name:
            raise BackupError(f"The storage saved {name} as {saved_as}; restore stopped.")
        result.files_written += 1

    engine.restore(connection, folder / manifest["database_file"])
    inventory = engine.inventory(connection)
    different = _differences(inventory, manifest)
    if different:
        raise BackupError(f"After the restore the database differs from the backup: {different}")
    result.rows = inventory.rows
    return result
