"""Browser journeys: Playwright (sync API) driving Debian's Chromium against live_server."""

import os
import threading
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

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
# How long a test's end waits for live_server to finish what the page last asked for.
IDLE_TIMEOUT = 30


class InFlight:
    """Counts the requests live_server is still answering (Django's request signals)."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        """Block until no request is being answered; False if `timeout` passed first."""
        with self.changed:
            return self.changed.wait_for(lambda: self.count <= 0, timeout)


IN_FLIGHT = InFlight()
request_started.connect(IN_FLIGHT.started, dispatch_uid="browser-in-flight-started")
request_finished.connect(IN_FLIGHT.finished, dispatch_uid="browser-in-flight-finished")


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

    The page has closed by the time this tears down, but live_server may still be
    answering its last request (say the results map's GeoJSON after a filter): SQLite's
    in-memory database is shared with that thread, so the flush that ends the test waits
    for it rather than failing on a table the request still reads.
    """
    # The count starts from zero: the signals also count the test client's requests in this
    # worker, and a streaming response a test never reads never signals its end (the likely
    # cause of a leak seen in CI: each later browser test waited the whole timeout).
    with IN_FLIGHT.changed:
        IN_FLIGHT.count = 0
    yield
    IN_FLIGHT.wait_until_idle(IDLE_TIMEOUT)


@pytest.fixture(autouse=True)
def patient_browser(request):
    """CI machines are shared and busy: give pages and assertions time before failing."""
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(60_000)
