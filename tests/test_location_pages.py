"""The public location pages: home, /locations/, /locations/<slug>/ and /locations.geojson."""

import gzip
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.models import Location, Photo, Status, Tag
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("locations:list")
GEOJSON = reverse("locations:geojson")


def card_names(response) -> list[str]:
    """The names on the result cards, in page order."""
    html = response.content.decode()
    return re.findall(r'<h3 class="card-title"><a href="[^"]+" lang="\w+">([^<]+)</a>', html)


def feature_names(response) -> list[str]:
    return [feature["properties"]["name"] for feature in response.json()["features"]]


@pytest.fixture
def kyoto():
    """A published temple in Kyoto with everything a location manager reads."""
    location = factories.LocationFactory(
        name="Kinkaku-ji",
        name_ja="金閣寺",
        prefecture=factories.prefecture("kyoto"),
        category=factories.category("temple"),
        municipality="Kita-ku",
        latitude=Decimal("35.039370"),
        longitude=Decimal("135.729243"),
        description="The Golden Pavilion, a Zen temple.",
        permit_authority="Temple office (Rokuon-ji)",
        permit_lead_days=20,
        power="none",
        nearest_station="Kitaoji (bus)",
        drones="no",
        restrictions="No filming inside the pavilion.",
        contact_name="Temple office",
        contact_phone="075-461-0013",
        contact_email="office@example.jp",
    )
    location.tags.add(factories.TagFactory(name="period drama"))
    return location


@pytest.fixture
def draft():
    return factories.LocationFactory(
        name="Secret Alley",
        status=Status.DRAFT,
        prefecture=factories.prefecture("kyoto"),
        latitude=Decimal("35.0"),
        longitude=Decimal("135.76"),
    )


# Home -------------------------------------------------------------------------------------


def test_home_counts_published_places_studios_and_prefectures(client, kyoto, draft):
    factories.LocationFactory(name="Shibuya Crossing")  # Tokyo
    factories.StudioFactory(name="Sample Studio", prefecture=factories.prefecture("chiba"))
    factories.StudioFactory(name="Unpublished Studio", status=Status.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    assert (response.context["location_count"], response.context["studio_count"]) == (2, 1)
    assert response.context["prefecture_count"] == 3  # Kyoto, Tokyo, Chiba
    kansai = next(r for r in response.context["regions"] if r.slug == "kansai")
    assert kansai.location_count == 1  # the draft in Kyoto is not counted


def test_home_has_a_keyword_box_regions_cards_and_a_map_of_everything(client, kyoto):
    factories.LocationFactory(name="Featured Place", featured=True)
    html = client.get("/").content.decode()
    assert f'action="{LIST}"' in html and 'name="q"' in html
    assert f'href="{LIST}?region=kansai"' in html
    assert "Featured Place" in html and "Kinkaku-ji" in html
    assert f'data-geojson-url="{GEOJSON} {reverse("studios:geojson")}"' in html
    assert f'href="{reverse("studios:list")}"' in html


def test_home_never_shows_drafts(client, draft):
    html = client.get("/").content.decode()
    assert "Secret Alley" not in html


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    factories.LocationFactory.create_batch(8, featured=True)
    # regions+counts, studios, prefectures, featured, its photos, newest, its photos
    with django_assert_max_num_queries(7):
        assert client.get("/").status_code == 200
    # Then the counts and the cards come from the cache (per catalogue version).
    with django_assert_max_num_queries(0):
        assert client.get("/").status_code == 200


def test_the_cached_home_shows_an_edit_at_once(client, kyoto):
    kyoto.featured = True
    kyoto.save()
    assert "Kinkaku-ji" in client.get("/").content.decode()
    kyoto.name = "Rokuon-ji"
    kyoto.save()
    html = client.get("/").content.decode()
    assert "Rokuon-ji" in html and "Kinkaku-ji" not in html
    factories.LocationFactory(prefecture=factories.prefecture("kyoto"))
    assert client.get("/").context["location_count"] == 2


def test_the_cached_home_cards_follow_the_language(client, kyoto):
    kyoto.featured = True
    kyoto.save()
    english = client.get("/", headers={"accept-language": "en"})
    japanese = client.get("/", headers={"accept-language": "ja"})
    # The cards lead with the page's language: a cached English card is not served in Japanese.
    assert card_names(english)[0] == "Kinkaku-ji"
    assert card_names(japanese)[0] == "金閣寺"


# List -------------------------------------------------------------------------------------


def test_list_shows_cards_with_both_names_category_and_prefecture(client, kyoto):
    factories.PhotoFactory(location=kyoto, caption="The pavilion from the pond")
    html = client.get(LIST).content.decode()
    assert "Kinkaku-ji" in html and "金閣寺" in html
    assert "Temple" in html and "Kyoto" in html
    card_image = re.search(r'<img [^>]*alt="The pavilion from the pond"[^>]*>', html).group(0)
    assert 'loading="lazy"' in card_image and 'width="' in card_image and 'height="' in card_image
    assert ".webp" in card_image  # a thumbnail, never the original upload


def test_a_card_without_photos_shows_a_placeholder(client, kyoto):
    html = client.get(LIST).content.decode()
    assert 'class="card-placeholder"' in html


def test_every_filter_field_has_a_label(client, kyoto):
    html = client.get(LIST).content.decode()
    for field_id in ["id_q", "id_near", "id_radius_km", "id_sort", "id_region_0"]:
        assert f'for="{field_id}"' in html


def test_the_form_keeps_its_values(client, kyoto):
    html = client.get(LIST, {"q": "temple", "region": "kansai", "near": "35,135.7"}).content
    html = html.decode()
    assert 'name="q" value="temple"' in html
    assert 'value="kansai" id="id_region_4" checked' in html
    assert 'name="near" value="35,135.7"' in html
    assert '<option value="distance" selected>' in html


def test_the_list_shows_the_result_count_and_the_distance_near_a_point(client, kyoto):
    response = client.get(LIST, {"near": "35.0116,135.7681", "radius_km": "10"})
    html = response.content.decode()
    assert "<strong>1</strong> place" in html
    assert "4.7 km away" in html


def test_active_filters_are_chips_that_remove_one_value(client, kyoto):
    html = client.get(LIST, {"region": ["kansai", "kanto"], "tag": "period-drama"}).content
    html = html.decode()
    assert f'href="{LIST}?region=kanto&amp;tag=period-drama"' in html
    assert f'href="{LIST}?region=kansai&amp;region=kanto"' in html


def test_an_unknown_slug_shows_a_form_error_and_no_results(client, kyoto):
    response = client.get(LIST, {"region": "atlantis"})
    assert response.status_code == 200
    assert response.context["filter"].errors["region"]
    assert card_names(response) == []
    assert "Some filters could not be used" in response.content.decode()


def test_pagination_keeps_the_filters(client, settings):
    settings.LOCATIONS_PER_PAGE = 5
    factories.LocationFactory.create_batch(7, prefecture=factories.prefecture("osaka"))
    factories.LocationFactory(name="Tokyo Place")
    response = client.get(LIST, {"region": "kansai", "sort": "-updated"})
    html = response.content.decode()
    assert len(card_names(response)) == 5
    assert 'href="?region=kansai&amp;sort=-updated&amp;page=2"' in html
    # The default sort is the one applied without asking: links leave it out.
    by_name = client.get(LIST, {"region": "kansai", "sort": "name"}).content.decode()
    assert 'href="?region=kansai&amp;page=2"' in by_name
    page_two = client.get(LIST, {"region": "kansai", "sort": "name", "page": "2"})
    assert len(card_names(page_two)) == 2
    assert "Tokyo Place" not in card_names(page_two)


def test_the_results_map_uses_the_same_query_without_the_page(client, kyoto):
    html = client.get(LIST, {"region": "kansai", "page": "1"}).content.decode()
    assert f'data-geojson-url="{GEOJSON}?region=kansai"' in html


def test_an_htmx_request_gets_the_results_partial(client, kyoto):
    response = client.get(LIST, {"region": "kansai"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="filter-form"' not in html
    assert card_names(response) == ["Kinkaku-ji"]
    assert "HX-Request" in response["Vary"]
    # The count of active filters beside the form's title follows, out of band.
    assert '<span id="filter-count" class="badge" hx-swap-oob="true">1 active</span>' in html


def test_an_htmx_history_restore_gets_the_whole_page(client, kyoto):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client.get(LIST, headers=headers).content.decode()
    assert "<html" in html


def test_the_filter_form_updates_the_results_with_htmx_and_works_without(client, kyoto):
    html = client.get(LIST).content.decode()
    assert f'<form id="filter-form" class="filters" method="get" action="{LIST}"' in html
    assert f'hx-get="{LIST}" hx-target="#results" hx-push-url="true"' in html
    assert '<button type="submit">' in html


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    tag = factories.TagFactory(name="neon")
    for location in factories.LocationFactory.create_batch(count):
        factories.PhotoFactory(location=location)
        location.tags.add(tag)
    # The matches' keys and the page's rows (2); the cards, drawn the first time: their full
    # rows and photos (2); the catalogue's choices, for the form and the values it is given:
    # regions, prefectures, categories, tags (4, once per catalogue version).
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(card_names(response)) == min(count, 24)
    # A new search of the same places: their cards and the choices (the tag given among them)
    # are shared, so only the matches' keys and the page's rows (2) are read.
    with django_assert_max_num_queries(2):
        response = client.get(LIST, {"tag": tag.slug})
    assert len(card_names(response)) == min(count, 24)
    # The same with a region: its prefectures come from the shared choices too.
    with django_assert_max_num_queries(2):
        response = client.get(LIST, {"region": "kanto", "tag": tag.slug})
    assert len(card_names(response)) == min(count, 24)


def test_staff_see_drafts_in_the_list_marked_as_drafts(fixer_client, kyoto, draft):
    html = fixer_client.get(LIST).content.decode()
    assert "Secret Alley" in html
    assert '<span class="badge badge-draft">Draft</span>' in html


def test_visitors_never_see_drafts_in_the_list(client, kyoto, draft):
    assert card_names(client.get(LIST)) == ["Kinkaku-ji"]
    assert card_names(client.get(LIST, {"q": "secret"})) == []


# Detail -----------------------------------------------------------------------------------


def test_detail_shows_facts_grouped_and_leaves_out_empty_ones(client, kyoto):
    html = client.get(kyoto.get_absolute_url()).content.decode()
    for heading in ["Permits", "Production", "Access", "Restrictions &amp; timing"]:
        assert f">{heading}</h2>" in html
    assert "<dt>Permit lead time</dt><dd>20 business days</dd>" in html
    assert "No power on site (bring generators)" in html
    assert "<dt>Drones</dt><dd>Not allowed</dd>" in html
    assert "No filming inside the pavilion." in html
    assert "Parking" not in html  # not filled in
    assert "Best season" not in html


def test_detail_has_a_gallery_with_alt_text_and_full_size_links(client, kyoto):
    first = factories.PhotoFactory(location=kyoto, caption="Pavilion at dawn", is_cover=True)
    factories.PhotoFactory(location=kyoto, caption="")
    html = client.get(kyoto.get_absolute_url()).content.decode()
    from locations.templatetags.photos import photo_sources

    # The full-screen link opens the large WebP thumbnail, never the camera original.
    full = photo_sources(first, "full").src
    assert f'href="{full}" class="gallery-link" data-gallery-item' in html
    assert first.image.url not in html
    assert 'alt="Pavilion at dawn"' in html
    assert 'alt="Kinkaku-ji"' in html  # no caption: the place's name
    assert "js/gallery.js" in html


def test_the_gallery_read_with_the_place_is_the_places_gallery_in_its_order(client, kyoto):
    """The page reads the photos with the place (models.with_place.GalleryRows): the same
    photos as `photos.for_gallery()`, cover first, then the fixers' order, then the key."""
    assert client.get(kyoto.get_absolute_url()).context["photos"] == []  # none yet

    def photo(caption, **fields):
        return factories.PhotoFactory(location=kyoto, caption=caption, **fields)

    photo("Third, by key", order=2)
    photo("Second", order=1)
    photo("Cover", order=9, is_cover=True)
    photo("Fourth, by key", order=2)
    Photo.objects.filter(pk=photo("Not ready", order=0).pk).update(thumbnails_ready=False)
    factories.PhotoFactory(caption="Another place's")
    photo('Quotes "and" <tags> & 金閣寺の雪', order=3)

    response = client.get(kyoto.get_absolute_url())
    shown = response.context["photos"]
    expected = list(kyoto.photos.for_gallery())
    assert [p.caption for p in shown] == [
        "Cover",
        "Second",
        "Third, by key",
        "Fourth, by key",
        'Quotes "and" <tags> & 金閣寺の雪',
    ]
    fields = ("pk", "location_id", "caption", "credit", "width", "height")
    assert [[getattr(p, f) for f in fields] for p in shown] == [
        [getattr(p, f) for f in fields] for p in expected
    ]
    assert [p.image.name for p in shown] == [p.image.name for p in expected]
    html = response.content.decode()
    assert 'alt="Quotes &quot;and&quot; &lt;tags&gt; &amp; 金閣寺の雪"' in html
    assert "Not ready" not in html and "Another place" not in html


def test_detail_tags_link_to_the_filtered_list(client, kyoto):
    html = client.get(kyoto.get_absolute_url()).content.decode()
    assert f'href="{LIST}?tag=period-drama"' in html


def detail_tags(response) -> list[str]:
    """The chips of a place's "Tags" section, in order."""
    return re.findall(r'<a class="chip" href="[^"]*">#([^<]*)</a>', response.content.decode())


def test_detail_tags_are_the_places_own_by_name_and_follow_every_edit(client, kyoto):
    """A place's tags come from the version's shared tag rows and the keys read with the
    place (views.catalogue.shared_tags): by name, only its own, and current after an edit."""
    other = factories.LocationFactory()
    other.tags.add(factories.TagFactory(name="not-mine"))
    assert detail_tags(client.get(kyoto.get_absolute_url())) == ["period drama"]

    kyoto.tags.add(factories.TagFactory(name="autumn-leaves"), factories.TagFactory(name="zen"))
    assert detail_tags(client.get(kyoto.get_absolute_url())) == [
        "autumn-leaves",
        "period drama",
        "zen",
    ]
    zen = Tag.objects.get(name="zen")
    zen.name = "bamboo"
    zen.save()
    assert detail_tags(client.get(kyoto.get_absolute_url())) == [
        "autumn-leaves",
        "bamboo",
        "period drama",
    ]
    kyoto.tags.clear()
    response = client.get(kyoto.get_absolute_url())
    assert detail_tags(response) == []
    assert 'id="tags-title"' not in response.content.decode()


def test_a_tag_linked_without_a_signal_still_shows_on_the_place(client, kyoto):
    """Rows written in bulk send no signal, so the version's shared tags may lack a new
    one until the writer sets a new version: the page reads the place's tags itself then."""
    assert detail_tags(client.get(kyoto.get_absolute_url())) == ["period drama"]
    [bulk] = Tag.objects.bulk_create([Tag(name="bulk-loaded", slug="bulk-loaded")])
    Location.tags.through.objects.bulk_create(
        [Location.tags.through(location_id=kyoto.pk, tag_id=bulk.pk)]
    )
    url = f"{kyoto.get_absolute_url()}?date=2030-01-15"  # not the page already cached
    assert detail_tags(client.get(url)) == ["bulk-loaded", "period drama"]


def test_detail_map_is_centred_on_the_place(client, kyoto):
    html = client.get(kyoto.get_absolute_url()).content.decode()
    assert 'data-center="35.039370,135.729243"' in html
    assert f'data-geojson-url="{GEOJSON}?near=35.039370,135.729243&amp;radius_km=30"' in html
    assert f'data-current-url="{kyoto.get_absolute_url()}"' in html


def test_detail_lists_nearby_places_and_studios_with_distances(client, kyoto):
    factories.LocationFactory(
        name="Fushimi Inari Taisha",
        prefecture=factories.prefecture("kyoto"),
        latitude=Decimal("34.967140"),
        longitude=Decimal("135.772672"),
    )
    factories.LocationFactory(name="Far Away Tokyo")  # Shibuya: 370 km
    factories.LocationFactory(
        name="Nearby Draft",
        status=Status.DRAFT,
        latitude=Decimal("35.04"),
        longitude=Decimal("135.73"),
        prefecture=factories.prefecture("kyoto"),
    )
    factories.StudioFactory(
        name="Uzumasa Sample Studio",
        prefecture=factories.prefecture("kyoto"),
        latitude=Decimal("35.0160"),
        longitude=Decimal("135.7100"),
    )
    factories.StudioFactory(name="Tokyo Sample Studio")
    response = client.get(kyoto.get_absolute_url())
    assert [p.name for p in response.context["nearby_locations"]] == ["Fushimi Inari Taisha"]
    assert [s.name for s in response.context["nearby_studios"]] == ["Uzumasa Sample Studio"]
    html = response.content.decode()
    assert "9.0 km away" in html  # Kinkaku-ji to Fushimi Inari
    assert "3.1 km" in html  # to the studio


def nearby_studio_lines(response) -> list[str]:
    """The text of each line of a place's "Studios within N km", spaces collapsed."""
    html = response.content.decode()
    listed = re.search(r'<ul class="nearby-list">(.*?)</ul>', html, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in listed.split("</li>")[:-1]]


def test_a_studio_near_two_places_shows_each_its_own_distance_in_the_pages_language(client, kyoto):
    """A studio's line is shared by every page that lists it: its distance is the page's."""
    near_kyoto = factories.prefecture("kyoto")
    studio = factories.StudioFactory(
        name="Uzumasa Sample Studio",
        name_ja="太秦サンプル撮影所",
        prefecture=near_kyoto,
        latitude=Decimal("35.0160"),
        longitude=Decimal("135.7100"),
    )
    fushimi = factories.LocationFactory(
        name="Fushimi Inari Taisha",
        prefecture=near_kyoto,
        latitude=Decimal("34.967140"),
        longitude=Decimal("135.772672"),
    )
    assert nearby_studio_lines(client.get(kyoto.get_absolute_url())) == [
        "Uzumasa Sample Studio Sample data Kyoto · 3.1 km"
    ]
    assert nearby_studio_lines(client.get(fushimi.get_absolute_url())) == [
        "Uzumasa Sample Studio Sample data Kyoto · 7.9 km"
    ]
    client.cookies["django_language"] = "ja"
    assert nearby_studio_lines(client.get(kyoto.get_absolute_url())) == [
        "太秦サンプル撮影所 サンプルデータ 京都府 · 3.1 km"
    ]
    # An edit shows at once (a new catalogue version), not the line kept for the old one.
    studio.name_ja, studio.is_sample = "太秦撮影所", False
    studio.save()
    response = client.get(kyoto.get_absolute_url())
    assert nearby_studio_lines(response) == ["太秦撮影所 京都府 · 3.1 km"]
    html = response.content.decode()
    assert f'<a href="{studio.get_absolute_url()}" lang="ja">太秦撮影所</a>' in html


def test_the_studios_near_a_place_are_the_six_nearest_published_and_follow_every_edit(
    client, kyoto
):
    """Nearest first, a tie by name, at most six, within 100 km; drafts never. The points
    are kept per catalogue version (locations.nearby), so each edit shows on the next page."""
    kyoto_prefecture = factories.prefecture("kyoto")

    def studio(name, km_north, **fields):
        # 1 km of latitude is 1/111.195 of a degree: due north, the distance is the offset.
        latitude = kyoto.latitude + Decimal(km_north / 111.195).quantize(Decimal("0.000001"))
        return factories.StudioFactory(
            name=name,
            name_ja="",
            prefecture=kyoto_prefecture,
            latitude=latitude,
            longitude=kyoto.longitude,
            **fields,
        )

    studio("Draft Nearest", 0.5, status=Status.DRAFT)
    studio("Fourth", 4)
    second = studio("Second B", 2)
    studio("Second A", 2)  # the same distance: by name
    first = studio("First", 1)
    studio("Fifth", 5)
    studio("Sixth", 6)
    studio("Seventh", 7)
    studio("Beyond 100 km", 101)
    factories.StudioFactory(name="No coordinates", latitude=None, longitude=None)

    def listed():
        return [
            line.split(" Sample data ")[0]
            for line in nearby_studio_lines(client.get(kyoto.get_absolute_url()))
        ]

    assert listed() == ["First", "Second A", "Second B", "Fourth", "Fifth", "Sixth"]
    assert nearby_studio_lines(client.get(kyoto.get_absolute_url()))[0].endswith("· 1.0 km")

    first.status = Status.DRAFT
    first.save()
    assert listed() == ["Second A", "Second B", "Fourth", "Fifth", "Sixth", "Seventh"]

    second.latitude += Decimal("1.5")  # moved 167 km north
    second.save()
    assert listed() == ["Second A", "Fourth", "Fifth", "Sixth", "Seventh"]

    studio("New Third", 3)
    assert listed() == ["Second A", "New Third", "Fourth", "Fifth", "Sixth", "Seventh"]


def test_private_contact_only_for_staff(client, fixer, kyoto):
    assert "075-461-0013" not in client.get(kyoto.get_absolute_url()).content.decode()
    client.force_login(fixer)
    html = client.get(kyoto.get_absolute_url()).content.decode()
    assert 'class="private"' in html
    assert 'href="tel:075-461-0013"' in html and "office@example.jp" in html


def test_signed_in_non_staff_do_not_see_the_contact(client, kyoto):
    client.force_login(factories.UserFactory(username="visitor"))
    assert "075-461-0013" not in client.get(kyoto.get_absolute_url()).content.decode()


def test_a_draft_is_404_for_visitors_and_shown_to_staff_with_a_badge(client, fixer, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(fixer)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert '<span class="badge badge-draft">Draft</span>' in response.content.decode()


def test_a_place_in_review_is_badged_for_staff(fixer_client):
    location = factories.LocationFactory(status=Status.REVIEW)
    html = fixer_client.get(location.get_absolute_url()).content.decode()
    assert '<span class="badge badge-review">In review</span>' in html


@pytest.mark.parametrize("count", [1, 30])
def test_detail_runs_a_fixed_number_of_queries(client, kyoto, count, django_assert_max_num_queries):
    factories.PhotoFactory.create_batch(3, location=kyoto)
    for location in factories.LocationFactory.create_batch(
        count, latitude=kyoto.latitude, longitude=kyoto.longitude
    ):
        factories.PhotoFactory(location=location)
    factories.StudioFactory.create_batch(count, latitude=kyoto.latitude, longitude=kyoto.longitude)
    # The place with its tags' keys and its photos; the nearby places' keys, one query per
    # circle tried until one holds six (up to three: QuerySet.nearest); the first time they
    # are drawn, the film commissions to ask about permits (kept per area) and the nearby
    # places' full rows and photos (locations.cards); once per catalogue version, the
    # prefectures, categories, tags and studios' points every page shares (`choice_row`,
    # `locations.nearby.studio_points`: not a join or a query per page).
    with django_assert_max_num_queries(11):
        assert client.get(kyoto.get_absolute_url()).status_code == 200
    # Another shoot day is another page: the place and the nearby places' keys.
    with django_assert_max_num_queries(4):
        assert client.get(kyoto.get_absolute_url(), {"date": "2030-01-15"}).status_code == 200


def test_an_unknown_slug_is_404(client):
    assert client.get(reverse("locations:detail", kwargs={"slug": "nowhere"})).status_code == 404


@override_settings(LANGUAGE_CODE="ja")
def test_japanese_pages_lead_with_the_japanese_name(client, kyoto):
    client.cookies["django_language"] = "ja"
    html = client.get(kyoto.get_absolute_url()).content.decode()
    assert '<h1 lang="ja">金閣寺</h1>' in html
    assert '<p class="detail-subtitle" lang="en">Kinkaku-ji' in html
    assert card_names(client.get(LIST)) == ["金閣寺"]


# GeoJSON ----------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_with_names_and_urls(client, kyoto):
    response = client.get(GEOJSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [135.729243, 35.03937]}
    assert feature["properties"] == {
        "name": "Kinkaku-ji",
        "name_ja": "金閣寺",
        "url": kyoto.get_absolute_url(),
        "category": "Temple",
        "prefecture": "Kyoto",
    }


def test_geojson_leaves_out_places_without_coordinates(client, kyoto):
    factories.LocationFactory(name="Not Pinned", latitude=None, longitude=None)
    assert feature_names(client.get(GEOJSON)) == ["Kinkaku-ji"]


def test_geojson_is_not_paginated(client, settings):
    settings.LOCATIONS_PER_PAGE = 5
    factories.LocationFactory.create_batch(12)
    assert len(client.get(GEOJSON).json()["features"]) == 12


def test_geojson_hides_drafts_from_visitors_and_marks_them_for_staff(client, fixer, kyoto, draft):
    assert feature_names(client.get(GEOJSON)) == ["Kinkaku-ji"]
    client.force_login(fixer)
    features = client.get(GEOJSON).json()["features"]
    assert [(f["properties"]["name"], f["properties"].get("status")) for f in features] == [
        ("Kinkaku-ji", None),
        ("Secret Alley", "draft"),
    ]


def test_geojson_gives_distances_near_a_point(client, kyoto):
    [feature] = client.get(GEOJSON, {"near": "35.0116,135.7681"}).json()["features"]
    assert feature["properties"]["distance_km"] == pytest.approx(4.7, abs=0.05)


def test_geojson_with_a_bad_filter_is_400_with_the_errors(client, kyoto):
    response = client.get(GEOJSON, {"near": "nan,nan"})
    assert response.status_code == 400
    assert response.json()["features"] == []
    assert "near" in response.json()["errors"]


def test_geojson_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    factories.LocationFactory.create_batch(30)
    # The rows, then the category and prefecture names (looked up once, not per row).
    with django_assert_max_num_queries(3):
        assert len(client.get(GEOJSON).json()["features"]) == 30


@pytest.fixture
def catalogue(kyoto):
    """A few places in three regions, with tags, to compare the page and the GeoJSON."""
    neon = factories.TagFactory(name="neon")
    for name, pref, cat, lat, lng in [
        ("Dotonbori", "osaka", "street", "34.668723", "135.501295"),
        ("Fushimi Inari Taisha", "kyoto", "shrine", "34.967140", "135.772672"),
        ("Shibuya Crossing", "tokyo", "street", "35.659482", "139.700531"),
        ("Otaru Canal", "hokkaido", "waterfront", "43.199167", "140.994167"),
    ]:
        location = factories.LocationFactory(
            name=name,
            prefecture=factories.prefecture(pref),
            category=factories.category(cat),
            latitude=Decimal(lat),
            longitude=Decimal(lng),
        )
        if cat == "street":
            location.tags.add(neon)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"region": "kansai"},
        {"region": ["kansai", "hokkaido"], "sort": "-updated"},
        {"category": "street", "tag": "neon"},
        {"q": "京都"},
        {"near": "35.0116,135.7681", "radius_km": "500"},
        {"near": "43,141", "sort": "name"},
        {"prefecture": "nowhere"},
    ],
)
def test_the_html_list_and_the_geojson_agree(client, catalogue, query):
    page = client.get(LIST, query)
    geojson = client.get(GEOJSON, query)
    assert card_names(page) == feature_names(geojson)


# Bad input never breaks a page ------------------------------------------------------------

BAD_QUERIES = [
    "near=nan,nan",
    "near=inf,-inf",
    "near=1e999,1",
    "near=NaN,135&sort=distance",
    "near=95,135",
    "near=35,200",
    "near=35",
    "near=,",
    "near=35,135&radius_km=nan",
    "near=35,135&radius_km=-1",
    "near=35,135&radius_km=1e308",
    "near=35,135&radius_km=" + "9" * 5000,
    "radius_km=50",
    "q=%00",
    "q=" + "ｘ" * 5000,
    "q=%ff%fe%fd",
    "region=%00",
    "region=atlantis",
    "region=kansai&region=kansai",
    "prefecture=" + "a" * 3000,
    "category=%27%3B%20DROP%20TABLE",
    "tag=%00&tag=nope",
    "sort=%00",
    "sort=name&sort=distance",
    "q=a&q=b&near=35,135&near=36,136",
    "page=abc",
    "page=0",
    "page=-1",
    "page=99999999999999999999999",
    "page=%00",
    "region[]=kansai",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_never_gives_a_500(client, kyoto, query):
    page = client.get(f"{LIST}?{query}")
    assert page.status_code in (200, 400, 404)
    htmx = client.get(f"{LIST}?{query}", headers={"HX-Request": "true"})
    assert htmx.status_code in (200, 400, 404)
    geojson = client.get(f"{GEOJSON}?{query}")
    assert geojson.status_code in (200, 400)


def test_too_many_repeated_keys_is_a_400(client):
    response = client.get(LIST + "?" + "&".join(["tag=x"] * 2000))
    assert response.status_code == 400


def test_only_get_is_allowed_on_the_list(client):
    assert client.post(LIST).status_code == 405


def test_detail_names_the_film_commission_to_ask_about_permits(client, kyoto):
    from locations.models import FilmCommission

    FilmCommission.objects.create(
        name="Kyoto Sample Film Office",
        slug="kyoto-sample-film-office",
        prefecture=kyoto.prefecture,
        permit_lead_days=10,
    )
    FilmCommission.objects.create(
        name="Osaka Sample Film Office",
        slug="osaka-sample-film-office",
        prefecture=factories.prefecture("osaka"),
    )
    html = client.get(kyoto.get_absolute_url()).content.decode()
    assert "Who to ask about permits here" in html
    assert "Kyoto Sample Film Office" in html
    assert "Osaka Sample Film Office" not in html


def test_places_of_one_area_share_their_commissions_and_see_them_edited(client, kyoto):
    """The section is kept per prefecture and city (locations.cards.render_film_commissions):
    a neighbour's page draws the same offices, another city's its own, and an edit shows."""
    from locations.models import FilmCommission

    def page(location):
        return client.get(location.get_absolute_url()).content.decode()

    office = FilmCommission.objects.create(
        name="Kyoto Sample Film Office", slug="kyoto-sample", prefecture=kyoto.prefecture
    )
    FilmCommission.objects.create(
        name="Uji Sample Film Office", slug="uji-sample", prefecture=kyoto.prefecture, city="Uji"
    )
    neighbour = factories.LocationFactory(prefecture=kyoto.prefecture, municipality="Kita-ku")
    in_uji = factories.LocationFactory(prefecture=kyoto.prefecture, municipality="Uji-shi")
    first = page(kyoto)
    assert "Kyoto Sample Film Office" in first and "Uji Sample Film Office" not in first
    assert "Uji Sample Film Office" in page(in_uji)
    office.name = "Kyoto Renamed Film Office"
    office.save()
    assert "Kyoto Renamed Film Office" in page(neighbour)
    assert "Kyoto Sample Film Office" not in page(kyoto)


def test_cards_and_detail_offer_a_shortlist_button_to_signed_in_users(client, kyoto):
    assert "Sign in to shortlist" in client.get(kyoto.get_absolute_url()).content.decode()
    client.force_login(factories.UserFactory())
    detail = client.get(kyoto.get_absolute_url()).content.decode()
    listing = client.get(reverse("locations:list")).content.decode()
    for html in (detail, listing):
        assert f'name="item" value="{kyoto.pk}"' in html
        assert reverse("shortlists:add") in html


def test_geojson_is_gzipped_when_the_browser_accepts_it(client):
    factories.LocationFactory.create_batch(30)
    response = client.get(GEOJSON, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(gzip.decompress(response.content)) > len(response.content)
    assert "Content-Encoding" not in client.get(GEOJSON)


def test_the_cached_geojson_shows_an_edit_at_once(client, kyoto, django_assert_num_queries):
    assert feature_names(client.get(GEOJSON)) == ["Kinkaku-ji"]
    with django_assert_num_queries(0):  # served from the cache
        assert feature_names(client.get(GEOJSON)) == ["Kinkaku-ji"]
    kyoto.name = "Rokuon-ji"
    kyoto.save()
    assert feature_names(client.get(GEOJSON)) == ["Rokuon-ji"]
    kyoto.delete()
    assert feature_names(client.get(GEOJSON)) == []


def test_the_cached_geojson_follows_tag_changes_and_the_language(client, kyoto):
    tag = factories.TagFactory(name="garden")
    assert feature_names(client.get(GEOJSON, {"tag": tag.slug})) == []
    kyoto.tags.add(tag)
    assert feature_names(client.get(GEOJSON, {"tag": tag.slug})) == ["Kinkaku-ji"]
    english = client.get(GEOJSON).json()["features"][0]["properties"]["prefecture"]
    client.cookies["django_language"] = "ja"
    japanese = client.get(GEOJSON, headers={"accept-language": "ja"})
    assert japanese.json()["features"][0]["properties"]["url"].startswith("/")
    assert english == "Kyoto"
    assert japanese.json()["features"][0]["properties"]["prefecture"] == "京都府"


def test_staff_are_never_served_a_visitors_cached_geojson(fixer, kyoto, draft):
    visitor, staff = Client(), Client()
    staff.force_login(fixer)
    assert "Secret Alley" not in feature_names(visitor.get(GEOJSON))
    assert "Secret Alley" in feature_names(staff.get(GEOJSON))
    assert "Secret Alley" not in feature_names(visitor.get(GEOJSON))


def test_the_list_reads_only_what_its_cards_draw(client):
    factories.LocationFactory.create_batch(3, description="A long text the cards never show.")
    with CaptureQueriesContext(connection) as page:
        assert client.get(LIST + "?region=kansai&region=kanto").status_code == 200
    places = [
        q["sql"] for q in page if 'FROM "locations_location"' in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert places and not [sql for sql in places if '"locations_location"."description"' in sql]
