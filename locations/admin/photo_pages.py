"""The photo pages of a location's or studio's admin: "Add photos" (multi-upload), the GPS
offer, and cover, order and thumbnails for photos saved through the inline."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from locations.models import Photo
from locations.photos.images import GpsPosition
from locations.photos.services import add_photos, clear_cover, next_order, use_gps_position
from locations.photos.thumbnails import generate_thumbnails

from .photo_forms import PhotoUploadForm
from .photo_gps import forget_gps_offers, gps_offers, offer_gps, offer_message
from .photos import ADMIN_JS


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
            and bool(gps_offers(request, obj)),
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
        if gps_offers(request, obj) and not obj.has_coordinates:
            self.message_user(request, offer_message(), messages.INFO)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if gps_offers(request, obj) and not obj.has_coordinates:
            self.message_user(request, offer_message(), messages.INFO)
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
        offers = gps_offers(request, owner)
        if owner.has_coordinates or not offers:
            forget_gps_offers(request, owner)
            if request.method == "POST":
                self.message_user(
                    request,
                    _("Nothing changed: this place already has coordinates."),
                    messages.WARNING,
                )
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            if "dismiss" in request.POST:
                forget_gps_offers(request, owner)
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
            forget_gps_offers(request, owner)
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
