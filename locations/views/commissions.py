"""The film-commission directory: who to ask about filming and permits, region by region."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from locations.filters import FilmCommissionFilterSet
from locations.models import FilmCommission
from locations.ratelimits import rate_limited


@rate_limited("search")
@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    """GET /film-commissions/?prefecture=kyoto&q=…: national first, then north to south."""
    filterset = FilmCommissionFilterSet(
        request.GET, queryset=FilmCommission.objects.for_directory()
    )
    commissions = filterset.qs if filterset.is_valid() else FilmCommission.objects.none()
    return render(
        request,
        "film_commissions/list.html",
        {"filter": filterset, "commissions": commissions},
    )
