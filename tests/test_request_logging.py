"""Structured key=value log lines for requests, sign-ins and failures."""

import logging

import pytest
from django.conf import settings

from locations.logging import kv
from tests import factories

pytestmark = pytest.mark.urls("tests.error_urls")
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO, logger="rokehan")
    return caplog


def lines(caplog, logger):
    return [r for r in caplog.records if r.name == logger]


def login(client, username, password, **extra):
    return client.post(
        f"/{settings.ADMIN_URL}login/", {"username": username, "password": password}, **extra
    )


@pytest.mark.django_db
def test_each_request_logs_one_line_without_its_query_string(client, log):
    client.get("/locations/?q=kyoto&token=s3cret")

    [record] = lines(log, "rokehan.request")
    assert record.levelno == logging.INFO
    message = record.getMessage()
    assert message.startswith("method=GET path=/locations/ status=200 duration_ms=")
    assert message.endswith(" user=anonymous")
    assert "s3cret" not in message
    assert "kyoto" not in message


@pytest.mark.django_db
def test_a_signed_in_users_request_logs_their_id(fixer_client, fixer, log):
    fixer_client.get("/")

    [record] = lines(log, "rokehan.request")
    assert f"user={fixer.pk}" in record.getMessage()


@pytest.mark.django_db
def test_a_missing_page_logs_its_status(client, log):
    client.get("/no-such-place/")

    [record] = lines(log, "rokehan.request")
    assert "path=/no-such-place/ status=404" in record.getMessage()


@pytest.mark.django_db
def test_a_server_error_logs_an_error_line(client, log):
    client.raise_request_exception = False
    client.get("/test/boom/")

    [record] = lines(log, "rokehan.request")
    assert record.levelno == logging.ERROR
    assert "status=500" in record.getMessage()


@pytest.mark.django_db
def test_a_share_token_in_the_path_is_masked(client, log):
    client.get("/test/shared/abc123secret/")

    [record] = lines(log, "rokehan.request")
    assert "path=/test/shared/***/ " in record.getMessage()
    assert "abc123secret" not in record.getMessage()


@pytest.mark.django_db
def test_a_hostile_path_cannot_forge_a_log_line(client, log):
    client.get("/x%0Alevel=INFO%20user=1%20status=200/")

    [record] = lines(log, "rokehan.request")
    assert "\n" not in record.getMessage()
    assert 'path="/x\\nlevel=INFO user=1 status=200/"' in record.getMessage()


def test_values_are_quoted_only_when_they_need_it():
    assert (
        kv(a="plain", b="two words", c="", d=None, e="京都")
        == 'a=plain b="two words" c="" d=- e=京都'
    )


@pytest.mark.django_db
def test_a_sign_in_logs_the_user_and_address(client, log):
    user = factories.UserFactory(username="fixer1", is_staff=True)

    login(client, "fixer1", PASSWORD)

    messages = [r.getMessage() for r in lines(log, "rokehan.auth")]
    assert f"event=login user={user.pk} ip=127.0.0.1" in messages


@pytest.mark.django_db
def test_a_failed_sign_in_logs_the_account_but_never_what_was_typed(client, log):
    user = factories.UserFactory(username="fixer1", is_staff=True)

    login(client, "fixer1", "wrong-password-typed")
    login(client, "my-secret-password", "oops")

    records = lines(log, "rokehan.auth")
    assert [r.levelno for r in records] == [logging.WARNING, logging.WARNING]
    assert records[0].getMessage() == f"event=login_failed user={user.pk} ip=127.0.0.1"
    assert records[1].getMessage() == "event=login_failed user=no-such-user ip=127.0.0.1"
    assert "secret" not in log.text
    assert "wrong-password-typed" not in log.text


@pytest.mark.django_db
def test_a_lockout_is_logged(client, log, settings):
    user = factories.UserFactory(username="fixer1", is_staff=True)

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "fixer1", "wrong")

    messages = [r.getMessage() for r in lines(log, "rokehan.auth")]
    assert f"event=locked_out user={user.pk} ip=127.0.0.1" in messages
