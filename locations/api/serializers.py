"""What the API shows of each record: explicit fields only (never `__all__`)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from locations.models import (
    Category,
    FilmCommission,
    Location,
    Photo,
    Prefecture,
    Shortlist,
    ShortlistItem,
    Soundstage,
    Studio,
    Tag,
)
from locations.templatetags.photos import photo_sources

# Where a location or a studio is: the same fields, in the same order, in both.
WHERE_FIELDS = ["prefecture", "municipality", "address", "address_ja", "latitude", "longitude"]


class PrefectureSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Prefecture
        fields = ["slug", "name_en", "name_ja", "code", "region"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name", "name_ja"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name"]


class CoverSerializer(serializers.Serializer):
    """A place's cover photo as a WebP thumbnail (the originals are never linked)."""

    url = serializers.SerializerMethodField()
    width = serializers.SerializerMethodField()
    height = serializers.SerializerMethodField()
    caption = serializers.CharField()
    credit = serializers.CharField()

    def _sources(self, photo: Photo):
        return photo_sources(photo, "card")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, photo: Photo) -> str:
        request = self.context.get("request")
        src = self._sources(photo).src
        return request.build_absolute_uri(src) if request else src

    def get_width(self, photo: Photo) -> int:
        return self._sources(photo).width

    def get_height(self, photo: Photo) -> int:
        return self._sources(photo).height


class _PlaceSerializer(serializers.ModelSerializer):
    """Shared by locations and studios: the page's address and the cover."""

    html_url = serializers.SerializerMethodField(help_text="The place's page on the site.")
    cover = serializers.SerializerMethodField()
    prefecture = PrefectureSerializer(read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(CoverSerializer(allow_null=True))
    def get_cover(self, obj):
        # Querysets here prefetch only public photos; private properties have none.
        photo = None if getattr(obj, "private_property", False) else obj.cover
        return CoverSerializer(photo, context=self.context).data if photo else None


class LocationSerializer(_PlaceSerializer):
    category = CategorySerializer(read_only=True)
    tags = TagSerializer(many=True, read_only=True)
    distance_km = serializers.SerializerMethodField(
        help_text="Great-circle distance from `near`, when given."
    )

    class Meta:
        model = Location
        fields = [
            "slug",
            "html_url",
            "name",
            "name_ja",
            "name_kana",
            "name_romaji",
            "category",
            "tags",
            *WHERE_FIELDS,
            "distance_km",
            "description",
            "description_ja",
            "permit_authority",
            "permit_lead_days",
            "permit_fees",
            "power",
            "parking_vehicles",
            "basecamp_trucks",
            "load_in",
            "nearest_station",
            "station_walk_minutes",
            "filming_hours",
            "drones",
            "restrictions",
            "best_season",
            "best_time_of_day",
            "cover",
            "verified_on",
            "updated_at",
        ]

    def get_distance_km(self, obj) -> float | None:
        distance = getattr(obj, "distance_km", None)
        return None if distance is None else round(float(distance), 3)


class SoundstageSerializer(serializers.ModelSerializer):
    floor_area_m2 = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Soundstage
        fields = [
            "name",
            "length_m",
            "width_m",
            "height_m",
            "floor_area_m2",
            "tank",
            "cyclorama",
            "soundproofed",
            "power_kva",
            "door_width_m",
            "door_height_m",
            "notes",
            "source",
            "verified_on",
            "is_sample",
        ]


class StudioSerializer(_PlaceSerializer):
    stages = SoundstageSerializer(many=True, read_only=True, source="listed_stages")

    class Meta:
        model = Studio
        fields = [
            "slug",
            "html_url",
            "name",
            "name_ja",
            "company",
            *WHERE_FIELDS,
            "website",
            "description",
            "description_ja",
            "has_backlot",
            "has_workshops",
            "has_offices",
            "has_dressing_rooms",
            "parking_vehicles",
            "stages",
            "cover",
            "source",
            "verified_on",
            "is_sample",
            "updated_at",
        ]


class FilmCommissionSerializer(serializers.ModelSerializer):
    """A film office's public desk (its published e-mail and phone are its front door)."""

    prefecture = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = FilmCommission
        fields = [
            "slug",
            "name",
            "name_ja",
            "prefecture",
            "city",
            "city_ja",
            "website",
            "email",
            "phone",
            "languages",
            "permit_lead_days",
            "notes",
            "notes_ja",
            "source",
            "verified_on",
        ]


class ShortlistItemSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="item_type", help_text="location or studio")
    location = serializers.SerializerMethodField()
    studio = serializers.SerializerMethodField()

    class Meta:
        model = ShortlistItem
        fields = ["kind", "rank", "top_choice_for", "note", "location", "studio"]

    @extend_schema_field(LocationSerializer(allow_null=True))
    def get_location(self, item):
        if item.location is None:
            return None
        return LocationSerializer(item.location, context=self.context).data

    @extend_schema_field(StudioSerializer(allow_null=True))
    def get_studio(self, item):
        if item.studio is None:
            return None
        return StudioSerializer(item.studio, context=self.context).data


class ShortlistSerializer(serializers.ModelSerializer):
    items = ShortlistItemSerializer(many=True, read_only=True)

    class Meta:
        model = Shortlist
        fields = ["title", "brief", "share_expires_on", "items"]
