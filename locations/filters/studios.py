"""The filters of /studios/ and /studios.geojson (parameters: locations.filters), and the
unit switch that keeps a search while converting its figures."""

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from locations import units as u
from locations.models import StageCriteria, Studio

from . import widgets
from .base import ListFilterSet, without_blanks
from .chips import Chip, without
from .fields import keyword_filter, prefecture_filter, region_filter

# Fields with class "autosubmit" update the results as soon as they change (htmx); typed
# figures wait for Enter or the button.
YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
LENGTH_FIELDS = ("min_length", "min_width", "min_height")
AREA_FIELDS = ("min_area",)
STAGE_FIELDS = ("min_area", *LENGTH_FIELDS, "tank", "cyclorama")
# Bounds on entered figures (in either unit): far beyond any stage, small enough for the database.
MAX_LENGTH = Decimal("10000")
MAX_AREA = Decimal("999999")


def _size_filter(label, max_value):
    return django_filters.NumberFilter(
        label=label,
        method="filter_nothing",  # all figures apply together in filter_queryset
        min_value=Decimal("0"),
        max_value=max_value,
        max_digits=9,
        decimal_places=2,
        widget=widgets.NumberInput(attrs={"inputmode": "decimal", "min": "0", "step": "any"}),
    )


def _yes_no_filter(label):
    return django_filters.TypedChoiceFilter(
        label=label,
        method="filter_nothing",  # all figures apply together in filter_queryset
        choices=YES_NO,
        coerce=lambda value: value == "true",
        empty_value=None,
        widget=widgets.Select(attrs={"class": "autosubmit"}),
    )


class StudioFilterSet(ListFilterSet):
    """Studios with a stage that meets every size/feature figure at once, sorted by the caller."""

    q = keyword_filter(_("Keyword"), _("e.g. Toho, 東宝, Chofu"))
    # Blank values (`?region=`) never reach these: ListFilterSet drops them.
    region = region_filter(forms.CheckboxSelectMultiple(attrs={"class": "autosubmit"}))
    prefecture = prefecture_filter(forms.CheckboxSelectMultiple(attrs={"class": "autosubmit"}))
    min_area = _size_filter(_("Floor area at least"), MAX_AREA)
    min_length = _size_filter(_("Set length at least"), MAX_LENGTH)
    min_width = _size_filter(_("Set width at least"), MAX_LENGTH)
    min_height = _size_filter(_("Height to grid at least"), MAX_LENGTH)
    tank = _yes_no_filter(_("Water tank"))
    cyclorama = _yes_no_filter(_("Cyclorama"))
    units = django_filters.ChoiceFilter(
        label=_("Sizes in"),
        method="filter_nothing",
        choices=[(u.METRES, _("metres")), (u.FEET, _("feet"))],
        empty_label=None,
    )

    class Meta:
        model = Studio
        fields = []  # all declared above

    def __init__(self, data=None, *args, units: str = u.DEFAULT_UNITS, **kwargs):
        self.default_units = units
        super().__init__(data, *args, **kwargs)

    def with_defaults(self, data: QueryDict) -> QueryDict:
        # Without `units` in the query, sizes are read in the visitor's remembered units.
        if not data.get("units"):
            data["units"] = self.default_units
        return data

    @property
    def entered_units(self) -> str:
        """The unit system the figures were entered in (valid even when the form is not)."""
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data["units"]
        return u.clean_units(self.data.get("units")) or self.default_units

    @property
    def criteria(self) -> StageCriteria:
        """What one stage must meet, in metres (empty when the form is unbound or invalid)."""
        if not self.is_valid():
            return StageCriteria()
        data, units = self.form.cleaned_data, self.entered_units

        def metres(name):
            value = data.get(name)
            return None if value is None else u.length_to_metres(value, units)

        area = data.get("min_area")
        return StageCriteria(
            min_area=None if area is None else u.area_to_m2(area, units),
            min_length=metres("min_length"),
            min_width=metres("min_width"),
            min_height=metres("min_height"),
            tank=data.get("tank"),
            cyclorama=data.get("cyclorama"),
        )

    def filter_queryset(self, queryset):
        """Keyword and place as usual; the stage figures combine into one per-stage criterion."""
        queryset = super().filter_queryset(queryset)
        return queryset.with_stage_meeting(self.criteria)

    def active_filters(self) -> list[Chip]:
        """The applied filters as removable chips (as the location list's)."""
        if not self.is_valid():
            return []
        data, units = self.form.cleaned_data, self.entered_units
        chips = []

        def chip(label, name, value=None):
            chips.append(Chip(label, without(self.data, name, value)))

        if data.get("q"):
            chip(_("“%s”") % data["q"], "q")
        for name in ("region", "prefecture"):
            for place in data.get(name) or []:
                chip(place.local_name, name, place.slug)
        size_labels = {
            "min_area": (_("Area ≥ %s"), u.area_unit(units)),
            "min_length": (_("Length ≥ %s"), u.length_unit(units)),
            "min_width": (_("Width ≥ %s"), u.length_unit(units)),
            "min_height": (_("Height ≥ %s"), u.length_unit(units)),
        }
        for name, (template, unit) in size_labels.items():
            if data.get(name) is not None:
                chip(template % f"{data[name].normalize():,f} {unit}", name)
        yes_no = {
            "tank": (_("Water tank"), _("No water tank")),
            "cyclorama": (_("Cyclorama"), _("No cyclorama")),
        }
        for name, (yes, no) in yes_no.items():
            if data.get(name) is not None:
                chip(yes if data[name] else no, name)
        return chips


def convert_sizes_query(query: QueryDict, *, from_units: str, to_units: str) -> str:
    """The query string with `units=to_units` and the entered sizes converted to match.

    Switching units keeps the same search: `min_length=40&units=m` becomes
    `min_length=131.23&units=ft` (rounded to the form's two decimals). Figures that do
    not parse are left as they are for the form to report.
    """
    result = without_blanks(query)
    result.pop("page", None)
    result["units"] = to_units
    if from_units == to_units:
        return result.urlencode()
    for name in (*LENGTH_FIELDS, *AREA_FIELDS):
        try:
            value = Decimal(query.get(name, ""))
            if not value.is_finite() or abs(value) > MAX_AREA:
                continue
            if name in AREA_FIELDS:
                converted = u.area_from_m2(u.area_to_m2(value, from_units), to_units)
            else:
                converted = u.length_from_metres(u.length_to_metres(value, from_units), to_units)
            result[name] = f"{converted.quantize(Decimal('0.01')).normalize():f}"
        except (InvalidOperation, ValueError):
            continue
    return result.urlencode()
