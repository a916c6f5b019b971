"""Back up and restore the whole catalogue: database rows and media files.

A backup is a folder `backups/rokehan-YYYYmmdd-HHMMSS/` holding

- `database.json`: Django's JSON fixture format with natural foreign keys (what `dumpdata
  --natural-foreign` writes, but with times exact to the microsecond; `loaddata` reads it
  back) — engine-neutral, so a SQLite
  backup restores into PostgreSQL and back. Content types and permissions are not dumped
  (migrate recreates them) and are referred to by name; sessions and django-axes' sign-in
  records are left out (they are not the catalogue).
- `media/…`: every file in the default storage, read and written through Django's storage
  API, so the same commands work with a local folder and with S3-compatible storage.
- `manifest.json`: when, the applied migrations, rows per model, and each file's size and
  SHA-256, so a restore can prove it is complete before it changes anything.

The management commands `backup_catalogue` and `restore_catalogue` wrap these functions.
"""

import datetime
import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]
# The catalogue proper: a database holding any of these is not "empty".
CATALOGUE_MODELS = ["locations.Location", "locations.Studio", "locations.Photo"]


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do."""


@dataclass
class RestoreResult:
    rows: dict[str, int] = field(default_factory=dict)
    files_written: int = 0
    files_already_present: int = 0


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
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


def backed_up_models():
    """The models a backup holds: every concrete model but the excluded apps and models."""
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label.lower() for label in EXCLUDED if "." in label}
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        if opts.app_label in excluded_apps or opts.label_lower in excluded_models:
            continue
        yield model


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but keeping microseconds (it cuts times to milliseconds, which
    would change every `updated_at` on a round trip)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def dump_database(stream, *, using=DEFAULT_DB_ALIAS) -> None:
    """What `dumpdata --natural-foreign --exclude …` writes, with exact times: every row of
    the backed-up models, in an order loaddata can follow."""
    app_list = {}
    for model in backed_up_models():
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)

    def rows():
        for model in ordered:
            # The base manager, as dumpdata uses: a default manager may hide rows.
            yield from model._base_manager.using(using).order_by(model._meta.pk.name).iterator()

    serializers.serialize(
        "json", rows(), stream=stream, use_natural_foreign_keys=True, cls=ExactJSONEncoder
    )


def _row_counts(using) -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.using(using).count()
        for model in backed_up_models()
    }


def _applied_migrations(using) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _referenced_files(using) -> set[str]:
    """Names stored in every FileField/ImageField of the backed-up models."""
    names = set()
    for model in backed_up_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                values = model._default_manager.using(using).values_list(
                    model_field.attname, flat=True
                )
                names.update(value for value in values if value)
    return names


def make_backup(destination_root: Path, *, using=DEFAULT_DB_ALIAS, storage=default_storage) -> Path:
    """Write a new timestamped backup folder under `destination_root` and return it."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = Path(destination_root) / f"rokehan-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    database_file = folder / "database.json"
    connection = connections[using]

    # One consistent snapshot of every table, even while fixers keep editing (when already
    # inside a caller's transaction, that transaction decides what is seen).
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with database_file.open("w", encoding="utf-8") as out:
            dump_database(out, using=using)
        rows = _row_counts(using)
        migrations = _applied_migrations(using)
        referenced = _referenced_files(using)

    files = {}
    for name in storage_files(storage):
        target = folder / "media" / Path(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source, target.open("wb") as out:
            for chunk in source.chunks():
                digest.update(chunk)
                out.write(chunk)
        files[name] = {"size": target.stat().st_size, "sha256": digest.hexdigest()}

    missing = sorted(referenced - set(files))
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "database_sha256": _sha256_file(database_file),
        "migrations": migrations,
        "rows": rows,
        "files": files,
        # Files the database names but the storage did not have (already lost before this backup).
        "missing_files": missing,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking every file of the backup against it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{folder} is not a backup: it has no manifest.json.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if _sha256_file(folder / "database.json") != manifest["database_sha256"]:
        raise BackupError("database.json does not match its checksum: the backup is damaged.")
    for name, expected in manifest["files"].items():
        path = folder / "media" / Path(*name.split("/"))
        if not path.is_file() or _sha256_file(path) != expected["sha256"]:
            raise BackupError(f"Media file {name} is missing or damaged in the backup.")
    return manifest


def restore_backup(
    folder: Path, *, replace: bool = False, using=DEFAULT_DB_ALIAS, storage=default_storage
) -> RestoreResult:
    """Restore a backup into this database and storage.

    Everything is checked before anything is written. The database must hold no catalogue
    records (a freshly migrated one is fine) unless `replace` is given; its tables are then
    emptied and loaded from the backup in one transaction. Media files go back under their
    own names; identical files already present are kept, different ones are an error unless
    `replace` is given.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)

    applied = _applied_migrations(using)
    if applied != manifest["migrations"]:
        ours, theirs = {tuple(m) for m in applied}, {tuple(m) for m in manifest["migrations"]}
        raise BackupError(
            "This database's migrations differ from the backup's "
            f"(only here: {sorted(ours - theirs)}; only in the backup: {sorted(theirs - ours)}). "
            "Migrate to the backup's version first."
        )
    if not replace:
        for label in CATALOGUE_MODELS:
            if apps.get_model(label)._default_manager.using(using).exists():
                raise BackupError(
                    f"The database already holds {label} records; restore into an empty "
                    "database, or pass --replace to overwrite everything in it."
                )

    result = RestoreResult()
    to_write = []
    for name, expected in manifest["files"].items():
        if storage.exists(name):
            with storage.open(name, "rb") as existing:
                digest = hashlib.sha256()
                for chunk in existing.chunks():
                    digest.update(chunk)
            if digest.hexdigest() == expected["sha256"]:
                result.files_already_present += 1
                continue
            if not replace:
                raise BackupError(
                    f"Media file {name} exists with different content; pass --replace to "
                    "overwrite it."
                )
        to_write.append(name)

    # Media first: if the database load then fails, the extra files harm nothing and a
    # second run finds them already in place.
    for name in to_write:
        if storage.exists(name):
            storage.delete(name)
        with (folder / "media" / Path(*name.split("/"))).open("rb") as handle:
            saved_as = storage.save(name, File(handle, name=name))
        if saved_as != name:
            raise BackupError(f"The storage saved {name} as {saved_as}; restore stopped.")
        result.files_written += 1

    with transaction.atomic(using=using):
        # Empty every table (migration-made rows too: the backup has them) and let
        # post_migrate recreate content types and permissions, which the dump names.
        # PostgreSQL cannot TRUNCATE with deferred constraint checks pending (inside a
        # caller's transaction): run them first.
        connections[using].check_constraints()
        call_command("flush", interactive=False, database=using, verbosity=0)
        call_command("loaddata", str(folder / "database.json"), database=using, verbosity=0)
        result.rows = _row_counts(using)
        if result.rows != manifest["rows"]:
            different = {
                label: (count, manifest["rows"].get(label))
                for label, count in result.rows.items()
                if count != manifest["rows"].get(label)
            }
            raise BackupError(f"Row counts after loading differ from the backup: {different}")
    return result
