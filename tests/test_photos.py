"""Photos are safe, light and fast: only real images get in, nothing but pixels and colour
profile is stored or served, thumbnails are small WebP files, pages never serve originals."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template import Context, Template
from PIL import ExifTags, Image

from locations.models import Photo
from locations.photos.images import GpsPosition, prepare_photo
from locations.photos.services import add_photo, set_cover, use_gps_position
from locations.photos.thumbnails import THUMBNAILS, needed_thumbnails, variants
from tests import factories
from tests import photo_files as files

pytestmark = pytest.mark.django_db

# Metadata keys Pillow reports that would carry something about the camera or the person.
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "Author", "GPSInfo"}


def stored_files(media_root) -> list[str]:
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def open_stored(name: str) -> tuple[Image.Image, bytes]:
    """A stored file, read through the storage API (as S3 would be)."""
    with default_storage.open(name, "rb") as f:
        data = f.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, data


def assert_clean(image: Image.Image, data: bytes) -> None:
    assert not image.getexif(), "no EXIF (so no GPS, camera, serial)"
    assert not METADATA_KEYS & set(image.info), image.info.keys()
    for secret in (files.SECRET, files.SERIAL, "Rokehan Test Camera"):
        assert secret.encode() not in data
    assert b"Exif\x00\x00" not in data
    assert b"http://ns.adobe.com/xap" not in data and b"adobe:ns:meta" not in data


@pytest.fixture
def location(db):
    return factories.LocationFactory(latitude=None, longitude=None)


# Clean originals -------------------------------------------------------------------------


def test_a_phone_photo_is_stored_upright_without_its_metadata(location):
    upload = files.upload(files.camera_jpeg(300, 200, orientation=6), "IMG_0001.jpg")
    photo = add_photo(owner=location, uploaded_file=upload, caption="Pond", user=None)

    assert (photo.width, photo.height) == (200, 300)  # EXIF orientation 6 applied
    image, data = open_stored(photo.image.name)
    assert image.format == "JPEG" and image.size == (200, 300)
    assert_clean(image, data)
    assert image.info.get("icc_profile") == files.SRGB_ICC  # colours kept


def test_the_stored_name_is_unguessable_and_matches_the_format(location):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.png_with_text(), "me.png"))
    assert re.fullmatch(r"photos/[0-9a-f]{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert open_stored(photo.image.name)[0].format == "JPEG"


def test_the_gps_position_is_returned_for_the_admin_and_stored_nowhere(location):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg()))
    assert photo.gps_position == GpsPosition(*files.KINKAKUJI)
    assert photo.gps_position.in_japan
    row = Photo.objects.filter(pk=photo.pk).values().get()
    assert "35.0393" not in str(row) and "135.729" not in str(row)
    assert Photo.objects.get(pk=photo.pk).gps_position is None
    location.refresh_from_db()
    assert location.latitude is None, "never applied without the fixer asking"


def test_a_photo_without_gps_offers_nothing(location):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg(gps=None)))
    assert photo.gps_position is None


def test_southern_and_western_positions_are_negative():
    buffer = io.BytesIO()
    exif = files.exif()
    exif[ExifTags.IFD.GPSInfo] = {1: "S", 2: (33, 52, 4.0), 3: "W", 4: (151, 12, 36.0)}
    files.gradient(40, 30).save(buffer, "JPEG", exif=exif.tobytes())
    position = prepare_photo(files.upload(buffer.getvalue())).gps
    assert position == GpsPosition(Decimal("-33.867778"), Decimal("-151.210000"))
    assert not position.in_japan


def test_a_png_loses_its_text_chunks_and_is_stored_as_jpeg(location):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.png_with_text(), "a.png"))
    image, data = open_stored(photo.image.name)
    assert image.format == "JPEG"
    assert_clean(image, data)


def test_a_png_with_transparency_stays_png_without_metadata(location):
    upload = files.upload(files.png_with_text(alpha=True), "logo.png", "image/png")
    photo = add_photo(owner=location, uploaded_file=upload)
    assert photo.image.name.endswith(".png")
    image, data = open_stored(photo.image.name)
    assert (image.format, image.mode) == ("PNG", "RGBA")
    assert_clean(image, data)


@pytest.mark.parametrize(
    ("make", "name"), [(files.webp_with_exif, "a.webp"), (files.heic_with_exif, "IMG_1.HEIC")]
)
def test_webp_and_iphone_heic_are_accepted_and_stored_as_clean_jpeg(location, make, name):
    photo = add_photo(owner=location, uploaded_file=files.upload(make(), name))
    assert photo.gps_position == GpsPosition(*files.KINKAKUJI)
    image, data = open_stored(photo.image.name)
    assert (image.format, image.size) == ("JPEG", (160, 120))
    assert_clean(image, data)


# Thumbnails ------------------------------------------------------------------------------


def test_every_thumbnail_is_a_clean_webp_of_the_announced_size(location):
    upload = files.upload(files.camera_jpeg(1500, 1000, orientation=6))
    photo = add_photo(owner=location, uploaded_file=upload)
    names = needed_thumbnails(photo.width, photo.height)
    assert set(names) == set(THUMBNAILS) - {"full_2048"}  # 1500 px: no enlarged copy
    for size in ("card", "gallery", "full"):
        for variant in variants(photo.width, photo.height, size):
            image, data = open_stored(getattr(photo, variant.thumbnail.name).name)
            assert image.format == "WEBP"
            assert image.size == (variant.width, variant.height)
            assert_clean(image, data)
            assert "icc_profile" not in image.info  # converted to sRGB instead


def test_thumbnails_live_next_to_the_originals_under_cache(location, media_root):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg()))
    stored = stored_files(media_root)
    assert stored[0].startswith("CACHE/images/photos/")
    assert photo.image.name in stored
    assert len(stored) == 1 + len(needed_thumbnails(photo.width, photo.height))


def test_a_small_photo_gets_no_enlarged_copies():
    assert [v.thumbnail.name for v in variants(1200, 800, "full")] == ["full_1600"]
    assert [(v.width, v.height) for v in variants(1200, 800, "full")] == [(1200, 800)]
    assert [v.thumbnail.name for v in variants(640, 480, "card")] == ["card_480"]
    assert [v.thumbnail.name for v in variants(4000, 3000, "card")] == ["card_480", "card_960"]
    assert [(v.width, v.height) for v in variants(3000, 4000, "gallery")] == [
        (600, 800),
        (1200, 1600),
    ]


# Refusals: a clear error and nothing stored -------------------------------------------------


def truncated_jpeg() -> bytes:
    data = files.photo_like_jpeg(800, 600)
    return data[: len(data) // 2]


def gif() -> bytes:
    buffer = io.BytesIO()
    files.gradient(40, 30).save(buffer, "GIF")
    return buffer.getvalue()


def bilevel_png(width: int, height: int) -> bytes:
    """A decompression bomb: huge dimensions, a tiny file (one colour compresses away)."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def text_file() -> bytes:
    return b"Dear fixer,\nthis is not a photo.\n" * 20


@pytest.mark.parametrize(
    ("make", "name", "code", "says"),
    [
        (text_file, "notes.jpg", "not_an_image", "not a JPEG, PNG, WebP or HEIC image"),
        (gif, "anim.gif", "not_an_image", "not a JPEG, PNG, WebP or HEIC image"),
        (truncated_jpeg, "half.jpg", "damaged", "damaged or incomplete"),
    ],
)
def test_what_is_not_a_whole_accepted_image_is_refused(
    location, media_root, make, name, code, says
):
    with pytest.raises(ValidationError) as refused:
        add_photo(owner=location, uploaded_file=files.upload(make(), name))
    assert refused.value.code == code
    message = refused.value.messages[0]
    assert name in message and says in message
    assert Photo.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_file_over_the_size_limit_is_refused_before_decoding(location, media_root, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1000
    for data in (files.camera_jpeg(), b"x" * 1001):  # an image, and a non-image: same reason
        with pytest.raises(ValidationError) as refused:
            add_photo(owner=location, uploaded_file=files.upload(data, "big.jpg"))
        assert refused.value.code == "too_large"
        assert "at most 1000" in refused.value.messages[0]
    assert Photo.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("size", "why"),
    [((150, 100), "over the limit (Pillow only warns)"), ((300, 300), "over twice the limit")],
)
def test_an_image_over_the_pixel_limit_is_refused(location, media_root, settings, size, why):
    settings.PHOTO_MAX_PIXELS = 10_000
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(ValidationError) as refused:
        add_photo(owner=location, uploaded_file=files.upload(bilevel_png(*size), "bomb.png"))
    assert refused.value.code == "too_many_pixels", why
    assert "at most 0.01 million" in refused.value.messages[0]
    assert before == Image.MAX_IMAGE_PIXELS, "the limit does not leak out of the decode"
    assert stored_files(media_root) == []


@pytest.mark.parametrize("side", [9_000, 12_000])  # 81 and 144 megapixels; limit 60
def test_a_decompression_bomb_is_refused_with_the_default_limit(location, media_root, side):
    bomb = bilevel_png(side, side)
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError) as refused:
        add_photo(owner=location, uploaded_file=files.upload(bomb, "bomb.png"))
    assert refused.value.code == "too_many_pixels"
    assert Photo.objects.count() == 0
    assert stored_files(media_root) == []


# Covers, order, coordinates -----------------------------------------------------------------


def test_photos_go_after_the_others_and_a_new_cover_replaces_the_old(location):
    first = add_photo(
        owner=location, uploaded_file=files.upload(files.camera_jpeg()), is_cover=True
    )
    second = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg()))
    third = add_photo(
        owner=location, uploaded_file=files.upload(files.camera_jpeg()), is_cover=True
    )
    assert [p.order for p in (first, second, third)] == [0, 1, 2]
    assert list(Photo.objects.filter(is_cover=True)) == [third]
    set_cover(second)
    assert list(Photo.objects.filter(is_cover=True)) == [second]
    assert location.cover == second


def test_the_database_allows_one_cover_per_place(location):
    factories.PhotoFactory(location=location, is_cover=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PhotoFactory(location=location, is_cover=True, thumbnails=False)
    factories.PhotoFactory(is_cover=True)  # another place's cover is fine


def test_a_gps_position_fills_empty_coordinates_only(location, fixer):
    kinkakuji = GpsPosition(*files.KINKAKUJI)
    assert use_gps_position(owner=location, position=kinkakuji, user=fixer)
    location.refresh_from_db()
    assert (location.latitude, location.longitude) == files.KINKAKUJI
    assert location.updated_by == fixer
    elsewhere = GpsPosition(Decimal("35.5"), Decimal("139.5"))
    assert not use_gps_position(owner=location, position=elsewhere, user=fixer)
    london = factories.LocationFactory(latitude=None, longitude=None)
    assert not use_gps_position(
        owner=london, position=GpsPosition(Decimal("51.5"), Decimal("-0.12")), user=fixer
    )
    london.refresh_from_db()
    assert london.latitude is None


def test_a_photo_belongs_to_a_saved_location_or_studio():
    with pytest.raises(TypeError):
        add_photo(owner=factories.category(), uploaded_file=files.upload(files.camera_jpeg()))


# Media through the storage API only ----------------------------------------------------------


def test_everything_works_on_storage_that_is_not_the_file_system(location, settings, media_root):
    """Like object storage (S3), Django's in-memory storage writes no local file: a photo's
    original and thumbnails are written, read and linked through the storage API only."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    photo = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg()))
    assert stored_files(media_root) == []
    assert default_storage.exists(photo.image.name)
    image, data = open_stored(photo.card_480.name)
    assert image.size == (480, 360)
    html = Template('{% load photos %}{% photo_img photo "card" %}').render(
        Context({"photo": photo})
    )
    assert photo.card_480.url in html


# The template API ---------------------------------------------------------------------------


def render(template: str, **context) -> str:
    return Template("{% load photos %}" + template).render(Context(context))


def test_the_tag_renders_a_responsive_lazy_img_from_thumbnails(location):
    photo = add_photo(
        owner=location,
        uploaded_file=files.upload(files.camera_jpeg(2000, 1500)),
        caption="The pavilion from the pond",
    )
    html = render('{% photo_img photo "card" %}', photo=photo)
    assert html.startswith("<img ")
    assert f'src="{photo.card_480.url}"' in html
    assert f'srcset="{photo.card_480.url} 480w, {photo.card_960.url} 960w"' in html
    assert 'sizes="(min-width: 1200px) 360px, (min-width: 600px) 50vw, 100vw"' in html
    assert 'width="480" height="360"' in html
    assert 'loading="lazy" decoding="async"' in html
    assert 'alt="The pavilion from the pond"' in html
    assert photo.image.url not in html


def test_each_photo_gets_its_own_thumbnail_urls_every_time(location):
    # Thumbnail names are worked out once per process and original: never another photo's.
    photos = [
        add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg(2000, 1500)))
        for _ in range(2)
    ]
    for _ in range(2):
        for photo in photos:
            html = render('{% photo_img photo "card" %}', photo=photo)
            assert f'srcset="{photo.card_480.url} 480w, {photo.card_960.url} 960w"' in html
    assert photos[0].card_480.url != photos[1].card_480.url


def test_the_include_takes_size_sizes_alt_and_loading(location):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg(3000, 2000)))
    html = Template(
        '{% include "includes/photo.html" with photo=photo size="gallery" '
        'sizes="50vw" alt="Gate" loading="eager" class="hero" %}'
    ).render(Context({"photo": photo}))
    assert f'srcset="{photo.gallery_800.url} 800w, {photo.full_1600.url} 1600w"' in html
    assert 'width="800" height="533"' in html
    assert 'sizes="50vw"' in html and 'alt="Gate"' in html
    assert 'loading="eager"' in html and 'class="hero"' in html
    full = render('{% photo_img photo "full" alt="" %}', photo=photo)
    assert 'alt=""' in full  # decorative on request
    assert "2048w" in full and 'width="1600" height="1067"' in full


def test_no_photo_renders_nothing():
    assert render('{% photo_img photo "card" %}', photo=None).strip() == ""
    include = Template('{% include "includes/photo.html" with size="card" %}')
    assert include.render(Context()).strip() == ""


def test_rendering_runs_no_query_and_reads_no_file(location, django_assert_num_queries, media_root):
    photo = add_photo(owner=location, uploaded_file=files.upload(files.camera_jpeg()))
    photo = Photo.objects.select_related("location").get(pk=photo.pk)
    for path in media_root.rglob("*.webp"):
        path.unlink()  # a missing file would be noticed only if rendering looked for it
    with django_assert_num_queries(0):
        html = render('{% photo_img photo "card" %}', photo=photo)
    assert photo.card_480.url in html


def test_a_page_of_24_cards_moves_under_600_kb_of_images(location):
    """24 photos made from photo-like 4000 × 3000 camera JPEGs (noise, texture and gradients,
    not flat colour), rendered as cards; the files the page references are summed.

    Four distinct pictures are cleaned by the upload pipeline; each of the 24 photo rows
    stores one of them and gets its own card files made by the real thumbnail specs (the
    larger sizes, irrelevant here, are skipped to keep the test fast)."""
    sources = [files.photo_like_jpeg() for _ in range(4)]
    assert min(len(s) for s in sources) > 1_500_000, "as heavy as a real 12 MP photo"
    cleaned = [prepare_photo(files.upload(s)).content.read() for s in sources]
    photos = []
    for index in range(24):
        photo = Photo(location=location, order=index)
        photo.image.save("photo.jpg", ContentFile(cleaned[index % len(cleaned)]), save=True)
        for variant in variants(photo.width, photo.height, "card"):
            getattr(photo, variant.thumbnail.name).generate()
        photos.append(photo)
    html = render('{% for p in photos %}{% photo_img p "card" %}{% endfor %}', photos=photos)

    sources_used = re.findall(r'src="([^"]+)"', html)
    assert len(sources_used) == 24
    prefix = default_storage.url("")
    total = sum(default_storage.size(url.removeprefix(prefix)) for url in sources_used)
    assert total < 600 * 1024, f"{total / 1024:.0f} KB"
    assert all("/CACHE/images/" in url and url.endswith(".webp") for url in sources_used)
    # The 2x candidates, which phones with dense screens pick, stay reasonable too.
    dense = sum(default_storage.size(p.card_960.name) for p in photos)
    assert dense < 1600 * 1024, f"{dense / 1024:.0f} KB"


def image_bytes(image: Image.Image, fmt: str, **save) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "stored_mode", "pixel"),
    [
        (lambda: image_bytes(Image.new("CMYK", (40, 30), (0, 255, 255, 0)), "JPEG"), "RGB", None),
        (lambda: image_bytes(Image.new("I;16", (40, 30), 40000), "PNG"), "L", 156),
        (lambda: image_bytes(Image.new("L", (40, 30), 90), "JPEG", quality=95), "L", 90),
        (
            lambda: image_bytes(Image.new("P", (40, 30), 1), "PNG", transparency=1),
            "RGBA",
            None,
        ),
    ],
    ids=["cmyk-jpeg", "16-bit-grey-png", "grey-jpeg", "palette-png-with-transparency"],
)
def test_unusual_pixel_formats_are_stored_in_a_browser_safe_mode(
    location, make, stored_mode, pixel
):
    photo = add_photo(owner=location, uploaded_file=files.upload(make(), "scan.png"))
    image, _ = open_stored(photo.image.name)
    assert image.mode == stored_mode
    if pixel is not None:
        assert abs(image.getpixel((5, 5)) - pixel) <= 2
    assert open_stored(photo.card_480.name)[0].format == "WEBP"
