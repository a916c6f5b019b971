"""Browser journeys: Playwright (sync API) driving Debian's Chromium against live_server."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls that set up each test's data (browser tests only).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
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


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Committed data (live_server answers from another thread), with the regions,
    prefectures, categories and groups the migrations ship.

    A transactional test ends by emptying every table, migration data included. Django's
    serialized rollback cannot bring it back here: while Playwright's event loop runs,
    Django hands this thread a different connection object from the one that saved the
    snapshot. So the migrations' own (idempotent) loaders run again before each test.
    """
    for module, loader in [
        ("0002_reference_data", "load"),
        ("0003_groups", "create_groups"),
        ("0004_incentives", "grant"),
    ]:
        migration = importlib.import_module(f"locations.migrations.{module}")
        getattr(migration, loader)(apps, None)
