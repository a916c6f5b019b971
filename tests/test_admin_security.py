"""Admin sign-in: throttled per username and address with a cool-off, a configurable path,
and strong passwords."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import factories

PASSWORD = "correct-horse-battery-staple"  # UserFactory's password
BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests sign in dozens of times; the hasher's strength is not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fixer1(db):
    return factories.UserFactory(username="fixer1", is_staff=True)


@pytest.fixture
def fixer2(db):
    return factories.UserFactory(username="fixer2", is_staff=True)


def log_in(client, username, password, **extra):
    return client.post(
        f"/{settings.ADMIN_URL}login/",
        {"username": username, "password": password, "next": f"/{settings.ADMIN_URL}"},
        **extra,
    )


def fail_until_locked(client, username, **extra):
    responses = [log_in(client, username, "wrong", **extra) for _ in range(5)]
    assert [r.status_code for r in responses[:-1]] == [200] * 4  # the form, with its error
    return responses[-1]


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == f"/{settings.ADMIN_URL}"


def test_throttling_locks_a_username_and_address_pair_for_a_while_not_for_ever():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_five_bad_passwords_lock_that_username_from_that_address(client, fixer1):
    fifth = fail_until_locked(client, "fixer1")

    assert fifth.status_code == 429
    body = fifth.content.decode()
    assert "Too many sign-in attempts" in body
    assert "paused for 15 minutes after 5 failed attempts" in body
    # Even the right password is refused now.
    assert log_in(client, "fixer1", PASSWORD).status_code == 429


def test_another_username_from_the_same_address_can_still_sign_in(client, fixer1, fixer2):
    fail_until_locked(client, "fixer1")

    assert signed_in(log_in(client, "fixer2", PASSWORD))


def test_the_same_username_from_another_address_can_still_sign_in(client, fixer1):
    fail_until_locked(client, "fixer1")

    assert signed_in(log_in(client, "fixer1", PASSWORD, REMOTE_ADDR="198.51.100.7"))


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, fixer1):
    fail_until_locked(client, "fixer1")

    response = log_in(client, "fixer1", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429


def test_behind_our_proxy_the_address_it_saw_is_the_one_locked(client, fixer1, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker writes the left part; our proxy appends the address it saw.
    fail_until_locked(client, "fixer1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")

    spoofed = log_in(client, "fixer1", PASSWORD, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    colleague = log_in(client, "fixer1", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert spoofed.status_code == 429
    assert signed_in(colleague)


def test_after_the_cool_off_the_user_can_sign_in_again(client, fixer1):
    fail_until_locked(client, "fixer1")
    assert log_in(client, "fixer1", PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(minutes=1)
    )

    assert signed_in(log_in(client, "fixer1", PASSWORD))


def test_the_admin_path_comes_from_the_environment(tmp_path):
    probe = (
        "import django; django.setup(); from django.test import Client;"
        "c = Client(HTTP_HOST='localhost');"
        "print(c.get('/backstage/login/').status_code, c.get('/admin/login/').status_code)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="scouting.settings",
        DJANGO_ADMIN_URL="/backstage/",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "404"]


@pytest.mark.parametrize(
    "password",
    ["short-Pw1", "password12345", "839201748562", "fixer1@example.com"],
    ids=["too-short", "common", "numeric", "like-the-username"],
)
def test_a_weak_password_is_refused(db, password):
    user = factories.UserFactory.build(username="fixer1", email="fixer1@example.com")

    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_the_admin_user_form_refuses_a_weak_password(db):
    form = AdminUserCreationForm(
        data={"username": "newfixer", "password1": "tokyo123", "password2": "tokyo123"}
    )

    assert not form.is_valid()
    assert (
        "This password is too short. It must contain at least 12 characters."
        in (form.errors["password2"])
    )


def test_a_long_unusual_password_is_accepted(db):
    form = AdminUserCreationForm(
        data={
            "username": "newfixer",
            "password1": "kintsugi-ramen-lantern-47",
            "password2": "kintsugi-ramen-lantern-47",
        }
    )

    assert form.is_valid(), form.errors
