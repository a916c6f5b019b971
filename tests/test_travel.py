"""Travel estimates between stops: great-circle distance and door-to-door minutes per mode."""

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest

from locations.travel import (
    PROFILES,
    distance_km,
    estimate_minutes,
    format_minutes,
    leg_between,
    legs_into,
    nearest_neighbour_order,
    suggest_mode,
)

TOKYO_STATION = (35.681236, 139.767125)
KYOTO_STATION = (34.985849, 135.758767)
SHIBUYA = (35.659500, 139.700400)
ASAKUSA = (35.714800, 139.796700)


def test_distance_is_the_great_circle_in_km():
    assert distance_km(TOKYO_STATION, KYOTO_STATION) == pytest.approx(371.7, abs=0.5)
    assert distance_km(SHIBUYA, ASAKUSA) == pytest.approx(10.7, abs=0.2)
    assert distance_km(SHIBUYA, SHIBUYA) == 0


def test_distance_is_symmetric():
    assert distance_km(TOKYO_STATION, KYOTO_STATION) == distance_km(KYOTO_STATION, TOKYO_STATION)


@pytest.mark.parametrize(
    ("km", "mode", "minutes"),
    [
        (4.5, "walk", 80),  # 4.5 km × 1.3 = 5.85 km at 4.5 km/h = 78 min → 80
        (1.0, "walk", 20),  # 17.3 min → 20
        (10, "car", 30),  # 13 road-km at 35 km/h = 22.3 min + 5 → 30
        (100, "car", 135),  # 130 road-km: 20 at 35 km/h + 110 at 70 km/h = 128.6 min + 5
        (10, "train", 25),  # 15 min + 10
        (371.7, "shinkansen", 145),  # 111.5 min + 30 → the Nozomi takes 135 plus stations
        (885, "flight", 210),  # 88.5 min + 120 → 210
    ],
)
def test_estimates_follow_the_documented_assumptions(km, mode, minutes):
    assert estimate_minutes(km, mode) == minutes


def test_estimates_round_up_to_five_minutes_and_grow_with_distance():
    for mode in PROFILES:
        values = [estimate_minutes(km, mode) for km in (0.5, 5, 50, 500)]
        assert values == sorted(values)
        assert all(v % 5 == 0 for v in values)


def test_zero_distance_takes_no_time_and_negative_is_refused():
    assert estimate_minutes(0, "flight") == 0
    with pytest.raises(ValueError):
        estimate_minutes(-1, "car")


def test_unknown_mode_is_an_error():
    with pytest.raises(KeyError):
        estimate_minutes(10, "rickshaw")


def test_shinkansen_beats_the_car_between_tokyo_and_kyoto_but_not_across_town():
    long = distance_km(TOKYO_STATION, KYOTO_STATION)
    short = distance_km(SHIBUYA, ASAKUSA)
    assert estimate_minutes(long, "shinkansen") < estimate_minutes(long, "car")
    assert estimate_minutes(short, "car") < estimate_minutes(short, "shinkansen")


@pytest.mark.parametrize(
    ("km", "mode"), [(0.8, "walk"), (12, "car"), (372, "shinkansen"), (885, "flight")]
)
def test_suggested_mode_depends_on_distance(km, mode):
    assert suggest_mode(km) == mode


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 min"), (60, "1 h"), (135, "2 h 15 min"), (125, "2 h 05 min")]
)
def test_minutes_read_as_hours_and_minutes(minutes, text):
    assert format_minutes(minutes) == text


@dataclass
class Stop:
    date: date
    start: time
    end: time | None
    coordinates: tuple | None
    travel_mode: str = "car"

    @property
    def starts_at(self):
        return datetime.combine(self.date, self.start)

    @property
    def ends_at(self):
        return datetime.combine(self.date, self.end or self.start)


DAY = date(2027, 4, 5)


def test_a_leg_compares_the_estimate_with_the_time_between_stops():
    shibuya = Stop(DAY, time(9), time(10), SHIBUYA)
    asakusa = Stop(DAY, time(10, 20), time(11), ASAKUSA, travel_mode="car")
    leg = leg_between(shibuya, asakusa)
    assert leg.km == pytest.approx(10.7, abs=0.2)
    assert (leg.minutes, leg.gap_minutes) == (30, 20)
    assert leg.too_tight
    assert leg.duration_text == "30 min"

    relaxed = Stop(DAY, time(11), time(12), ASAKUSA, travel_mode="car")
    assert not leg_between(shibuya, relaxed).too_tight


def test_a_stop_without_an_end_is_left_at_its_start():
    checkin = Stop(DAY, time(15), None, SHIBUYA)
    dinner = Stop(DAY, time(15, 10), time(16), SHIBUYA, travel_mode="walk")
    leg = leg_between(checkin, dinner)
    assert (leg.km, leg.minutes, leg.gap_minutes, leg.too_tight) == (0, 0, 10, False)


def test_legs_skip_stops_without_coordinates():
    a = Stop(DAY, time(9), time(10), SHIBUYA)
    b = Stop(DAY, time(11), time(12), None)
    c = Stop(DAY, time(13), time(14), ASAKUSA)
    assert legs_into([a, b, c]) == [None, None, None]
    legs = legs_into([a, c])
    assert legs[0] is None and legs[1].destination is c


def test_nearest_neighbour_visits_the_closest_place_next():
    @dataclass
    class P:
        name: str
        coordinates: tuple | None

    kyoto, osaka, nagoya, unknown = (
        P("kyoto", KYOTO_STATION),
        P("osaka", (34.7335, 135.5001)),
        P("nagoya", (35.1709, 136.8815)),
        P("unknown", None),
    )
    order = nearest_neighbour_order([osaka, unknown, kyoto, nagoya], TOKYO_STATION)
    assert [p.name for p in order] == ["nagoya", "kyoto", "osaka", "unknown"]
