"""Public URLs. The query string of each list is its public, documented interface."""

from django.urls import include, path

from .views import catalogue, health, studios

location_patterns = [
    path("locations/", catalogue.location_list, name="list"),
    path("locations/<slug:slug>/", catalogue.location_detail, name="detail"),
    path("locations.geojson", catalogue.locations_geojson, name="geojson"),
]

studio_patterns = [
    path("studios/", studios.studio_list, name="list"),
    path("studios/compare/", studios.stage_compare, name="compare"),
    path("studios/<slug:slug>/", studios.studio_detail, name="detail"),
    path("studios.geojson", studios.studios_geojson, name="geojson"),
]

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("", include((location_patterns, "locations"))),
    path("", include((studio_patterns, "studios"))),
]
