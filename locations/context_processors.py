"""Template context every page needs."""

from django.conf import settings


def site(request):
    """Map tile settings for the map widgets."""
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
