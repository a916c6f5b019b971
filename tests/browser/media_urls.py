"""The site's URLs plus uploaded media, for the live server (DEBUG is off in tests)."""

from django.conf import settings
from django.urls import include, path
from django.views.static import serve


def media(request, path):
    # MEDIA_ROOT is a fresh temporary folder per test: read it per request.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path(settings.MEDIA_URL.lstrip("/") + "<path:path>", media),
    path("", include("scouting.urls")),
]
