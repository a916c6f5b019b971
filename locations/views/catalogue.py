"""Public location pages (placeholder until the browse-and-search work lands)."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from locations.models import Location


def home(request):
    return render(request, "placeholder.html", {"title": "Rokehan"})


def location_list(request):
    return render(request, "placeholder.html", {"title": "Locations"})


def location_detail(request, slug):
    location = get_object_or_404(Location.objects.visible_to(request.user), slug=slug)
    return render(request, "placeholder.html", {"title": location.name})


def locations_geojson(request):
    return JsonResponse({"type": "FeatureCollection", "features": []})
