"""Owners and scouts submit places at /locations/submit/: a place in review, hidden from
visitors until an editor publishes it; a thank-you page and e-mail; hostile input refused."""

import json

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from locations.models import Decision, Location, Photo, Status, Submission
from tests import factories
from tests import photo_files as files
from tests.rate_windows import steady_address
from tests.tasks import run_queued_tasks
from tests.test_photos import bilevel_png, stored_files, text_file
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

SUBMIT = reverse("locations:submit")
THANKS = reverse("locations:submit_thanks")


def form_data(**overrides) -> dict:
    """A complete, honest submission (Enoshima's lighthouse, its real coordinates)."""
    data = {
        "name": "Enoshima Sea Candle",
        "name_ja": "江の島シーキャンドル",
        "prefecture": factories.prefecture("kanagawa").pk,
        "municipality": "Fujisawa",
        "category": factories.category("waterfront").pk,
        "latitude": "35.299600",
        "longitude": "139.480200",
        "description": "Lighthouse on the island; sunset over Mt Fuji on clear winter days.",
        "contact_name": "Haruka Sample",
        "contact_email": "haruka@example.com",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def photo(name="IMG_0001.jpg"):
    return files.upload(files.camera_jpeg(), name)


def post(client, data=None, photos=(), **extra):
    payload = form_data() if data is None else data
    if photos:
        payload = {**payload, "photos": list(photos)}
    return client.post(SUBMIT, payload, **extra)


def assert_nothing_saved(media_root):
    assert Location.objects.count() == 0
    assert Submission.objects.count() == 0
    assert Photo.objects.count() == 0
    assert not media_root.exists() or stored_files(media_root) == []


# The form -------------------------------------------------------------------------------


def test_the_form_is_linked_from_the_locations_list_and_every_footer(client):
    listing = client.get(reverse("locations:list")).content.decode()
    assert listing.count(f'href="{SUBMIT}"') == 2  # the list's heading and the footer
    assert f'href="{SUBMIT}"' in client.get(reverse("home")).content.decode()


def test_the_form_shows_every_field_and_hides_the_honeypot_with_css(client):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("name", "name_ja", "prefecture", "municipality", "category", "latitude"):
        assert f'name="{name}"' in html
    for name in ("longitude", "description", "contact_name", "contact_email", "consent"):
        assert f'name="{name}"' in html
    assert 'type="file" name="photos"' in html and "multiple" in html
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website"' in html and "style=" not in html
    assert "css/submit.css" in html and "js/submit.js" in html


def test_submit_is_routed_before_the_detail_page_and_no_place_can_take_its_slug(client):
    place = factories.LocationFactory(name="Submit", municipality="Chuo")
    assert place.slug == "submit-chuo"
    assert client.get(SUBMIT).templates[0].name == "locations/submit.html"
    with pytest.raises(IntegrityError):
        Location.objects.filter(pk=place.pk).update(slug="submit")


# The happy path ---------------------------------------------------------------------------


def test_a_submission_becomes_a_place_in_review_hidden_from_visitors(client, fixer):
    response = post(client, photos=[photo("first.jpg"), photo("second.jpg")])
    assert response.status_code == 302 and response["Location"] == THANKS

    place = Location.objects.get()
    assert (place.status, place.name, place.name_ja) == (
        Status.REVIEW,
        "Enoshima Sea Candle",
        "江の島シーキャンドル",
    )
    assert (place.contact_name, place.contact_email) == ("Haruka Sample", "haruka@example.com")
    assert place.name_kana and place.slug == "enoshima-sea-candle"
    submission = place.submission
    assert submission.decision == Decision.PENDING and submission.language == "en"
    assert submission.submitter_email == "haruka@example.com" and submission.consent_at
    assert not place.photos.for_gallery().exists()  # thumbnails are a background job
    run_queued_tasks()
    photos = list(place.photos.for_gallery())
    assert len(photos) == 2 and photos[0].is_cover
    assert files.SECRET.encode() not in photos[0].image.open("rb").read()

    # Absent from every public view: the list, the map, search, the page itself.
    assert "Sea Candle" not in client.get(reverse("locations:list")).content.decode()
    assert (
        "Sea Candle"
        not in client.get(reverse("locations:list"), {"q": "enoshima"}).content.decode()
    )
    features = json.loads(client.get(reverse("locations:geojson")).content)["features"]
    assert features == []
    assert client.get(place.get_absolute_url()).status_code == 404
    # Staff see it, marked as in review.
    client.force_login(fixer)
    assert client.get(place.get_absolute_url()).status_code == 200


def test_the_thank_you_page_names_the_place_and_the_confirmation_is_e_mailed(client):
    page = post(client, follow=True)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Thank you for your suggestion" in text
    assert "“Enoshima Sea Candle” is now with Rokehan" in text and "haruka@example.com" in text
    assert mail.outbox == []  # sent by the worker, never inside the request
    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["haruka@example.com"]
    assert message.subject == "We received your suggestion: Enoshima Sea Candle"
    assert "Dear Haruka Sample," in message.body and "An editor checks" in message.body


def test_a_japanese_visitor_writes_in_japanese_and_is_answered_in_japanese(client):
    data = form_data(
        name="",
        name_ja="江の島シーキャンドル",
        description="江の島の展望灯台。冬の晴れた日は富士山に夕日が沈む。",
        contact_name="佐藤はるか",
    )
    response = post(client, data, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 302
    place = Location.objects.get()
    assert place.name == place.name_romaji and place.name  # the reading stands in for English
    assert (place.description, place.description_ja) == ("", data["description"])
    assert place.submission.language == "ja"
    run_queued_tasks()
    assert "江の島シーキャンドル" in mail.outbox[0].subject
    assert "受け付けました" in mail.outbox[0].subject
    assert "佐藤はるか 様" in mail.outbox[0].body


# Bad and hostile input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "says"),
    [
        ({"name": "", "name_ja": ""}, "name", "Give the place a name"),
        ({"contact_email": "not-an-address"}, "contact_email", "valid email"),
        ({"consent": None}, "consent", "Please agree to be contacted"),
        ({"description": ""}, "description", "required"),
        ({"longitude": ""}, "longitude", "both latitude and longitude"),
        ({"latitude": "51.5", "longitude": "-0.12"}, None, "inside Japan"),
        ({"prefecture": "99999"}, "prefecture", "valid choice"),
        ({"name": "<script>alert(1)</script>"}, "name", "plain text"),
        ({"description": 'Nice"><img src=x onerror=alert(1)>'}, "description", "plain text"),
        ({"contact_name": "</textarea><svg onload=alert(1)>"}, "contact_name", "plain text"),
    ],
)
def test_bad_input_gets_a_form_error_and_saves_nothing(client, media_root, overrides, field, says):
    response = post(client, form_data(**overrides), photos=[photo()])
    assert response.status_code == 400
    form = response.context["form"]
    errors = " ".join(form.errors.get(field or "__all__", []))
    assert says in errors, form.errors
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "Nothing was saved yet" in html
    assert_nothing_saved(media_root)


def test_the_honeypot_refuses_a_bot_and_saves_nothing(client, media_root):
    response = post(client, form_data(website="http://spam.example"), photos=[photo()])
    assert response.status_code == 400
    assert "looks automated" in response.content.decode()
    assert_nothing_saved(media_root)


@pytest.mark.parametrize(
    ("make", "name", "says"),
    [
        (lambda: bilevel_png(9_000, 9_000), "bomb.png", "has too many pixels"),
        (text_file, "notes.jpg", "is not a JPEG, PNG, WebP or HEIC image"),
    ],
)
def test_a_bomb_or_a_non_image_among_the_photos_saves_nothing(client, media_root, make, name, says):
    response = post(client, photos=[photo("good.jpg"), files.upload(make(), name)])
    assert response.status_code == 400
    (error,) = response.context["form"].errors["photos"]
    assert name in error and says in error
    assert "choose them again" in response.content.decode()
    assert_nothing_saved(media_root)


def test_eleven_photos_are_refused(client, media_root):
    response = post(client, photos=[photo(f"IMG_{n}.jpg") for n in range(11)])
    assert response.status_code == 400
    assert response.context["form"].errors["photos"] == ["Choose at most 10 photos (you chose 11)."]
    assert_nothing_saved(media_root)


def test_photos_over_the_total_size_are_refused(client, media_root, settings):
    one = files.camera_jpeg()
    settings.SUBMISSION_MAX_UPLOAD_BYTES = len(one) * 2 - 1
    response = post(client, photos=[files.upload(one, "a.jpg"), files.upload(one, "b.jpg")])
    assert response.status_code == 400
    assert "together: at most" in response.context["form"].errors["photos"][0]
    assert_nothing_saved(media_root)


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client, media_root, settings):
    settings.SUBMISSION_MAX_UPLOAD_BYTES = 1000
    big = files.upload(b"x" * (1024 * 1024 + 2000), "huge.jpg")
    response = post(client, photos=[big])
    assert response.status_code == 413
    assert "too large to send together" in response.content.decode()
    assert_nothing_saved(media_root)


def test_more_files_than_a_request_may_carry_get_the_explained_400(client, media_root, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 12
    response = post(client, photos=[photo(f"IMG_{n}.jpg") for n in range(13)])
    assert response.status_code == 400
    assert "Too many files in one upload" in response.content.decode()
    assert_nothing_saved(media_root)


# Rate limits ----------------------------------------------------------------------------


def test_a_flood_of_posts_is_refused_and_another_address_is_still_served(client, media_root):
    address = steady_address(period=3600, seconds_needed=120)
    statuses = [
        post(client, form_data(contact_email="bad"), REMOTE_ADDR=address).status_code
        for _ in range(100)
    ]
    assert statuses[:20] == [400] * 20  # the form's errors, RATE_LIMITS["submit"] = 20/h
    assert set(statuses[20:]) == {429}
    refused = post(client, REMOTE_ADDR=address)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many requests from your network" in refused.content.decode()
    assert "Nothing from this attempt was saved" in refused.content.decode()
    assert_nothing_saved(media_root)
    assert post(client, REMOTE_ADDR="203.0.113.8").status_code == 302


def test_an_address_may_submit_a_few_places_an_hour(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submit_accepted": "2/h"}
    address = steady_address(period=3600)
    for n in range(2):
        assert post(client, form_data(name=f"Place {n}"), REMOTE_ADDR=address).status_code == 302
    third = post(client, form_data(name="Place 3"), REMOTE_ADDR=address)
    assert third.status_code == 429
    assert Location.objects.count() == 2
    assert post(client, form_data(name="Place 4"), REMOTE_ADDR="203.0.113.10").status_code == 302


def test_the_limit_page_is_in_japanese_too(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submit": "1/h"}
    address = steady_address(period=3600)
    post(client, form_data(contact_email="bad"), REMOTE_ADDR=address)
    refused = post(client, HTTP_ACCEPT_LANGUAGE="ja", REMOTE_ADDR=address)
    assert refused.status_code == 429
    assert "アクセスが多すぎます" in refused.content.decode()


def test_text_that_is_not_markup_is_kept_and_escaped_where_it_is_shown(client, fixer):
    name = 'O\'Brien & Sons "Warehouse"'
    description = "Walk < 5 min from the station & ask for Ken."
    post(client, form_data(name=name, description=description), follow=True)
    place = Location.objects.get()
    assert (place.name, place.description) == (name, description)
    run_queued_tasks()
    assert name in mail.outbox[0].subject  # plain text: no &amp; in e-mails
    client.force_login(fixer)
    admin_page = client.get(
        reverse("admin:locations_submission_change", args=[place.submission.pk])
    ).content.decode()
    assert "O&#x27;Brien &amp; Sons &quot;Warehouse&quot;" in admin_page
    assert "Walk &lt; 5 min" in admin_page


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submit": "2/h"}
    address = steady_address(period=3600)
    statuses = [
        post(
            client,
            form_data(contact_email="bad"),
            REMOTE_ADDR=address,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [400, 400, 429, 429]
    # Behind one proxy of ours, the address it saw is the client: two clients, two counters.
    settings.TRUSTED_PROXY_COUNT = 1
    behind = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 192.0.2.50"}
    assert post(client, **behind).status_code == 302
    behind["HTTP_X_FORWARDED_FOR"] = "1.2.3.4, 192.0.2.51"
    assert post(client, **behind).status_code == 302


def test_a_post_without_the_csrf_token_is_refused(media_root):
    response = post(Client(enforce_csrf_checks=True), photos=[photo()])
    assert response.status_code == 403
    assert_nothing_saved(media_root)
