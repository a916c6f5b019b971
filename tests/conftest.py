"""Shared fixtures: media in a temporary folder, users in the staff groups, a client per role."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.utils import translation

from tests import factories


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
        # Each RunPython sees the models as they are at that point of the migration.
        state = loader.project_state(("locations", name), at_end=False)
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                # A real schema editor: some RunPython steps (PostgreSQL's trigram indexes)
                # execute SQL through it; they are written to be idempotent. Not entered as a
                # context: SQLite refuses that inside a test's transaction, and those steps
                # do nothing there.
                operation.code(state.apps, connection.schema_editor(atomic=False))
            else:
                operation.state_forwards("locations", state)


@pytest.fixture(autouse=True)
def migration_rows(request):
    """The rows the data migrations ship (regions, prefectures, groups …) in every database
    test, even after a transactional test (a browser journey) emptied every table in this
    worker: pytest-xdist may run such a test before the rolled-back ones."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is not None:
        transactional = marker.kwargs.get("transaction", False)
    elif names & {"db", "transactional_db"}:
        transactional = "transactional_db" in names
    else:
        return  # no database
    request.getfixturevalue("transactional_db" if transactional else "db")
    from locations.models import Region

    if not Region.objects.exists():
        _reload_migration_data()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached bodies and fragments never outlive the test (and its rolled-back rows)."""
    visitors = caches["visitors"]
    cache.clear()
    visitors.clear()
    yield
    cache.clear()
    visitors.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request's LocaleMiddleware leaves the
    thread in the visitor's (a Japanese page), and tests outside requests read it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def job_progress(settings):
    """Jobs' progress in this process's memory (the worker of `run_queued_tasks` runs here
    too), empty for each test: job ids repeat after rolled-back tests."""
    settings.CACHES = {
        **settings.CACHES,
        "progress": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "job-progress",
        },
    }
    progress = caches["progress"]
    progress.clear()
    yield progress
    progress.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users' passwords need no brute-force resistance (PBKDF2 costs ~1 s per user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fixer(db):
    """A staff user in the Fixers group (not a superuser)."""
    user = factories.UserFactory(username="fixer", is_staff=True)
    user.groups.add(Group.objects.get(name="Fixers"))
    return user


@pytest.fixture
def editor(db):
    """A staff user in the Editors group."""
    user = factories.UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def fixer_client(client, fixer):
    client.force_login(fixer)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
