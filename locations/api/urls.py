"""/api/: the read-only JSON API, its OpenAPI schema and the browsable documentation."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("locations/", views.LocationList.as_view(), name="locations"),
    path("locations/<slug:slug>/", views.LocationDetail.as_view(), name="location"),
    path("studios/", views.StudioList.as_view(), name="studios"),
    path("studios/<slug:slug>/", views.StudioDetail.as_view(), name="studio"),
    path("film-commissions/", views.FilmCommissionList.as_view(), name="film_commissions"),
    path("shortlists/<str:token>/", views.SharedShortlist.as_view(), name="shortlist"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
