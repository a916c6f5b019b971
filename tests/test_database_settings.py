"""The PostgreSQL connection's planner setting (`DATABASE_RANDOM_PAGE_COST`).

The settings are read in fresh processes (only the environment differs, as in
tests/test_settings_security.py); the live check runs on the test database's own connection.
"""

import json
import re

import pytest
from django.db import connection

from tests.test_settings_security import production_env, run

PG_URL = "postgres://postgres@127.0.0.1:5432/rokehan"
PRINT_OPTIONS = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def options(tmp_path, **overrides) -> dict:
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="scouting.settings", **overrides)
    result = run(["-c", PRINT_OPTIONS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_connections_plan_with_a_random_page_cost_of_1_1_by_default(tmp_path):
    assert options(tmp_path, DATABASE_URL=PG_URL)["options"] == "-c random_page_cost=1.1"


def test_the_startup_options_of_the_database_url_are_kept(tmp_path):
    url = PG_URL + "?options=-c%20work_mem%3D8MB"

    found = options(tmp_path, DATABASE_URL=url, DATABASE_RANDOM_PAGE_COST="2")

    assert found["options"] == "-c work_mem=8MB -c random_page_cost=2"


def test_an_empty_random_page_cost_keeps_the_servers_value(tmp_path):
    assert "options" not in options(tmp_path, DATABASE_URL=PG_URL, DATABASE_RANDOM_PAGE_COST="")


def test_sqlite_gets_no_postgresql_options(tmp_path):
    assert "options" not in options(tmp_path)


@pytest.mark.parametrize(
    "value", ["fast", "-1", "inf", "nan", "1e1", " 1.1", "1_0", "1 -c work_mem=1GB"]
)
def test_a_random_page_cost_that_is_not_a_number_stops_the_process(tmp_path, value):
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="scouting.settings",
        DATABASE_URL=PG_URL,
        DATABASE_RANDOM_PAGE_COST=value,
    )

    result = run(["-c", PRINT_OPTIONS], env)

    assert result.returncode != 0
    assert "DATABASE_RANDOM_PAGE_COST must be a number ≥ 0, or empty." in result.stderr


@pytest.mark.django_db
def test_the_apps_postgresql_connection_uses_the_setting():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    setting = re.search(
        r"random_page_cost=(\S+)", connection.settings_dict["OPTIONS"].get("options", "")
    )
    if setting is None:
        pytest.skip("DATABASE_RANDOM_PAGE_COST is empty: the server's value applies")
    expected = float(setting[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == expected
