"""Photos of locations and studios: storage names, gallery order, one cover per owner."""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locations.photos.thumbnails import spec_field

from .common import owner_fields


def photo_upload_to(instance, filename: str) -> str:
    """Unguessable storage names; never the uploader's file name (it can leak names/places).

    The extension is the one of `filename`: the photo service passes `photo.jpg` or
    `photo.png` for what it re-encoded, so the stored name matches the stored format."""
    suffix = PurePath(filename).suffix.lower() or ".jpg"
    return f"photos/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{suffix}"


class PhotoQuerySet(models.QuerySet):
    def for_gallery(self):
        """The photos pages show (their thumbnails are made), cover first, then the
        fixers' order."""
        return self.filter(thumbnails_ready=True).order_by("-is_cover", "order", "pk")

    def public(self):
        """Photos anyone may see: all but those of private properties (client packages only)."""
        return self.exclude(location__private_property=True)

    def of(self, owner):
        """The photos of a location or a studio."""
        return self.filter(**{owner._meta.model_name: owner})


class Photo(models.Model):
    """A photo of a location or of a studio (exactly one of the two)."""

    location, studio = owner_fields("photos")
    image = models.ImageField(
        _("image"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows; also its alt text for screen readers."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller first; drag the rows to reorder.")
    )
    is_cover = models.BooleanField(
        _("cover"),
        default=False,
        help_text=_("The photo shown on cards and first in the gallery (one per place)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # False while a background job makes the thumbnails of an upload: pages link only to
    # thumbnails, so they leave the photo out until then.
    thumbnails_ready = models.BooleanField(_("thumbnails made"), default=True, editable=False)

    # WebP thumbnails (django-imagekit; sizes and generation in locations.photos.thumbnails).
    # Made when a photo is saved through locations.photos.services or the admin.
    card_480 = spec_field("card_480")
    card_960 = spec_field("card_960")
    gallery_800 = spec_field("gallery_800")
    full_1600 = spec_field("full_1600")
    full_2048 = spec_field("full_2048")

    # Set by locations.photos.services.add_photo on the photo it returns: the GPS position
    # the upload carried, for the admin to offer. Never stored (the file is stripped of it).
    gps_position = None

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_one_owner",
                condition=Q(location__isnull=False, studio__isnull=True)
                | Q(location__isnull=True, studio__isnull=False),
                violation_error_message=_("A photo belongs to one location or one studio."),
            ),
            # One cover per location and per studio (set_cover moves it).
            models.UniqueConstraint(
                fields=["location"],
                condition=Q(is_cover=True, location__isnull=False),
                name="%(app_label)s_%(class)s_one_cover_per_location",
                violation_error_message=_("This location already has a cover photo."),
            ),
            models.UniqueConstraint(
                fields=["studio"],
                condition=Q(is_cover=True, studio__isnull=False),
                name="%(app_label)s_%(class)s_one_cover_per_studio",
                violation_error_message=_("This studio already has a cover photo."),
            ),
        ]

    def __str__(self):
        return self.caption or self.image.name

    def validate_constraints(self, exclude=None):
        # One cover per owner is settled where covers are chosen (set_cover, the admin's
        # photo formset: a newly ticked cover replaces the old one), not form by form; the
        # database constraint still guards it.
        super().validate_constraints(exclude={*(exclude or ()), "is_cover"})

    @property
    def owner(self):
        return self.location or self.studio

    @property
    def alt_text(self) -> str:
        owner = self.owner
        return self.caption or (str(owner) if owner else "")
