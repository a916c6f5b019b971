"""The filters of /locations/ and /locations.geojson (parameters: locations.filters)."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.functional import cached_property  # lock-free (see locations.pagination)
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from locations.models import Location

from . import widgets
from .base import ListFilterSet, without_blanks
from .chips import Chip, prefecture_label, without
from .fields import (
    CatalogueChoicesFilter,
    FloatFilter,
    LocalNamesFilter,
    PointFilter,
    keyword_filter,
    local_label,
    prefecture_filter,
    region_filter,
)

MAX_RADIUS_KM = 3000  # Japan end to end is about 3,000 km


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


class LocationFilterSet(ListFilterSet):
    """The filters of /locations/ and /locations.geojson (see the module docstring)."""

    q = keyword_filter(_("Keywords"), _("Temple, neon, 京都, Shibuya …"))
    region = region_filter(forms.CheckboxSelectMultiple)
    prefecture = prefecture_filter(forms.CheckboxSelectMultiple)
    category = LocalNamesFilter(
        label=_("Category"),
        field_name="category__slug",
        rows="categories",
        column="category_id",
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tag = CatalogueChoicesFilter(
        label=_("Tags"),
        rows="tags",
        method="filter_tag",
        widget=forms.CheckboxSelectMultiple,
    )
    near = PointFilter(
        label=_("Near (latitude, longitude)"),
        method="filter_nothing",  # applied with radius_km and sort in filter_queryset
        widget=widgets.TextInput(attrs={"placeholder": "35.0116, 135.7681"}),
    )
    radius_km = FloatFilter(
        label=_("Within (km)"),
        min_value=0.01,
        max_value=MAX_RADIUS_KM,
        method="filter_nothing",
        widget=widgets.NumberInput(attrs={"step": "any", "placeholder": "30"}),
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
        self.query = without_blanks(data) if data is not None else QueryDict()
        super().__init__(data, *args, **kwargs)

    def with_defaults(self, data: QueryDict) -> QueryDict:
        # The sort a visitor sees selected is the one applied: distance when searching near
        # a point, otherwise name.
        if not data.get("sort"):
            data["sort"] = Sort.DISTANCE if data.get("near") else Sort.NAME
        return data

    def filter_tag(self, queryset, name, value):
        if not value:
            return queryset
        # A subquery, so a place carrying two of the tags is listed once (no DISTINCT).
        # The links alone: joining the places again would cost a probe per candidate row.
        links = Location.tags.through.objects.filter(tag__in=value).values("location_id")
        return queryset.filter(pk__in=links)

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

    @cached_property
    def chips(self) -> list[Chip]:
        """The active, valid filters as removable chips, in the form's order (read by the
        filter count and the chips alike: built once)."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data, cleaned = self.query, self.form.cleaned_data
        chips = []
        if cleaned.get("q"):
            chips.append(Chip(f"“{cleaned['q']}”", without(data, "q")))
        labels = (
            ("region", local_label),
            ("prefecture", prefecture_label),
            ("category", local_label),
        )
        for key, label in labels:
            for obj in cleaned.get(key) or ():
                chips.append(Chip(label(obj), without(data, key, obj.slug)))
        for tag in cleaned.get("tag") or ():
            chips.append(Chip(f"#{tag.name}", without(data, "tag", tag.slug)))
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
            chips.append(Chip(label, without(data, "near", also=also)))
        return chips
