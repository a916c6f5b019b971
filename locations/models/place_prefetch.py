"""Prefetches for rows that point at a catalogue place (tour stops, shortlist items): the
place's cover photos, its studio's stages, and only published places for visitors."""

from django.db.models import Prefetch, Q

from .common import Status
from .photos import Photo
from .studios import listed_stages


def published_place_q() -> Q:
    """A stop or item whose location and studio, where set, are published: a place unpublished
    after it was put on a tour or a shortlist must not reach visitors through it."""
    return (Q(location__isnull=True) | Q(location__status=Status.PUBLISHED)) & (
        Q(studio__isnull=True) | Q(studio__status=Status.PUBLISHED)
    )


def _photos_prefetch(path: str, *, private_photos: bool) -> Prefetch:
    photos = Photo.objects.for_gallery()
    if not private_photos:
        photos = photos.public()
    return Prefetch(path, queryset=photos, to_attr="ordered_photos")


def place_prefetches(
    relation: str, rows, *, stages: bool, published_places: bool, private_photos: bool = False
) -> list:
    """Prefetches for tour stops or shortlist items (`relation`) with their places' covers,
    and their studios' stages when `stages`; only published places when `published_places`;
    photos of private properties only with `private_photos` (a shortlist's own pages)."""
    if published_places:
        rows = rows.filter(published_place_q())
    lookups = [
        Prefetch(relation, queryset=rows),
        _photos_prefetch(f"{relation}__location__photos", private_photos=private_photos),
        _photos_prefetch(f"{relation}__studio__photos", private_photos=private_photos),
    ]
    if stages:
        path = f"{relation}__studio__stages"
        lookups.append(Prefetch(path, queryset=listed_stages(), to_attr="listed_stages"))
    return lookups
