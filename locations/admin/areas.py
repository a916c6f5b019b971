"""Regions and prefectures (read-only reference data), categories and tags."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locations.models import Category, Location, Prefecture, Region, Tag
from locations.search import normalize

from .common import ReadOnlyAdminMixin, related_count
from .search import NormalisedSearchMixin


@admin.register(Region)
class RegionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_ja", "slug", "order")


@admin.register(Prefecture)
class PrefectureAdmin(ReadOnlyAdminMixin, NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ("jis_code", "name_en", "name_ja", "region")
    list_filter = ("region",)
    list_select_related = ("region",)
    # Also serves the prefecture autocomplete on locations and studios.
    search_fields = ("name_en", "name_ja", "slug")
    list_per_page = 50

    @admin.display(description=_("JIS code"), ordering="code")
    def jis_code(self, obj):
        return obj.jis_code


@admin.register(Category)
class CategoryAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "name_ja", "slug")
    search_fields = ("name", "name_ja", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "location_count")
    # Also serves the tag autocomplete on locations (see get_search_results).
    search_fields = ("name",)
    search_help_text = _("Matches regardless of case, width, and katakana/hiragana.")
    fields = ("name", "slug")
    readonly_fields = ("slug",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_locations=related_count(Location, "tags"))

    @admin.display(description=_("locations"), ordering="n_locations")
    def location_count(self, obj):
        return obj.n_locations

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(
            Q(name__icontains=term) | Q(search_name__contains=normalize(term))
        ), False
