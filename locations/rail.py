"""Shinkansen legs from a small sourced table of station-pair times (locations/data/).

`shinkansen_stations.csv` holds the stations (name in both scripts, coordinates);
`shinkansen_times.csv` the typical fastest ride between two of them, with the service, the
timetable it comes from (`source`) and the day it was entered (`read_on`). A leg longer
than RAIL_MIN_KM whose two ends are each within STATION_RADIUS_KM of a station in the table
gets that ride as its rail estimate instead of a speed-times-distance guess.
"""

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

from locations.geo import haversine_km

DATA = Path(__file__).resolve().parent / "data"
# Shorter legs are a car or a local train; the table only has long-distance pairs.
RAIL_MIN_KM = 150
# A stop this close to a station is at the station (the concourse of Tokyo Station is 600 m long).
STATION_RADIUS_KM = 2.0
# Minutes on a stop at a station to reach the platform and board, added to the ride.
BOARDING_MINUTES = 10


@dataclass(frozen=True)
class Station:
    name: str
    name_ja: str
    latitude: float
    longitude: float

    @property
    def local_name(self) -> str:
        """The name in the page's language."""
        return self.name_ja if (get_language() or "").startswith("ja") else self.name


@dataclass(frozen=True)
class RailEstimate:
    """The ride between two stations of the table, with where the figure comes from."""

    origin: Station
    destination: Station
    minutes: int
    service: str
    source: str
    read_on: date
    note: str = ""


@cache
def stations() -> dict[str, Station]:
    """The table's stations by English name."""
    with open(DATA / "shinkansen_stations.csv", encoding="utf-8", newline="") as handle:
        return {
            row["station"]: Station(
                name=row["station"],
                name_ja=row["station_ja"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )
            for row in csv.DictReader(handle)
        }


@cache
def ride_times() -> dict[frozenset, dict]:
    """The table's rows by the (unordered) pair of station names."""
    with open(DATA / "shinkansen_times.csv", encoding="utf-8", newline="") as handle:
        return {
            frozenset((row["from_station"], row["to_station"])): row
            for row in csv.DictReader(handle)
        }


def station_at(coordinates: tuple[float, float]) -> Station | None:
    """The table's station within STATION_RADIUS_KM of (lat, lng), nearest first; else None."""
    lat, lng = coordinates
    near = [
        (haversine_km(lat, lng, s.latitude, s.longitude), s.name, s) for s in stations().values()
    ]
    distance, _name, station = min(near)
    return station if distance <= STATION_RADIUS_KM else None


def rail_estimate(origin: tuple[float, float], destination: tuple[float, float]):
    """The `RailEstimate` between the stations at both ends, or None when either end is not
    at a station of the table or the pair is not in it."""
    a, b = station_at(origin), station_at(destination)
    if a is None or b is None or a == b:
        return None
    row = ride_times().get(frozenset((a.name, b.name)))
    if row is None:
        return None
    return RailEstimate(
        origin=a,
        destination=b,
        minutes=int(row["minutes"]),
        service=row["service"],
        source=row["source"],
        read_on=date.fromisoformat(row["read_on"]),
        note=row["note"],
    )
