"""generate_catalogue: a valid synthetic catalogue, clearly separable from real data."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from locations.models import Location, Photo, Prefecture, Soundstage, Status, Studio, Tag
from locations.models.common import JAPAN_LAT_MAX, JAPAN_LAT_MIN, JAPAN_LNG_MAX, JAPAN_LNG_MIN
from locations.prefecture_bounds import PREFECTURE_BOUNDS
from locations.search import search_grams
from tests.factories import LocationFactory, SoundstageFactory, TagFactory

pytestmark = pytest.mark.django_db


def generate(*args):
    out = StringIO()
    call_command("generate_catalogue", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def catalogue():
    generate("--locations", "300", "--studios", "20", "--seed", "7", "--batch-size", "100")


def test_every_prefecture_has_a_box_inside_japan_around_its_office():
    for prefecture in Prefecture.objects.all():
        box = PREFECTURE_BOUNDS[prefecture.code]
        assert JAPAN_LAT_MIN <= box.lat_min < box.lat_max <= JAPAN_LAT_MAX
        assert JAPAN_LNG_MIN <= box.lng_min < box.lng_max <= JAPAN_LNG_MAX
        assert box.contains(float(prefecture.latitude), float(prefecture.longitude)), prefecture


def test_it_creates_the_requested_numbers_with_gen_slugs(catalogue):
    locations = Location.objects.all()
    assert locations.count() == 300
    assert Studio.objects.count() == 20
    slugs = list(locations.values_list("slug", flat=True))
    assert len(set(slugs)) == 300
    assert all(slug.startswith("gen-") for slug in slugs)
    assert all(s.startswith("gen-") for s in Studio.objects.values_list("slug", flat=True))


def test_generated_rows_pass_model_validation(catalogue):
    for location in Location.objects.order_by("?")[:25]:
        location.full_clean()
    for studio in Studio.objects.all()[:10]:
        studio.full_clean()
    for stage in Soundstage.objects.all()[:30]:
        stage.full_clean()


def test_coordinates_lie_in_japan_and_in_their_prefectures_box(catalogue):
    for location in Location.objects.select_related("prefecture"):
        assert JAPAN_LAT_MIN <= location.latitude <= JAPAN_LAT_MAX
        assert JAPAN_LNG_MIN <= location.longitude <= JAPAN_LNG_MAX
        box = PREFECTURE_BOUNDS[location.prefecture.code]
        assert box.contains(float(location.latitude), float(location.longitude)), location.slug


def test_rows_spread_over_many_prefectures_weighted_towards_tokyo(catalogue):
    per_prefecture = Location.objects.values("prefecture").distinct().count()
    assert per_prefecture > 30
    tokyo = Location.objects.filter(prefecture__slug="tokyo").count()
    tottori = Location.objects.filter(prefecture__slug="tottori").count()
    assert tokyo > tottori


def test_search_text_is_what_save_would_store(catalogue):
    tagged = Location.objects.filter(tags__isnull=False).distinct()[:20]
    assert tagged  # tags are linked by bulk insert: their names must be in the column too
    for location in [*Location.objects.all()[:20], *tagged]:
        assert location.search_text == location.build_search_text()
        assert location.search_text
        assert location.search_grams == search_grams(location.search_text)
        assert " 生成 " in location.search_grams  # every generated name says 生成
    studio = Studio.objects.first()
    stored = studio.search_text
    studio.save()
    studio.refresh_from_db()
    assert studio.search_text == stored


def test_generated_rows_are_found_by_keyword_search(catalogue):
    location = Location.objects.published().first()
    assert location in Location.objects.search(location.name_ja.split()[0])
    assert location in Location.objects.search(location.name_romaji)


def test_names_say_they_are_generated_in_both_languages(catalogue):
    location = Location.objects.first()
    assert location.name.endswith("(generated)")
    assert location.name_ja.endswith("（生成）")
    assert "not a real place" in location.description
    assert "実在の場所ではありません" in location.description_ja


def test_both_published_and_unpublished_rows_exist(catalogue):
    statuses = set(Location.objects.values_list("status", flat=True))
    assert Status.PUBLISHED in statuses
    assert statuses & {Status.DRAFT, Status.REVIEW}
    published = Location.objects.published().count()
    assert 0.8 * 300 < published < 300


def test_each_studio_has_one_to_six_sample_stages_with_computed_areas(catalogue):
    for studio in Studio.objects.prefetch_related("stages"):
        assert studio.is_sample
        stages = list(studio.stages.all())
        assert 1 <= len(stages) <= 6
        for stage in stages:
            assert stage.is_sample
            assert stage.floor_area_m2 is not None and stage.floor_area_m2 > 0
            if stage.area_m2 is None:
                assert stage.floor_area_m2 == stage.length_m * stage.width_m
        # bulk_create sends no signal: the command stores the stats the lists sort on.
        assert studio.stage_count == len(stages)
        assert studio.largest_stage_m2 == max(stage.floor_area_m2 for stage in stages)


def test_locations_carry_tags_from_the_vocabulary(catalogue):
    tagged = Location.objects.filter(tags__isnull=False).distinct().count()
    assert tagged > 150
    assert Tag.objects.filter(slug__startswith="gen-").count() > 50
    tag = Tag.objects.get(slug="gen-night-view")
    assert tag.search_name == "night-view"


def test_an_existing_tag_of_the_same_name_is_reused_not_duplicated():
    real = TagFactory(name="neon")
    generate("--locations", "50", "--seed", "3")
    assert Tag.objects.filter(name="neon").count() == 1
    assert Tag.objects.get(name="neon").slug == real.slug


def test_a_second_run_adds_rows_with_new_numbers():
    generate("--locations", "20")
    generate("--locations", "20")
    assert Location.objects.filter(slug__startswith="gen-").count() == 40


def test_the_same_seed_gives_the_same_catalogue():
    generate("--locations", "30", "--studios", "2", "--seed", "5")
    first = list(Location.objects.order_by("slug").values_list("slug", "latitude", "status"))
    generate("--clear", "--locations", "30", "--studios", "2", "--seed", "5")
    again = list(Location.objects.order_by("slug").values_list("slug", "latitude", "status"))
    assert again == first


def test_clear_removes_generated_rows_only(catalogue):
    real_location = LocationFactory(name="Kinkaku-ji")
    real_stage = SoundstageFactory()
    real_tag = TagFactory(name="moss")
    real_location.tags.add(real_tag, Tag.objects.get(slug="gen-snow"))
    history_before = Location.history.count()

    generate("--clear")

    assert list(Location.objects.all()) == [real_location]
    assert list(Studio.objects.all()) == [real_stage.studio]
    assert list(Soundstage.objects.all()) == [real_stage]
    # A generated tag still used by a real location stays; unused ones go.
    assert set(Tag.objects.values_list("slug", flat=True)) == {real_tag.slug, "gen-snow"}
    assert Location.history.count() == history_before


def test_photos_are_real_jpegs_shared_by_the_generated_rows(media_root):
    generate("--locations", "10", "--studios", "2", "--photos")
    assert Photo.objects.filter(location__isnull=False).count() == 10
    assert Photo.objects.filter(studio__isnull=False).count() == 2
    photo = Photo.objects.first()
    assert photo.is_cover
    assert (media_root / photo.image.name).read_bytes()[:2] == b"\xff\xd8"
    assert (photo.width, photo.height) == (960, 640)

    generate("--clear")
    assert not Photo.objects.exists()
    assert not (media_root / photo.image.name).exists()


def test_generated_stage_sizes_are_positive_decimals(catalogue):
    for stage in Soundstage.objects.all():
        assert stage.length_m >= stage.width_m > Decimal(0)
        assert stage.height_m > 0


def test_it_refuses_to_run_with_nothing_to_do():
    with pytest.raises(CommandError):
        generate()
    with pytest.raises(CommandError):
        generate("--locations", "-5")
