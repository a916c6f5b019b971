"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser)."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls are
# synchronous and safe here (one test at a time), so Django must not refuse them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium with flags that work as root on a closed network."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def _reload_migration_data():
    """Re-run the data migrations (reference data, staff groups) with their historical models."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    for name in ("0002_reference_data", "0003_groups"):
        migration = loader.get_migration("locations", name)
        apps = loader.project_state(("locations", name)).apps
        for operation in migration.operations:
            operation.code(apps, None)


@pytest.fixture(autouse=True)
def migration_data(request):
    """Live-server tests run in real transactions, and the database is flushed after each one,
    rows written by data migrations included. Put regions, prefectures, categories and the
    Fixers/Editors groups back when a previous test took them away.

    (Django's serialized_rollback cannot do it here: Playwright's greenlets give the test a
    fresh connection object, without the serialized copy Django keeps on the first one.)
    """
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from locations.models import Region

    if not Region.objects.exists():
        _reload_migration_data()
