"""Browser journeys: Debian's Chromium driven by Playwright against Django's live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls from
# the test thread would otherwise raise SynchronousOnlyOperation. Browser tests only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (Playwright's own browsers cannot be downloaded here)."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
