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


@pytest.fixture(autouse=True)
def migration_data(transactional_db):
    """Committed data: live_server answers from another thread.

    A transactional test ends by emptying every table, migration data included. Django's
    serialized rollback cannot bring it back here: while Playwright's event loop runs,
    Django hands this thread a different connection object from the one that saved the
    snapshot. So `migration_rows` (tests/conftest.py) runs the data migrations again
    whenever a previous test emptied them.
    """


@pytest.fixture(autouse=True)
def patient_browser(request):
    """CI machines are shared and busy: give pages and assertions time before failing."""
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(60_000)
