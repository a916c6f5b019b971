"""What every list's FilterSet shares: blank parameters ignored, one keyword search."""

import django_filters
from django.http import QueryDict


def without_blanks(query: QueryDict) -> QueryDict:
    """A mutable copy of `query` without empty values (an empty form field means "any")."""
    result = QueryDict(mutable=True)
    for key, values in query.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            result.setlist(key, kept)
    return result


class ListFilterSet(django_filters.FilterSet):
    """The base of each public list's FilterSet (pages and /api/ alike).

    Blank parameters (`?q=&prefecture=&min_width=`: an emptied field, a hand-edited link)
    mean "any" on every list: they are dropped before the form sees them, so no list refuses
    one that another ignores. `q` runs the one keyword search (locations.search) through
    the queryset's `.search()`.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = self.with_defaults(without_blanks(data))
        super().__init__(data, *args, **kwargs)

    def with_defaults(self, data: QueryDict) -> QueryDict:
        """Fill defaults into the blank-free, mutable query before it is bound (a hook)."""
        return data

    def filter_q(self, queryset, name, value):
        """The shared keyword search; blank input leaves the queryset untouched."""
        return queryset.search(value) if value else queryset

    def filter_nothing(self, queryset, name, value):
        """For parameters that `filter_queryset` applies together (sizes, near + sort)."""
        return queryset
