"""Tours and shortlists (and their private links) as KML, GPX and GeoJSON downloads.

The same people see the same stops as on the pages: a draft place reaches only staff and
holders of a tour's private link; someone else's shortlist is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from locations.field_files import (
    FieldTrip,
    geojson,
    gpx,
    kml,
    trip_from_itinerary,
    trip_from_shortlist,
)
from locations.models import Itinerary, Shortlist

from .itineraries import _public_stops, _visible, place_url_for
from .shortlists import own_shortlist, public_places

# The URL's extension → (writer, content type).
WRITERS = {
    "kml": (kml.to_kml, kml.CONTENT_TYPE),
    "gpx": (gpx.to_gpx, gpx.CONTENT_TYPE),
    "geojson": (geojson.to_geojson, geojson.CONTENT_TYPE),
}


class FieldFormatConverter:
    """`<field_format:fmt>` in a URL: one of the formats above."""

    regex = "kml|gpx|geojson"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def _place_url(request):
    def place_url(place) -> str:
        path = place_url_for(place, request.user)
        return request.build_absolute_uri(path) if path else ""

    return place_url


def _download(trip: FieldTrip, fmt: str) -> HttpResponse:
    write, content_type = WRITERS[fmt]
    response = HttpResponse(write(trip), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{trip.filename(fmt)}"'
    return response


@require_safe
def itinerary_file(request, slug, fmt):
    itinerary = get_object_or_404(
        _visible(request).with_stops(published_places=_public_stops(request)), slug=slug
    )
    return _download(trip_from_itinerary(itinerary, place_url=_place_url(request)), fmt)


@require_safe
def itinerary_shared_file(request, token, fmt):
    itinerary = get_object_or_404(Itinerary.objects.with_stops(), share_token=token)
    return _download(trip_from_itinerary(itinerary, place_url=_place_url(request)), fmt)


@login_required
@require_safe
def shortlist_file(request, pk, fmt):
    shortlist = own_shortlist(
        request, pk, Shortlist.objects.with_items(published_places=public_places(request))
    )
    return _download(trip_from_shortlist(shortlist, place_url=_place_url(request)), fmt)


@require_safe
def shortlist_shared_file(request, token, fmt):
    # As the shared page: an expired or revoked link gives no file either.
    shortlist = get_object_or_404(
        Shortlist.objects.live_shares().with_items(published_places=public_places(request)),
        share_token=token,
    )
    return _download(trip_from_shortlist(shortlist, place_url=_place_url(request)), fmt)
