"""FilterSets of the public lists: one per list. The query string is the public interface,
so parameter names are a documented contract (shared links must keep working).

/locations/ and /locations.geojson take:
    q           keywords (names, descriptions, municipality, tags, prefecture names)
    region      region slug; repeat for "any of"
    prefecture  prefecture slug; repeat for "any of"
    category    category slug; repeat for "any of"
    tag         tag slug; repeat for "any of"
    near        "LAT,LNG" in decimal degrees
    radius_km   with near: only places within this great-circle distance
    sort        name (default) | -updated | distance (with near; the default then)
"""

import math
from dataclasses import dataclass

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from locations.models import Category, Location, Prefecture, Region, Tag

MAX_RADIUS_KM = 3000  # Japan end to end is about 3,000 km
MAX_QUERY_LENGTH = 200


class PointField(forms.CharField):
    """ "LAT,LNG" in decimal degrees → (lat, lng) floats, both finite and on the globe."""

    default_error_messages = {
        "invalid": _("Enter a point as latitude,longitude, e.g. 35.0116,135.7681."),
        "range": _("Latitude must lie between -90 and 90 and longitude between -180 and 180."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        parts = value.replace(" ", "").split(",")
        if len(parts) != 2:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            lat, lng = float(parts[0]), float(parts[1])
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not (math.isfinite(lat) and math.isfinite(lng)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise forms.ValidationError(self.error_messages["range"], code="range")
        return lat, lng


class PointFilter(django_filters.Filter):
    field_class = PointField


class FloatFilter(django_filters.Filter):
    """A number as a float; Django's FloatField refuses NaN and infinity."""

    field_class = forms.FloatField


class Sort:
    NAME = "name"
    UPDATED = "-updated"
    DISTANCE = "distance"

    CHOICES = [
        (NAME, _("Name (A–Z)")),
        (UPDATED, _("Recently updated")),
        (DISTANCE, _("Distance (with “Near”)")),
    ]
    ORDER_BY = {
        NAME: ("name", "pk"),
        UPDATED: ("-updated_at", "pk"),
        DISTANCE: ("distance_km", "name", "pk"),
    }


@dataclass(frozen=True)
class Chip:
    """An active filter shown as a removable chip: its text and the URL without it."""

    label: str
    remove_url: str


def _without(data: QueryDict, key: str, value: str | None = None, also=()) -> str:
    """The query string of `data` with one value of `key` (or all of it) and `also` removed,
    and without `page` (a narrower search starts on page 1)."""
    params = data.copy()
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != value])
    for other in (*also, "page"):
        params.pop(other, None)
    encoded = params.urlencode(safe=",")
    return f"?{encoded}" if encoded else "?"


class LocationFilterSet(django_filters.FilterSet):
    """The filters of /locations/ and /locations.geojson (see the module docstring)."""

    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Temple, neon, 京都, Shibuya …")}
        ),
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label=_("Region"),
        field_name="prefecture__region__slug",
        to_field_name="slug",
        queryset=Region.objects.all(),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    prefecture = django_filters.ModelMultipleChoiceFilter(
        label=_("Prefecture"),
        field_name="prefecture__slug",
        to_field_name="slug",
        queryset=Prefecture.objects.select_related("region"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = django_filters.ModelMultipleChoiceFilter(
        label=_("Category"),
        field_name="category__slug",
        to_field_name="slug",
        queryset=Category.objects.all(),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tags"),
        to_field_name="slug",
        queryset=Tag.objects.all(),
        method="filter_tag",
        widget=forms.CheckboxSelectMultiple,
    )
    near = PointFilter(
        label=_("Near (latitude, longitude)"),
        method="filter_nothing",  # applied with radius_km and sort in filter_queryset
        widget=forms.TextInput(attrs={"placeholder": "35.0116, 135.7681"}),
    )
    radius_km = FloatFilter(
        label=_("Within (km)"),
        min_value=0.01,
        max_value=MAX_RADIUS_KM,
        method="filter_nothing",
        widget=forms.NumberInput(attrs={"step": "any", "placeholder": "30"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=Sort.CHOICES,
        empty_label=None,
        method="filter_nothing",
    )

    class Meta:
        model = Location
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The query as given, for the chips' links (without the defaults filled in below).
        self.query = data if data is not None else QueryDict()
        # The sort a visitor sees selected is the one applied: distance when searching near
        # a point, otherwise name.
        if data is not None and not data.get("sort"):
            data = data.copy()
            data["sort"] = Sort.DISTANCE if data.get("near") else Sort.NAME
        super().__init__(data, *args, **kwargs)

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value else queryset

    def filter_tag(self, queryset, name, value):
        if not value:
            return queryset
        # A subquery, so a place carrying two of the tags is listed once (no DISTINCT).
        return queryset.filter(pk__in=Location.objects.filter(tags__in=value).values("pk"))

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        point = data.get("near")
        if point:
            queryset = queryset.within_km(*point, data.get("radius_km"))
        sort = data.get("sort") or Sort.NAME
        if sort == Sort.DISTANCE and not point:
            sort = Sort.NAME  # distance from nowhere: fall back to the default
        return queryset.order_by(*Sort.ORDER_BY[sort])

    @property
    def point(self) -> tuple[float, float] | None:
        """The valid `near` point, if any (cards show distances only then)."""
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("near")
        return None

    def chips(self) -> list[Chip]:
        """The active, valid filters as removable chips, in the form's order."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data, cleaned = self.query, self.form.cleaned_data
        chips = []
        if cleaned.get("q"):
            chips.append(Chip(f"“{cleaned['q']}”", _without(data, "q")))
        for key, label in (("region", str), ("prefecture", _prefecture_label), ("category", str)):
            for obj in cleaned.get(key) or ():
                chips.append(Chip(label(obj), _without(data, key, obj.slug)))
        for tag in cleaned.get("tag") or ():
            chips.append(Chip(f"#{tag.name}", _without(data, "tag", tag.slug)))
        point = cleaned.get("near")
        if point:
            where = f"{point[0]:.4f}, {point[1]:.4f}"
            radius = cleaned.get("radius_km")
            if radius:
                label = gettext("Within %(km)s km of %(where)s") % {
                    "km": f"{radius:g}",
                    "where": where,
                }
            else:
                label = gettext("Near %(where)s") % {"where": where}
            also = ["radius_km"] + (["sort"] if data.get("sort") == Sort.DISTANCE else [])
            chips.append(Chip(label, _without(data, "near", also=also)))
        return chips


def _prefecture_label(prefecture: Prefecture) -> str:
    return f"{prefecture.name_en} {prefecture.name_ja}"
