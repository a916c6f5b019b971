"""The sizes pages show photos at: WebP thumbnails made by django-imagekit when a photo is saved.

Each `Thumbnail` is an `ImageSpecField` on `Photo` (same name). Pages ask for a *size*
("card", "gallery", "full"), which offers two thumbnails in `srcset` so the browser picks by
screen width and pixel density; `variants()` says which, with their exact pixel dimensions
(for the `width`/`height` attributes), computed from the stored original's size without
opening any file.

Generation happens in `generate_thumbnails()`, called by the code paths that save photos
(`locations.photos.services`, the admin); never on a visitor's request (`MadeWhenSaved` is
the specs' cache-file strategy: it never generates and never checks storage). A photo saved
some other way (a shell, a bulk insert) gets its files from `manage.py generateimages`.
"""

import io
import math
from dataclasses import dataclass

from imagekit.models import ImageSpecField
from PIL import Image, ImageCms

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Thumbnail:
    """One generated file per photo: `crop` ones are exactly width × height (the middle of
    the photo, cropped to fill); the others fit inside width × height, never enlarged."""

    name: str
    width: int
    height: int
    crop: bool
    quality: int


THUMBNAILS: dict[str, Thumbnail] = {
    t.name: t
    for t in (
        # Cards are 4:3 (static/css/site.css `.card img`); 960 serves 2x screens.
        Thumbnail("card_480", 480, 360, crop=True, quality=72),
        Thumbnail("card_960", 960, 720, crop=True, quality=55),
        Thumbnail("gallery_800", 800, 800, crop=False, quality=75),
        Thumbnail("full_1600", 1600, 1600, crop=False, quality=78),
        Thumbnail("full_2048", 2048, 2048, crop=False, quality=75),
    )
}

# Size → its thumbnails, smallest first (the first is also `src`).
SIZES: dict[str, tuple[str, ...]] = {
    "card": ("card_480", "card_960"),
    "gallery": ("gallery_800", "full_1600"),
    "full": ("full_1600", "full_2048"),
}

# The `sizes` attribute when a template gives none: how wide the image is on the page.
DEFAULT_SIZES_ATTRIBUTE: dict[str, str] = {
    # .cards: columns of at least 260px; one column on phones.
    "card": "(min-width: 1200px) 360px, (min-width: 600px) 50vw, 100vw",
    "gallery": "(min-width: 900px) 50vw, 100vw",
    "full": "100vw",
}

# The small image the admin shows (lists and inlines): never the original.
ADMIN_THUMBNAIL = "card_480"


def fit_size(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """The size of a width × height image scaled down (never up) to fit the box."""
    if width <= max_width and height <= max_height:
        return width, height
    ratio = min(max_width / width, max_height / height)
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def fill_box(width: int, height: int, target_width: int, target_height: int):
    """The centred crop (left, upper, right, lower) of a width × height image that has the
    target's aspect ratio."""
    if width * target_height > height * target_width:  # wider than the target: trim sides
        crop_width = height * target_width / target_height
        left = (width - crop_width) / 2
        return (left, 0.0, left + crop_width, float(height))
    crop_height = width * target_height / target_width
    upper = (height - crop_height) / 2
    return (0.0, upper, float(width), upper + crop_height)


def thumbnail_size(thumbnail: Thumbnail, width: int, height: int) -> tuple[int, int]:
    """The pixel size of `thumbnail` made from a width × height original."""
    if thumbnail.crop:
        return thumbnail.width, thumbnail.height
    return fit_size(width, height, thumbnail.width, thumbnail.height)


class _Resize:
    """Base of the two processors: draft-decode, resize, convert to sRGB, drop metadata."""

    def __init__(self, width: int, height: int):
        self.width = width
        self.height = height

    def target(self, full_size: tuple[int, int]):
        """(output size, crop box in full-size coordinates or None)."""
        raise NotImplementedError

    def process(self, image: Image.Image) -> Image.Image:
        full_width, full_height = image.size
        size, box = self.target((full_width, full_height))
        box = box or (0.0, 0.0, float(full_width), float(full_height))
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale directly (the DCT's own averaging), far
        # faster than decoding 12 megapixels to make a card: ask for the smallest scale that
        # still covers the output, then resample the rest of the way.
        scale = max(size[0] / (box[2] - box[0]), size[1] / (box[3] - box[1]))
        wanted = (math.ceil(full_width * scale), math.ceil(full_height * scale))
        if wanted[0] < full_width and wanted[1] < full_height:
            image.draft(None, wanted)
        factor_x, factor_y = image.width / full_width, image.height / full_height
        box = (box[0] * factor_x, box[1] * factor_y, box[2] * factor_x, box[3] * factor_y)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.mode else "RGB")
        resized = image.resize(size, Image.Resampling.LANCZOS, box=box)
        return _to_srgb(resized, image.info.get("icc_profile"))


class FitInside(_Resize):
    """Scale down to fit width × height (never enlarge)."""

    def target(self, full_size):
        return fit_size(*full_size, self.width, self.height), None


class CropToFill(_Resize):
    """Exactly width × height: the centre of the photo, cropped to that aspect ratio."""

    def target(self, full_size):
        return (self.width, self.height), fill_box(*full_size, self.width, self.height)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Pixels in sRGB with no metadata: browsers assume sRGB for untagged images, so a phone's
    Display P3 photo keeps its colours without the profile (a smaller file, too)."""
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: keep the pixels as they are
    image.info = {}
    return image


class MadeWhenSaved:
    """imagekit cache-file strategy: files are made by `generate_thumbnails` when the photo
    is saved, never on a visitor's request, and URLs never check storage (S3 round trips)."""

    def should_verify_existence(self, file) -> bool:
        return False


def spec_field(name: str) -> ImageSpecField:
    """The ImageSpecField for THUMBNAILS[name] (used by the Photo model)."""
    thumbnail = THUMBNAILS[name]
    processor = CropToFill if thumbnail.crop else FitInside
    return ImageSpecField(
        source="image",
        processors=[processor(thumbnail.width, thumbnail.height)],
        format="WEBP",
        options={"quality": thumbnail.quality, "method": 4},
        cachefile_strategy=MadeWhenSaved,
    )


@dataclass(frozen=True)
class Variant:
    """One candidate of a size's srcset."""

    thumbnail: Thumbnail
    width: int
    height: int


def variants(width: int | None, height: int | None, size: str) -> list[Variant]:
    """The thumbnails offered for `size` for a width × height original, smallest first.

    A larger candidate is left out when the original cannot fill it without enlarging
    (a 1600-pixel placeholder has no 2048 version: it would be the same picture, bigger).
    """
    if size not in SIZES:
        raise ValueError(f"Unknown photo size {size!r}: use one of {', '.join(SIZES)}.")
    chosen: list[Variant] = []
    for name in SIZES[size]:
        thumbnail = THUMBNAILS[name]
        if not (width and height):
            dims = (thumbnail.width, thumbnail.height)
        else:
            dims = thumbnail_size(thumbnail, width, height)
        if chosen and width and height:
            if thumbnail.crop and (width < thumbnail.width or height < thumbnail.height):
                continue
            if not thumbnail.crop and dims[0] <= chosen[-1].width:
                continue
        chosen.append(Variant(thumbnail, *dims))
    return chosen


def needed_thumbnails(width: int | None, height: int | None) -> list[str]:
    """Every thumbnail some size offers for an original of this size."""
    names: list[str] = []
    for size in SIZES:
        for variant in variants(width, height, size):
            if variant.thumbnail.name not in names:
                names.append(variant.thumbnail.name)
    return names


# (original's name, thumbnail) → (thumbnail file's name, its storage). imagekit derives the
# name from a hash of the pickled spec on every access (~0.2 ms; 48 per page of cards); it
# depends only on these two, so each process works it out once.
_THUMBNAIL_FILES: dict[tuple[str, str], tuple[str, object]] = {}
_THUMBNAIL_FILES_MAX = 50_000


def thumbnail_url(photo, thumbnail: str) -> str:
    """The URL of `photo`'s `thumbnail` (a THUMBNAILS name), without touching storage."""
    key = (photo.image.name, thumbnail)
    found = _THUMBNAIL_FILES.get(key)
    if found is None:
        file = getattr(photo, thumbnail)
        found = (file.name, file.storage)
        if len(_THUMBNAIL_FILES) >= _THUMBNAIL_FILES_MAX:
            _THUMBNAIL_FILES.clear()
        _THUMBNAIL_FILES[key] = found
    name, storage = found
    return storage.url(name)  # per request: S3 may sign URLs that expire


def generate_thumbnails(photo, *, force: bool = False) -> list[str]:
    """Make the photo's thumbnails (through the storage API) that pages offer; returns their
    names. Existing files are kept unless `force`."""
    names = needed_thumbnails(photo.width, photo.height)
    for name in names:
        getattr(photo, name).generate(force=force)
    return names
