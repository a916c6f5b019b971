"""Great-circle distance, as Python and as a database expression.

Coordinates are plain decimals (no GeoDjango: the quick start must work on a stock
SQLite). The ORM expression uses math functions both SQLite (3.35+) and PostgreSQL
have, so a radius search gives the same results on both.
"""

import math

from django.db.models import F, FloatField, Func, Value
from django.db.models.functions import ACos, Cast, Cos, Greatest, Least, Radians, Sin

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_expression(
    lat: float, lng: float, lat_field="latitude", lng_field="longitude"
) -> Func:
    """ORM expression for the distance in km from (lat, lng) to each row.

    Spherical law of cosines, clamped to [-1, 1] so rounding never reaches ACOS's domain
    error at distance zero.
    """
    lat_r = Radians(Cast(F(lat_field), FloatField()))
    lng_r = Radians(Cast(F(lng_field), FloatField()))
    p_lat = math.radians(lat)
    p_lng = math.radians(lng)
    cosine = Value(math.sin(p_lat)) * Sin(lat_r) + Value(math.cos(p_lat)) * Cos(lat_r) * Cos(
        lng_r - Value(p_lng)
    )
    clamped = Greatest(Value(-1.0), Least(Value(1.0), cosine))
    return Value(EARTH_RADIUS_KM) * ACos(clamped, output_field=FloatField())


def bounding_box(lat: float, lng: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) enclosing the circle; an indexable prefilter."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlng = min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat)))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


class AsFloat(Cast):
    """A coordinate read as a float straight from the database driver.

    `Cast(…, FloatField())` makes Django call `float()` on every value again; for the
    all-Japan GeoJSON (180,000 coordinates) that converter cost more than the cast saved.
    Both psycopg (float8) and sqlite3 (REAL) already return Python floats.
    """

    def __init__(self, expression):
        super().__init__(expression, output_field=FloatField())

    def get_db_converters(self, connection):
        return []
