"""Everything a fixer or a location manager types is escaped wherever it is shown.

Hostile markup goes into every free-text field that reaches a page; no HTML page may contain
it raw, and JSON must carry it as data that parses back to the same string.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from locations.models import ItineraryStatus
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"Evil {SCRIPT} {IMG}"
RAW = (SCRIPT, "<img src=x onerror=alert(1)>")


@pytest.fixture
def hostile(editor):
    loc = factories.LocationFactory(name=HOSTILE, name_ja=HOSTILE, description=HOSTILE)
    loc.tags.add(factories.TagFactory(name=f"tag {SCRIPT}{IMG}"))
    photo = factories.PhotoFactory(location=loc, caption=HOSTILE)
    studio = factories.StudioFactory(name=f"Studio {SCRIPT}{IMG}")
    stage = factories.SoundstageFactory(studio=studio, name=f"Stage {SCRIPT}{IMG}")
    tour = factories.ItineraryFactory(title=f"Tour {SCRIPT}{IMG}", status=ItineraryStatus.PUBLISHED)
    factories.ItineraryStopFactory(itinerary=tour, location=loc, notes=HOSTILE, title=HOSTILE)
    factories.ItineraryStopFactory(
        itinerary=tour, location=None, studio=studio, start_time="11:00", end_time="12:00"
    )
    owner = factories.UserFactory(username="manager")
    shortlist = factories.ShortlistFactory(owner=owner, title=f"List {SCRIPT}{IMG}")
    factories.ShortlistItemFactory(shortlist=shortlist, location=loc, note=HOSTILE)
    factories.ShortlistItemFactory(shortlist=shortlist, location=None, studio=studio, note=HOSTILE)
    return locals()


def public_pages(h):
    loc, studio, tour, shortlist = h["loc"], h["studio"], h["tour"], h["shortlist"]
    return [
        reverse("home"),
        reverse("locations:list"),
        reverse("locations:list") + "?q=Evil",
        loc.get_absolute_url(),
        reverse("studios:list"),
        studio.get_absolute_url(),
        reverse("studios:compare") + f"?stages={h['stage'].pk}",
        reverse("itineraries:list"),
        tour.get_absolute_url(),
        tour.get_share_url(),
        reverse("itineraries:package", args=[tour.slug]),
        reverse("itineraries:shared_package", args=[tour.share_token]),
        shortlist.get_share_url(),
        reverse("shortlists:shared_package", args=[shortlist.share_token]),
    ]


def assert_escaped(response, url):
    assert response.status_code == 200, url
    text = response.content.decode()
    for raw in RAW:
        assert raw not in text, f"raw {raw} on {url}"


def test_public_pages_never_show_typed_markup_raw(hostile):
    for url in public_pages(hostile):
        response = Client().get(url)
        assert_escaped(response, url)
    # The escaped text is there: the test would notice a page that drops the field instead.
    detail = Client().get(hostile["loc"].get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail


def test_owner_and_staff_pages_never_show_typed_markup_raw(hostile, editor):
    owner = Client()
    owner.force_login(hostile["owner"])
    shortlist = hostile["shortlist"]
    for url in (
        reverse("shortlists:list"),
        shortlist.get_absolute_url(),
        reverse("shortlists:package", args=[shortlist.pk]),
    ):
        assert_escaped(owner.get(url), url)
    staff = Client()
    staff.force_login(editor)
    for url in public_pages(hostile):
        assert_escaped(staff.get(url), url)


def test_geojson_carries_typed_markup_as_data(hostile):
    for name, expected in (
        ("locations:geojson", HOSTILE),
        ("studios:geojson", hostile["studio"].name),
    ):
        response = Client().get(reverse(name))
        assert response["Content-Type"].startswith("application/")
        names = [f["properties"]["name"] for f in json.loads(response.content)["features"]]
        assert expected in names


def test_admin_pages_never_show_typed_markup_raw(hostile, editor):
    client = Client()
    client.force_login(editor)
    objects = {
        "location": hostile["loc"],
        "studio": hostile["studio"],
        "soundstage": hostile["stage"],
        "photo": hostile["photo"],
        "tag": hostile["loc"].tags.get(),
        "itinerary": hostile["tour"],
    }
    for model, obj in objects.items():
        for url in (
            reverse(f"admin:locations_{model}_changelist"),
            reverse(f"admin:locations_{model}_change", args=[obj.pk]),
            reverse(f"admin:locations_{model}_history", args=[obj.pk]),
            reverse(f"admin:locations_{model}_delete", args=[obj.pk]),
        ):
            assert_escaped(client.get(url), url)


def test_map_scripts_build_popups_from_text_not_html():
    """Popups and route lists take names from GeoJSON: they must never parse them as HTML."""
    from pathlib import Path

    for script in Path("static/js").glob("*.js"):
        source = script.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
            assert f"{sink} =" not in source and f"{sink}(" not in source, (script, sink)
