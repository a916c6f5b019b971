"""Browser journeys: Debian's Chromium driven by Playwright against Django's live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls from
# the test thread would otherwise raise SynchronousOnlyOperation. Browser tests only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Django's serialized copy of the data the migrations ship (regions, prefectures, groups).
_SERIALIZED: dict[str, str] = {}


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


@pytest.fixture(scope="session", autouse=True)
def _serialized_migrated_data(django_db_setup):
    """Take Django's serialized copy of the migrated data before the first browser starts.

    Django keeps it on the connection object, which `serialized_rollback` reads to restore the
    data after a transactional test's flush. Once Playwright's event loop runs in this thread,
    asgiref's Local hands the test other connection objects, without that copy.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            _SERIALIZED[alias] = contents


@pytest.fixture(autouse=True)
def _migrated_data(request):
    """Every transactional journey starts with the migrated data, whatever flushed it before."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.core.management import call_command
    from django.db import connections

    from locations.models import Prefecture

    for alias, contents in _SERIALIZED.items():
        # From now on Django's own serialized_rollback finds it, and flushes stay clean.
        connections[alias]._test_serialized_contents = contents
    if not Prefecture.objects.exists():
        for alias, contents in _SERIALIZED.items():
            call_command(
                "flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            connections[alias].creation.deserialize_db_from_string(contents)
