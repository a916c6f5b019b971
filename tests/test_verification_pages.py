"""Visitors see when a place or a studio was last checked ("Checked on 3 Dec 2026"), honestly
("Not checked yet"), with a hint when it is older than VERIFICATION_STALE_MONTHS."""

import datetime

import pytest

from locations.models.verification import japan_today, months_before, stale_before
from tests import factories
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)
from tests.verification_helpers import long_ago, shown

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("japanese_catalogue", "restore_language"),
]

STALE_HINT = "That was over 6 months ago"


def page(client, record, language="en") -> str:
    response = client.get(record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("factory", [factories.LocationFactory, factories.StudioFactory])
def test_a_recent_check_shows_its_date_without_a_hint(client, factory):
    day = japan_today() - datetime.timedelta(days=10)
    html = page(client, factory(verified_on=day))
    assert f"Checked on {shown(day)}" in html
    assert STALE_HINT not in html
    assert "Not checked yet" not in html


@pytest.mark.parametrize("factory", [factories.LocationFactory, factories.StudioFactory])
def test_an_old_check_shows_its_date_and_the_stale_hint(client, factory):
    day = long_ago(7)
    html = page(client, factory(verified_on=day))
    assert f"Checked on {shown(day)}" in html
    assert STALE_HINT in html
    assert "checked-on-stale" in html


@pytest.mark.parametrize("factory", [factories.LocationFactory, factories.StudioFactory])
def test_a_record_never_checked_says_so(client, factory):
    html = page(client, factory(verified_on=None))
    assert "Not checked yet" in html
    assert "Checked on" not in html


@pytest.mark.parametrize("factory", [factories.LocationFactory, factories.StudioFactory])
def test_the_date_and_the_hint_are_in_japanese_on_japanese_pages(client, factory):
    day = long_ago(8)
    html = page(client, factory(verified_on=day), language="ja")
    assert f"{shown(day, 'ja')}に確認" in html
    assert "6か月以上前" in html
    assert "まだ確認されていません" in page(client, factory(verified_on=None), language="ja")


def test_the_threshold_is_the_setting(client, settings):
    settings.VERIFICATION_STALE_MONTHS = 12
    day = long_ago(8)
    html = page(client, factories.LocationFactory(verified_on=day))
    assert "checked-on-stale" not in html


def test_the_day_exactly_six_months_ago_is_not_yet_stale():
    today = datetime.date(2026, 12, 3)
    assert stale_before(today) == datetime.date(2026, 6, 3)
    location = factories.LocationFactory(verified_on=stale_before())
    assert not location.verification_is_stale
    location.verified_on -= datetime.timedelta(days=1)
    assert location.verification_is_stale


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 15), 6, datetime.date(2025, 9, 15)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2025, 12, 31)),
    ],
)
def test_months_before_counts_calendar_months(day, months, expected):
    assert months_before(day, months) == expected
