"""FilterSets of the public lists: one per list. The query string is the public interface,
so parameter names are a documented contract (shared links must keep working).

/film-commissions/ takes:
    q           keywords (English or Japanese name, city; width- and case-insensitive)
    prefecture  prefecture slug: that prefecture's commissions plus the national ones
"""

import unicodedata

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locations.models import FilmCommission, Prefecture

MAX_QUERY_LENGTH = 200


class FilmCommissionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=MAX_QUERY_LENGTH)
    prefecture = django_filters.ModelChoiceFilter(
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
