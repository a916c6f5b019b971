"""Models and the database constraints that guard them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from locations.models import Location, Prefecture, Region, Soundstage, StageCriteria, Studio
from tests import factories

pytestmark = pytest.mark.django_db


def test_migrations_ship_all_regions_and_prefectures():
    assert Region.objects.count() == 8
    assert Prefecture.objects.count() == 47
    kyoto = Prefecture.objects.get(slug="kyoto")
    assert (kyoto.jis_code, kyoto.name_ja, kyoto.region.slug) == ("26", "京都府", "kansai")
    assert Prefecture.objects.get(code=47).region.slug == "kyushu-okinawa"


@pytest.mark.parametrize(
    ("lat", "lng"), [(Decimal("50"), Decimal("139")), (Decimal("35"), Decimal("100"))]
)
def test_location_coordinates_outside_japan_are_refused_by_the_database(lat, lng):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.LocationFactory(latitude=lat, longitude=lng)


def test_location_with_one_coordinate_only_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.LocationFactory(latitude=Decimal("35"), longitude=None)


def test_location_without_coordinates_is_allowed():
    assert factories.LocationFactory(latitude=None, longitude=None).pk


def test_stage_sizes_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SoundstageFactory(length_m=Decimal("0"))


def test_stage_area_is_entered_or_length_times_width():
    computed = factories.SoundstageFactory(length_m=Decimal("40"), width_m=Decimal("25"))
    entered = factories.SoundstageFactory(area_m2=Decimal("900"))
    computed.refresh_from_db()
    entered.refresh_from_db()
    assert computed.floor_area_m2 == Decimal("1000")
    assert entered.floor_area_m2 == Decimal("900")


def _stats(studio):
    studio.refresh_from_db()
    return studio.stage_count, studio.largest_stage_m2


def test_a_studio_stores_its_largest_stage_and_stage_count_as_its_stages_change():
    studio = factories.StudioFactory()
    assert _stats(studio) == (0, None)
    small = factories.stage(studio, "A", "20", "10")
    assert _stats(studio) == (1, Decimal("200"))
    big = factories.stage(studio, "B", "40", "30")
    assert _stats(studio) == (2, Decimal("1200"))
    big.area_m2 = Decimal("900")  # an entered floor area wins over length × width
    big.save()
    assert _stats(studio) == (2, Decimal("900"))
    big.delete()
    assert _stats(studio) == (1, Decimal("200"))
    # Moved to another studio: both studios are counted again.
    other = factories.StudioFactory()
    small.studio = other
    small.save()
    assert (_stats(studio), _stats(other)) == ((0, None), (1, Decimal("200")))
    # A stage without sizes counts, and has no area to be the largest.
    factories.stage(studio, "C", None, None)
    assert _stats(studio) == (1, None)


def test_saving_a_studio_read_before_its_stages_changed_keeps_the_stats_true():
    studio = factories.StudioFactory()
    stale = Studio.objects.get(pk=studio.pk)
    factories.stage(studio, "A", "30", "20")
    stale.name_ja = "新しい名前"
    stale.save()  # writes the stats it was read with, then counts the stages again
    assert _stats(studio) == (1, Decimal("600"))


def test_slug_is_made_unique_and_romanised_for_japanese_names():
    a = factories.LocationFactory(name="Dotonbori")
    b = factories.LocationFactory(name="Dotonbori", prefecture=factories.prefecture("osaka"))
    c = factories.LocationFactory(name="", name_ja="道頓堀")
    assert (a.slug, b.slug) == ("dotonbori", "dotonbori-shibuya")  # the factory's municipality
    assert c.slug.startswith("doutonbori") or c.slug.startswith("dotonbori")


def test_places_of_one_name_in_one_prefecture_get_readable_slugs():
    """Japan has dozens of 八幡神社 per prefecture: the municipality, then a number."""
    kanagawa = factories.prefecture("kanagawa")
    first, kamakura, again = (
        factories.LocationFactory(name="Hachiman-jinja", prefecture=kanagawa, municipality=m)
        for m in ("Fujisawa", "Kamakura", "Kamakura")
    )
    assert (first.slug, kamakura.slug, again.slug) == (
        "hachiman-jinja",
        "hachiman-jinja-kamakura",
        "hachiman-jinja-kamakura-2",
    )


def test_a_ref_belongs_to_one_place():
    factories.LocationFactory(name="Shibuya Crossing", ref="TFC-0001")
    factories.LocationFactory(name="Shibuya Scramble", ref="")
    factories.LocationFactory(name="Shibuya Station", ref="")  # many without a ref
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.LocationFactory(name="Hachiko Square", ref="TFC-0001")


def test_one_stage_must_meet_every_criterion_at_once():
    studio = factories.StudioFactory()
    # A big low stage and a small tall stage: not a big tall stage.
    factories.SoundstageFactory(studio=studio, length_m=40, width_m=30, height_m=6)
    factories.SoundstageFactory(studio=studio, length_m=10, width_m=10, height_m=15)
    big_tall = StageCriteria(min_area=Decimal("1000"), min_height=Decimal("12"))
    assert not Studio.objects.with_stage_meeting(big_tall).exists()
    assert Studio.objects.with_stage_meeting(StageCriteria(min_height=Decimal("12"))).exists()


@pytest.mark.parametrize(
    ("min_length", "min_width", "fits"),
    [(40, 30, True), (30, 40, True), (41, 10, False), (35, 35, False), (40, None, True)],
)
def test_set_footprint_fits_a_stage_in_either_orientation(min_length, min_width, fits):
    factories.SoundstageFactory(length_m=40, width_m=30)
    criteria = StageCriteria(min_length=min_length, min_width=min_width)
    assert Studio.objects.with_stage_meeting(criteria).exists() is fits


def test_history_records_who_changed_a_location():
    location = factories.LocationFactory()
    location.name = "Renamed"
    location.save()
    assert location.history.count() == 2


def test_every_model_has_a_readable_str():
    stage = factories.SoundstageFactory(name="Stage 9")
    assert str(stage) == f"{stage.studio.name} — Stage 9"
    assert str(Location(name="Kinkaku-ji", name_ja="金閣寺")) == "Kinkaku-ji (金閣寺)"
    place = Location(name="Hachiman-jinja", name_ja="八幡神社", municipality="Kamakura")
    assert str(place) == "Hachiman-jinja (八幡神社), Kamakura"  # one of many of that name
    assert str(Soundstage.objects.get()) == str(stage)
