"""What a place's page lists around it: the published places nearest it, and the published
studios within a day's unit move.

The places are many (100,000 in the benchmark's catalogue), so they are read from the
database with the radius search (`PublishableQuerySet.nearest`). The studios are few, so
their points are read once per catalogue version and kept in each process
(`studio_points`): a place's page finds the studios near it without a query. Their lines
are rendered once per studio and language (`locations.cards.render_nearby_studios`).
"""

import math
from bisect import bisect_left, bisect_right, insort
from operator import itemgetter

from locations.caching import build_once, catalogue_version
from locations.filters.fields import share_row
from locations.geo import EARTH_RADIUS_KM, AsFloat, bounding_box, haversine_km
from locations.models import Location, Studio

NEARBY_LOCATIONS_KM = 30
NEARBY_STUDIOS_KM = 100  # studios are few: a day's unit move rather than a walk
NEARBY_LIMIT = 6

KM_PER_DEGREE = math.radians(EARTH_RADIUS_KM)  # of latitude, or of longitude on the equator
# How far a flat map's distance (`studios_near`) may be from the great circle's within 150 km
# anywhere in Japan: 0.5% at most (200,000 random pairs between 20° and 46° north); 2% is
# the margin the search keeps.
FLAT_SLACK = 0.02

# What a studio's line shows (includes/nearby_studio.html), in the model's field order, which
# `Model.from_db` expects of a row with deferred fields; a point is (lat, lng, *those).
_LINE_FIELDS = {"id", "name", "name_ja", "slug", "is_sample", "prefecture_id"}
_STUDIO_FIELDS = tuple(f.attname for f in Studio._meta.concrete_fields if f.attname in _LINE_FIELDS)
_STUDIO_POINT = ("lat", "lng", *_STUDIO_FIELDS)
_NAME, _KEY = (_STUDIO_POINT.index(name) for name in ("name", "id"))


def nearest_places(location: Location) -> list:
    """The published places nearest `location` (which has coordinates), as card rows."""
    return (
        Location.objects.published()
        .exclude(pk=location.pk)
        .card_rows()  # cards from the cache (locations.cards)
        .nearest(
            float(location.latitude), float(location.longitude), NEARBY_LOCATIONS_KM, NEARBY_LIMIT
        )
    )


def studios_near(location: Location) -> list[Studio]:
    """The published studios within NEARBY_STUDIOS_KM of `location` (which has coordinates),
    nearest first, then by name: at most NEARBY_LIMIT, each with its `distance_km`.

    The same great circle as `locations.geo`'s other distances; the studios are taken from
    `studio_points`, so the page runs no query for them.
    """
    lat, lng = float(location.latitude), float(location.longitude)
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, NEARBY_STUDIOS_KM)
    points = studio_points()
    by_lat = itemgetter(0)
    first = bisect_left(points, min_lat, key=by_lat)
    band = points[first : bisect_right(points, max_lat, lo=first, key=by_lat)]
    cos_lat = math.cos(math.radians(lat))
    # The great circle for the few nearest on a flat map, not for every studio of the box
    # (523 of them around Tokyo in the benchmark's catalogue: 0.9 ms).
    flat = [
        ((p[0] - lat) ** 2 + ((p[1] - lng) * cos_lat) ** 2, p)
        for p in band
        if min_lng <= p[1] <= max_lng
    ]
    flat.sort(key=itemgetter(0))
    near = []  # (km, name, key, point), the nearest first
    for squared, point in flat:
        bound = near[-1][0] if len(near) == NEARBY_LIMIT else NEARBY_STUDIOS_KM
        if math.sqrt(squared) * KM_PER_DEGREE * (1 - FLAT_SLACK) > bound:
            break  # this studio and every later one are farther than those found
        km = haversine_km(lat, lng, point[0], point[1])
        if km <= NEARBY_STUDIOS_KM:
            insort(near, (km, point[_NAME], point[_KEY], point))
            del near[NEARBY_LIMIT:]
    return [_studio(point, km) for km, _name, _key, point in near]


def studio_points() -> list[tuple]:
    """Every published studio with coordinates as a tuple of `_STUDIO_POINT`, by latitude:
    read once per catalogue version (a studio's save or deletion sets a new one) and kept in
    each process."""
    return build_once("rokehan:studio-points", _read_studio_points, catalogue_version(), local=True)


def _read_studio_points() -> list[tuple]:
    rows = (
        Studio.objects.published()
        .filter(latitude__isnull=False, longitude__isnull=False)
        # Floats straight from the driver: the same numbers as float(Decimal).
        .annotate(lat=AsFloat("latitude"), lng=AsFloat("longitude"))
        .values_list(*_STUDIO_POINT)
    )
    return sorted(rows, key=itemgetter(0))


def _studio(point: tuple, km: float) -> Studio:
    """A studio of `studio_points` as the instance its line is drawn from (its other fields
    deferred, as `.only()` gives), with this page's distance. A new instance per page: the
    points are shared by the process's requests."""
    studio = Studio.from_db(Studio.objects.db, _STUDIO_FIELDS, point[2:])
    studio.distance_km = km
    share_row(studio, "prefecture", "prefectures")  # its name, without a join
    return studio
