"""Public studio pages (placeholder until the browse-and-search work lands)."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from locations.models import Studio


def studio_list(request):
    return render(request, "placeholder.html", {"title": "Studios"})


def studio_detail(request, slug):
    studio = get_object_or_404(Studio.objects.visible_to(request.user), slug=slug)
    return render(request, "placeholder.html", {"title": studio.name})


def stage_compare(request):
    return render(request, "placeholder.html", {"title": "Compare stages"})


def studios_geojson(request):
    return JsonResponse({"type": "FeatureCollection", "features": []})
