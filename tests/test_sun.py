"""Sun and light (locations.sun, locations.sun_chart), checked against an almanac."""

import datetime as dt

import pytest

from locations.clock import TOKYO
from locations.sun import sun_day, sun_times
from locations.sun_chart import CENTRE, HORIZON_RADIUS, sun_chart

KYOTO = (35.0116, 135.7681)  # Kyoto City Hall
TOKYO_STATION = (35.681236, 139.767125)


def at(day, hhmm):
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=TOKYO)


def within_a_minute(value, expected):
    assert abs((value - expected).total_seconds()) <= 60, value


def test_kyoto_sunset_on_1_april_2027_matches_the_almanac():
    # The almanac (NAOJ's 暦計算室): sunset about 18:18 JST, bearing about 276°.
    day = sun_day(*KYOTO, dt.date(2027, 4, 1))
    within_a_minute(day.sunset.at, at(day.day, "18:18"))
    assert day.sunset.azimuth == pytest.approx(276, abs=1)


def test_tokyo_at_the_summer_solstice_matches_the_almanac():
    # NAOJ, Tokyo, 21 June 2026: sunrise 4:25, sunset 19:00.
    times = sun_times(*TOKYO_STATION, dt.date(2026, 6, 21))
    within_a_minute(times.sunrise, at(dt.date(2026, 6, 21), "04:25"))
    within_a_minute(times.sunset, at(dt.date(2026, 6, 21), "19:00"))


def test_golden_hours_fall_on_the_chosen_day_in_japan_time():
    # astral computes some events for the UTC day; a Tokyo morning must not jump a day.
    day = sun_day(*KYOTO, dt.date(2027, 4, 1))
    start, end = day.morning_golden
    assert start.date() == end.date() == dt.date(2027, 4, 1)
    assert start < day.sunrise.at < end
    evening_start, evening_end = day.evening_golden
    assert evening_start < day.sunset.at < evening_end
    assert str(start.tzinfo) == "Asia/Tokyo"


def test_the_hours_list_the_sun_while_it_is_up_and_peak_in_the_south():
    day = sun_day(*KYOTO, dt.date(2027, 4, 1))
    assert [p.at.hour for p in day.hours] == list(range(6, 19))
    assert all(p.elevation > 0 for p in day.hours)
    noon = max(day.hours, key=lambda p: p.elevation)
    assert noon.compass == "S" and noon.azimuth == pytest.approx(180, abs=8)


def test_a_west_facing_view_has_the_sun_in_shot_in_the_afternoon():
    day = sun_day(*KYOTO, dt.date(2027, 4, 1))
    assert [p.at.hour for p in day.in_shot("W")] == [14, 15, 16, 17, 18]
    assert [p.at.hour for p in day.behind_camera("W")] == [6, 7, 8, 9, 10]


def test_the_chart_puts_the_track_inside_the_horizon_and_the_view_where_it_looks():
    chart = sun_chart(sun_day(*KYOTO, dt.date(2027, 4, 1)), "W")
    for point in chart.hours:
        assert (point.x - CENTRE) ** 2 + (point.y - CENTRE) ** 2 <= HORIZON_RADIUS**2
    # West is on the left of a north-up chart.
    assert chart.view_tip.x == pytest.approx(CENTRE - HORIZON_RADIUS)
    assert chart.view_wedge.startswith("M ")
    assert sun_chart(sun_day(*KYOTO, dt.date(2027, 4, 1))).view_wedge == ""
