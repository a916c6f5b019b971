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
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from locations.models import Photo
from locations.photos.images import ACCEPT_ATTRIBUTE, GpsPosition, prepare_photo
from locations.photos.services import (
    add_photos,
    clear_cover,
    next_order,
    use_gps_position,
)
from locations.photos.thumbnails import (
    ADMIN_THUMBNAIL,
    THUMBNAILS,
    generate_thumbnails,
    thumbnail_url,
)

THUMBNAIL_WIDTH = 80  # CSS pixels; the file is the 480 × 360 card thumbnail
GPS_OFFERS_SESSION_KEY = "photo_gps_offers"
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


# Forms ------------------------------------------------------------------------------------


class PhotoForm(forms.ModelForm):
    """A photo's form (the inline rows and the photo page): a new file is validated and
    cleaned by locations.photos before it is saved."""

    image = forms.FileField(
        label=_("image"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_("JPEG, PNG, WebP or HEIC; the photo's location data is removed."),
    )

    class Meta:
        model = Photo
        fields = ("image", "location", "studio", "caption", "credit", "order", "is_cover")

    prepared = None  # the PreparedPhoto of a new upload, once clean

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is None or "image" not in self.changed_data:
            return upload
        self.prepared = prepare_photo(upload)
        return self.prepared.content


class PhotoInlineFormSet(forms.BaseInlineFormSet):
    """Ticking a new cover unticks the old one; ticking two new covers is an error."""

    def clean(self):
        super().clean()
        covers = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_cover") and form not in self.deleted_forms
        ]
        if len(covers) <= 1:
            return
        newly_ticked = [form for form in covers if "is_cover" in form.changed_data]
        if len(newly_ticked) != 1:
            raise ValidationError(
                _("Tick one photo as the cover (%(count)d are ticked)."),
                code="several_covers",
                params={"count": len(covers)},
            )
        for form in covers:
            if form is not newly_ticked[0]:
                form.cleaned_data["is_cover"] = False
                form.instance.is_cover = False

    @property
    def cover_form(self):
        """The form whose photo will be the cover, if one is ticked."""
        return next(
            (
                form
                for form in self.forms
                if form.cleaned_data.get("is_cover") and form not in self.deleted_forms
            ),
            None,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple> (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class PhotoUploadForm(forms.Form):
    """Many photos of one place at once; all are checked before any is stored."""

    images = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=Photo._meta.get_field("caption").max_length,
        required=False,
        help_text=_("For all of these photos (edit each one afterwards if they differ)."),
    )
    credit = forms.CharField(
        label=_("Credit"), max_length=Photo._meta.get_field("credit").max_length, required=False
    )
    first_is_cover = forms.BooleanField(
        label=_("Make the first of these photos the cover"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_mb = settings.PHOTO_MAX_UPLOAD_BYTES / (1024 * 1024)
        field = self.fields["images"]
        field.help_text = _(
            "Choose up to %(files)d files at a time: JPEG, PNG, WebP or HEIC, each at most "
            "%(mb)s MB. GPS data, camera details and comments are removed from the files."
        ) % {"files": settings.PHOTO_MAX_FILES_PER_REQUEST, "mb": f"{limit_mb:g}"}
        field.widget.attrs.update(
            {
                "data-max-files": settings.PHOTO_MAX_FILES_PER_REQUEST,
                "data-max-bytes": settings.PHOTO_MAX_UPLOAD_BYTES,
                "data-too-many": _("Choose at most %(files)d files at a time.")
                % {"files": settings.PHOTO_MAX_FILES_PER_REQUEST},
            }
        )
        self.prepared = []

    def clean_images(self):
        uploads = self.cleaned_data["images"]
        if len(uploads) > settings.PHOTO_MAX_FILES_PER_REQUEST:
            raise ValidationError(
                _("Choose at most %(max)d files at a time (you chose %(count)d)."),
                code="too_many_files",
                params={"max": settings.PHOTO_MAX_FILES_PER_REQUEST, "count": len(uploads)},
            )
        prepared, errors = [], []
        for upload in uploads:
            try:
                prepared.append(prepare_photo(upload))
            except ValidationError as error:
                errors.append(error)
        if errors:
            for item in prepared:
                item.content.close()
            errors.append(
                ValidationError(_("Nothing was saved: add the photos again without these."))
            )
            raise ValidationError(errors)
        self.prepared = prepared
        return uploads


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


# Upload, cover and GPS on the location and studio pages ----------------------------------


def _offers_key(owner) -> str:
    return f"{owner._meta.label_lower}:{owner.pk}"


def offer_gps(request, owner, photos_and_positions) -> int:
    """Remember, in the session, the GPS positions uploaded photos carried when `owner` has no
    coordinates, so the admin can offer them; returns how many are on offer."""
    if owner is None or owner.has_coordinates:
        return 0
    offers = request.session.get(GPS_OFFERS_SESSION_KEY, {})
    mine = offers.get(_offers_key(owner), [])
    outside = 0
    for photo, position in photos_and_positions:
        if position is None:
            continue
        if not position.in_japan:
            outside += 1
            continue
        mine.append(
            {"photo": photo.pk, "lat": str(position.latitude), "lng": str(position.longitude)}
        )
    if outside:
        messages.info(
            request,
            ngettext(
                "%(count)d photo has a GPS position outside Japan: it is not offered.",
                "%(count)d photos have GPS positions outside Japan: they are not offered.",
                outside,
            )
            % {"count": outside},
        )
    if mine:
        offers[_offers_key(owner)] = mine
        request.session[GPS_OFFERS_SESSION_KEY] = offers
    return len(mine)


def _gps_offers(request, owner) -> list[dict]:
    return request.session.get(GPS_OFFERS_SESSION_KEY, {}).get(_offers_key(owner), [])


def _forget_gps_offers(request, owner) -> None:
    offers = request.session.get(GPS_OFFERS_SESSION_KEY, {})
    if offers.pop(_offers_key(owner), None) is not None:
        request.session[GPS_OFFERS_SESSION_KEY] = offers


class PhotoOwnerAdminMixin:
    """For LocationAdmin and StudioAdmin: "Add photos" (multi-upload), the GPS offer, and
    cover/order/thumbnails for photos saved through the inline."""

    change_form_template = "admin/locations/change_form_photos.html"
    add_photos_template = "admin/locations/add_photos.html"
    photo_gps_template = "admin/locations/photo_gps.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/photos/add/",
                self.admin_site.admin_view(self.add_photos_view),
                name="{}_{}_add_photos".format(*info),
            ),
            path(
                "<path:object_id>/photos/gps/",
                self.admin_site.admin_view(self.photo_gps_view),
                name="{}_{}_photo_gps".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_add_photos_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj) and request.user.has_perm(
            "locations.add_photo"
        )

    def _url(self, view: str, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=[obj.pk])

    def _photo_owner(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        if not self.has_add_photos_permission(request, obj):
            raise PermissionDenied
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            "has_add_photos_permission": obj is not None
            and self.has_add_photos_permission(request, obj),
            "has_gps_offers": obj is not None
            and not obj.has_coordinates
            and bool(_gps_offers(request, obj)),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Photo:
            return super().save_formset(request, form, formset, change)
        owner = form.instance
        cover_form = formset.cover_form
        if cover_form is not None:
            clear_cover(owner, keep=cover_form.instance)
        new_forms = [f for f in formset.extra_forms if f.has_changed() and not f.errors]
        order = next_order(owner)
        for new_form in new_forms:
            if "order" not in new_form.changed_data:
                new_form.instance.order = order
                order += 1
        super().save_formset(request, form, formset, change)
        uploaded = [f for f in formset.forms if f.prepared is not None and f.instance.pk]
        for photo_form in uploaded:
            generate_thumbnails(photo_form.instance)
        offer_gps(request, owner, [(f.instance, f.prepared.gps) for f in uploaded])

    def response_change(self, request, obj):
        if _gps_offers(request, obj) and not obj.has_coordinates:
            self.message_user(request, _offer_message(), messages.INFO)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if _gps_offers(request, obj) and not obj.has_coordinates:
            self.message_user(request, _offer_message(), messages.INFO)
        return super().response_add(request, obj, post_url_continue)

    def add_photos_view(self, request, object_id):
        """Upload several photos of one location or studio at once."""
        owner = self._photo_owner(request, object_id)
        if request.method == "POST":
            form = PhotoUploadForm(request.POST, request.FILES)
            if form.is_valid():
                photos = add_photos(
                    owner=owner,
                    prepared=form.prepared,
                    caption=form.cleaned_data["caption"],
                    credit=form.cleaned_data["credit"],
                    user=request.user,
                    first_is_cover=form.cleaned_data["first_is_cover"],
                )
                count = len(photos)
                job_url = reverse("admin:locations_job_change", args=[photos[0].job.pk])
                self.message_user(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        ngettext(
                            "%(count)d photo added; its thumbnails are being made and it "
                            "shows on the site when they are ready.",
                            "%(count)d photos added; their thumbnails are being made and "
                            "they show on the site when they are ready.",
                            count,
                        )
                        % {"count": count},
                        job_url,
                        _("Follow the job"),
                    ),
                    messages.SUCCESS,
                )
                if offer_gps(request, owner, [(p, p.gps_position) for p in photos]):
                    return HttpResponseRedirect(self._url("photo_gps", owner))
                return HttpResponseRedirect(self._url("change", owner) + "#photos-group")
        else:
            form = PhotoUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add photos of %(name)s") % {"name": owner},
            "opts": self.opts,
            "original": owner,
            "form": form,
            "media": self.media + form.media + forms.Media(js=[ADMIN_JS]),
            "change_url": self._url("change", owner),
            "photo_count": Photo.objects.of(owner).count(),
        }
        return TemplateResponse(request, self.add_photos_template, context)

    def photo_gps_view(self, request, object_id):
        """Offer the GPS positions of photos just uploaded for a place without coordinates;
        POST applies the chosen one."""
        owner = self._photo_owner(request, object_id)
        change_url = self._url("change", owner)
        offers = _gps_offers(request, owner)
        if owner.has_coordinates or not offers:
            _forget_gps_offers(request, owner)
            if request.method == "POST":
                self.message_user(
                    request,
                    _("Nothing changed: this place already has coordinates."),
                    messages.WARNING,
                )
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            if "dismiss" in request.POST:
                _forget_gps_offers(request, owner)
                return HttpResponseRedirect(change_url)
            chosen = next((o for o in offers if str(o["photo"]) == request.POST.get("photo")), None)
            if chosen is None:
                return HttpResponseRedirect(self._url("photo_gps", owner))
            position = GpsPosition(Decimal(chosen["lat"]), Decimal(chosen["lng"]))
            if use_gps_position(owner=owner, position=position, user=request.user):
                self.message_user(
                    request,
                    _("Coordinates set from the photo’s GPS position (%(position)s).")
                    % {"position": position},
                    messages.SUCCESS,
                )
            _forget_gps_offers(request, owner)
            return HttpResponseRedirect(change_url)
        photos = Photo.objects.of(owner).in_bulk([o["photo"] for o in offers])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Use a photo’s GPS position?"),
            "opts": self.opts,
            "original": owner,
            "offers": [
                {"photo": photos[o["photo"]], "position": f"{o['lat']}, {o['lng']}"}
                for o in offers
                if o["photo"] in photos
            ],
            "change_url": change_url,
        }
        return TemplateResponse(request, self.photo_gps_template, context)


def _offer_message():
    return _(
        "A photo you added carries a GPS position and this place has no coordinates yet: "
        "use “Use a photo’s GPS position” at the top of the page to review it."
    )
