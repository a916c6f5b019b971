"""The database half of a backup, one implementation per engine (used by `locations.backup`).

- PostgreSQL: `pg_dump --format=custom` from one exported snapshot, so the dump and the
  manifest's row counts and checksums describe the same moment while fixers keep working;
  restored with `pg_restore --clean --if-exists --no-owner --single-transaction`, so a
  failure part-way leaves the database as it was.
- SQLite: a consistent copy made with SQLite's online backup API (`Connection.backup()`),
  restored with the same API in the other direction (the whole database is replaced in one
  write transaction; a running site's other connections just wait for it).

Both describe a database the same way (`Inventory`): rows per table, the migrations it is
at, the media names it refers to, and on PostgreSQL a content checksum per table.
"""

import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with fixed arguments, no shell
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import models

# Client major versions that can dump and restore our servers (PostgreSQL 15 in production).
PG_TOOLS = ("pg_dump", "pg_restore")


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do."""


@dataclass
class Inventory:
    """What a database holds, for the manifest and for checking a restore against it."""

    rows: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)  # PostgreSQL only
    migrations: list[list[str]] = field(default_factory=list)
    files: set[str] = field(default_factory=set)


def quote(name: str) -> str:
    """An SQL identifier, quoted the same way for PostgreSQL and SQLite."""
    return '"' + name.replace('"', '""') + '"'


def _file_columns() -> dict[str, list[str]]:
    """Table → its FileField/ImageField columns, over every installed model."""
    columns: dict[str, list[str]] = {}
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                columns.setdefault(model._meta.db_table, []).append(model_field.column)
    return columns


def take_inventory(cursor, tables: list[str], *, checksums: bool) -> Inventory:
    """Count every table (and checksum it, on PostgreSQL) through a DB-API cursor.

    `t::text` is PostgreSQL's text form of a whole row; hashing each row and then the sorted
    row hashes gives a checksum independent of physical order and of primary-key names.
    """
    inventory = Inventory()
    for table in sorted(tables):
        if checksums:
            cursor.execute(
                "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' "  # noqa: S608 - quoted schema identifier
                f"ORDER BY md5(t::text)), '')) FROM {quote(table)} AS t"
            )
            count, inventory.checksums[table] = cursor.fetchone()
        else:
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 - as above
            (count,) = cursor.fetchone()
        inventory.rows[table] = count
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations")
        inventory.migrations = sorted([app, name] for app, name in cursor.fetchall())
    for table, columns in _file_columns().items():
        if table not in tables:
            continue
        for column in columns:
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(table)} "  # noqa: S608 - as above
                f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
            )
            inventory.files.update(value for (value,) in cursor.fetchall())
    return inventory


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_env(connection) -> dict[str, str]:
    """libpq's environment for the database in settings (the password never on a command
    line, where `ps` would show it)."""
    params = connection.settings_dict
    env = {**os.environ, "PGDATABASE": params["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = params["OPTIONS"]["sslmode"]
    return env


def pg_tool(name: str, connection) -> str:
    """The path of pg_dump/pg_restore, after checking it can handle this server's version."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools of the server's "
            "major version or newer (Debian: apt-get install postgresql-client-15)."
        )
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"\(PostgreSQL\) (\d+)", output)
    client = int(match.group(1)) if match else 0
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if client < server:
        raise BackupError(
            f"{path} is version {client}, older than the server's {server}: it cannot dump "
            f"or restore it. Install postgresql-client-{server} (or newer)."
        )
    return path


def _run(args: list[str], connection) -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        args, env=_pg_env(connection), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


def pg_tables(cursor) -> list[str]:
    """Every ordinary table in the schemas on the search path (Django's tables)."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(current_schemas(false))"
    )
    return [name for (name,) in cursor.fetchall()]


def pg_dump(connection, path: Path) -> Inventory:
    """Dump the database to `path` and describe it, both from one snapshot."""
    if connection.in_atomic_block:
        # pg_dump runs in its own session and would not see this transaction's rows.
        raise BackupError("Back up outside a transaction: pg_dump sees committed rows only.")
    tool = pg_tool("pg_dump", connection)
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            _run(
                [tool, "--format=custom", "--no-password", f"--snapshot={snapshot}",
                 f"--file={path}"],
                connection,
            )  # fmt: skip
            return take_inventory(cursor, pg_tables(cursor), checksums=True)
        finally:
            cursor.execute("ROLLBACK")


def pg_restore(connection, path: Path) -> None:
    """Replace the objects of the dump in this database, all or nothing."""
    if connection.in_atomic_block:
        raise BackupError("Restore outside a transaction: pg_restore runs its own.")
    tool = pg_tool("pg_restore", connection)
    connection.close()  # our own idle session must not hold locks the DROPs wait for
    _run(
        [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", "--no-password", f"--dbname={connection.settings_dict['NAME']}",
         str(path)],
        connection,
    )  # fmt: skip


def pg_inventory(connection) -> Inventory:
    with connection.cursor() as cursor:
        return take_inventory(cursor, pg_tables(cursor), checksums=True)


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in cursor.fetchall()]


def _sqlite_inventory(db: sqlite3.Connection) -> Inventory:
    cursor = db.cursor()
    try:
        return take_inventory(cursor, _sqlite_tables(cursor), checksums=False)
    finally:
        cursor.close()


def sqlite_dump(connection, path: Path) -> Inventory:
    """Copy the live database to `path` with SQLite's online backup API and describe the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        return _sqlite_inventory(copy)
    finally:
        copy.close()


def sqlite_restore(connection, path: Path) -> None:
    """Overwrite the live database with the copy at `path` (one write transaction)."""
    if connection.in_atomic_block:
        raise BackupError("Restore outside a transaction: SQLite replaces the whole file.")
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def sqlite_inventory(connection) -> Inventory:
    connection.ensure_connection()
    return _sqlite_inventory(connection.connection)


@dataclass(frozen=True)
class Engine:
    """One database engine's way of dumping, restoring and describing a database."""

    vendor: str
    dump_name: str
    dump: object
    restore: object
    inventory: object


ENGINES = {
    "postgresql": Engine("postgresql", "database.dump", pg_dump, pg_restore, pg_inventory),
    "sqlite": Engine("sqlite", "database.sqlite3", sqlite_dump, sqlite_restore, sqlite_inventory),
}


def engine_for(connection) -> Engine:
    """The engine of this connection, or a clear error for one we cannot back up."""
    try:
        return ENGINES[connection.vendor]
    except KeyError:
        message = f"Backups support PostgreSQL and SQLite, not {connection.vendor}."
        raise BackupError(message) from None
