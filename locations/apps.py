from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    """The catalogue: locations, studios, stages, photos (and later itineraries)."""

    name = "locations"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # `logging`: sign-in, sign-out and lockout log lines (receivers connect on import).
        from locations import caching, logging, signals  # noqa: F401

        caching.connect_signals()
        signals.connect_signals()
