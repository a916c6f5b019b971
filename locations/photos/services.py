"""Writing photos: the admin and the demo loader add photos, move covers and use GPS here.

A photo's file and its thumbnails live in media storage, its row in the database; these
functions keep the two together: files are written only after the upload was accepted, and
removed again when the save fails, so a refused or failed upload leaves nothing behind.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from locations.models import Location, Photo, Studio

from .images import GpsPosition, PreparedPhoto, prepare_photo
from .thumbnails import THUMBNAILS, generate_thumbnails

logger = logging.getLogger(__name__)

Owner = Location | Studio


def _owner_field(owner: Owner) -> str:
    if not isinstance(owner, Location | Studio) or owner.pk is None:
        raise TypeError(f"A photo belongs to a saved Location or Studio, not {owner!r}.")
    return owner._meta.model_name


def next_order(owner: Owner) -> int:
    """The order value that puts a new photo after the owner's others."""
    last = Photo.objects.of(owner).aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def add_photo(
    *,
    owner: Owner,
    uploaded_file,
    caption: str = "",
    credit: str = "",
    user=None,
    is_cover: bool = False,
    order: int | None = None,
    thumbnails_later: bool = False,
) -> Photo:
    """Validate, clean, store and thumbnail one photo of a location or a studio.

    `uploaded_file` is a file as uploaded (validated and cleaned here: a refused file raises
    ValidationError and nothing is stored), or the PreparedPhoto that `prepare_photo` made of
    it (the admin checks a whole batch before storing any). The photo goes after the owner's
    others unless `order` is given; `is_cover` makes it the cover (the old one stops being
    it). Returns the saved photo with its thumbnails made, and `photo.gps_position` set to
    the GPS position the upload carried (or None): it is not stored anywhere.

    With `thumbnails_later`, the thumbnails are left to a background job (see `add_photos`):
    the photo is saved with `thumbnails_ready=False`, so pages leave it out until then.
    """
    field = _owner_field(owner)
    prepared = (
        uploaded_file if isinstance(uploaded_file, PreparedPhoto) else prepare_photo(uploaded_file)
    )
    photo = Photo(
        **{field: owner},
        caption=caption,
        credit=credit,
        order=next_order(owner) if order is None else order,
        thumbnails_ready=not thumbnails_later,
    )
    try:
        with transaction.atomic():
            if is_cover:
                clear_cover(owner)
                photo.is_cover = True
            photo.image.save(prepared.content.name, prepared.content, save=True)
            if not thumbnails_later:
                generate_thumbnails(photo)
    except Exception:
        delete_files(photo)
        raise
    finally:
        prepared.content.close()
    photo.gps_position = prepared.gps
    logger.info(
        "photo_added photo=%s %s=%s user=%s gps=%s",
        photo.pk,
        field,
        owner.pk,
        getattr(user, "pk", None),
        "yes" if prepared.gps else "no",
    )
    return photo


def add_photos(
    *,
    owner: Owner,
    prepared: Iterable[PreparedPhoto],
    caption: str = "",
    credit: str = "",
    user=None,
    first_is_cover: bool = False,
) -> list[Photo]:
    """Store a batch that was already validated: all of it or, if anything fails, none of
    it (database rows and files). Its thumbnails are made by a background job queued in the
    same transaction (a 50-photo upload is over a minute of CPU); `photo.job` is that job."""
    from locations.jobs import queue_thumbnails

    photos: list[Photo] = []
    try:
        with transaction.atomic():
            for index, item in enumerate(prepared):
                photos.append(
                    add_photo(
                        owner=owner,
                        uploaded_file=item,
                        caption=caption,
                        credit=credit,
                        user=user,
                        is_cover=first_is_cover and index == 0,
                        thumbnails_later=True,
                    )
                )
            if photos:
                job = queue_thumbnails(photos, user=user, title=str(owner))
                for photo in photos:
                    photo.job = job
    except Exception:
        for photo in photos:
            delete_files(photo)
        raise
    return photos


def delete_files(photo: Photo) -> None:
    """Remove a photo's original and thumbnails from storage (the row is not touched)."""
    if not photo.image.name:
        return
    storage = photo.image.storage
    for name in THUMBNAILS:
        thumbnail_name = getattr(photo, name).name
        if thumbnail_name and storage.exists(thumbnail_name):
            storage.delete(thumbnail_name)
    photo.image.delete(save=False)


def clear_cover(owner, *, keep: Photo | None = None) -> None:
    """Untick `owner`'s cover (except `keep`): the database allows one cover per place, so
    this runs before another photo is saved as the cover."""
    covers = Photo.objects.of(owner).filter(is_cover=True)
    if keep is not None and keep.pk is not None:
        covers = covers.exclude(pk=keep.pk)
    covers.update(is_cover=False)


@transaction.atomic
def set_cover(photo: Photo) -> None:
    """Make `photo` its owner's cover; the previous cover stops being it."""
    clear_cover(photo.owner, keep=photo)
    if not photo.is_cover:
        photo.is_cover = True
        photo.save(update_fields=["is_cover"])


def use_gps_position(*, owner: Owner, position: GpsPosition, user) -> bool:
    """Fill an owner's empty coordinates with a photo's GPS position, because a fixer chose
    to. Changes nothing and returns False when the owner already has coordinates or the
    position lies outside Japan."""
    if not position.in_japan:
        return False
    with transaction.atomic():
        current = type(owner)._default_manager.select_for_update().get(pk=owner.pk)
        if current.has_coordinates:
            return False
        current.latitude, current.longitude = position.latitude, position.longitude
        current.updated_by = user
        current.save(update_fields=["latitude", "longitude", "updated_by", "updated_at"])
    owner.latitude, owner.longitude = current.latitude, current.longitude
    return True
