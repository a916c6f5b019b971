"""`{% field_file_links kind item shared as links %}`: the KML/GPX/GeoJSON links of a tour or a
shortlist, at its own address or its private link's."""

from django import template
from django.urls import reverse

register = template.Library()

FORMATS = (("kml", "KML (Google Earth)"), ("gpx", "GPX"), ("geojson", "GeoJSON"))


@register.simple_tag
def field_file_links(kind: str, item, shared: bool = False) -> list[tuple[str, str]]:
    """[(url, label), …] for `kind` "itinerary" or "shortlist"."""
    namespace = "itineraries" if kind == "itinerary" else "shortlists"
    if shared:
        name, key = f"{namespace}:shared_file", item.share_token
    else:
        name, key = f"{namespace}:file", item.slug if kind == "itinerary" else item.pk
    return [(reverse(name, args=[key, fmt]), label) for fmt, label in FORMATS]
