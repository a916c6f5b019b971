"""FilterSets of the public lists: one per list. The query string is the public interface,
so parameter names are a documented contract (shared links must keep working). On every list
(and its /api/ twin) a blank parameter (`?q=&prefecture=`) means "any"; `q` is the one keyword
search of locations.search (width, case and kana folded; prefecture names and readings).

/locations/ and /locations.geojson take:
    q           keywords (names, descriptions, municipality, tags, prefecture names)
    region      region slug; repeat for "any of"
    prefecture  prefecture slug; repeat for "any of"
    category    category slug; repeat for "any of"
    tag         tag slug; repeat for "any of"
    near        "LAT,LNG" in decimal degrees
    radius_km   with near: only places within this great-circle distance
    sort        name (default) | -updated | distance (with near; the default then)

Studios (`/studios/`, `/studios.geojson`):
    q            keyword (English or Japanese names, company, municipality, prefecture)
    region       region slug; repeat for "any of"
    prefecture   prefecture slug; repeat for "any of"
    min_area     floor area at least (m², or sq ft with units=ft)
    min_length   set footprint: longer side at least (m or ft)
    min_width    set footprint: shorter side at least (m or ft)
    min_height   height to the grid at least (m or ft)
    tank         true / false
    cyclorama    true / false
    units        m (default) or ft: how sizes are entered and shown
A studio matches when ONE of its stages meets every stage figure at once.

Film commissions (`/film-commissions/`):
    q            keywords (English or Japanese name, city, prefecture)
    prefecture   prefecture slug: its commissions plus the national ones
"""

from .base import ListFilterSet, without_blanks
from .chips import Chip
from .commissions import FilmCommissionFilterSet
from .locations import LocationFilterSet, Sort
from .studios import StudioFilterSet, convert_sizes_query

__all__ = [
    "Chip",
    "FilmCommissionFilterSet",
    "ListFilterSet",
    "LocationFilterSet",
    "Sort",
    "StudioFilterSet",
    "convert_sizes_query",
    "without_blanks",
]
