"""Photos in the admin: several at once for a location or a studio, order, cover, GPS.

- "Add photos" (a button on a location's or studio's page) takes many files in one go; every
  file is checked before any is stored, and a refused file is named with the reason.
- The photo inline under a location or studio shows thumbnails; rows are reordered by
  dragging (or by their order numbers) and the cover is ticked there: ticking a new cover
  unticks the old one.
- When a place has no coordinates yet and an uploaded photo carried a GPS position, the admin
  offers "Use this photo's GPS position"; nothing is applied unless the fixer clicks it. The
  position waits in the fixer's session, never in the photo (its file has no EXIF left).

Every upload goes through locations.photos (validation, clean re-encoding, thumbnails).

Forms are in photo_forms.py, the session's GPS offers in photo_gps.py, and the pages on a
location's or studio's admin (PhotoOwnerAdminMixin) in photo_pages.py.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from locations.models import Photo
from locations.photos.services import clear_cover, next_order
from locations.photos.thumbnails import (
    ADMIN_THUMBNAIL,
    THUMBNAILS,
    generate_thumbnails,
    thumbnail_url,
)

from .photo_forms import PhotoForm, PhotoInlineFormSet
from .photo_gps import offer_gps

THUMBNAIL_WIDTH = 80  # CSS pixels; the file is the 480 × 360 card thumbnail
ADMIN_JS = "js/admin/photos.js"


def thumbnail(photo: Photo | None) -> str:
    """A small <img> of a saved photo (its card thumbnail, never the original), or a dash."""
    if photo is None or photo.pk is None or not photo.image:
        return "—"
    if not photo.thumbnails_ready:
        return format_html('<span class="photo-pending">{}</span>', _("Thumbnail being made…"))
    spec = THUMBNAILS[ADMIN_THUMBNAIL]
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" class="photo-thumbnail">',
        thumbnail_url(photo, ADMIN_THUMBNAIL),
        photo.alt_text,
        THUMBNAIL_WIDTH,
        round(THUMBNAIL_WIDTH * spec.height / spec.width),
    )


# Inlines and the photo list ---------------------------------------------------------------


class PhotoInline(admin.TabularInline):
    model = Photo
    form = PhotoForm
    formset = PhotoInlineFormSet
    fields = ("preview", "image", "caption", "credit", "order", "is_cover")
    readonly_fields = ("preview",)
    extra = 0
    classes = ("photo-inline",)

    class Media:
        js = (ADMIN_JS,)

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
    form = PhotoForm
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

    def save_model(self, request, obj, form, change):
        if not change and "order" not in form.changed_data:
            obj.order = next_order(obj.owner)
        if obj.is_cover:
            clear_cover(obj.owner, keep=obj)
        super().save_model(request, obj, form, change)
        if form.prepared is not None:
            generate_thumbnails(obj)
            offer_gps(request, obj.owner, [(obj, form.prepared.gps)])
