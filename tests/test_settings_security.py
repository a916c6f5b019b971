"""Production settings, checked in fresh processes with the production environment.

`DJANGO_DEBUG=False` switches the security settings on in the same settings file we run, so
these tests start Python the way gunicorn and manage.py would, with only the environment
differing.
"""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def production_env(tmp_path, **overrides) -> dict:
    """The environment of a production process: no development settings leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "AXES_", "AWS_", "REDIS_"))
    }
    env.update(
        DJANGO_DEBUG="False",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args, env, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_the_production_settings_pass_the_deploy_checks_without_a_warning(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        None,  # not set: the development key would be used
        "short-but-random-Xq3v9",
        "django-insecure-" + "x1y2z3" * 10,
        "a" * 60,  # long but not random
    ],
    ids=["missing", "short", "insecure-prefix", "one-character"],
)
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret_key):
    result = run(["manage.py", "check"], production_env(tmp_path, DJANGO_SECRET_KEY=secret_key))

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set to a long random value" in (
        result.stderr
    )


def test_the_wsgi_application_refuses_to_load_without_a_secret_key(tmp_path):
    result = run(["-c", "import scouting.wsgi"], production_env(tmp_path, DJANGO_SECRET_KEY=None))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, DJANGO_ALLOWED_HOSTS=None))

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list the site's host names" in result.stderr


PROBE = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    answers = {}

    def probe(name, path, **kwargs):
        response = client.get(path, **kwargs)
        answers[name] = {
            "status": response.status_code,
            "headers": dict(response.headers),
            "cookies": {k: dict(v) for k, v in response.cookies.items()},
            "body": response.content.decode(errors="replace"),
        }

    probe("wrong_host", "/", HTTP_HOST="attacker.example", secure=True)
    probe("wrong_host_plain_http", "/", HTTP_HOST="attacker.example")
    probe("plain_http", "/locations/", HTTP_HOST="example.com")
    probe("https", "/", HTTP_HOST="example.com", secure=True)
    probe("healthz_plain_http", "/healthz", HTTP_HOST="example.com")
    probe("not_found", "/no-such-page/", HTTP_HOST="example.com", secure=True)
    print(json.dumps(answers))
    """
)


@pytest.fixture(scope="module")
def production_answers(tmp_path_factory):
    """One production process (migrated SQLite, collected static files) answers a few requests."""
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="scouting.settings")
    result = run(["-c", PROBE], env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_answers_a_wrong_host_header_with_400(production_answers):
    for name in ("wrong_host", "wrong_host_plain_http"):
        answer = production_answers[name]
        assert answer["status"] == 400
        assert "We could not understand that request" in answer["body"]


def test_production_redirects_plain_http_to_https_except_the_health_check(production_answers):
    assert production_answers["plain_http"]["status"] == 301
    assert production_answers["plain_http"]["headers"]["Location"] == (
        "https://example.com/locations/"
    )
    assert production_answers["healthz_plain_http"]["status"] == 200


def test_production_pages_send_hsts_and_secure_cookies(production_answers):
    answer = production_answers["https"]
    assert answer["status"] == 200
    hsts = answer["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts
    assert answer["cookies"]["csrftoken"]["secure"] is True
    assert "/static/css/site." in answer["body"]  # the hashed name from the manifest


def test_production_shows_the_styled_404_page(production_answers):
    answer = production_answers["not_found"]
    assert answer["status"] == 404
    assert "We could not find that page" in answer["body"]
