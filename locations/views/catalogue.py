"""Public location pages: the home page, the filtered list, one place, and the list as GeoJSON."""

from datetime import date
from urllib.parse import urlencode

import orjson
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from locations.caching import (
    build_once,
    cached_for_visitors,
    canonical_query,
    catalogue_version,
    visitor_cached,
    visitor_fragment,
)
from locations.cards import with_cards
from locations.clock import tokyo_today
from locations.facts import fact_groups
from locations.filters import LocationFilterSet, Sort
from locations.filters.fields import choice_rows, share_row
from locations.geo import AsFloat
from locations.models import (
    Category,
    Location,
    Prefecture,
    Region,
    Status,
    Studio,
)
from locations.models.with_place import GalleryRows, TagKeys, gallery_photos
from locations.nearby import (
    NEARBY_LOCATIONS_KM,
    NEARBY_STUDIOS_KM,
    nearest_places,
    studios_near,
)
from locations.pagination import CappedPaginator
from locations.ratelimits import rate_limited
from locations.shell import page_head, render_page
from locations.shoot_day import shoot_day
from locations.views import wants_partial

HOME_CARDS = 6


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Keyword box, regions with their counts, featured and newest places, a map of Japan.

    Anonymous visitors share the rendered body (per language and catalogue version: an edit
    shows at once); signed-in users get their own, whose cards carry their shortlist forms.
    """
    body = visitor_fragment(
        request,
        "locations/_home.html",
        lambda: render_to_string("locations/_home.html", _home_context(), request),
    )
    return render_page(request, "locations/home.html", {"home": body})


def _home_context() -> dict:
    published = Location.objects.published()
    # The counts (a pass over every published place) are shared by everyone, per version.
    counts = build_once("rokehan:home-counts", _home_counts, catalogue_version())
    return {
        **counts,
        "featured": with_cards(
            published.filter(featured=True).for_cards().order_by("-updated_at", "pk")[:HOME_CARDS]
        ),
        "newest": with_cards(published.for_cards().order_by("-created_at", "-pk")[:HOME_CARDS]),
    }


def _home_counts() -> dict:
    """The home page's regions with their place counts, and the catalogue's totals."""
    published = Location.objects.published()
    regions = list(
        Region.objects.annotate(
            location_count=Count(
                "prefectures__locations",
                filter=Q(prefectures__locations__status=Status.PUBLISHED),
            )
        ).order_by("order")  # Meta.ordering does not apply to GROUP BY queries
    )
    studios = Studio.objects.published()
    covered = Prefecture.objects.filter(
        Exists(published.filter(prefecture=OuterRef("pk")))
        | Exists(studios.filter(prefecture=OuterRef("pk")))
    )
    return {
        "regions": regions,
        # Every place has a prefecture and so a region: the regions' counts add up to all.
        "location_count": sum(region.location_count for region in regions),
        "studio_count": studios.count(),
        "prefecture_count": covered.count(),
    }


class LocationListView(FilterView):
    """/locations/: cards, the filter form, a map of the results; the results partial for htmx."""

    filterset_class = LocationFilterSet
    template_name = "locations/location_list.html"
    context_object_name = "locations"
    paginator_class = CappedPaginator  # no COUNT(*) or OFFSET that grows with the catalogue

    def get_paginate_by(self, queryset):
        return settings.LOCATIONS_PER_PAGE

    def get_queryset(self):
        # Keys and states only: the cards' shared parts come from the cache (locations.cards).
        return Location.objects.visible_to(self.request.user).card_rows()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound, so a bare /locations/ gets the same defaults (sort) as a filtered one.
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        partial = wants_partial(request)
        fragment = "locations/_results.html" if partial else "locations/_catalogue.html"
        # Anonymous visitors of the same URL share the filtered, paginated, rendered fragment
        # (filters, cards, pagination): a hit runs no query. The page around it is rendered
        # per request (CSRF token, messages, the language switcher).
        html = visitor_fragment(
            request,
            fragment,
            lambda: self._render_fragment(fragment),
            query=list_query(request.GET),
        )
        if partial:
            response = HttpResponse(html)
        else:
            response = render_page(request, self.template_name, {"catalogue": html})
        # The same URL answers a whole page or the results partial: caches must tell them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locations"] = with_cards(context["locations"])
        return context

    def _render_fragment(self, template_name: str) -> str:
        """Filter, paginate and render the filters and results: FilterView.get's work, with
        the fragment's template instead of the page's."""
        response = super().get(self.request)
        response.template_name = template_name
        return response.rendered_content


# Every request counts, cached or not: the limit is far above what a person sends.
location_list = rate_limited("search")(LocationListView.as_view())


def list_query(data: QueryDict, *, page: bool = True) -> QueryDict:
    """What the list (and, without the page, its GeoJSON) depends on, canonically spelt.

    The defaults the FilterSet fills in (sort by distance near a point, else by name; page 1)
    are dropped, so `/locations/?sort=name&page=1` is `/locations/`.
    """
    near = bool(data.get("near", "").strip())
    defaults = {"page": "1", "sort": Sort.DISTANCE if near else Sort.NAME}
    keep = ["page"] if page else []
    return canonical_query(data, LocationFilterSet, keep=keep, defaults=defaults)


@require_safe
def location_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One place: gallery, facts and filming notes, the shoot day (`?date=`: permit deadline,
    sun and light), map, nearby places and studios."""
    # The default shoot day is today in Japan: a cached page must not outlive its date.
    today = tokyo_today()

    def build() -> dict:
        location = read_place(request, slug)
        body = render_to_string(
            "locations/_detail.html", _detail_context(request, location, today), request
        )
        return {"body": body, **page_head("locations", {"location": location})}

    # Anonymous visitors share the place and its rendered body: a hit runs no query. An edit
    # or unpublishing sets a new catalogue version, so it is never served stale.
    page = visitor_cached(
        request,
        "locations/_detail.html",
        build,
        today.isoformat(),
        query=canonical_query(request.GET, keep=["date"]),
    )
    context = {
        "title": mark_safe(page["title"]),  # noqa: S308 (rendered by our templates)
        "description": mark_safe(page["description"]),  # noqa: S308
        "detail": mark_safe(page["body"]),  # noqa: S308
    }
    return render_page(request, "locations/location_detail.html", context)


def read_place(request: HttpRequest, slug: str) -> Location:
    """The place a page shows (404 when the visitor may not see it), read with its tags'
    keys (`shared_tags`) and its gallery (`gallery_photos`), and given this version's shared
    area rows."""
    places = Location.objects.visible_to(request.user).annotate(
        tag_keys=TagKeys(), gallery_rows=GalleryRows()
    )
    location = get_object_or_404(places, slug=slug)
    _share_area_rows(location)
    return location


def shared_tags(location: Location) -> list:
    """`location.tags.all()` from this version's shared tag rows (`choice_rows`, in their
    order: by name) and the keys read with the place (`read_place`), without a query; read
    as Django would when the place has a tag the version does not hold yet."""
    keys = {int(key) for key in (location.tag_keys or "").split(",") if key}
    if not keys:
        return []
    tags = [tag for tag in choice_rows("tags").values() if tag.pk in keys]
    return tags if len(tags) == len(keys) else list(location.tags.all())


def _share_area_rows(location: Location) -> None:
    """Give `location` this version's shared prefecture (with its region) and category rows
    (`share_row`) instead of joining them: the join's columns and the three models made
    from them were a third of reading a place (0.7 → 0.4 ms of CPU). A row the version does
    not hold yet is read as Django would, on first use."""
    share_row(location, "prefecture", "prefectures")
    share_row(location, "category", "categories")


def _detail_context(request: HttpRequest, location: Location, today: date) -> dict:
    """Everything the body of a location's page shows besides the place itself."""
    nearby_locations, nearby_studios, nearby_query = [], [], ""
    if location.has_coordinates:
        nearby_query = "?" + urlencode(
            {"near": f"{location.latitude},{location.longitude}", "radius_km": NEARBY_LOCATIONS_KM},
            safe=",",
        )
        nearby_locations = nearest_places(location)
        nearby_studios = studios_near(location)
    return {
        "location": location,
        # A private property's photos go only to viewers of a shortlist's live link.
        "photos": [] if location.private_property else gallery_photos(location),
        "tags": shared_tags(location),
        "fact_groups": fact_groups(location),
        "shoot_day": shoot_day(location, request.GET, today=today),
        "nearby_locations": with_cards(nearby_locations),
        "nearby_studios": nearby_studios,
        "nearby_locations_km": NEARBY_LOCATIONS_KM,
        # The map shows this place and the published places around it.
        "nearby_query": nearby_query,
        "map_geojson_url": reverse("locations:geojson") + nearby_query if nearby_query else "",
        "nearby_studios_km": NEARBY_STUDIOS_KM,
    }


@gzip_page  # no CSRF token or secret in GeoJSON, so compression cannot leak one (BREACH)
@rate_limited("geojson")  # before the cache: a hit counts too
@require_safe
@cached_for_visitors(query=lambda request: list_query(request.GET, page=False))
def locations_geojson(request: HttpRequest) -> HttpResponse:
    """The list's matches with coordinates as a GeoJSON FeatureCollection, in the list's order.

    Not paginated (the maps draw every match), so it reads plain values, not model instances,
    and keeps each feature's properties short.
    """
    filterset = LocationFilterSet(
        request.GET, queryset=Location.objects.visible_to(request.user), request=request
    )
    if not filterset.is_valid():
        collection = {
            "type": "FeatureCollection",
            "features": [],
            "errors": filterset.errors.get_json_data(),
        }
        return _geojson_response(collection, status=400)

    # Only what static/js/map.js draws: names and link (a contract), the popup's category and
    # prefecture, the distance when searching near a point, and the status of staff's drafts.
    fields = ["slug", "name", "name_ja", "lat", "lng", "status", "category_id", "prefecture_id"]
    with_distance = filterset.point is not None
    if with_distance:
        fields.append("distance_km")
    rows = (
        filterset.qs.filter(latitude__isnull=False, longitude__isnull=False)
        # Floats from the database: the same numbers as float(Decimal) (both read the
        # decimal text), without making 180,000 Decimals for the all-Japan body.
        .annotate(lat=AsFloat("latitude"), lng=AsFloat("longitude"))
        .values_list(*fields)
    )
    # Names in the page's language looked up once, not joined and chosen per row (the cold
    # all-Japan body: 90,000 rows).
    categories = {c.pk: c.local_name for c in Category.objects.all()}
    prefectures = {p.pk: p.local_name for p in Prefecture.objects.all()}

    url_prefix, url_suffix = reverse("locations:detail", kwargs={"slug": "__slug__"}).split(
        "__slug__"
    )
    published = Status.PUBLISHED
    features = []
    append = features.append
    for row in rows.iterator(chunk_size=5000):  # one pass; no 100,000-row result cache
        slug, name, name_ja, lat, lng, status, category_id, prefecture_id = row[:8]
        properties = {
            "name": name,
            "name_ja": name_ja,
            "url": url_prefix + slug + url_suffix,
            "category": categories[category_id],
            "prefecture": prefectures[prefecture_id],
        }
        if with_distance:
            properties["distance_km"] = round(row[8], 2)
        if status != published:
            properties["status"] = status  # staff only: drafts are marked on the map
        append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": properties,
            }
        )
    return _geojson_response({"type": "FeatureCollection", "features": features})


def _geojson_response(collection: dict, status: int = 200) -> HttpResponse:
    # orjson: compact UTF-8 like json.dumps(ensure_ascii=False, separators=(",", ":")), and
    # 0.30 → 0.04 s for the 90,000 features of the all-Japan body.
    body = orjson.dumps(collection)
    return HttpResponse(body, content_type="application/geo+json", status=status)
