"""Photos in the admin, as a Fixers member: several at once, order, cover, thumbnails, and
the GPS position offered (never applied) for a place without coordinates."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from locations.models import Job, JobKind, JobStatus, Photo
from tests import factories
from tests import photo_files as files
from tests.tasks import run_queued_tasks
from tests.test_admin import change_data, url

pytestmark = pytest.mark.django_db

NO_GPS = None
LONDON = ((51, 30, 0.0), (0, 7, 0.0))


def jpeg(name="IMG_0001.jpg", gps=files.KINKAKUJI_DMS, **kwargs) -> SimpleUploadedFile:
    return files.upload(files.camera_jpeg(gps=gps, **kwargs), name)


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()]


@pytest.fixture
def location(db):
    """A place without coordinates yet, with one photo."""
    place = factories.LocationFactory(name="Kinkaku-ji", latitude=None, longitude=None)
    factories.PhotoFactory(location=place, order=0, is_cover=True)
    return place


def add_photos_url(obj, model="location"):
    return url(model, "add_photos", obj.pk)


def inline_data(client, location, **overrides):
    """The location's change form as sent back, without re-uploading the existing photos."""
    keep = {f"photos-{i}-image": None for i in range(location.photos.count())}
    return change_data(client, "location", location, **{**keep, **overrides})


# Several photos at once ---------------------------------------------------------------------


def test_the_change_form_links_to_add_photos_and_shows_thumbnails(fixer_client, location):
    photo = location.photos.get()
    content = fixer_client.get(url("location", "change", location.pk)).content.decode()
    assert add_photos_url(location) in content
    assert f'src="{photo.card_480.url}"' in content
    assert photo.image.url not in content.replace(f'href="{photo.image.url}"', "")
    assert "js/admin/photos.js" in content


def test_a_fixer_uploads_several_photos_at_once(fixer_client, location, media_root):
    assert fixer_client.get(add_photos_url(location)).status_code == 200
    response = fixer_client.post(
        add_photos_url(location),
        {
            "images": [
                jpeg("IMG_0001.jpg", gps=NO_GPS),
                files.upload(files.png_with_text(), "Screenshot.png", "image/png"),
                files.upload(files.heic_with_exif(), "IMG_0002.HEIC", "image/heic"),
            ],
            "caption": "Golden Pavilion",
            "credit": "Fixer",
        },
    )
    assert response.status_code == 302
    new = list(location.photos.order_by("order").filter(caption="Golden Pavilion"))
    assert len(new) == 3
    assert [p.order for p in new] == [1, 2, 3]  # after the photo it had
    assert {p.credit for p in new} == {"Fixer"}
    assert Photo.objects.filter(location=location, is_cover=True).count() == 1
    for photo in new:
        assert not any(n in photo.image.name for n in ("IMG_", "Screenshot"))
    # The thumbnails are a background job: until it runs, the photos stay off the pages.
    assert not any(p.thumbnails_ready for p in new)
    assert list(location.photos.for_gallery()) == [location.photos.get(order=0)]
    job = Job.objects.get(kind=JobKind.THUMBNAILS)
    assert (job.status, job.total) == (JobStatus.QUEUED, 3)
    run_queued_tasks()
    for photo in new:
        photo.refresh_from_db()
        assert photo.thumbnails_ready
        assert photo.image.storage.exists(photo.card_480.name)
    assert len(location.photos.for_gallery()) == 4
    job.refresh_from_db()
    assert (job.status, job.done, job.summary) == (JobStatus.SUCCEEDED, 3, "3 photo(s) ready")


def test_the_first_upload_can_become_the_cover(fixer_client, location):
    fixer_client.post(
        add_photos_url(location),
        {"images": [jpeg(gps=NO_GPS), jpeg(gps=NO_GPS)], "first_is_cover": "on"},
    )
    cover = location.photos.get(is_cover=True)
    assert cover.order == 1  # the first of the new ones


def test_one_bad_file_refuses_the_whole_batch_and_says_which(fixer_client, location, media_root):
    before = sorted(stored_files(media_root))
    response = fixer_client.post(
        add_photos_url(location),
        {
            "images": [
                jpeg("good.jpg"),
                files.upload(b"not a photo at all", "notes.jpg"),
                jpeg("also-good.jpg"),
            ]
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "“notes.jpg” is not a JPEG, PNG, WebP or HEIC image." in content
    assert "Nothing was saved" in content
    assert location.photos.count() == 1
    assert sorted(stored_files(media_root)) == before


def test_a_file_over_the_size_limit_is_named(fixer_client, location, settings, media_root):
    settings.PHOTO_MAX_UPLOAD_BYTES = 2000
    before = sorted(stored_files(media_root))
    response = fixer_client.post(add_photos_url(location), {"images": [jpeg("huge.jpg")]})
    assert "“huge.jpg” is" in response.content.decode()
    assert "photos must be at most" in response.content.decode()
    assert sorted(stored_files(media_root)) == before


def test_an_empty_upload_is_an_error(fixer_client, location):
    response = fixer_client.post(add_photos_url(location), {"caption": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["images"]


def test_too_many_files_get_a_clear_400_and_nothing_is_stored(
    fixer_client, location, settings, media_root
):
    settings.PHOTO_MAX_FILES_PER_REQUEST = settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    before = sorted(stored_files(media_root))
    response = fixer_client.post(
        add_photos_url(location), {"images": [jpeg(f"{i}.jpg") for i in range(4)]}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Too many files in one upload" in content
    assert "At most 3 files can be sent at a time" in content
    assert location.photos.count() == 1
    assert sorted(stored_files(media_root)) == before


def test_the_upload_form_states_its_limits(fixer_client, location):
    content = fixer_client.get(add_photos_url(location)).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp,image/heic,image/heif' in content
    assert " multiple" in content and 'data-max-files="50"' in content
    assert "up to 50 files at a time" in content and "each at most 20 MB" in content


def test_photos_of_a_studio_are_uploaded_the_same_way(fixer_client):
    studio = factories.StudioFactory()
    response = fixer_client.post(
        add_photos_url(studio, "studio"), {"images": [jpeg(gps=NO_GPS), jpeg(gps=NO_GPS)]}
    )
    assert response.status_code == 302
    assert studio.photos.count() == 2


def test_only_users_who_may_change_the_place_upload(client, location):
    add_url = add_photos_url(location)
    assert client.get(add_url).status_code == 302  # to the login page
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    client.force_login(viewer)
    assert client.get(add_url).status_code == 403
    assert client.post(add_url, {"images": [jpeg()]}).status_code == 403
    assert location.photos.count() == 1


def test_an_unknown_place_is_404(fixer_client):
    assert fixer_client.get(url("location", "add_photos", 999999)).status_code == 404


# The GPS position: offered, never applied silently ---------------------------------------


def test_a_photos_gps_position_is_offered_for_a_place_without_coordinates(
    fixer_client, location, fixer
):
    response = fixer_client.post(add_photos_url(location), {"images": [jpeg()]})
    gps_url = url("location", "photo_gps", location.pk)
    assert response.status_code == 302 and response.url == gps_url
    location.refresh_from_db()
    assert location.latitude is None, "nothing applied yet"

    page = fixer_client.get(gps_url).content.decode()
    assert "Use this photo’s GPS position (35.039370, 135.729243)" in page
    change = fixer_client.get(url("location", "change", location.pk)).content.decode()
    assert gps_url in change  # the offer waits while the fixer looks elsewhere

    photo = location.photos.get(order=1)
    response = fixer_client.post(gps_url, {"photo": photo.pk})
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.latitude, location.longitude) == files.KINKAKUJI
    assert location.updated_by == fixer
    assert location.history.first().latitude == files.KINKAKUJI[0]
    assert gps_url not in fixer_client.get(url("location", "change", location.pk)).content.decode()


def test_the_offer_can_be_declined(fixer_client, location):
    fixer_client.post(add_photos_url(location), {"images": [jpeg()]})
    gps_url = url("location", "photo_gps", location.pk)
    fixer_client.post(gps_url, {"dismiss": "1"})
    location.refresh_from_db()
    assert location.latitude is None
    assert fixer_client.get(gps_url).status_code == 302  # nothing on offer any more


def test_no_offer_when_the_place_has_coordinates(fixer_client):
    place = factories.LocationFactory(latitude=Decimal("35.6595"), longitude=Decimal("139.7004"))
    response = fixer_client.post(add_photos_url(place), {"images": [jpeg()]})
    assert response.url.startswith(url("location", "change", place.pk))
    place.refresh_from_db()
    assert place.latitude == Decimal("35.659500")


def test_a_position_outside_japan_is_not_offered(fixer_client, location):
    response = fixer_client.post(add_photos_url(location), {"images": [jpeg(gps=LONDON)]})
    assert response.url.startswith(url("location", "change", location.pk))
    page = fixer_client.get(response.url).content.decode()
    assert "GPS position outside Japan: it is not offered" in page


def test_a_forged_offer_changes_nothing(fixer_client, location):
    fixer_client.post(add_photos_url(location), {"images": [jpeg()]})
    other = factories.PhotoFactory()
    fixer_client.post(url("location", "photo_gps", location.pk), {"photo": other.pk})
    location.refresh_from_db()
    assert location.latitude is None


# Order and cover in the inline ------------------------------------------------------------


@pytest.fixture
def three_photos(location):
    factories.PhotoFactory(location=location, order=1)
    factories.PhotoFactory(location=location, order=2)
    return list(location.photos.order_by("order"))


def test_ticking_a_new_cover_unticks_the_old_one(fixer_client, location, three_photos):
    old, _, new = three_photos
    data = inline_data(fixer_client, location, **{"photos-2-is_cover": "on"})
    response = fixer_client.post(url("location", "change", location.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(location.photos.filter(is_cover=True)) == [new]


def test_ticking_two_new_covers_is_an_error(fixer_client, location, three_photos):
    data = inline_data(
        fixer_client,
        location,
        **{"photos-1-is_cover": "on", "photos-2-is_cover": "on", "photos-0-is_cover": None},
    )
    response = fixer_client.post(url("location", "change", location.pk), data)
    assert response.status_code == 200
    assert "Tick one photo as the cover" in response.content.decode()
    assert list(location.photos.filter(is_cover=True)) == [three_photos[0]]


def test_photos_are_reordered_by_their_order_numbers(fixer_client, location, three_photos):
    data = inline_data(
        fixer_client,
        location,
        **{"photos-0-order": "2", "photos-1-order": "0", "photos-2-order": "1"},
    )
    assert fixer_client.post(url("location", "change", location.pk), data).status_code == 302
    first, second, third = three_photos
    ordered = list(Photo.objects.filter(location=location).order_by("order"))
    assert ordered == [second, third, first]


def test_a_photo_added_in_the_inline_is_cleaned_and_thumbnailed(fixer_client, location):
    data = inline_data(
        fixer_client,
        location,
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-1-image": jpeg(orientation=6),
            "photos-1-caption": "From the inline",
            "photos-1-order": "0",
        },
    )
    response = fixer_client.post(url("location", "change", location.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    photo = location.photos.get(caption="From the inline")
    assert (photo.width, photo.height) == (200, 300)
    assert photo.order == 1  # after the existing photo
    with photo.image.open("rb") as f:
        assert files.SECRET.encode() not in f.read()
    assert photo.image.storage.exists(photo.card_480.name)
    assert (
        url("location", "photo_gps", location.pk)
        in fixer_client.get(url("location", "change", location.pk)).content.decode()
    )


def test_a_bad_file_in_the_inline_is_a_form_error(fixer_client, location, media_root):
    before = sorted(stored_files(media_root))
    data = inline_data(
        fixer_client,
        location,
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-1-image": files.upload(b"text", "x.jpg"),
            "photos-1-order": "0",
        },
    )
    response = fixer_client.post(url("location", "change", location.pk), data)
    assert response.status_code == 200
    assert "is not a JPEG, PNG, WebP or HEIC image" in response.content.decode()
    assert location.photos.count() == 1
    assert sorted(stored_files(media_root)) == before


# The photo pages --------------------------------------------------------------------------


def test_a_photo_added_on_its_own_page_becomes_the_cover_cleanly(fixer_client, location):
    response = fixer_client.post(
        url("photo", "add"),
        {
            "image": jpeg(gps=NO_GPS),
            "location": location.pk,
            "caption": "New",
            "order": "0",
            "is_cover": "on",
        },
    )
    assert response.status_code == 302
    new = Photo.objects.get(caption="New")
    assert list(location.photos.filter(is_cover=True)) == [new]
    assert new.order == 1
    assert new.image.storage.exists(new.card_480.name)


@pytest.mark.parametrize("rows", [1, 30])
def test_the_photo_list_needs_a_fixed_number_of_queries(
    fixer_client, django_assert_max_num_queries, rows
):
    place = factories.LocationFactory()
    for _ in range(rows):
        factories.PhotoFactory(location=place, thumbnails=False)
    # session, user, user and group permissions, filtered count, total count, the rows
    with django_assert_max_num_queries(8):
        assert fixer_client.get(url("photo", "changelist")).status_code == 200


def test_fixers_group_has_what_uploading_needs():
    fixers = Group.objects.get(name="Fixers")
    codenames = set(fixers.permissions.values_list("codename", flat=True))
    assert {"add_photo", "change_photo", "change_location", "change_studio"} <= codenames


@pytest.mark.parametrize(
    ("language", "list_name", "step"),
    [("en", "Locations", "Add photos"), ("ja", "ロケ地", "写真を追加")],
)
def test_our_admin_pages_carry_the_admins_breadcrumbs_to_the_record_and_the_list(
    fixer_client, location, language, list_name, step
):
    """The shared breadcrumbs: home, the app, the list, the place (a page about one record),
    then the step; the import page, which is about no record, stops at the list."""
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    html = fixer_client.get(add_photos_url(location), **headers).content.decode()
    crumbs = html.split('<div class="breadcrumbs">', 1)[1].split("</div>", 1)[0]
    assert 'href="/admin/"' in crumbs
    assert f'href="{url("location", "changelist")}">{list_name}</a>' in crumbs
    assert f'href="{url("location", "change", location.pk)}">{location}</a>' in crumbs
    assert crumbs.rstrip().endswith(f"&rsaquo; {step}")

    html = fixer_client.get(url("location", "import"), **headers).content.decode()
    crumbs = html.split('<div class="breadcrumbs">', 1)[1].split("</div>", 1)[0]
    assert f'href="{url("location", "changelist")}">{list_name}</a>' in crumbs
    assert url("location", "change", location.pk) not in crumbs
