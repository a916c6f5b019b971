"""Shared fixtures: media in a temporary folder, users in the staff groups, a client per role."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests import factories


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
    cache.clear()
    yield
    cache.clear()


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
