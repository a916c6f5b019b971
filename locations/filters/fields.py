"""The custom fields and filters the list FilterSets are built from."""

import math

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from locations.models import Prefecture, Region
from locations.models.common import is_japanese

# A bound on the keywords a visitor may type (the search builds SQL per term).
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


def local_label(obj) -> str:
    """A region, prefecture or category as a choice or a chip: its Japanese name on Japanese
    pages; on English pages its usual label (a prefecture's carries its kanji: Kyoto (京都府))."""
    return obj.local_name if is_japanese() else str(obj)


class _LocalNamesField(django_filters.fields.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return local_label(obj)


class _LocalNameField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return local_label(obj)


class LocalNamesFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of these regions, prefectures or categories, labelled in the page's language."""

    field_class = _LocalNamesField


class LocalNameFilter(django_filters.ModelChoiceFilter):
    """One region, prefecture or category, labelled in the page's language."""

    field_class = _LocalNameField


class PointFilter(django_filters.Filter):
    field_class = PointField


class FloatFilter(django_filters.Filter):
    """A number as a float; Django's FloatField refuses NaN and infinity."""

    field_class = forms.FloatField


def keyword_filter(label, placeholder=None) -> django_filters.CharFilter:
    """The `q` of a list: the shared keyword search (`ListFilterSet.filter_q`)."""
    attrs = {"type": "search"}
    if placeholder:
        attrs["placeholder"] = placeholder
    return django_filters.CharFilter(
        label=label,
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs=attrs),
    )


def region_filter(widget) -> LocalNamesFilter:
    """`region`: any of these regions (slugs), through the row's prefecture."""
    return LocalNamesFilter(
        label=_("Region"),
        field_name="prefecture__region__slug",
        to_field_name="slug",
        queryset=Region.objects.all(),
        distinct=False,
        widget=widget,
    )


def prefecture_filter(widget) -> LocalNamesFilter:
    """`prefecture`: any of these prefectures (slugs)."""
    return LocalNamesFilter(
        label=_("Prefecture"),
        field_name="prefecture__slug",
        to_field_name="slug",
        queryset=Prefecture.objects.select_related("region"),
        distinct=False,
        widget=widget,
    )
