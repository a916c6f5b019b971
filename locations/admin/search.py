"""The admin's search boxes search as the public lists do (locations.search)."""

import unicodedata

from locations.search import KeywordSearchMixin


class NormalisedSearchMixin:
    """ModelAdmin mixin for the changelist's (and the autocomplete's) search box.

    On the catalogue's searchable models (locations, studios, film commissions: their
    querysets have the shared `.search()`) it is the public keyword search, so fixers find
    what visitors find: ｷｮｳﾄ, ｋｙｏｔｏ, きょうと, kyoto and 京都 all find Kyoto. On other
    models the term is width-folded (NFKC: ｋｙｏｔｏ → kyoto) and Django searches
    `search_fields` as usual. A blank box changes nothing.
    """

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if isinstance(queryset, KeywordSearchMixin):
            return queryset.search(term), False
        folded = unicodedata.normalize("NFKC", term)
        return super().get_search_results(request, queryset, folded)
