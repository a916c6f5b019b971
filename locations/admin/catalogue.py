"""Locations: the list fixers scan, the form grouped like a location manager's notes."""

from django import forms
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from locations.concurrency import OptimisticLockAdminMixin
from locations.models import Location, Photo
from locations.readings import suggest_readings

from .common import (
    AUDIT_FIELDS,
    PLACE_FIELDSET,
    AuditedAdminMixin,
    PublishWorkflowMixin,
    related_count,
)
from .imports import CatalogueImportExportMixin
from .photos import LocationPhotoInline, PhotoOwnerAdminMixin
from .search import NormalisedSearchMixin
from .verification import (
    ROUND_FIELDS,
    CheckedListFilter,
    VerificationAdminMixin,
    verification_fieldset,
)

READING_SUGGESTED = _(
    "Left empty, it is suggested from the Japanese name when you save. It is a computer's "
    "guess: check it, place names are often read irregularly (太秦 is Uzumasa)."
)


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields
        help_texts = {
            # format_lazy, not +: adding lazy strings translates them once, at import.
            "name_kana": format_lazy("{}{}", _("In hiragana: きんかくじ. "), READING_SUGGESTED),
            "name_romaji": format_lazy(
                "{}{}", _("Hepburn, as a visitor would type it: Kinkakuji. "), READING_SUGGESTED
            ),
        }

    def clean(self):
        cleaned = super().clean()
        name_ja = cleaned.get("name_ja")
        if name_ja:
            reading = suggest_readings(name_ja)
            for field, suggestion in (("name_kana", reading.kana), ("name_romaji", reading.romaji)):
                if field in self.fields and not cleaned.get(field):
                    cleaned[field] = suggestion
        return cleaned


@admin.register(Location)
class LocationAdmin(
    OptimisticLockAdminMixin,
    PhotoOwnerAdminMixin,
    VerificationAdminMixin,
    CatalogueImportExportMixin,
    PublishWorkflowMixin,
    AuditedAdminMixin,
    NormalisedSearchMixin,
    SimpleHistoryAdmin,
):
    form = LocationForm
    import_kind = "locations"
    list_display = (
        "name",
        "name_ja",
        "municipality",
        "prefecture",
        "category",
        "status",
        "photo_count",
        "checked",
        "updated_at",
    )
    list_select_related = ("prefecture", "category")
    list_filter = (
        "status",
        "prefecture__region",
        ("prefecture", admin.RelatedOnlyFieldListFilter),
        "category",
        "featured",
        "power",
        "drones",
        CheckedListFilter,
    )
    # Searching goes through the public keyword search (NormalisedSearchMixin); these make
    # the search box appear and document what it covers.
    search_fields = ("name", "name_ja", "name_kana", "name_romaji")
    search_help_text = _(
        "English or Japanese name, reading (kana or romaji), municipality, description, tag "
        "or prefecture. Case, width and katakana/hiragana do not matter."
    )
    autocomplete_fields = ("prefecture", "tags")
    readonly_fields = ("slug", *AUDIT_FIELDS, *ROUND_FIELDS)
    inlines = [LocationPhotoInline]
    actions = ["submit_for_review", "publish", "unpublish", "mark_checked", "export_selected"]
    list_per_page = 50
    save_on_top = True
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("name", "name_ja"),
                    ("name_kana", "name_romaji"),
                    ("category", "featured"),
                    "tags",
                    "ref",
                )
            },
        ),
        PLACE_FIELDSET,
        (_("Description"), {"fields": ("description", "description_ja")}),
        (
            _("Permits"),
            {"fields": ("permit_authority", "permit_lead_days", "permit_fees", "permit_notes")},
        ),
        (
            _("Production facts"),
            {
                "fields": (
                    "power",
                    ("parking_vehicles", "basecamp_trucks"),
                    "load_in",
                    ("noise_flight_path", "noise_trains", "noise_traffic"),
                    "noise_notes",
                    "view_facing",
                    "light_notes",
                )
            },
        ),
        (
            _("Access"),
            {"fields": ("nearest_station", "station_walk_minutes", "unit_move_notes")},
        ),
        (
            _("Restrictions"),
            {
                "fields": (
                    "filming_hours",
                    "drones",
                    "restrictions",
                    ("best_season", "best_time_of_day"),
                )
            },
        ),
        (
            _("Contact (private)"),
            {
                "description": _("Shown to signed-in staff only, never on the public site."),
                "fields": ("contact_name", "contact_phone", "contact_email", "private_property"),
            },
        ),
        (_("Status"), {"fields": ("status", "record_version")}),
        verification_fieldset("verified_on"),
        (_("Record"), {"classes": ("collapse",), "fields": ("slug", *AUDIT_FIELDS)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_photos=related_count(Photo, "location"))

    @admin.display(description=_("photos"), ordering="n_photos")
    def photo_count(self, obj):
        return obj.n_photos

    def get_search_results(self, request, queryset, search_term):
        """A spreadsheet's id (a station code) finds its place; else the public search."""
        term = search_term.strip()
        if term and queryset.filter(ref=term).exists():
            return queryset.filter(ref=term), False
        return super().get_search_results(request, queryset, search_term)
