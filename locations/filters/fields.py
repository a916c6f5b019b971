"""The custom fields and filters the list FilterSets are built from."""

import math

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from locations.caching import build_once, catalogue_version
from locations.models import Category, Prefecture, Region, Tag
from locations.models.common import is_japanese
from locations.search import query_terms

from . import widgets

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


# The rows the lists' multiple-choice filters choose from, by name (their order is the
# options' order).
CHOICE_ROWS = {
    "regions": lambda: Region.objects.all(),
    "prefectures": lambda: Prefecture.objects.select_related("region"),
    "categories": lambda: Category.objects.all(),
    "tags": lambda: Tag.objects.all(),
}


def choice_rows(name: str) -> dict:
    """{slug: row} of `CHOICE_ROWS[name]`, in order, as this catalogue version has them.

    Read once per version and kept in each process: a search resolves the slugs it was given
    without a query (a region and a tag took three queries per first visit). Every row is
    shared by the requests of the process, so nobody may change one.
    """
    return build_once(
        f"rokehan:choice-rows:{name}",
        lambda: {row.slug: row for row in CHOICE_ROWS[name]()},
        catalogue_version(),
        local=True,
    )


def choice_row(name: str, pk: int | None):
    """The row of `CHOICE_ROWS[name]` with primary key `pk` (shared, like `choice_rows`), or
    None when this version has none (a row made after the request read its version)."""
    by_pk = build_once(
        f"rokehan:choice-rows-by-pk:{name}",
        lambda: {row.pk: row for row in choice_rows(name).values()},
        catalogue_version(),
        local=True,
    )
    return by_pk.get(pk)


def share_row(instance, field: str, name: str) -> None:
    """Give `instance` this version's shared row of `CHOICE_ROWS[name]` for its foreign key
    `field` (`choice_row`) instead of joining it; a row the version does not hold yet is
    read as Django would, on first use."""
    row = choice_row(name, getattr(instance, f"{field}_id"))
    if row is not None:
        setattr(instance, field, row)


class _CatalogueChoicesField(django_filters.fields.ModelMultipleChoiceField):
    """Slugs → the chosen rows (a list in the options' order) from `choice_rows`: Django's
    checks and messages, without a query."""

    def __init__(self, *args, rows: str, **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)

    def clean(self, value):
        # Django answers an empty optional choice with `queryset.none()`, which every `if
        # value` then compiled to find it empty: the four unused filters of a keyword
        # search were a tenth of its Python time under load (docs/performance.md, tenth
        # round). The same "nothing chosen", as the list `_check_values` gives otherwise.
        if not self.required and value in self.empty_values:
            return []
        return super().clean(value)

    def _check_values(self, value):
        try:
            wanted = frozenset(value)
        except TypeError:  # a list of lists, say
            message = self.error_messages["invalid_list"]
            raise ValidationError(message, code="invalid_list") from None
        for slug in wanted:
            self.validate_no_null_characters(slug)
        wanted = {str(slug) for slug in wanted}
        rows = choice_rows(self.rows)
        for slug in value:
            if str(slug) not in rows:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
        return [row for slug, row in rows.items() if slug in wanted]


class CatalogueChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of these regions, prefectures, categories or tags (`rows`: a `CHOICE_ROWS` name),
    given by slug."""

    field_class = _CatalogueChoicesField

    def __init__(self, *args, rows: str, **kwargs):
        kwargs.setdefault("queryset", CHOICE_ROWS[rows]())
        super().__init__(*args, to_field_name="slug", rows=rows, **kwargs)


class _LocalNamesField(_CatalogueChoicesField):
    def label_from_instance(self, obj):
        return local_label(obj)


class _LocalNameField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return local_label(obj)


class LocalNamesFilter(CatalogueChoicesFilter):
    """Any of these regions, prefectures or categories, labelled in the page's language.

    Rows match on their own foreign-key `column` with literal ids (`prefecture_id IN (24, 25,
    …)`, the ids from `ids(chosen)`), not on a join to the slugs: PostgreSQL then knows how
    many rows match and walks the name index for a large region instead of sorting every
    match (Kansai at 100,000 places: 440 ms → 0.4 ms).
    """

    field_class = _LocalNamesField

    def __init__(self, *args, column: str, ids=None, **kwargs):
        self.column = column
        self.ids = ids or _own_ids
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.column}__in": self.ids(value)})


def _own_ids(chosen) -> list[int]:
    return sorted(obj.pk for obj in chosen)


def _prefecture_ids_of_regions(regions) -> list[int]:
    chosen = {region.pk for region in regions}
    prefectures = choice_rows("prefectures").values()
    return sorted(prefecture.pk for prefecture in prefectures if prefecture.region_id in chosen)


class LocalNameFilter(django_filters.ModelChoiceFilter):
    """One region, prefecture or category, labelled in the page's language."""

    field_class = _LocalNameField


class PointFilter(django_filters.Filter):
    field_class = PointField


class FloatFilter(django_filters.Filter):
    """A number as a float; Django's FloatField refuses NaN and infinity."""

    field_class = forms.FloatField


def validate_searchable(value: str) -> None:
    """A keyword with nothing to search for (`%`, `🎌`, `-`: no letter or digit) is refused
    with a message, instead of silently listing everything."""
    if value and value.strip() and not query_terms(value):
        raise ValidationError(
            _("Nothing to search for in “%(q)s”: type a word, a name or a number."),
            code="nothing_to_search",
            params={"q": value.strip()},
        )


def keyword_filter(label, placeholder=None) -> django_filters.CharFilter:
    """The `q` of a list: the shared keyword search (`ListFilterSet.filter_q`)."""
    attrs = {"type": "search"}
    if placeholder:
        attrs["placeholder"] = placeholder
    return django_filters.CharFilter(
        label=label,
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_searchable],
        widget=widgets.TextInput(attrs=attrs),
    )


def region_filter(widget) -> LocalNamesFilter:
    """`region`: any of these regions (slugs), through the row's prefecture."""
    return LocalNamesFilter(
        label=_("Region"),
        field_name="prefecture__region__slug",
        rows="regions",
        column="prefecture_id",
        ids=_prefecture_ids_of_regions,
        distinct=False,
        widget=widget,
    )


def prefecture_filter(widget) -> LocalNamesFilter:
    """`prefecture`: any of these prefectures (slugs)."""
    return LocalNamesFilter(
        label=_("Prefecture"),
        field_name="prefecture__slug",
        rows="prefectures",
        column="prefecture_id",
        distinct=False,
        widget=widget,
    )
