"""Public URLs. The query string of each list is its public, documented interface."""

from django.urls import include, path

from .views import catalogue, commissions, health, incentives, studios

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

incentive_patterns = [
    path("incentives/", incentives.calculator, name="calculator"),
]

film_commission_patterns = [
    path("film-commissions/", commissions.directory, name="list"),
]

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("", include((location_patterns, "locations"))),
    path("", include((studio_patterns, "studios"))),
    path("", include((incentive_patterns, "incentives"))),
    path("", include((film_commission_patterns, "film_commissions"))),
]
