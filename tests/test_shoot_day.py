"""A place's page with `?date=`: the permit deadline and the sun, in English and Japanese."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from locations.clock import tokyo_today
from locations.shoot_day import clock_time, whole_degrees
from locations.sun import sun_day
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinkakuji():
    return factories.LocationFactory(
        name="Kinkaku-ji",
        name_ja="金閣寺",
        slug="kinkaku-ji",
        latitude=Decimal("35.039400"),
        longitude=Decimal("135.729200"),
        permit_lead_days=5,
        view_facing="N",
    )


def page(client, location, query="", language="en"):
    response = client.get(location.get_absolute_url() + query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_a_shoot_date_shows_the_last_day_to_apply(client, kinkakuji):
    html = page(client, kinkakuji, "?date=2099-01-06")
    # Tue 6 Jan 2099, 5 business days: 5 Jan, then back over 29 Dec–3 Jan (and the
    # weekend) to 28, 25, 24, 23 Dec 2098.
    assert "Apply for permits by" in html
    assert '<time datetime="2098-12-23">' in html
    assert "5 business days before the shoot" in html
    assert "This deadline has passed" not in html


def test_a_date_too_close_says_the_deadline_has_passed(client, kinkakuji):
    tomorrow = tokyo_today() + dt.timedelta(days=1)
    html = page(client, kinkakuji, f"?date={tomorrow:%Y-%m-%d}")
    assert "This deadline has passed" in html
    assert "permit-deadline-late" in html


def test_the_page_shows_the_sun_for_the_chosen_date(client, kinkakuji):
    html = page(client, kinkakuji, "?date=2027-04-01")
    assert "Sun and light on Thu 1 Apr 2027" in html
    assert '<svg class="sun-chart"' in html
    assert 'class="sun-chart-view"' in html  # the main view's wedge
    assert "Sunset" in html and "18:1" in html  # 18:17 at the temple, west of the city hall


def test_every_sun_fact_on_the_page_is_the_days_sun(client):
    # Kiyomizu-dera's stage looks west-south-west over the city: on midsummer's day the
    # sun is behind the camera in the morning and in the shot in the evening.
    place = factories.LocationFactory(
        latitude=Decimal("34.994900"), longitude=Decimal("135.785000"), view_facing="W"
    )
    html = page(client, place, "?date=2027-06-21")
    sun = sun_day(place.latitude, place.longitude, dt.date(2027, 6, 21))
    in_shot, behind = sun.in_shot("W"), sun.behind_camera("W")
    assert in_shot and behind
    rise, set_ = clock_time(sun.sunrise.at), clock_time(sun.sunset.at)
    assert (
        f"<dd data-sunrise><time>{rise}</time> · bearing {whole_degrees(sun.sunrise.azimuth)}°"
        in html
    )
    assert (
        f"<dd data-sunset><time>{set_}</time> · bearing {whole_degrees(sun.sunset.azimuth)}°"
        in html
    )
    morning = "–".join(clock_time(at) for at in sun.morning_golden)
    evening = "–".join(clock_time(at) for at in sun.evening_golden)
    assert f"<dd>{morning}</dd>" in html and f"<dd>{evening}</dd>" in html
    noon = f"{clock_time(sun.noon.at)} · {whole_degrees(sun.noon.elevation)}° above the horizon"
    assert noon in html
    assert (
        f"in or near the shot (backlight) from {clock_time(in_shot[0].at)} to "
        f"{clock_time(in_shot[-1].at)}." in html
    )
    assert (
        f"behind the camera (front light on the view) from {clock_time(behind[0].at)} to "
        f"{clock_time(behind[-1].at)}." in html
    )


def test_without_a_date_the_sun_is_today_in_japan_and_the_earliest_date_is_offered(
    client, kinkakuji
):
    html = page(client, kinkakuji)
    with translation.override("en"):
        from django.utils.formats import date_format

        today = date_format(tokyo_today(), "WEEKDAY_DATE_YEAR_FORMAT")
    assert f"Sun and light on {today}" in html
    assert "Applying today, the earliest shoot date is" in html


def test_it_speaks_japanese(client, kinkakuji):
    html = page(client, kinkakuji, "?date=2099-01-06", language="ja")
    assert "許可の申請期限" in html
    assert "2098年12月23日" in html
    assert "日の出" in html and "日の入り" in html


@pytest.mark.parametrize(
    "bad", ["2027-02-30", "tomorrow", "2027-4-1x", "1800-01-01", "99999-01-01"]
)
def test_a_bad_date_is_a_form_error_and_the_sun_of_today(client, kinkakuji, bad):
    html = page(client, kinkakuji, f"?date={bad}")
    assert 'aria-invalid="true"' in html
    assert "Apply for permits by" not in html
    assert "Sun and light on" in html


def test_a_place_without_lead_time_or_coordinates_says_so(client):
    place = factories.LocationFactory(latitude=None, longitude=None, permit_lead_days=None)
    html = page(client, place, "?date=2027-04-01")
    assert "Nobody has recorded how long this place" in html
    assert "Sun times need the place" in html


def shoot_day_section(html: str) -> str:
    start = html.index('id="shoot-day"')
    return html[start : html.index("</section>", start)]


def test_cached_pages_differ_by_date(client, kinkakuji):
    first = shoot_day_section(page(client, kinkakuji, "?date=2027-04-01"))
    second = shoot_day_section(page(client, kinkakuji, "?date=2027-12-01"))
    assert "Thu 1 Apr 2027" in first and "Thu 1 Apr 2027" not in second
    assert shoot_day_section(page(client, kinkakuji, "?date=2027-04-01")) == first


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_hour_table_and_the_chart_draw_each_hour_of_the_day(client, kinkakuji, language):
    """The table's rows and the chart's rings, compass and hour dots (built in Python,
    locations.shoot_day / locations.sun_chart): one per hour the sun is up, with its figures."""
    import re

    from django.template.defaultfilters import floatformat

    from locations.sun import sun_day

    day = sun_day(kinkakuji.latitude, kinkakuji.longitude, dt.date(2027, 4, 1))
    html = page(client, kinkakuji, "?date=2027-04-01", language)
    body = html[html.index('<table class="sun-table">') : html.index("</table>")]
    rows = re.findall(r"<tr><td><time>(\d\d:\d\d)</time></td><td>(\w+) · (\d+)°</td>", body)
    assert rows == [(f"{p.at:%H:%M}", p.compass, floatformat(p.azimuth, 0)) for p in day.hours]
    assert len(re.findall(r'<circle class="sun-chart-hour" ', html)) == len(day.hours)
    assert len(re.findall(r'<circle class="sun-chart-ring" cx="110.0" cy="110.0" r="', html)) == 2
    compass = re.findall(r'dominant-baseline="middle">(\w)</text>', html)
    assert compass == ["N", "E", "S", "W"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_hour_table_formats_as_the_template_filters_would(language):
    from django.template.defaultfilters import floatformat
    from django.template.defaultfilters import time as time_filter
    from django.utils.timezone import template_localtime

    from locations.shoot_day import clock_time, whole_degrees

    # Halves round away from zero, a small negative shows as "0", as floatformat:0 does.
    angles = [-12.5, -0.5, -0.4, -0.0, 0.0, 0.49999, 0.5, 2.5, 44.5, 180.0, 359.5, 359.96]
    angles += [i * 0.37 - 20 for i in range(1100)]
    moment = dt.datetime(2027, 6, 21, 4, 25, 59, tzinfo=dt.UTC)
    with translation.override(language):
        assert [whole_degrees(a) for a in angles] == [floatformat(a, 0) for a in angles]
        for minutes in range(0, 24 * 60, 7):
            at = moment + dt.timedelta(minutes=minutes)
            assert clock_time(at) == time_filter(template_localtime(at), "H:i")
