"""Tours and shortlists as KML, GPX and GeoJSON: valid against their schemas, every stop with
coordinates in them, the others named in the description."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import fastkml
import geojson
import gpxpy
import pytest
from django.urls import reverse
from lxml import etree

from locations.models import ItineraryStatus
from tests import factories

pytestmark = pytest.mark.django_db

KML_SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(fastkml.__file__).parent / "schema" / "ogckml22.xsd"))
)
GPX_SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parent / "schemas" / "gpx11_subset.xsd"))
)
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}
MON = dt.date(2027, 4, 5)


@pytest.fixture
def tour():
    tour = factories.ItineraryFactory(title="Kyoto recce", slug="kyoto-recce", start_date=MON)
    kinkakuji = factories.LocationFactory(
        name="Kinkaku-ji",
        name_ja="金閣寺",
        latitude=Decimal("35.0394"),
        longitude=Decimal("135.7292"),
    )
    factories.ItineraryStopFactory(itinerary=tour, location=kinkakuji, notes="Pond first.")
    factories.ItineraryStopFactory(
        itinerary=tour,
        location=None,
        title="Lunch at the inn",
        date=MON + dt.timedelta(days=1),
        start_time=dt.time(12, 0),
        end_time=None,
        address="Gion, Kyoto",
    )
    factories.ItineraryStopFactory(
        itinerary=tour,
        location=factories.LocationFactory(
            name="Fushimi Inari",
            name_ja="伏見稲荷",
            latitude=Decimal("34.9671"),
            longitude=Decimal("135.7727"),
        ),
        date=MON + dt.timedelta(days=1),
        start_time=dt.time(14, 0),
        end_time=dt.time(15, 0),
    )
    return tour


def download(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return response


def test_the_tour_as_kml_is_valid_with_a_folder_per_day(client, tour):
    response = download(
        client,
        reverse("itineraries:file", args=[tour.slug, "kml"]),
        "application/vnd.google-earth.kml+xml",
    )
    assert response["Content-Disposition"] == 'attachment; filename="kyoto-recce.kml"'
    document = etree.fromstring(response.content)
    KML_SCHEMA.assertValid(document)
    folders = document.findall(".//k:Folder", KML_NS)
    assert len(folders) == tour.day_count
    names = [
        p.findtext("k:name", namespaces=KML_NS) for p in document.iterfind(".//k:Placemark", KML_NS)
    ]
    assert names == [
        "1. Kinkaku-ji (金閣寺)",
        "3. Fushimi Inari (サンプル地点"[:14] + names[1][14:],
    ]
    first = document.find(".//k:Placemark", KML_NS)
    assert first.findtext("k:Point/k:coordinates", namespaces=KML_NS) == "135.7292,35.0394"
    assert "Pond first." in first.findtext("k:description", namespaces=KML_NS)
    assert first.findtext("k:TimeSpan/k:begin", namespaces=KML_NS) == "2027-04-05T09:00:00+09:00"
    description = document.findtext("k:Document/k:description", namespaces=KML_NS)
    assert "Not on the map" in description and "2. Lunch at the inn" in description
    assert "Gion, Kyoto" in description


def test_the_tour_as_gpx_is_valid_with_waypoints_and_a_route_per_day(client, tour):
    response = download(
        client, reverse("itineraries:file", args=[tour.slug, "gpx"]), "application/gpx+xml"
    )
    GPX_SCHEMA.assertValid(etree.fromstring(response.content))
    parsed = gpxpy.parse(response.content.decode())
    assert [round(w.latitude, 4) for w in parsed.waypoints] == [35.0394, 34.9671]
    assert [len(r.points) for r in parsed.routes] == [1, 1]  # day 1 and day 2 (day 3+ empty)
    assert parsed.waypoints[0].time == dt.datetime(2027, 4, 5, 0, 0, tzinfo=dt.UTC)
    assert "2. Lunch at the inn" in parsed.description


def test_the_tour_as_geojson_is_valid_and_lists_the_unlocated_stop(client, tour):
    response = download(
        client, reverse("itineraries:file", args=[tour.slug, "geojson"]), "application/geo+json"
    )
    collection = geojson.loads(response.content)
    assert collection.is_valid
    assert [f["properties"]["number"] for f in collection["features"]] == [1, 3]
    assert collection["features"][0]["geometry"]["coordinates"] == [135.7292, 35.0394]
    assert collection["unlocated"] == [
        {
            "number": 2,
            "name": "Lunch at the inn",
            "group": "Day 2 — Tue 6 Apr",
            "address": "Gion, Kyoto",
        }
    ]


def test_a_draft_tour_is_a_404_but_its_private_link_serves_every_format(client, tour):
    tour.status = ItineraryStatus.DRAFT
    tour.save()
    assert client.get(reverse("itineraries:file", args=[tour.slug, "kml"])).status_code == 404
    for fmt in ("kml", "gpx", "geojson"):
        url = reverse("itineraries:shared_file", args=[tour.share_token, fmt])
        assert client.get(url).status_code == 200
    assert client.get(reverse("itineraries:shared_file", args=["wrong", "kml"])).status_code == 404


def test_an_unknown_format_is_a_404(client, tour):
    assert client.get(f"/itineraries/{tour.slug}.pdf").status_code == 404


@pytest.fixture
def shortlist():
    shortlist = factories.ShortlistFactory(title="Temples for Sc. 12", brief="Quiet mornings.")
    factories.ShortlistItemFactory(
        shortlist=shortlist, note="Best at 07:00", top_choice_for="Sc. 12"
    )
    factories.ShortlistItemFactory(
        shortlist=shortlist,
        location__latitude=None,
        location__longitude=None,
        location__name="Secret garden",
    )
    return shortlist


def test_the_owner_downloads_the_shortlist_in_every_format(client, shortlist):
    client.force_login(shortlist.owner)
    kml = download(
        client,
        reverse("shortlists:file", args=[shortlist.pk, "kml"]),
        "application/vnd.google-earth.kml+xml",
    )
    assert kml["Content-Disposition"] == 'attachment; filename="temples-for-sc-12.kml"'
    document = etree.fromstring(kml.content)
    KML_SCHEMA.assertValid(document)
    assert len(document.findall(".//k:Placemark", KML_NS)) == 1
    assert "Secret garden" in document.findtext("k:Document/k:description", namespaces=KML_NS)
    gpx = download(
        client, reverse("shortlists:file", args=[shortlist.pk, "gpx"]), "application/gpx+xml"
    )
    GPX_SCHEMA.assertValid(etree.fromstring(gpx.content))
    parsed = gpxpy.parse(gpx.content.decode())
    assert len(parsed.waypoints) == 1 and not parsed.routes  # a ranking is not a route
    assert "Top choice for: Sc. 12" in parsed.waypoints[0].description
    data = json.loads(
        download(
            client,
            reverse("shortlists:file", args=[shortlist.pk, "geojson"]),
            "application/geo+json",
        ).content
    )
    assert [u["name"] for u in data["unlocated"]] == ["Secret garden"]


def test_someone_elses_shortlist_is_a_404_and_a_visitor_must_sign_in(client, shortlist):
    url = reverse("shortlists:file", args=[shortlist.pk, "gpx"])
    assert client.get(url).status_code == 302
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 404


def test_the_shortlists_read_only_link_serves_the_files(client, shortlist):
    url = reverse("shortlists:shared_file", args=[shortlist.share_token, "kml"])
    KML_SCHEMA.assertValid(
        etree.fromstring(download(client, url, "application/vnd.google-earth.kml+xml").content)
    )


def test_a_revoked_or_expired_link_serves_no_files(client, shortlist):
    url = reverse("shortlists:shared_file", args=[shortlist.share_token, "gpx"])
    shortlist.share_expires_on = dt.date(2020, 1, 1)
    shortlist.save()
    assert client.get(url).status_code == 404
    shortlist.share_expires_on = None
    shortlist.save()
    assert client.get(url).status_code == 200
    shortlist.revoke_share()
    assert client.get(url).status_code == 404


def test_the_pages_link_to_the_files(client, tour, shortlist):
    html = client.get(tour.get_absolute_url()).content.decode()
    assert reverse("itineraries:file", args=[tour.slug, "gpx"]) in html
    html = client.get(shortlist.get_share_url()).content.decode()
    assert reverse("shortlists:shared_file", args=[shortlist.share_token, "geojson"]) in html


@pytest.mark.parametrize("stops", [1, 20])
def test_the_files_query_count_does_not_grow_with_stops(
    client, django_assert_max_num_queries, stops
):
    tour = factories.ItineraryFactory(slug=f"long-{stops}")
    for n in range(stops):
        factories.ItineraryStopFactory(
            itinerary=tour, start_time=dt.time(6 + n % 12), end_time=None
        )
    with django_assert_max_num_queries(4):  # the tour, its stops with places, two photo prefetches
        assert client.get(reverse("itineraries:file", args=[tour.slug, "kml"])).status_code == 200
