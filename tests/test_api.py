"""The read-only API: published records only, no private contacts or private photos, the
shared shortlist by token, pagination, throttling, CORS, and bounded query counts."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from locations.models import Status
from tests import factories
from tests.rate_windows import steady_address

pytestmark = pytest.mark.django_db

PRIVATE_FIELDS = ("contact_name", "contact_phone", "contact_email", "search_text", "status")


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_locations_lists_published_places_only_without_contacts(client):
    shown = factories.LocationFactory(
        name="Kinkaku-ji", contact_name="Temple office", contact_email="office@example.com"
    )
    factories.LocationFactory(name="Draft place", status=Status.DRAFT)
    factories.LocationFactory(name="Review place", status=Status.REVIEW)
    response = get(client, "/api/locations/")
    assert response.status_code == 200
    assert slugs(response) == [shown.slug]
    (row,) = response.json()["results"]
    assert not set(PRIVATE_FIELDS) & set(row)
    assert "office@example.com" not in response.text and "Temple office" not in response.text
    assert row["html_url"] == f"http://testserver{shown.get_absolute_url()}"


def test_a_draft_location_or_studio_is_a_404(client):
    draft = factories.LocationFactory(status=Status.DRAFT)
    studio = factories.StudioFactory(status=Status.REVIEW)
    assert client.get(f"/api/locations/{draft.slug}/").status_code == 404
    assert client.get(f"/api/studios/{studio.slug}/").status_code == 404


def test_a_location_has_its_tags_category_prefecture_and_cover(client):
    place = factories.LocationFactory(name="Shibuya Crossing")
    place.tags.add(factories.TagFactory(name="neon"))
    factories.PhotoFactory(location=place, caption="The crossing at night")
    row = get(client, f"/api/locations/{place.slug}/").json()
    assert row["tags"] == [{"slug": "neon", "name": "neon"}]
    assert row["prefecture"]["slug"] == "tokyo" and row["prefecture"]["region"] == "kanto"
    assert row["category"]["slug"] == "street"
    assert row["cover"]["caption"] == "The crossing at night"
    assert row["cover"]["url"].startswith("http://testserver/media/CACHE/images/")


def test_private_property_photos_never_appear(client):
    place = factories.LocationFactory(private_property=True)
    factories.PhotoFactory(location=place, caption="Inside the house")
    shortlist = factories.ShortlistFactory()
    factories.ShortlistItemFactory(shortlist=shortlist, location=place)
    for url in ("/api/locations/", f"/api/locations/{place.slug}/"):
        assert "Inside the house" not in get(client, url).text
    shared = get(client, f"/api/shortlists/{shortlist.share_token}/")
    assert shared.status_code == 200
    assert shared.json()["items"][0]["location"]["cover"] is None


def test_studios_come_with_their_stages_largest_first(client):
    small = factories.StudioFactory(name="Small lot", contact_phone="03-0000-0000")
    factories.stage(small, "A", "20", "15")
    big = factories.StudioFactory(name="Big lot")
    factories.stage(big, "No. 1", "40", "30", "12", tank=True)
    factories.stage(big, "No. 2", "30", "20")
    factories.StudioFactory(name="Draft lot", status=Status.DRAFT)
    response = get(client, "/api/studios/")
    assert slugs(response) == [big.slug, small.slug]
    first = response.json()["results"][0]
    assert [stage["name"] for stage in first["stages"]] == ["No. 1", "No. 2"]
    assert first["stages"][0]["floor_area_m2"] == "1200.00"
    assert "03-0000-0000" not in response.text
    assert slugs(get(client, "/api/studios/", tank="true")) == [big.slug]


def test_film_commissions_filter_like_the_directory(client):
    from locations.models import FilmCommission, Prefecture

    kyoto = Prefecture.objects.get(slug="kyoto")
    FilmCommission.objects.create(name="Kyoto Film Commission", prefecture=kyoto)
    FilmCommission.objects.create(name="Japan Film Commission")
    FilmCommission.objects.create(name="Hokkaido Film Commission", prefecture_id=1)
    response = get(client, "/api/film-commissions/", prefecture="kyoto")
    names = [row["name"] for row in response.json()["results"]]
    assert names == ["Japan Film Commission", "Kyoto Film Commission"]


def test_a_shortlist_by_its_share_token_only_while_the_link_is_live(client):
    shortlist = factories.ShortlistFactory(title="Chase scenes")
    factories.ShortlistItemFactory(shortlist=shortlist, top_choice_for="Sc. 12")
    factories.ShortlistItemFactory(
        shortlist=shortlist, location=factories.LocationFactory(status=Status.DRAFT)
    )
    url = f"/api/shortlists/{shortlist.share_token}/"
    body = get(client, url).json()
    assert body["title"] == "Chase scenes"
    assert [item["top_choice_for"] for item in body["items"]] == ["Sc. 12"]  # no draft
    assert "owner" not in body and "share_token" not in json.dumps(body)
    shortlist.share_expires_on = timezone.localdate() - dt.timedelta(days=1)
    shortlist.save()
    assert client.get(url).status_code == 404
    shortlist.share_expires_on = None
    shortlist.save()
    shortlist.revoke_share()
    assert client.get(url).status_code == 404
    assert client.get("/api/shortlists/not-a-token/").status_code == 404


def test_pages_follow_the_list_pages_size_and_keep_the_filters(client, settings):
    settings.LOCATIONS_PER_PAGE = 2
    for n in range(5):
        factories.LocationFactory(name=f"Temple {n}")
    first = get(client, "/api/locations/", q="temple").json()
    assert first["count"] == 5 and first["count_is_capped"] is False
    assert len(first["results"]) == 2
    assert "q=temple" in first["next"] and "page=2" in first["next"]
    assert client.get("/api/locations/", {"page": 4}).status_code == 404
    assert client.get("/api/locations/", {"page": "last"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"near": "nowhere"},
        {"radius_km": "-5"},
        {"region": "atlantis"},
        {"sort": "price"},
        {"q": "x" * 201},
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(client, query):
    response = get(client, "/api/locations/", **query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_the_api_is_read_only(client):
    assert client.post("/api/locations/", {}).status_code == 405
    assert client.delete("/api/studios/").status_code == 405


def test_anonymous_callers_are_throttled(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "3/m"}
    address = steady_address()
    for _ in range(3):
        assert client.get("/api/locations/", REMOTE_ADDR=address).status_code == 200
    throttled = client.get("/api/locations/", REMOTE_ADDR=address)
    assert throttled.status_code == 429
    assert "Retry-After" in throttled
    assert client.get("/api/locations/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_no_cors_headers_unless_origins_are_configured(client, settings):
    origin = {"HTTP_ORIGIN": "https://tools.example.com"}
    assert "Access-Control-Allow-Origin" not in client.get("/api/locations/", **origin)
    settings.CORS_ALLOWED_ORIGINS = ["https://tools.example.com"]
    allowed = client.get("/api/locations/", **origin)
    assert allowed["Access-Control-Allow-Origin"] == "https://tools.example.com"
    assert "Access-Control-Allow-Credentials" not in allowed
    # Only the API: the site's pages never carry CORS headers.
    assert "Access-Control-Allow-Origin" not in client.get("/locations/", **origin)


def test_the_docs_page_uses_vendored_files_only(client):
    page = client.get("/api/")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page.text


@pytest.mark.parametrize("rows", [1, 30])
def test_location_list_query_count_is_bounded(client, django_assert_max_num_queries, rows):
    tag = factories.TagFactory()
    for _ in range(rows):
        place = factories.LocationFactory()
        place.tags.add(tag)
        factories.PhotoFactory(location=place)
    # prefectures (a keyword may name one), count, page rows (+ prefecture, region,
    # category), covers, tags
    with django_assert_max_num_queries(5):
        assert client.get("/api/locations/", {"q": "sample"}).status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_studio_list_query_count_is_bounded(client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        factories.SoundstageFactory(studio=factories.StudioFactory())
    # count, page rows (+ stage stats), stages, photos
    with django_assert_max_num_queries(4):
        assert client.get("/api/studios/").status_code == 200


def test_shared_shortlist_query_count_is_bounded(client, django_assert_max_num_queries):
    shortlist = factories.ShortlistFactory()
    for _ in range(12):
        factories.ShortlistItemFactory(shortlist=shortlist)
    factories.ShortlistItemFactory(
        shortlist=shortlist, location=None, studio=factories.StudioFactory()
    )
    # shortlist, items (+ places), location photos, studio photos, stages, tags
    with django_assert_max_num_queries(6):
        assert client.get(f"/api/shortlists/{shortlist.share_token}/").status_code == 200
