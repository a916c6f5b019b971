"""A test-only admin site that uses every admin feature whose JavaScript could break under CSP.

The real admin (`locations/admin/`) is checked page by page too; this site makes sure the
generic machinery — inlines, autocomplete, prepopulated slugs, calendars, related-object
popups, filters, actions, date hierarchy, the optimistic lock's hidden field — runs under our
Content-Security-Policy whatever the real admin registers. The concurrency tests use it too.
"""

from django.contrib import admin
from django.urls import path

from locations.concurrency import OptimisticLockAdminMixin
from locations.models import Location, Photo, Soundstage, Studio, Tag
from scouting.urls import urlpatterns as site_urlpatterns

site = admin.AdminSite(name="csp_admin")


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ["image", "caption", "order", "is_cover"]
    extra = 1


class SoundstageInline(OptimisticLockAdminMixin, admin.StackedInline):
    model = Soundstage
    fields = ["name", "length_m", "width_m", "height_m", "tank", "verified_on"]
    extra = 1


@admin.register(Tag, site=site)
class TagAdmin(admin.ModelAdmin):
    fields = ["name"]  # the slug is made on save
    search_fields = ["name"]


@admin.register(Location, site=site)
class LocationAdmin(OptimisticLockAdminMixin, admin.ModelAdmin):
    list_display = ["name", "prefecture", "status", "updated_at"]
    list_filter = ["status", "prefecture__region"]
    search_fields = ["name", "name_ja"]
    date_hierarchy = "updated_at"
    fields = ["name", "name_ja", "slug", "category", "prefecture", "tags", "status", "verified_on"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["tags"]
    inlines = [PhotoInline]


@admin.register(Studio, site=site)
class StudioAdmin(OptimisticLockAdminMixin, admin.ModelAdmin):
    list_display = ["name", "prefecture", "status"]
    fields = ["name", "prefecture", "status", "verified_on"]
    inlines = [SoundstageInline]


urlpatterns = [path("csp-admin/", site.urls), *site_urlpatterns]
