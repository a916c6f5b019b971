"""Admin for the incentive programme and the film-commission directory.

Editors change the programme's figures (they change every year); Fixers can read them.
Fixers and Editors both keep the film commissions up to date (see migration 0004).
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from locations.models import (
    ApplicationWindow,
    FilmCommission,
    IncentiveProgramme,
    IncentiveThreshold,
)

from .search import NormalisedSearchMixin


class IncentiveThresholdInline(admin.TabularInline):
    model = IncentiveThreshold
    extra = 0
    fields = [
        "order",
        "description",
        "description_ja",
        "japan_spend_over_yen",
        "total_budget_over_yen",
        "release_countries_over",
        "source",
        "verified_on",
    ]


class ApplicationWindowInline(admin.TabularInline):
    model = ApplicationWindow
    extra = 0
    fields = ["label", "label_ja", "opens_on", "closes_on", "source", "verified_on"]


@admin.register(IncentiveProgramme)
class IncentiveProgrammeAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "rate_percent", "cap_yen", "verified_on", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_ja", "operator", "operator_ja"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [IncentiveThresholdInline, ApplicationWindowInline]
    fieldsets = [
        (None, {"fields": ["name", "name_ja", "slug", "operator", "operator_ja", "website"]}),
        (
            _("Rate and cap"),
            {
                "fields": ["rate_percent", "rate_source", "cap_yen", "cap_source"],
                "description": _(
                    "Each figure with where it was read. When sources disagree, say so in the "
                    "source field: visitors see it next to the figure."
                ),
            },
        ),
        (
            _("Who may apply and what qualifies"),
            {
                "fields": [
                    "eligibility",
                    "eligibility_ja",
                    "qualifying",
                    "qualifying_ja",
                    "non_qualifying",
                    "non_qualifying_ja",
                ]
            },
        ),
        (_("Sources"), {"fields": ["source", "verified_on", "notes", "notes_ja", "is_active"]}),
    ]


@admin.register(IncentiveThreshold)
class IncentiveThresholdAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = [
        "description",
        "programme",
        "japan_spend_over_yen",
        "total_budget_over_yen",
        "release_countries_over",
        "verified_on",
    ]
    list_select_related = ["programme"]
    list_filter = ["programme"]
    search_fields = ["description", "description_ja"]


@admin.register(ApplicationWindow)
class ApplicationWindowAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ["label", "programme", "opens_on", "closes_on", "verified_on"]
    list_select_related = ["programme"]
    list_filter = ["programme"]
    date_hierarchy = "opens_on"
    search_fields = ["label", "label_ja"]


@admin.register(FilmCommission)
class FilmCommissionAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "name_ja",
        "prefecture",
        "city",
        "permit_lead_days",
        "languages",
        "verified_on",
    ]
    list_select_related = ["prefecture"]
    list_filter = ["prefecture__region", "prefecture"]
    # Searching goes through the public keyword search (NormalisedSearchMixin); these make
    # the search box appear.
    search_fields = ["name", "name_ja", "city", "city_ja"]
    search_help_text = _(
        "English or Japanese name, city or prefecture. Case, width and katakana/hiragana "
        "do not matter."
    )
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["name", "name_ja", "slug"]}),
        (
            _("Area covered"),
            {
                "fields": ["prefecture", "city", "city_ja"],
                "description": _(
                    "No prefecture: a national body. A prefecture without a city: the whole "
                    "prefecture. A city: only that city (write it as in the locations' "
                    "municipality, e.g. Kobe)."
                ),
            },
        ),
        (_("Contact"), {"fields": ["website", "email", "phone", "languages"]}),
        (_("Permits"), {"fields": ["permit_lead_days", "notes", "notes_ja"]}),
        (_("Sources"), {"fields": ["source", "verified_on"]}),
    ]
