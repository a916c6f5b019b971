"""Sun and light at a place on a day, in Japan time, from astral's solar algorithms (NOAA).

Figures are for the sea-level horizon: a valley or a city street sees the sun later and
loses it earlier. Golden hour is astral's: the sun between 4° below and 6° above the
horizon.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from astral import Observer
from astral.sun import SunDirection, azimuth, elevation, golden_hour, sun

from locations.clock import TOKYO

COMPASS_DEGREES = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}
COMPASS_POINTS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
# The sun counts as "in the shot" within this many degrees either side of the view direction.
IN_SHOT_DEGREES = 45


@dataclass(frozen=True)
class SunPosition:
    """Where the sun is at one moment: compass bearing (0° = north, clockwise) and height."""

    at: datetime
    azimuth: float
    elevation: float

    @property
    def compass(self) -> str:
        """The nearest of the eight compass points (N, NE …) to the sun's bearing."""
        return COMPASS_POINTS[round(self.azimuth / 45) % 8]


@dataclass(frozen=True)
class SunDay:
    """A day's sun at one place: rise, set, golden hours and the sun at each whole hour."""

    day: date
    sunrise: SunPosition
    sunset: SunPosition
    noon: SunPosition
    morning_golden: tuple[datetime, datetime]
    evening_golden: tuple[datetime, datetime]
    hours: list[SunPosition]

    @property
    def daylight(self) -> timedelta:
        return self.sunset.at - self.sunrise.at

    def in_shot(self, view_facing: str) -> list[SunPosition]:
        """The hours at which the sun is up and within 45° of the camera's direction
        (backlight: the sun in or near the frame)."""
        return [p for p in self.hours if _angle_between(p.azimuth, view_facing) <= IN_SHOT_DEGREES]

    def behind_camera(self, view_facing: str) -> list[SunPosition]:
        """The hours at which the sun is up and behind the camera (front light on the view)."""
        return [
            p for p in self.hours if _angle_between(p.azimuth, view_facing) >= 180 - IN_SHOT_DEGREES
        ]


def _angle_between(bearing: float, compass: str) -> float:
    difference = abs(bearing - COMPASS_DEGREES[compass]) % 360
    return min(difference, 360 - difference)


def _on_local_day(compute: Callable[[date], datetime | tuple], day: date):
    """astral picks the UTC day for some events: a Tokyo morning (UTC's previous evening) can
    come back for the wrong date. Try the neighbouring days until the event falls on `day`."""
    for offset in (0, -1, 1):
        result = compute(day + timedelta(days=offset))
        first = result[0] if isinstance(result, tuple) else result
        if first.astimezone(TOKYO).date() == day:
            return result
    raise ValueError(f"No such event on {day}")  # not in Japan's latitudes


def position(observer: Observer, at: datetime) -> SunPosition:
    """The sun's bearing and height seen from `observer` at `at` (an aware datetime)."""
    return SunPosition(
        at=at.astimezone(TOKYO),
        azimuth=azimuth(observer, at),
        elevation=elevation(observer, at),
    )


def sun_day(latitude: float, longitude: float, day: date) -> SunDay:
    """The sun over (latitude, longitude) on `day`, with times in Asia/Tokyo."""
    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    events = sun(observer, day, tzinfo=TOKYO)
    morning = _on_local_day(
        lambda d: golden_hour(observer, d, SunDirection.RISING, tzinfo=TOKYO), day
    )
    evening = _on_local_day(
        lambda d: golden_hour(observer, d, SunDirection.SETTING, tzinfo=TOKYO), day
    )
    first_hour = events["sunrise"].hour + 1
    hours = [
        position(observer, datetime.combine(day, time(hour), tzinfo=TOKYO))
        for hour in range(first_hour, events["sunset"].hour + 1)
    ]
    return SunDay(
        day=day,
        sunrise=position(observer, events["sunrise"]),
        sunset=position(observer, events["sunset"]),
        noon=position(observer, events["noon"]),
        morning_golden=(morning[0].astimezone(TOKYO), morning[1].astimezone(TOKYO)),
        evening_golden=(evening[0].astimezone(TOKYO), evening[1].astimezone(TOKYO)),
        hours=[p for p in hours if p.elevation > 0],
    )


@dataclass(frozen=True)
class SunTimes:
    """Just sunrise and sunset (the itinerary's stops)."""

    sunrise: datetime
    sunset: datetime


def sun_times(latitude: float, longitude: float, day: date) -> SunTimes:
    """Sunrise and sunset at (latitude, longitude) on `day`, in Asia/Tokyo."""
    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    events = sun(observer, day, tzinfo=TOKYO)
    return SunTimes(sunrise=events["sunrise"], sunset=events["sunset"])
