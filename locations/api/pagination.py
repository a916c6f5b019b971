"""Pages of the API's lists: the HTML lists' paginator and page sizes."""

from django.conf import settings
from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from locations.pagination import CappedPaginator


class CappedPagination(PageNumberPagination):
    """`?page=N` over the list pages' paginator (a capped count, no OFFSET over joins), with
    the same page size as the HTML list."""

    django_paginator_class = CappedPaginator
    last_page_strings = ()  # the page count is unknown past the cap
    template = None
    per_page_setting = "LOCATIONS_PER_PAGE"

    def get_page_size(self, request):
        return getattr(settings, self.per_page_setting)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            self.page = paginator.page(request.query_params.get(self.page_query_param) or 1)
        except InvalidPage as exc:
            raise NotFound(self.invalid_page_message) from exc
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_is_capped": self.page.paginator.count_is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_is_capped"] = {
            "type": "boolean",
            "description": "True when there are more matches than `count` (counting stops).",
        }
        response["required"] = [*response.get("required", []), "count_is_capped"]
        return response


class StudioPagination(CappedPagination):
    per_page_setting = "STUDIOS_PER_PAGE"


class CommissionPagination(CappedPagination):
    """The directory is one page on the site (about 60 offices): one or two here."""

    def get_page_size(self, request):
        return 50
