"""Read-only endpoints. Each list is the HTML list's named queryset and FilterSet, so the
same query string gives the same rows in the same order (tests/test_api_parity.py)."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics

from locations.filters import FilmCommissionFilterSet, LocationFilterSet, StudioFilterSet
from locations.models import FilmCommission, Location, Shortlist, Studio

from . import serializers
from .pagination import CappedPagination, CommissionPagination, StudioPagination


class _ReadOnly:
    filter_backends = [DjangoFilterBackend]


LOCATION_PARAMETERS = [
    OpenApiParameter("q", str, description="Keywords: names, readings, descriptions, tags."),
    OpenApiParameter(
        "region",
        {"type": "array", "items": {"type": "string"}},
        explode=True,
        description="Region slug (e.g. kansai); repeat for any of several.",
    ),
    OpenApiParameter(
        "prefecture",
        {"type": "array", "items": {"type": "string"}},
        explode=True,
        description="Prefecture slug (e.g. kyoto); repeatable.",
    ),
    OpenApiParameter(
        "category",
        {"type": "array", "items": {"type": "string"}},
        explode=True,
        description="Category slug (e.g. temple); repeatable.",
    ),
    OpenApiParameter(
        "tag",
        {"type": "array", "items": {"type": "string"}},
        explode=True,
        description="Tag slug; repeatable (any of them).",
    ),
    OpenApiParameter("near", str, description="A point as LAT,LNG, e.g. 35.0116,135.7681."),
    OpenApiParameter("radius_km", float, description="With near: within this distance."),
]


@extend_schema_view(
    get=extend_schema(
        summary="Published locations",
        description="The filters of /locations/ (same names, same results, same order). "
        "Invalid filters are a 400 with the errors per parameter.",
        parameters=LOCATION_PARAMETERS,
    )
)
class LocationList(_ReadOnly, generics.ListAPIView):
    serializer_class = serializers.LocationSerializer
    filterset_class = LocationFilterSet
    pagination_class = CappedPagination
    # The list page's queryset (for a visitor) plus the tags the cards do not show.
    queryset = Location.objects.published().for_list().prefetch_related("tags")


@extend_schema(summary="One published location")
class LocationDetail(generics.RetrieveAPIView):
    serializer_class = serializers.LocationSerializer
    queryset = Location.objects.published().for_list().prefetch_related("tags")
    lookup_field = "slug"


def _studios():
    return Studio.objects.published().for_list()


@extend_schema_view(
    get=extend_schema(
        summary="Published studios with their stages",
        description="The filters of /studios/: a studio matches when one stage meets every "
        "size and feature at once. Largest stage first.",
    )
)
class StudioList(_ReadOnly, generics.ListAPIView):
    serializer_class = serializers.StudioSerializer
    filterset_class = StudioFilterSet
    pagination_class = StudioPagination
    queryset = Studio.objects.published()

    def filter_queryset(self, queryset):
        # As the studios page: filter first, then the cards' annotations and order.
        return super().filter_queryset(queryset).for_list().largest_first()


@extend_schema(summary="One published studio with its stages")
class StudioDetail(generics.RetrieveAPIView):
    serializer_class = serializers.StudioSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return _studios()


@extend_schema_view(
    get=extend_schema(
        summary="Film commissions",
        description="The filters of /film-commissions/: national first, then north to south.",
    )
)
class FilmCommissionList(_ReadOnly, generics.ListAPIView):
    serializer_class = serializers.FilmCommissionSerializer
    filterset_class = FilmCommissionFilterSet
    pagination_class = CommissionPagination
    queryset = FilmCommission.objects.for_directory()


@extend_schema(
    summary="A shortlist by its share token",
    description="What the share link shows: a 404 once the link is revoked or expired.",
    parameters=[OpenApiParameter("token", str, OpenApiParameter.PATH)],
)
class SharedShortlist(generics.RetrieveAPIView):
    serializer_class = serializers.ShortlistSerializer
    lookup_field = "share_token"
    lookup_url_kwarg = "token"
    queryset = (
        Shortlist.objects.live_shares()
        .with_items(stages=True, published_places=True)
        .prefetch_related("items__location__tags")
    )
