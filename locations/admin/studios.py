"""Studios with their stages inline, stages on their own, and reference stages abroad."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from locations.concurrency import OptimisticLockAdminMixin
from locations.models import ReferenceStage, Soundstage, Studio

from .common import PLACE_FIELDSET
from .photos import StudioPhotoInline
from .places import CLOSING_FIELDSETS, PlaceAdmin
from .search import NormalisedSearchMixin
from .verification import CheckedListFilter


def describe_area(stage: Soundstage | None) -> str:
    """ "1,000.0 m² (length × width)" or "900.0 m² (entered)"; a dash when unknown."""
    area = stage.area if stage is not None else None
    if area is None:
        return "—"
    how = _("length × width") if stage.area_is_computed else _("entered")
    return f"{area:,.1f} m² ({how})"


class SoundstageInline(OptimisticLockAdminMixin, admin.TabularInline):
    model = Soundstage
    fields = (
        "name",
        "length_m",
        "width_m",
        "height_m",
        "area_m2",
        "floor_area",
        "tank",
        "cyclorama",
        "soundproofed",
        "power_kva",
        "order",
    )
    readonly_fields = ("floor_area",)
    extra = 1
    show_change_link = True  # doors, notes and source are on the stage's own page

    def get_queryset(self, request):
        # Each row's title (Soundstage.__str__) names its studio.
        return super().get_queryset(request).select_related("studio")

    @admin.display(description=_("floor area used"))
    def floor_area(self, obj):
        return describe_area(obj)


@admin.register(Studio)
class StudioAdmin(PlaceAdmin):
    photo_owner = "studio"
    import_kind = "studios"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "name",
        "name_ja",
        "prefecture",
        "status",
        "stage_count",
        "largest_stage",
        "photo_count",
        "is_sample",
        "checked",
        "updated_at",
    )
    list_select_related = ("prefecture",)
    list_filter = ("status", "prefecture__region", "is_sample", "has_backlot", CheckedListFilter)
    search_fields = ("name", "name_ja", "company")
    search_help_text = _(
        "English or Japanese name, company, municipality, description or prefecture."
    )
    autocomplete_fields = ("prefecture",)
    inlines = [SoundstageInline, StudioPhotoInline]
    fieldsets = (
        (None, {"fields": (("name", "name_ja"), "company", "website")}),
        PLACE_FIELDSET,
        (_("Description"), {"fields": ("description", "description_ja")}),
        (
            _("Facilities"),
            {
                "fields": (
                    ("has_backlot", "has_workshops", "has_offices", "has_dressing_rooms"),
                    "parking_vehicles",
                    "facilities_notes",
                )
            },
        ),
        (
            _("Contact (private)"),
            {
                "description": _("Shown to signed-in staff only, never on the public site."),
                "fields": ("contact_name", "contact_phone", "contact_email"),
            },
        ),
        (_("Source"), {"fields": ("source", "is_sample")}),
        *CLOSING_FIELDSETS,
    )

    @admin.display(description=_("largest stage (m²)"), ordering="largest_stage_m2")
    def largest_stage(self, obj):
        return f"{obj.largest_stage_m2:,.0f}" if obj.largest_stage_m2 is not None else "—"


@admin.register(Soundstage)
class SoundstageAdmin(OptimisticLockAdminMixin, NormalisedSearchMixin, SimpleHistoryAdmin):
    list_display = (
        "name",
        "studio",
        "length_m",
        "width_m",
        "height_m",
        "floor_area_m2",
        "tank",
        "cyclorama",
        "is_sample",
    )
    list_select_related = ("studio",)
    list_filter = ("tank", "cyclorama", "soundproofed", "is_sample", "studio__prefecture__region")
    search_fields = ("name", "studio__name", "studio__name_ja")
    autocomplete_fields = ("studio",)
    readonly_fields = ("floor_area",)
    fieldsets = (
        (None, {"fields": ("studio", "name", "order")}),
        (
            _("Size"),
            {"fields": (("length_m", "width_m", "height_m"), "area_m2", "floor_area")},
        ),
        (
            _("Features"),
            {
                "fields": (
                    ("tank", "cyclorama", "soundproofed"),
                    "power_kva",
                    ("door_width_m", "door_height_m"),
                    "notes",
                )
            },
        ),
        (_("Source"), {"fields": ("source", "verified_on", "is_sample")}),
    )

    @admin.display(description=_("floor area used"))
    def floor_area(self, obj):
        return describe_area(obj)


@admin.register(ReferenceStage)
class ReferenceStageAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = (
        "studio",
        "name",
        "country",
        "length_m",
        "width_m",
        "height_m",
        "area_m2",
        "verified_on",
    )
    list_filter = ("country",)
    search_fields = ("studio", "name", "city")
