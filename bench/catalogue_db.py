"""The benchmark's PostgreSQL side: the server up, one database per catalogue size (C.UTF-8,
so Japanese text gets trigrams), migrated and holding the generated catalogue."""

import os
import secrets
import socket
import time

from options import HOST, PG_HOST, PG_PORT, PG_USER, PHOTOS, POOL, PYTHON, RESULTS, log, run


def pg_ready() -> bool:
    """Whether PostgreSQL accepts connections."""
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=2):
            return True
    except OSError:
        return False


def ensure_postgres():
    """Start the local cluster when nothing listens on the PostgreSQL port."""
    if pg_ready():
        return
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    log(f"no PostgreSQL on {PG_HOST}:{PG_PORT}; starting cluster {version[-1]}/main")
    run(["pg_ctlcluster", "--skip-systemctl-redirect", version[-1], "main", "start"], timeout=60)
    deadline = time.monotonic() + 30
    while not pg_ready():
        if time.monotonic() > deadline:
            raise SystemExit("PostgreSQL did not start within 30 s")
        time.sleep(1)


def pg(sql: str, dbname: str = "postgres", params=None):
    """Run one statement in autocommit mode; return all rows (or None)."""
    import psycopg

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=dbname, autocommit=True, connect_timeout=10
    ) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def ensure_database(name: str):
    """Create database `name` (C.UTF-8) unless it exists."""
    if not pg("SELECT 1 FROM pg_database WHERE datname = %s", params=[name]):
        log(f"creating database {name} (C.UTF-8)")
        pg(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )


# --- Django -----------------------------------------------------------------------------


def django_env(database: str) -> dict:
    """Environment for manage.py, probe.py and gunicorn: production settings on `database`."""
    # The benchmark's own settings replace the caller's (a settings module may be chosen, and
    # the planner's page cost: DATABASE_RANDOM_PAGE_COST="" measures with the server's own).
    kept = {"DJANGO_SETTINGS_MODULE", "DATABASE_RANDOM_PAGE_COST"}
    env = {
        k: v
        for k, v in os.environ.items()
        if k in kept or not k.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        {
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}",
            "DJANGO_DEBUG": "False",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": HOST,
            # Plain HTTP on loopback: no redirect to HTTPS, no HSTS pinning of 127.0.0.1.
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(RESULTS / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    # wrk is one client address: the rate limits (make soak tests them) would answer 429s.
    # The benchmark measures what a page costs, so no limit is met here.
    for name in ("SEARCH", "GEOJSON", "API", "COMMENT", "SUBMIT", "VERIFY", "LOGIN"):
        env[f"RATE_LIMIT_{name}"] = "1000000/m"
    if POOL:
        env["DATABASE_POOL"] = "True"
    return env


def manage(env: dict, *args: str, timeout: float = 900, capture=False) -> str:
    """Run a manage.py command with `env`."""
    return run([PYTHON, "manage.py", *args], env=env, timeout=timeout, capture=capture)


def prepare(database: str, locations: int, studios: int) -> dict:
    """Database migrated and holding exactly the requested generated catalogue."""
    ensure_database(database)
    env = django_env(database)
    manage(env, "migrate", "--no-input", "-v", "0")
    have = pg(
        "SELECT (SELECT count(*) FROM locations_location WHERE slug LIKE 'gen-%%'), "
        "(SELECT count(*) FROM locations_studio WHERE slug LIKE 'gen-%%')",
        database,
    )[0]
    if tuple(have) != (locations, studios):
        log(f"{database}: has {have[0]} locations / {have[1]} studios; generating")
        started = time.monotonic()
        args = ["--clear", "--locations", str(locations), "--studios", str(studios)]
        manage(env, "generate_catalogue", *args, *(["--photos"] if PHOTOS else []), timeout=3600)
        log(f"generated in {time.monotonic() - started:.0f} s")
    else:
        log(f"{database}: reusing {locations} locations / {studios} studios")
    # Fresh statistics and visibility map, also on a reused database: rows left dead by
    # whatever ran there before (an edit, an experiment rolled back) made index-only scans
    # read the table again; one run with 150,000 dead rows measured the deep page at 11
    # req/s instead of 45.
    pg("VACUUM ANALYZE", database)
    return env


def server_version() -> str:
    """PostgreSQL's version string, for the report's machine line."""
    return pg("SHOW server_version")[0][0]
