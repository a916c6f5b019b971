"""Public URLs. The query string of each list is its public, documented interface."""

from django.urls import include, path, register_converter

from .views import (
    catalogue,
    commissions,
    field_files,
    health,
    incentives,
    itineraries,
    sharing,
    shortlists,
    studios,
    submissions,
    verification,
)

register_converter(field_files.FieldFormatConverter, "field_format")

location_patterns = [
    path("locations/", catalogue.location_list, name="list"),
    # Before the detail route; "submit" is no place's slug (models.locations.RESERVED_SLUGS).
    path("locations/submit/", submissions.submit, name="submit"),
    path("locations/submit/thanks/", submissions.submit_thanks, name="submit_thanks"),
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

itinerary_patterns = [
    path("itineraries/", itineraries.itinerary_list, name="list"),
    path("itineraries/shared/<str:token>/", itineraries.itinerary_shared, name="shared"),
    path(
        "itineraries/shared/<str:token>/calendar.ics",
        itineraries.itinerary_shared_ics,
        name="shared_ics",
    ),
    path(
        "itineraries/shared/<str:token>/package/",
        itineraries.itinerary_shared_package,
        name="shared_package",
    ),
    path(
        "itineraries/shared/<str:token>/tour.<field_format:fmt>",
        field_files.itinerary_shared_file,
        name="shared_file",
    ),
    path("itineraries/<slug:slug>.ics", itineraries.itinerary_ics, name="ics"),
    path("itineraries/<slug:slug>.<field_format:fmt>", field_files.itinerary_file, name="file"),
    path("itineraries/<slug:slug>/", itineraries.itinerary_detail, name="detail"),
    path("itineraries/<slug:slug>/package/", itineraries.itinerary_package, name="package"),
]

shortlist_patterns = [
    path("shortlists/", shortlists.shortlist_list, name="list"),
    path("shortlists/add/", shortlists.shortlist_add, name="add"),
    path("shortlists/shared/<str:token>/", sharing.shortlist_shared, name="shared"),
    path(
        "shortlists/shared/<str:token>/package/",
        sharing.shortlist_shared_package,
        name="shared_package",
    ),
    path(
        "shortlists/shared/<str:token>/shortlist.<field_format:fmt>",
        field_files.shortlist_shared_file,
        name="shared_file",
    ),
    path(
        "shortlists/shared/<str:token>/items/<int:item_pk>/reply/",
        sharing.reply,
        name="reply",
    ),
    path("shortlists/<int:pk>/", shortlists.shortlist_detail, name="detail"),
    path(
        "shortlists/<int:pk>/shortlist.<field_format:fmt>", field_files.shortlist_file, name="file"
    ),
    path("shortlists/<int:pk>/package/", shortlists.shortlist_package, name="package"),
    path("shortlists/<int:pk>/share/", shortlists.shortlist_regenerate_link, name="regenerate"),
    path("shortlists/<int:pk>/share/settings/", sharing.share_settings, name="share_settings"),
    path("shortlists/<int:pk>/share/revoke/", sharing.share_revoke, name="revoke"),
    path("shortlists/<int:pk>/delete/", shortlists.shortlist_delete, name="delete"),
    path("shortlists/<int:pk>/itinerary/", shortlists.shortlist_to_itinerary, name="itinerary"),
    path("shortlists/<int:pk>/items/<int:item_pk>/", shortlists.item_update, name="item"),
    path("shortlists/<int:pk>/items/<int:item_pk>/move/", shortlists.item_move, name="move"),
    path("shortlists/<int:pk>/items/<int:item_pk>/remove/", shortlists.item_remove, name="remove"),
]

# The owner's confirmation link (e-mailed by manage.py request_verification).
verification_patterns = [
    path("check/<str:token>/", verification.check, name="check"),
    path("check/<str:token>/confirm/", verification.confirm_record, name="confirm"),
    path("check/<str:token>/changes/", verification.request_changes, name="changes"),
]

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("", include((location_patterns, "locations"))),
    path("", include((studio_patterns, "studios"))),
    path("", include((incentive_patterns, "incentives"))),
    path("", include((film_commission_patterns, "film_commissions"))),
    path("", include((itinerary_patterns, "itineraries"))),
    path("", include((shortlist_patterns, "shortlists"))),
    path("", include((verification_patterns, "verification"))),
]
