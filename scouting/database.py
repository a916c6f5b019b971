"""The database connection, from the environment (12-factor)."""

import re

import environ
from django.core.exceptions import ImproperlyConfigured


def database_config(env: environ.Env, sqlite_path) -> dict:
    """DATABASES["default"]: `DATABASE_URL` (postgres://user@host:5432/name) or the embedded
    SQLite file at `sqlite_path`, with PostgreSQL's connection handling (docs/deployment.md)."""
    database = env.db("DATABASE_URL", default=f"sqlite:///{sqlite_path}")
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    if env.bool("DATABASE_POOL", default=False):
        # Django 5.2's native psycopg pool; replaces persistent connections.
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 2,
            "max_size": env.int("DATABASE_POOL_MAX", default=8),
        }
    else:
        database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
        database["CONN_HEALTH_CHECKS"] = True
    # The planner's cost of a random page read. PostgreSQL's default (4) models spinning
    # disks; on SSDs or with the catalogue in memory 1.1 is the usual value, and with 4 a
    # short Japanese keyword (京都) is counted by reading the whole table (17 ms) instead of
    # its trigram index (6 ms). "" keeps the server's value (PgBouncer refuses a startup
    # option it does not track: set it on the server instead).
    random_page_cost = env.str("DATABASE_RANDOM_PAGE_COST", default="1.1")
    if random_page_cost:
        # Digits only: the value goes into libpq's options string as it is.
        if not re.fullmatch(r"\d+(?:\.\d+)?", random_page_cost):
            raise ImproperlyConfigured("DATABASE_RANDOM_PAGE_COST must be a number ≥ 0, or empty.")
        options = database.setdefault("OPTIONS", {})
        startup = [options.get("options", ""), f"-c random_page_cost={random_page_cost}"]
        options["options"] = " ".join(part for part in startup if part)
    return database
