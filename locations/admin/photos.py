"""Photos: inlines under locations and studios, and a list of all photos.

Kept deliberately simple (the image's own URL as a thumbnail); the photo work replaces this
module with generated thumbnails and multi-upload.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from locations.models import Photo

THUMBNAIL_HEIGHT = 60


def thumbnail(photo: Photo | None) -> str:
    """A small <img> of a saved photo, or a dash."""
    if photo is None or photo.pk is None or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" height="{}" loading="lazy">',
        photo.image.url,
        photo.alt_text,
        THUMBNAIL_HEIGHT,
    )


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ("preview", "image", "caption", "credit", "order", "is_cover")
    readonly_fields = ("preview",)
    extra = 1

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)


class LocationPhotoInline(PhotoInline):
    fk_name = "location"


class StudioPhotoInline(PhotoInline):
    fk_name = "studio"


class OwnerFilter(admin.SimpleListFilter):
    title = _("photo of")
    parameter_name = "of"

    def lookups(self, request, model_admin):
        return [("location", _("a location")), ("studio", _("a studio"))]

    def queryset(self, request, queryset):
        if self.value() == "location":
            return queryset.filter(location__isnull=False)
        if self.value() == "studio":
            return queryset.filter(studio__isnull=False)
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ("preview", "__str__", "location", "studio", "order", "is_cover", "created_at")
    list_display_links = ("preview", "__str__")
    list_select_related = ("location", "studio")
    list_filter = (OwnerFilter, "is_cover")
    search_fields = ("caption", "credit", "location__name", "location__name_ja", "studio__name")
    autocomplete_fields = ("location", "studio")
    fields = ("preview", "image", "location", "studio", "caption", "credit", "order", "is_cover")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)
