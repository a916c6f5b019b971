"""Accept an uploaded photo only if it decodes, and keep none of its metadata.

`prepare_photo(upload)` is the single gate: it refuses a file over the size limit before
reading it, decodes it with Pillow restricted to JPEG, PNG, WebP and HEIC (decoding every
pixel: `verify()` alone passes truncated files), refuses images over the pixel limit (the
decompression-bomb guard raises instead of warning), reads the GPS position while the EXIF is
still there, applies the EXIF orientation and re-encodes the pixels into a new file that
carries only the ICC colour profile: no EXIF, GPS, camera serial, comment block or XMP.

HEIC (iPhone photos) decodes through pillow-heif, a Pillow plugin; the stored original is a
JPEG either way, so nothing downstream (thumbnails, browsers) needs HEIC support.
"""

import contextlib
import io
import math
import struct
import tempfile
import warnings
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

from locations.models.common import JAPAN_LAT_MAX, JAPAN_LAT_MIN, JAPAN_LNG_MAX, JAPAN_LNG_MIN

# Embedded HEIC thumbnails are never used: we decode the primary image only.
pillow_heif.register_heif_opener(thumbnails=False)

# Pillow's names for the formats we decode; any other file is refused whatever it is called.
# (A JPEG with a second picture inside, as some cameras write, opens as "MPO": still a JPEG.)
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"

# Re-encoded photos wait in memory up to this size, then in a temporary file (a batch of 50
# phone photos would otherwise hold a quarter of a gigabyte).
SPOOL_MAX_MEMORY = 2 * 1024 * 1024

# The stored original is capped at this many pixels on its long edge: more than any page
# shows (the largest size served is 2048), and it keeps 50-megapixel camera files in check.
ORIGINAL_MAX_EDGE = 4096
JPEG_QUALITY = 90

SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class GpsPosition:
    """Where a photo says it was taken (WGS84 decimal degrees, 6 places like the models)."""

    latitude: Decimal
    longitude: Decimal

    @property
    def in_japan(self) -> bool:
        """Inside the box the catalogue's coordinate constraint accepts."""
        return (
            JAPAN_LAT_MIN <= self.latitude <= JAPAN_LAT_MAX
            and JAPAN_LNG_MIN <= self.longitude <= JAPAN_LNG_MAX
        )

    def __str__(self) -> str:
        return f"{self.latitude}, {self.longitude}"


@dataclass(frozen=True)
class PreparedPhoto:
    """An accepted upload, re-encoded in memory and not yet stored."""

    content: File  # named photo.jpg or photo.png: the stored extension follows it
    width: int
    height: int
    gps: GpsPosition | None  # read before the metadata was dropped; never stored
    source_name: str  # the uploader's file name, for messages only (never stored)


def _refuse(name: str, message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params={"name": name, **params})


@contextmanager
def pixel_limit():
    """Within the block, Pillow raises for images over `settings.PHOTO_MAX_PIXELS` pixels.

    Pillow only raises DecompressionBombError above twice MAX_IMAGE_PIXELS and merely warns
    between the two: the warning is turned into an error here.
    """
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def decode(upload, name: str = "") -> Image.Image:
    """The upload's first frame, fully decoded; ValidationError if it is not an accepted
    image, is damaged or truncated, or has too many pixels."""
    name = name or getattr(upload, "name", "") or "photo"
    upload.seek(0)
    try:
        with pixel_limit():
            image = Image.open(upload, formats=ACCEPTED_FORMATS)
            image.load()  # decodes every pixel: truncated and corrupt files fail here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            name,
            _("“%(name)s” has too many pixels: at most %(limit)s million are accepted."),
            "too_many_pixels",
            limit=f"{settings.PHOTO_MAX_PIXELS / 1_000_000:g}",
        ) from None
    except UnidentifiedImageError:
        raise _refuse(
            name,
            _("“%(name)s” is not a JPEG, PNG, WebP or HEIC image."),
            "not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error):
        # Pillow's (and pillow-heif's) ways of saying the data ends early or is corrupt.
        raise _refuse(
            name,
            _("“%(name)s” could not be read to the end: the file is damaged or incomplete."),
            "damaged",
        ) from None
    return image


# What Pillow raises on EXIF blocks it cannot parse: such a block is treated as absent.
EXIF_ERRORS = (SyntaxError, struct.error, ValueError, TypeError, KeyError, OSError)


def read_gps(image: Image.Image) -> GpsPosition | None:
    """The GPS position in the image's EXIF, or None when it has none or it is malformed."""
    try:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    except EXIF_ERRORS:
        return None
    if not gps:
        return None
    try:
        latitude = _degrees(gps[ExifTags.GPS.GPSLatitude], gps[ExifTags.GPS.GPSLatitudeRef], "S")
        longitude = _degrees(gps[ExifTags.GPS.GPSLongitude], gps[ExifTags.GPS.GPSLongitudeRef], "W")
    except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
        return None
    if abs(latitude) > 90 or abs(longitude) > 180:
        return None
    return GpsPosition(_six_places(latitude), _six_places(longitude))


def _degrees(dms, ref, negative: str) -> float:
    degrees, minutes, seconds = (float(part) for part in dms)
    value = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(value):  # a rational with a zero denominator reads as NaN
        raise ValueError(value)
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    return -value if str(ref).strip().upper().startswith(negative) else value


def _six_places(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_storable_mode(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """RGB, L or RGBA pixels (what JPEG/PNG and browsers handle), and the profile that
    still describes them."""
    if image.mode in ("RGB", "L", "RGBA"):
        return image, icc
    if _has_alpha(image):
        return image.convert("RGBA"), icc if image.mode != "P" else None
    if image.mode == "CMYK":
        # Print-style files: convert through their profile when they carry one.
        if icc:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                converted = ImageCms.profileToProfile(image, source, SRGB_PROFILE, outputMode="RGB")
                return converted, None
            except (ImageCms.PyCMSError, OSError):
                pass
        return image.convert("RGB"), None
    if image.mode.startswith("I;16") or image.mode == "I":
        # 16-bit greyscale (scanners, some PNGs): scale to 8 bits; convert("L") would clip.
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L"), None
    if image.mode in ("1", "F"):
        return image.convert("L"), None
    return image.convert("RGB"), icc


def prepare_photo(upload) -> PreparedPhoto:
    """Validate and clean one uploaded file (any file-like with `name` and `size`).

    Raises ValidationError (one clear message naming the file) for a file over
    `settings.PHOTO_MAX_UPLOAD_BYTES` (checked before decoding), anything that is not a JPEG,
    PNG, WebP or HEIC image, a damaged or truncated image, or one over
    `settings.PHOTO_MAX_PIXELS`. Nothing is written anywhere.
    """
    name = getattr(upload, "name", "") or "photo"
    size = getattr(upload, "size", None)
    if size is not None and size > settings.PHOTO_MAX_UPLOAD_BYTES:
        raise _refuse(
            name,
            _("“%(name)s” is %(size)s: photos must be at most %(limit)s."),
            "too_large",
            size=filesizeformat(size),
            limit=filesizeformat(settings.PHOTO_MAX_UPLOAD_BYTES),
        )
    image = decode(upload, name)
    gps = read_gps(image)
    icc = image.info.get("icc_profile") or None
    # An unreadable EXIF block has no orientation we could trust: the pixels stay as they are.
    with contextlib.suppress(*EXIF_ERRORS):
        image = ImageOps.exif_transpose(image)
    image, icc = _to_storable_mode(image, icc)
    if max(image.size) > ORIGINAL_MAX_EDGE:
        image.thumbnail((ORIGINAL_MAX_EDGE, ORIGINAL_MAX_EDGE), Image.Resampling.LANCZOS)
    # Nothing from the upload's metadata may reach the encoder: only the pixels and the profile.
    image.info = {}
    buffer = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_MEMORY)  # noqa: SIM115 (File owns it)
    if image.mode == "RGBA":
        image.save(buffer, "PNG", icc_profile=icc)
        filename = "photo.png"
    else:
        # comment=b"": Pillow would otherwise copy the upload's COM comment block.
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, icc_profile=icc, comment=b"")
        filename = "photo.jpg"
    buffer.seek(0)
    return PreparedPhoto(
        content=File(buffer, name=filename),
        width=image.width,
        height=image.height,
        gps=gps,
        source_name=name,
    )


def prepare_photos(uploads) -> list[PreparedPhoto]:
    """`prepare_photo` for every upload, all or none: every file is checked, and when any is
    refused the others' cleaned copies are closed and one ValidationError names each refusal."""
    prepared, errors = [], []
    for upload in uploads:
        try:
            prepared.append(prepare_photo(upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        for item in prepared:
            item.content.close()
        raise ValidationError(errors)
    return prepared
