"""Shinkansen legs from the sourced station-pair table (locations.rail, locations.travel)."""

import csv
import datetime as dt
from types import SimpleNamespace

from locations.rail import DATA, rail_estimate, ride_times, stations
from locations.travel import leg_between

TOKYO = (35.681236, 139.767125)
KYOTO = (34.985849, 135.758767)
SHIN_OSAKA = (34.733480, 135.500109)
SHINJUKU = (35.690921, 139.700258)  # 6 km from Tokyo Station: not at it
HIMEJI_CASTLE = (34.839449, 134.693906)


def stop(coordinates, start, end=None, mode="shinkansen", day=dt.date(2027, 4, 8)):
    return SimpleNamespace(
        coordinates=coordinates,
        date=day,
        travel_mode=mode,
        starts_at=dt.datetime.combine(day, dt.time.fromisoformat(start)),
        ends_at=dt.datetime.combine(day, dt.time.fromisoformat(end or start)),
    )


def test_every_row_of_the_table_names_its_source_and_date_and_known_stations():
    with open(DATA / "shinkansen_times.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["source"] and dt.date.fromisoformat(row["read_on"])
        assert "typical fastest" in row["note"]
        assert {row["from_station"], row["to_station"]} <= set(stations())
    assert len(ride_times()) == len(rows)  # no pair twice


def test_tokyo_to_kyoto_is_the_nozomi_from_the_table_in_either_direction():
    there = rail_estimate(TOKYO, KYOTO)
    back = rail_estimate(KYOTO, TOKYO)
    assert there.minutes == back.minutes == 135
    assert there.service == "Nozomi" and "JR Central" in there.source
    assert (there.origin.name, there.destination.name) == ("Tokyo", "Kyoto")


def test_a_long_shinkansen_leg_between_stations_uses_the_table():
    leg = leg_between(stop(TOKYO, "08:30"), stop(KYOTO, "11:15"))
    assert leg.rail is not None and leg.rail.minutes == 135
    assert leg.minutes == 145  # the ride plus 10 minutes to board
    assert leg.rail_text == "2 h 15 min"
    assert not leg.too_tight


def test_a_car_leg_between_stations_shows_the_rail_figure_but_keeps_its_own_estimate():
    leg = leg_between(stop(TOKYO, "08:00"), stop(SHIN_OSAKA, "18:00", mode="car"))
    assert leg.rail.minutes == 145
    assert leg.minutes > 300  # by road


def test_legs_away_from_stations_or_short_ones_have_no_rail_estimate():
    assert leg_between(stop(SHINJUKU, "08:00"), stop(KYOTO, "11:00")).rail is None
    assert leg_between(stop(SHIN_OSAKA, "08:00"), stop(HIMEJI_CASTLE, "09:30")).rail is None
    assert rail_estimate(KYOTO, SHIN_OSAKA) is None  # under 150 km: not in the table
