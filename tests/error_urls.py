"""Test-only URLs: views that fail in each way the error pages must cover."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.urls import path

from scouting.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("tampered input")


def shared(request, token):
    return HttpResponse("shared page")


urlpatterns = [
    path("test/boom/", boom),
    path("test/forbidden/", forbidden),
    path("test/suspicious/", suspicious),
    path("test/shared/<str:token>/", shared),
    *site_urlpatterns,
]
