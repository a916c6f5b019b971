"""`manage.py load_demo`: the demo catalogue is big enough, true where it claims to be,
labelled where it is sample data, and loading it twice changes nothing."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from locations.demo import photos as placeholder_photos
from locations.demo.loader import demo_places
from locations.demo.studios import STUDIOS
from locations.geo import haversine_km
from locations.models import Location, Photo, Prefecture, Soundstage, Status, Studio, Tag
from tests import factories

PLACES = demo_places()

pytestmark = pytest.mark.django_db

READ_ON = datetime.date(2026, 11, 24)  # shared/data/stages-as-read.csv, column read_on
# Every place lies this close to its prefecture's centre (the prefectural office); Hokkaido
# is the largest prefecture, but its demo places are within this radius too.
MAX_KM_FROM_CENTRE = 150


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "locations": Location.objects.count(),
        "location history": Location.history.count(),
        "studios": Studio.objects.count(),
        "studio history": Studio.history.count(),
        "stages": Soundstage.objects.count(),
        "stage history": Soundstage.history.count(),
        "tags": Tag.objects.count(),
        "photos": Photo.objects.count(),
    }


@pytest.fixture
def demo(db):
    load_demo("--no-photos")


def test_it_loads_a_catalogue_of_real_places_and_studios(demo):
    published = Location.objects.published()
    assert published.count() >= 30
    assert published.values("prefecture").distinct().count() >= 10
    assert Studio.objects.published().count() >= 6
    regions = set(published.values_list("prefecture__region__slug", flat=True))
    assert len(regions) == 8, "every region, Hokkaido to Okinawa"
    assert published.values("category").distinct().count() >= 12
    assert published.filter(featured=True).exists()


def test_it_reports_each_step(db):
    output = load_demo("--no-photos")
    assert f"places: {len(PLACES)} created" in output
    assert "studios and stages" in output
    assert "photos" not in output


def test_running_it_twice_changes_nothing(demo):
    before = counts()
    stamps = dict(Location.objects.values_list("pk", "updated_at"))
    output = load_demo("--no-photos")
    assert counts() == before
    assert dict(Location.objects.values_list("pk", "updated_at")) == stamps
    assert f"places: 0 created, 0 updated, {len(PLACES)} unchanged" in output


def test_it_restores_demo_values_but_keeps_records_it_does_not_own(demo):
    kinkakuji = Location.objects.get(name="Kinkaku-ji")
    kinkakuji.description = "Edited by a fixer"
    kinkakuji.save()
    own = factories.LocationFactory(name="A fixer's own place")
    load_demo("--no-photos")
    kinkakuji.refresh_from_db()
    assert kinkakuji.description.startswith("The gold-leaf-covered Golden Pavilion")
    assert Location.objects.filter(pk=own.pk).exists()


def test_some_entries_show_the_editorial_workflow(demo):
    drafts = Location.objects.filter(status__in=[Status.DRAFT, Status.REVIEW])
    assert 1 <= drafts.count() <= 2
    for location in drafts:
        assert "example" in location.description


def test_every_place_lies_near_its_prefecture(demo):
    for location in Location.objects.select_related("prefecture"):
        prefecture = location.prefecture
        km = haversine_km(
            float(location.latitude),
            float(location.longitude),
            float(prefecture.latitude),
            float(prefecture.longitude),
        )
        assert km <= MAX_KM_FROM_CENTRE, f"{location.name} is {km:.0f} km from {prefecture}"


def test_every_studio_lies_near_its_prefecture(demo):
    for studio in Studio.objects.select_related("prefecture"):
        prefecture = studio.prefecture
        km = haversine_km(
            float(studio.latitude),
            float(studio.longitude),
            float(prefecture.latitude),
            float(prefecture.longitude),
        )
        assert km <= MAX_KM_FROM_CENTRE, f"{studio.name} is {km:.0f} km from {prefecture}"


def test_every_place_has_both_names_a_hiragana_reading_and_romaji(demo):
    hiragana = re.compile(r"^[\u3041-\u309f\u30fc・（） ]+$")
    for location in Location.objects.all():
        assert location.name_ja and location.name_romaji and location.description_ja
        assert hiragana.match(location.name_kana), location.name


def test_no_place_claims_a_site_visit_or_an_invented_fee(demo):
    assert not Location.objects.filter(verified_on__isnull=False).exists()
    assert not Location.objects.exclude(permit_fees="").exists()
    # The only lead time is the sourced Tokyo police road-use figure (about 3–5 days).
    with_lead_time = Location.objects.filter(permit_lead_days__isnull=False)
    assert set(with_lead_time.values_list("prefecture__slug", flat=True)) == {"tokyo"}
    for location in with_lead_time:
        assert location.permit_lead_days == 5
        assert "3–5 days" in location.permit_notes


def test_sourced_figures_carry_their_source_and_everything_else_is_sample(demo):
    for studio in Studio.objects.all():
        if not studio.is_sample:
            assert studio.source and studio.verified_on == READ_ON, studio.name
        else:
            assert "(sample data)" in studio.name
            assert studio.description.startswith("Sample data")
    for stage in Soundstage.objects.select_related("studio"):
        if stage.source:
            assert stage.verified_on == READ_ON, str(stage)
            assert not stage.is_sample and not stage.studio.is_sample
        else:
            assert stage.is_sample and stage.studio.is_sample, str(stage)


def test_real_studios_show_the_figures_as_read(demo):
    """The rows of shared/data/stages-as-read.csv, exactly; empty cells stay empty."""
    expected = {
        ("Toho Studios", "Stage 8"): ("41.4", "32", None, "1325"),
        ("Toho Studios", "Stage 9"): ("41.4", "32", None, "1325"),
        ("Kadokawa Daiei Studio", "Stage G"): ("40.3", "25", "10.5", "1007"),
        ("Toei Tokyo Studio", "Stage 7"): (None, None, None, "626"),
    }
    real = Soundstage.objects.filter(studio__is_sample=False).select_related("studio")
    assert {(s.studio.name, s.name) for s in real} == set(expected)
    for stage in real:
        figures = (stage.length_m, stage.width_m, stage.height_m, stage.area_m2)
        wanted = expected[(stage.studio.name, stage.name)]
        assert figures == tuple(None if v is None else Decimal(v) for v in wanted), str(stage)
    toei = Soundstage.objects.get(studio__name="Toei Tokyo Studio")
    assert "weak source" in toei.notes.lower()


def test_nikkatsu_is_described_from_its_source_without_invented_stages(demo):
    nikkatsu = Studio.objects.get(name="Nikkatsu Chofu Studio")
    assert "150–180 tsubo" in nikkatsu.description
    assert "lib-machi.chofu.com/nikkatsu2" in nikkatsu.source
    assert not nikkatsu.stages.exists()


def test_sample_stages_give_the_size_filters_something_to_find(demo):
    sample = Soundstage.objects.filter(is_sample=True)
    assert sample.filter(tank=True).exists()
    assert sample.filter(cyclorama=True).exists()
    heights = sample.values_list("height_m", flat=True)
    assert all(Decimal("8") <= h <= Decimal("15") for h in heights)
    # The largest Japanese floor in the research stays the largest in the demo.
    largest = Soundstage.objects.order_by("-floor_area_m2").first()
    assert (largest.studio.name, largest.floor_area_m2) == ("Toho Studios", Decimal("1325"))


def test_demo_records_are_the_ones_in_the_data_files(demo):
    assert set(Location.objects.values_list("name", flat=True)) == {p["name"] for p in PLACES}
    assert set(Studio.objects.values_list("name", flat=True)) == {s.name for s in STUDIOS}
    assert Prefecture.objects.filter(slug__in={p["prefecture"] for p in PLACES}).count() >= 10


def test_photos_are_placeholders_with_one_cover_each_and_are_not_added_twice(db):
    load_demo("--no-photos")
    kinkakuji = Location.objects.get(name="Kinkaku-ji")
    own_photo = factories.PhotoFactory(location=kinkakuji, is_cover=True)

    load_demo()
    for model in (Location, Studio):
        covers = model.objects.annotate(
            n=Count("photos"), covers=Count("photos", filter=Q(photos__is_cover=True))
        )
        assert not covers.filter(n=0).exists()
        assert set(covers.values_list("covers", flat=True)) == {1}
    # A fixer's photo is never joined by placeholders.
    assert list(kinkakuji.photos.all()) == [own_photo]
    placeholder = Photo.objects.exclude(pk=own_photo.pk).first()
    assert placeholder.caption == "Placeholder image — sample, not a photo of the place"
    assert placeholder.credit == "Rokehan demo data"
    assert (placeholder.width, placeholder.height) == placeholder_photos.SIZE
    with placeholder.image.open("rb") as f:
        assert f.read(3) == b"\xff\xd8\xff"  # a real JPEG in storage
    # Added through the upload service: thumbnails made, stored under an unguessable name.
    assert placeholder.image.storage.exists(placeholder.card_480.name)
    assert "kinkaku" not in placeholder.image.name.lower()
    per_location = Location.objects.exclude(pk=kinkakuji.pk).annotate(n=Count("photos"))
    assert set(per_location.values_list("n", flat=True)) <= {2, 3}

    before = counts()
    output = load_demo()
    assert counts() == before
    assert "photos: 0 created" in output


def test_the_demo_tour_warns_of_a_missed_permit_and_its_files_hold_every_located_stop(demo, client):
    from lxml import etree

    from locations.demo.tour import SLUG
    from locations.models import Itinerary

    tour = Itinerary.objects.get(slug=SLUG)
    html = client.get(tour.get_absolute_url()).content.decode()
    # Shibuya (5 business days) on the first day, the coming Monday: too late to apply.
    assert "data-late-permits" in html and "Shibuya Scramble Crossing" in html
    located = [s for s in tour.stops.all() if s.coordinates]
    kml = etree.fromstring(client.get(f"/itineraries/{SLUG}.kml").content)
    placemarks = kml.findall(".//{http://www.opengis.net/kml/2.2}Placemark")
    assert len(placemarks) == len(located)
    assert "Shinkansen Tokyo → Kyoto (Nozomi)" in html
