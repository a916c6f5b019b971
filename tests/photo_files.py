"""Real image files made with Pillow for the photo tests: EXIF orientation, GPS, a camera
serial, comments, XMP, ICC profiles, HEIC, PNG text chunks, and photo-like noise."""

import io
from decimal import Decimal

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

SECRET = "secret-7f3a"  # written into every kind of metadata; must never be stored
SERIAL = "SN-4815162342"
# Kinkaku-ji: 35°2'21.732" N, 135°43'45.2748" E.
KINKAKUJI = (Decimal("35.039370"), Decimal("135.729243"))
KINKAKUJI_DMS = ((35, 2, 21.732), (135, 43, 45.2748))
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description>' + SECRET.encode() + b"</rdf:Description>"
    b"</rdf:RDF></x:xmpmeta>"
)
SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def exif(*, orientation=None, gps=KINKAKUJI_DMS, serial=SERIAL) -> Image.Exif:
    """A camera-like EXIF block: make, model, serial, comment, orientation and GPS."""
    data = Image.Exif()
    data[ExifTags.Base.Make] = "Rokehan Test Camera Co."
    data[ExifTags.Base.Model] = "RT-1"
    data[ExifTags.Base.ImageDescription] = SECRET
    if orientation:
        data[ExifTags.Base.Orientation] = orientation
    if serial:
        data[ExifTags.IFD.Exif] = {ExifTags.Base.BodySerialNumber: serial}
    if gps:
        (lat, lng) = gps
        data[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: lat,
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: lng,
        }
    return data


def gradient(width: int, height: int) -> Image.Image:
    """A colourful RGB picture (not flat, so orientation and crops are visible)."""
    mask = Image.linear_gradient("L").resize((width, height))
    return Image.merge("RGB", (mask, mask.rotate(90).resize((width, height)), mask.rotate(45)))


def camera_jpeg(width=300, height=200, *, orientation=None, gps=KINKAKUJI_DMS, **save) -> bytes:
    """A JPEG as a phone writes it: EXIF (with GPS and a serial), a COM comment, XMP, ICC."""
    buffer = io.BytesIO()
    gradient(width, height).save(
        buffer,
        "JPEG",
        exif=exif(orientation=orientation, gps=gps).tobytes(),
        comment=SECRET.encode(),
        xmp=XMP,
        icc_profile=SRGB_ICC,
        **save,
    )
    return buffer.getvalue()


def png_with_text(width=120, height=90, *, alpha=False) -> bytes:
    """A PNG with tEXt/iTXt chunks and an eXIf block carrying GPS."""
    info = PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("Author", SECRET)
    image = gradient(width, height)
    if alpha:
        image.putalpha(Image.linear_gradient("L").resize((width, height)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=exif().tobytes())
    return buffer.getvalue()


def webp_with_exif(width=160, height=120) -> bytes:
    buffer = io.BytesIO()
    gradient(width, height).save(buffer, "WEBP", exif=exif().tobytes(), xmp=XMP)
    return buffer.getvalue()


def heic_with_exif(width=160, height=120) -> bytes:
    """An iPhone-style HEIC (pillow-heif's encoder) with EXIF and GPS."""
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    gradient(width, height).save(buffer, "HEIF", exif=exif().tobytes(), quality=70)
    return buffer.getvalue()


def photo_like_jpeg(width=4000, height=3000, *, quality=90) -> bytes:
    """A JPEG that compresses like a real photo: large soft shapes, mid-scale texture and
    sensor-like noise (flat test images would make any size budget meaningless)."""
    shapes = Image.merge("RGB", [Image.effect_noise((48, 36), 80) for _ in range(3)])
    shapes = shapes.resize((width, height), Image.Resampling.BICUBIC)
    texture = Image.merge(
        "RGB", [Image.effect_noise((width // 6, height // 6), 50) for _ in range(3)]
    ).resize((width, height), Image.Resampling.BILINEAR)
    tile = Image.merge("RGB", [Image.effect_noise((400, 300), 40) for _ in range(3)])
    noise = Image.new("RGB", (width, height))
    for x in range(0, width, tile.width):
        for y in range(0, height, tile.height):
            noise.paste(tile, (x, y))
    light = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image = Image.blend(Image.blend(shapes, light, 0.35), texture, 0.35)
    image = Image.blend(image, noise, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def upload(data: bytes, name="IMG_0001.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
