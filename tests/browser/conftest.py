"""Browser journeys: Playwright (sync API) driving Debian's Chromium against live_server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls that set up each test's data (browser tests only).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
# Root in a container on a closed network: no sandbox, no GPU, no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _reload_migration_data():
    """Re-run every data migration of the app (reference data, groups, programme …) with
    the historical models of its own migration state."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    names = sorted(name for app, name in loader.disk_migrations if app == "locations")
    for name in names:
        migration = loader.get_migration("locations", name)
        if not any(isinstance(op, RunPython) for op in migration.operations):
            continue
        # Each RunPython sees the models as they are at its point in the migration (0004
        # creates its models and fills them in the same migration).
        state = loader.project_state(("locations", name), at_end=False)
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(state.apps, None)
            else:
                operation.state_forwards("locations", state)


@pytest.fixture(autouse=True)
def migration_data(transactional_db):
    """Committed data (live_server answers from another thread), with the rows the data
    migrations ship.

    A transactional test ends by emptying every table, migration data included. Django's
    serialized rollback cannot bring it back here: while Playwright's event loop runs,
    Django hands this thread a different connection object from the one that saved the
    snapshot. So the data migrations run again whenever a previous test emptied them.
    """
    from locations.models import Region

    if not Region.objects.exists():
        _reload_migration_data()
