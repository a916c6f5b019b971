"""Public URLs: the query string of each list is its public, documented interface."""

from django.urls import path

from .views import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
]
