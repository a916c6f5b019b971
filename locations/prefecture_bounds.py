"""Approximate bounding boxes of the 47 prefectures, and rough population weights.

Used by the synthetic catalogue generator (`generate_catalogue`) so that generated points land
in, or near, the prefecture they claim, and by the importer to note a row whose coordinates
lie in another prefecture (`misplaced_in`). The boxes were read off a map by hand, to about a tenth
of a degree: they are not surveyed boundaries. Each covers the prefecture's main territory only;
remote islands are left out (Tokyo's Izu and Ogasawara islands, Kagoshima's Amami and Tokara
islands, Nagasaki's Tsushima and Goto, Shimane's Oki, Okinawa outside the main island), because
a box reaching them would be mostly sea. Coastal boxes still contain sea: callers should favour
points near the prefectural office (the prefecture's `latitude`/`longitude`).

Population weights are the 2020 census in thousands, rounded: only relative sizes matter.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _


class Bounds(NamedTuple):
    """A latitude/longitude box in decimal degrees (WGS84)."""

    lat_min: float
    lat_max: float
    lng_min: float
    lng_max: float

    def contains(self, lat: float, lng: float) -> bool:
        """True when the point lies inside the box (edges included)."""
        return self.lat_min <= lat <= self.lat_max and self.lng_min <= lng <= self.lng_max


# JIS X 0401 code → main-territory box.
PREFECTURE_BOUNDS: dict[int, Bounds] = {
    1: Bounds(41.35, 45.55, 139.30, 145.90),  # Hokkaido
    2: Bounds(40.20, 41.56, 139.85, 141.70),  # Aomori
    3: Bounds(38.74, 40.45, 140.65, 142.08),  # Iwate
    4: Bounds(37.77, 39.00, 140.27, 141.68),  # Miyagi
    5: Bounds(38.87, 40.51, 139.69, 141.00),  # Akita
    6: Bounds(37.73, 39.21, 139.52, 140.65),  # Yamagata
    7: Bounds(36.79, 37.98, 139.16, 141.05),  # Fukushima
    8: Bounds(35.74, 36.95, 139.69, 140.86),  # Ibaraki
    9: Bounds(36.20, 37.16, 139.33, 140.30),  # Tochigi
    10: Bounds(35.98, 37.06, 138.40, 139.67),  # Gunma
    11: Bounds(35.75, 36.28, 138.71, 139.90),  # Saitama
    12: Bounds(34.90, 36.10, 139.74, 140.87),  # Chiba
    13: Bounds(35.50, 35.90, 138.94, 139.92),  # Tokyo (mainland)
    14: Bounds(35.13, 35.67, 138.92, 139.80),  # Kanagawa
    15: Bounds(36.74, 38.55, 137.63, 139.90),  # Niigata (with Sado)
    16: Bounds(36.27, 36.98, 136.77, 137.76),  # Toyama
    17: Bounds(36.07, 37.55, 136.24, 137.37),  # Ishikawa
    18: Bounds(35.34, 36.30, 135.45, 136.83),  # Fukui
    19: Bounds(35.17, 35.97, 138.18, 139.13),  # Yamanashi
    20: Bounds(35.20, 37.03, 137.32, 138.74),  # Nagano
    21: Bounds(35.13, 36.47, 136.28, 137.65),  # Gifu
    22: Bounds(34.57, 35.65, 137.47, 139.18),  # Shizuoka
    23: Bounds(34.57, 35.42, 136.67, 137.84),  # Aichi
    24: Bounds(33.72, 35.26, 135.85, 136.99),  # Mie
    25: Bounds(34.79, 35.70, 135.76, 136.46),  # Shiga
    26: Bounds(34.71, 35.78, 134.85, 136.06),  # Kyoto
    27: Bounds(34.27, 35.05, 135.09, 135.75),  # Osaka
    28: Bounds(34.15, 35.68, 134.25, 135.47),  # Hyogo (with Awaji)
    29: Bounds(33.86, 34.78, 135.54, 136.23),  # Nara
    30: Bounds(33.43, 34.39, 135.00, 136.01),  # Wakayama
    31: Bounds(35.06, 35.62, 133.13, 134.52),  # Tottori
    32: Bounds(34.30, 35.60, 131.67, 133.39),  # Shimane (mainland)
    33: Bounds(34.30, 35.35, 133.27, 134.42),  # Okayama
    34: Bounds(34.03, 35.11, 132.03, 133.47),  # Hiroshima
    35: Bounds(33.71, 34.80, 130.77, 132.49),  # Yamaguchi
    36: Bounds(33.53, 34.25, 133.66, 134.82),  # Tokushima
    37: Bounds(34.01, 34.57, 133.45, 134.45),  # Kagawa
    38: Bounds(32.88, 34.30, 132.00, 133.70),  # Ehime
    39: Bounds(32.70, 33.88, 132.48, 134.31),  # Kochi
    40: Bounds(33.00, 33.95, 130.03, 131.19),  # Fukuoka
    41: Bounds(32.95, 33.62, 129.74, 130.54),  # Saga
    42: Bounds(32.56, 33.40, 129.55, 130.38),  # Nagasaki (mainland and Hirado)
    43: Bounds(32.09, 33.20, 129.95, 131.33),  # Kumamoto
    44: Bounds(32.71, 33.74, 130.82, 132.09),  # Oita
    45: Bounds(31.35, 32.84, 130.70, 131.88),  # Miyazaki
    46: Bounds(30.95, 32.30, 129.95, 131.20),  # Kagoshima (mainland)
    47: Bounds(26.07, 26.88, 127.63, 128.35),  # Okinawa (main island)
}

# JIS X 0401 code → population in thousands (2020 census, rounded).
PREFECTURE_POPULATION: dict[int, int] = {
    1: 5225,
    2: 1238,
    3: 1211,
    4: 2302,
    5: 960,
    6: 1068,
    7: 1833,
    8: 2867,
    9: 1933,
    10: 1939,
    11: 7345,
    12: 6284,
    13: 14048,
    14: 9237,
    15: 2201,
    16: 1035,
    17: 1133,
    18: 767,
    19: 810,
    20: 2048,
    21: 1979,
    22: 3633,
    23: 7542,
    24: 1770,
    25: 1414,
    26: 2578,
    27: 8838,
    28: 5465,
    29: 1324,
    30: 923,
    31: 553,
    32: 671,
    33: 1888,
    34: 2800,
    35: 1342,
    36: 720,
    37: 950,
    38: 1335,
    39: 692,
    40: 5135,
    41: 811,
    42: 1312,
    43: 1738,
    44: 1124,
    45: 1070,
    46: 1588,
    47: 1467,
}


# How far outside its prefecture's box a point may lie before a check calls it misplaced:
# the boxes are rough and leave islands out, and towns sit on borders.
MISPLACED_MARGIN_DEGREES = 0.3  # about 30 km


def misplaced_in(code: int, lat: float, lng: float) -> int | None:
    """The code of the prefecture a point seems to be in instead of prefecture `code`, or None.

    Only a point well outside `code`'s box (MISPLACED_MARGIN_DEGREES) and inside another
    prefecture's box counts: Sapporo's coordinates for a place in Okinawa, not a remote
    island (inside no box) or a town by a border. For a check a person reads, not a refusal.
    """
    own = PREFECTURE_BOUNDS.get(code)
    if own is None:
        return None
    margin = MISPLACED_MARGIN_DEGREES
    widened = Bounds(
        own.lat_min - margin, own.lat_max + margin, own.lng_min - margin, own.lng_max + margin
    )
    if widened.contains(lat, lng):
        return None
    return next((other for other, box in PREFECTURE_BOUNDS.items() if box.contains(lat, lng)), None)


def misplaced_note(prefecture, latitude: Decimal, longitude: Decimal, prefectures: Mapping):
    """The note a fixer reads when a place's coordinates lie in another prefecture (a swapped
    column, a copied row), or None; `prefectures` maps JIS codes to Prefecture rows. The
    importer adds it to a row's notes and the admin shows it after a save: the place is kept
    as written either way."""
    if prefecture is None or latitude is None or longitude is None:
        return None
    code = misplaced_in(prefecture.code, float(latitude), float(longitude))
    other = prefectures.get(code) if code else None
    if other is None:
        return None
    return _("%(lat)s, %(lng)s lie in %(other)s, not %(prefecture)s: check the coordinates") % {
        "lat": format(latitude.normalize(), "f"),
        "lng": format(longitude.normalize(), "f"),
        "other": other.local_name,
        "prefecture": prefecture.local_name,
    }
