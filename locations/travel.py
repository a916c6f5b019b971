"""Travel between stops: great-circle distance and a door-to-door estimate per mode.

These are planning figures for a tour, not a timetable. Every speed applies to the
straight-line (great-circle) distance after a detour factor for the real path:

=============  ==========================================================================
walk           4.5 km/h; streets are 1.3 × the straight line.
car            roads are 1.3 × the straight line; 35 km/h for the first 20 road-km (city
               traffic), 70 km/h beyond (expressways); +5 min to load and park.
train          40 km/h (stops, a change) + 10 min to reach the platform and wait.
shinkansen     200 km/h + 30 min to reach, cross and leave the stations
               (Tokyo → Kyoto stations: 372 km → 2 h 25 min; the Nozomi itself takes 2 h 15).
flight         600 km/h + 120 min at the two airports (check-in, security, baggage).
=============  ==========================================================================

Estimates round up to the next 5 minutes. The functions here are pure: they take plain
numbers or objects with `coordinates`, `starts_at`, `ends_at`, `date` and `travel_mode`.

A leg over 150 km between two stations of the shinkansen table (locations.rail) also carries
that table's ride time (`Leg.rail`); by shinkansen or train its estimate is that ride plus
10 minutes to board, instead of the speed above.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from locations.geo import haversine_km
from locations.rail import BOARDING_MINUTES, RAIL_MIN_KM, RailEstimate, rail_estimate


@dataclass(frozen=True)
class ModeProfile:
    """How one travel mode turns straight-line km into minutes."""

    speed_kmh: float
    detour: float = 1.0
    overhead_minutes: int = 0
    # Car only: the first `city_km` road-km at `speed_kmh`, the rest at `open_road_kmh`.
    city_km: float | None = None
    open_road_kmh: float | None = None


PROFILES: dict[str, ModeProfile] = {
    "walk": ModeProfile(speed_kmh=4.5, detour=1.3),
    "car": ModeProfile(speed_kmh=35, detour=1.3, overhead_minutes=5, city_km=20, open_road_kmh=70),
    "train": ModeProfile(speed_kmh=40, overhead_minutes=10),
    "shinkansen": ModeProfile(speed_kmh=200, overhead_minutes=30),
    "flight": ModeProfile(speed_kmh=600, overhead_minutes=120),
}

ROUND_TO_MINUTES = 5


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) pairs."""
    return haversine_km(a[0], a[1], b[0], b[1])


def estimate_minutes(km: float, mode: str) -> int:
    """Door-to-door minutes for `km` of straight-line distance by `mode` (see the table above).

    Zero distance takes no time; anything else at least the mode's overhead, rounded up to
    the next 5 minutes. An unknown mode raises KeyError.
    """
    if km < 0:
        raise ValueError("Distance cannot be negative.")
    if km == 0:
        return 0
    profile = PROFILES[mode]
    path_km = km * profile.detour
    if profile.city_km is not None and profile.open_road_kmh and path_km > profile.city_km:
        hours = profile.city_km / profile.speed_kmh
        hours += (path_km - profile.city_km) / profile.open_road_kmh
    else:
        hours = path_km / profile.speed_kmh
    minutes = hours * 60 + profile.overhead_minutes
    return int(math.ceil(minutes / ROUND_TO_MINUTES - 1e-9) * ROUND_TO_MINUTES)


def suggest_mode(km: float) -> str:
    """A sensible way to cover `km` on a tour: walk, car, shinkansen or flight."""
    if km < 1.5:
        return "walk"
    if km < 100:
        return "car"
    if km < 700:
        return "shinkansen"
    return "flight"


def format_minutes(minutes: int) -> str:
    """`135` → "2 h 15 min", `45` → "45 min", `120` → "2 h" (translated)."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return ngettext("%(m)d min", "%(m)d min", rest) % {"m": rest}
    if not rest:
        return ngettext("%(h)d h", "%(h)d h", hours) % {"h": hours}
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}


@dataclass(frozen=True)
class Leg:
    """Getting from one stop to the next: distance, estimate, and the time the plan allows."""

    origin: object
    destination: object
    km: float
    mode: str
    minutes: int
    # Minutes between the end of the origin stop and the start of the destination stop.
    gap_minutes: int
    # The sourced station-to-station ride, for a long leg between shinkansen stations.
    rail: RailEstimate | None = None

    @property
    def too_tight(self) -> bool:
        """The plan leaves less time than the estimate (only meaningful on the same day)."""
        return self.gap_minutes < self.minutes

    @property
    def overnight(self) -> bool:
        return self.origin.date != self.destination.date

    @property
    def duration_text(self) -> str:
        return format_minutes(self.minutes)

    @property
    def rail_text(self) -> str:
        """The table's ride time, e.g. "2 h 15 min" ("" without a rail estimate)."""
        return format_minutes(self.rail.minutes) if self.rail else ""

    @property
    def gap_text(self) -> str:
        return format_minutes(max(self.gap_minutes, 0))


def _minutes_between(earlier: datetime, later: datetime) -> int:
    return int((later - earlier).total_seconds() // 60)


def leg_between(origin, destination) -> Leg | None:
    """The leg from `origin` to `destination` by the destination's travel mode; None when
    either has no coordinates."""
    a, b = origin.coordinates, destination.coordinates
    if a is None or b is None:
        return None
    km = distance_km(a, b)
    mode = destination.travel_mode
    rail = rail_estimate(a, b) if km > RAIL_MIN_KM else None
    minutes = estimate_minutes(km, mode)
    if rail is not None and mode in ("shinkansen", "train"):
        minutes = rail.minutes + BOARDING_MINUTES
    return Leg(
        origin=origin,
        destination=destination,
        km=km,
        mode=mode,
        minutes=minutes,
        gap_minutes=_minutes_between(origin.ends_at, destination.starts_at),
        rail=rail,
    )


def legs_into(stops: list) -> list[Leg | None]:
    """For each stop in order, the leg that reaches it from the one before (None for the first
    stop and wherever a stop has no coordinates)."""
    if not stops:
        return []
    return [None] + [leg_between(a, b) for a, b in zip(stops, stops[1:], strict=False)]


def nearest_neighbour_order(points: list, start: tuple[float, float] | None) -> list:
    """Order `points` (objects with `coordinates`) by repeatedly visiting the nearest one,
    beginning nearest `start`; those without coordinates keep their order at the end."""
    located = [p for p in points if p.coordinates is not None]
    unlocated = [p for p in points if p.coordinates is None]
    ordered = []
    here = start
    while located:
        if here is None:
            nxt = located[0]
        else:
            nxt = min(located, key=lambda p: distance_km(here, p.coordinates))
        located.remove(nxt)
        ordered.append(nxt)
        here = nxt.coordinates
    return ordered + unlocated
