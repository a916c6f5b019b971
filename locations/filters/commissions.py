"""The filters of the film-commission directory (parameters: locations.filters)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locations.models import FilmCommission, Prefecture

from .base import ListFilterSet
from .fields import LocalNameFilter, keyword_filter


class FilmCommissionFilterSet(ListFilterSet):
    """The filters of /film-commissions/ (parameters: locations.filters)."""

    q = keyword_filter(_("Search"))
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

    def in_prefecture(self, queryset, name, value):
        """The prefecture's own offices, plus the national bodies that cover it too."""
        if value is None:
            return queryset
        return queryset.filter(Q(prefecture=value) | Q(prefecture__isnull=True))
