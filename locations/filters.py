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
    q            keywords (English or Japanese name, city)
    prefecture   prefecture slug: its commissions plus the national ones
"""

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from locations import units as u
from locations.models import (
    Category,
    FilmCommission,
    Location,
    Prefecture,
    Region,
    StageCriteria,
    Studio,
    Tag,
)
from locations.models.common import is_japanese

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
    region = LocalNamesFilter(
        label=_("Region"),
        field_name="prefecture__region__slug",
        to_field_name="slug",
        queryset=Region.objects.all(),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    prefecture = LocalNamesFilter(
        label=_("Prefecture"),
        field_name="prefecture__slug",
        to_field_name="slug",
        queryset=Prefecture.objects.select_related("region"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = LocalNamesFilter(
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
        # The links alone: joining the places again would cost a probe per candidate row.
        links = Location.tags.through.objects.filter(tag__in=value).values("location_id")
        return queryset.filter(pk__in=links)

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
        labels = (
            ("region", local_label),
            ("prefecture", _prefecture_label),
            ("category", local_label),
        )
        for key, label in labels:
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
    if is_japanese():
        return prefecture.name_ja
    return f"{prefecture.name_en} {prefecture.name_ja}"


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
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "min": "0", "step": "any"}),
    )


def _yes_no_filter(label):
    return django_filters.TypedChoiceFilter(
        label=label,
        method="filter_nothing",  # all figures apply together in filter_queryset
        choices=YES_NO,
        coerce=lambda value: value == "true",
        empty_value=None,
        widget=forms.Select(attrs={"class": "autosubmit"}),
    )


class StudioFilterSet(django_filters.FilterSet):
    """Studios with a stage that meets every size/feature figure at once, sorted by the caller."""

    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_q",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. Toho, 東宝, Chofu")}
        ),
    )
    # Blank values (`?region=`) never reach these: __init__ drops them (without_blanks).
    region = LocalNamesFilter(
        label=_("Region"),
        field_name="prefecture__region__slug",
        to_field_name="slug",
        queryset=Region.objects.all(),
        distinct=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "autosubmit"}),
    )
    prefecture = LocalNamesFilter(
        label=_("Prefecture"),
        field_name="prefecture__slug",
        to_field_name="slug",
        queryset=Prefecture.objects.select_related("region"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "autosubmit"}),
    )
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
        if data is not None:
            data = without_blanks(data)
            # Without `units` in the query, sizes are read in the visitor's remembered units.
            if not data.get("units"):
                data["units"] = units
        self.default_units = units
        super().__init__(data, *args, **kwargs)

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
            chips.append(Chip(label, _without(self.data, name, value)))

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

    # The same keyword search and no-op as the location list's.
    filter_q = LocationFilterSet.filter_q
    filter_nothing = LocationFilterSet.filter_nothing


def without_blanks(query: QueryDict) -> QueryDict:
    """A mutable copy of `query` without empty values (an empty form field means "any")."""
    result = QueryDict(mutable=True)
    for key, values in query.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            result.setlist(key, kept)
    return result


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


class FilmCommissionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=MAX_QUERY_LENGTH)
    prefecture = LocalNameFilter(
        label=_("Prefecture"),
        queryset=Prefecture.objects.all(),
        to_field_name="slug",
        empty_label=_("All prefectures"),
        method="in_prefecture",
    )

    class Meta:
        model = FilmCommission
        fields = ["q", "prefecture"]

    def search(self, queryset, name, value):
        """Every word in a name or the city, either script; blank input changes nothing."""
        for word in unicodedata.normalize("NFKC", value).split():
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(name_ja__icontains=word)
                | Q(city__icontains=word)
                | Q(city_ja__icontains=word)
            )
        return queryset

    def in_prefecture(self, queryset, name, value):
        """The prefecture's own offices, plus the national bodies that cover it too."""
        if value is None:
            return queryset
        return queryset.filter(Q(prefecture=value) | Q(prefecture__isnull=True))
