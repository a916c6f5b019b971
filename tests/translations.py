"""A session fixture that makes sure the Japanese catalogue is compiled (the .mo is build
output, made by `make`): test modules that check Japanese pages use it."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation


@pytest.fixture(scope="session")
def japanese_catalogue():
    po = settings.BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        call_command(
            "compilemessages", locale=["ja"], ignore_patterns=[".venv", "node_modules"], verbosity=0
        )
    # Changing LOCALE_PATHS makes Django drop catalogues loaded before the .mo existed.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        pass
    return mo


@pytest.fixture
def restore_language():
    """Requests activate their language in this thread (LocaleMiddleware does not undo it):
    give it back afterwards so a Japanese test does not leak into the next test."""
    with translation.override(None):
        yield
