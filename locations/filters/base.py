"""What every list's FilterSet shares: blank parameters ignored, one keyword search."""

import copy

import django_filters
from django.http import QueryDict
from django_filters.filterset import FilterSetMetaclass


def without_blanks(query: QueryDict) -> QueryDict:
    """A mutable copy of `query` without empty values (an empty form field means "any")."""
    result = QueryDict(mutable=True)
    for key, values in query.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            result.setlist(key, kept)
    return result


class _SharedFilters(dict):
    """A FilterSet's `base_filters`, copied one level deep for each FilterSet.

    django-filter deep-copies every filter (its widget, queryset, lazy label) on every
    request, to set the copy's `model` and `parent`; ours keep no other state of their own,
    so a shallow copy of each (with its own `extra` and method binding) is the same for a
    tenth of the work.
    """

    def __deepcopy__(self, memo):
        return {name: _copy_filter(filter_) for name, filter_ in self.items()}


def _copy_filter(filter_):
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    if filter_.method is not None:
        # A filter with a method calls it through a FilterMethod that refers to its filter
        # (and so to that filter's FilterSet): the copy gets one of its own.
        copied.method = filter_.method
    return copied


class _ListFilterSetMetaclass(FilterSetMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_filters = _SharedFilters(new_class.base_filters)
        return new_class


class ListFilterSet(django_filters.FilterSet, metaclass=_ListFilterSetMetaclass):
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

    def get_form_class(self):
        """The form class, built once per FilterSet class instead of once per request.

        django-filter builds a new class, and a new field for every filter, on every request.
        Ours are static: every filter has its own label (lazy: translated as rendered) and no
        queryset depends on the request. Each form still deep-copies the fields it binds, so
        no request sees another's.
        """
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class  # a race builds the same class twice: harmless
        return form_class

    def with_defaults(self, data: QueryDict) -> QueryDict:
        """Fill defaults into the blank-free, mutable query before it is bound (a hook)."""
        return data

    def filter_q(self, queryset, name, value):
        """The shared keyword search; blank input leaves the queryset untouched."""
        return queryset.search(value) if value else queryset

    def filter_nothing(self, queryset, name, value):
        """For parameters that `filter_queryset` applies together (sizes, near + sort)."""
        return queryset
