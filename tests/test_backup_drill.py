"""The restore drill (`make drill`): 100,000 generated places on PostgreSQL make the round
trip through `backup_catalogue` and `restore_catalogue` into a fresh database, and every
table's rows and content, and every media file, come back identical.

The restore runs as a separate `manage.py` process against a database this test creates
(and drops), with its own media folder: what an operator would do after losing a server.
The source rows are committed (a transactional test) because pg_dump reads from its own
session. DRILL_LOCATIONS / DRILL_STUDIOS change the size (default 100,000 / 2,000).

It takes about six minutes on the 2-core machine (most of it generating the catalogue), so
it runs only when asked for: `make drill` sets RUN_DRILL=1.
"""

import hashlib
import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from locations.backup import storage_files
from locations.models import Location

LOCATIONS = int(os.environ.get("DRILL_LOCATIONS", "100000"))
STUDIOS = int(os.environ.get("DRILL_STUDIOS", "2000"))

pytestmark = [
    pytest.mark.drill,
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the drill is pg_dump's"),
    pytest.mark.skipif(
        os.environ.get("RUN_DRILL") != "1", reason="about 6 minutes: run it with `make drill`"
    ),
]

# Our own fingerprint, independent of locations.backup's: per table, rows and the md5 of the
# sorted md5s of each row's text form.
TABLES_SQL = (
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 1"
)


def fingerprint(cursor) -> dict[str, tuple[int, str]]:
    cursor.execute(TABLES_SQL)
    result = {}
    for (table,) in cursor.fetchall():
        rows_md5 = "md5(string_agg(md5(t::text), '' ORDER BY md5(t::text)))"
        cursor.execute(f'SELECT count(*), {rows_md5} FROM "{table}" t')  # noqa: S608
        result[table] = tuple(cursor.fetchone())
    return result


def sha256s(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def drill_database():
    """A new, empty database next to the test database, dropped afterwards."""
    params = connection.settings_dict
    name = f"{params['NAME']}_drill"
    admin = psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT datcollate, datctype FROM pg_database WHERE datname = %s", [params["NAME"]]
        )
        collate, ctype = cursor.fetchone()
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # The same locale as the source: Japanese trigrams need a UTF-8 LC_CTYPE.
        cursor.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            f"LC_COLLATE '{collate}' LC_CTYPE '{ctype}'"
        )
    try:
        yield {**params, "NAME": name}
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_restore_drill_100k_places_come_back_identical(drill_database, tmp_path):
    timings = {}
    started = time.monotonic()
    call_command(
        "generate_catalogue", locations=LOCATIONS, studios=STUDIOS, photos=True, stdout=StringIO()
    )
    # A few edits through save(), so history rows make the trip too.
    for location in Location.objects.order_by("pk")[:20]:
        location.description += " (edited)"
        location.save()
    timings["generate"] = time.monotonic() - started
    with connection.cursor() as cursor:
        source = fingerprint(cursor)
    media_before = sha256s(Path(settings.MEDIA_ROOT))
    assert source["locations_location"][0] == LOCATIONS
    assert source["locations_photo"][0] == LOCATIONS + STUDIOS
    assert source["locations_historicallocation"][0] >= 20
    assert len(media_before) == 12 and len(list(storage_files(default_storage))) == 12

    started = time.monotonic()
    call_command("backup_catalogue", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    timings["backup"] = time.monotonic() - started
    [backup] = (tmp_path / "backups").iterdir()

    target = drill_database
    url = (
        f"postgres://{target['USER']}:{target['PASSWORD'] or ''}@{target['HOST']}:"
        f"{target['PORT']}/{target['NAME']}"
    )
    restored_media = tmp_path / "restored-media"
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(restored_media)}
    started = time.monotonic()
    restore = subprocess.run(
        [sys.executable, "manage.py", "restore_catalogue", str(backup)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    timings["restore"] = time.monotonic() - started
    assert restore.returncode == 0, restore.stderr

    with (
        psycopg.connect(
            host=target["HOST"] or None,
            port=target["PORT"] or None,
            user=target["USER"] or None,
            password=target["PASSWORD"] or None,
            dbname=target["NAME"],
            options="-c TimeZone=UTC",
        ) as restored,
        restored.cursor() as cursor,
    ):
        assert fingerprint(cursor) == source
    assert sha256s(restored_media) == media_before

    size = (backup / "database.dump").stat().st_size
    print(  # measured figures for docs/deployment.md (make drill shows them)
        f"\ndrill: {LOCATIONS} places, {STUDIOS} studios, {len(source)} tables, "
        f"{sum(rows for rows, _ in source.values())} rows; dump {size / 1e6:.1f} MB; "
        + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
    )
