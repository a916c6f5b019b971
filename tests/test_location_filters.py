"""LocationFilterSet: each filter in one line over a small known set, combinations, bad input.

The set: real public places with their real coordinates, plus one draft and one place not
yet pinned on the map.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone

from locations.filters import LocationFilterSet
from locations.geo import haversine_km
from locations.models import Location, Status
from tests import factories

pytestmark = pytest.mark.django_db

KYOTO_CENTRE = (35.0116, 135.7681)  # Kyoto City Hall


@pytest.fixture
def places():
    neon = factories.TagFactory(name="neon")
    period = factories.TagFactory(name="period drama")
    snow = factories.TagFactory(name="snow")

    def place(name, pref, cat, lat, lng, tags=(), **kwargs):
        location = factories.LocationFactory(
            name=name,
            prefecture=factories.prefecture(pref),
            category=factories.category(cat),
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lng) if lng else None,
            **kwargs,
        )
        location.tags.set(tags)
        return location

    return {
        "shibuya": place(
            "Shibuya Crossing",
            "tokyo",
            "street",
            "35.659482",
            "139.700531",
            [neon],
            name_ja="渋谷スクランブル交差点",
            municipality="Shibuya",
        ),
        "kinkakuji": place(
            "Kinkaku-ji",
            "kyoto",
            "temple",
            "35.039370",
            "135.729243",
            [period],
            name_ja="金閣寺",
            name_kana="きんかくじ",
            municipality="Kita-ku",
        ),
        "inari": place(
            "Fushimi Inari Taisha",
            "kyoto",
            "shrine",
            "34.967140",
            "135.772672",
            [period],
            name_ja="伏見稲荷大社",
            municipality="Fushimi-ku",
        ),
        "dotonbori": place(
            "Dotonbori",
            "osaka",
            "street",
            "34.668723",
            "135.501295",
            [neon],
            name_ja="道頓堀",
            municipality="Chuo-ku",
        ),
        "otaru": place(
            "Otaru Canal",
            "hokkaido",
            "waterfront",
            "43.199167",
            "140.994167",
            [snow],
            name_ja="小樽運河",
            municipality="Otaru",
        ),
        "unpinned": place(
            "Uji Bridge", "kyoto", "bridge", None, None, name_ja="宇治橋", municipality="Uji"
        ),
        "draft": place(
            "Kyoto Draft Alley",
            "kyoto",
            "street",
            "35.0",
            "135.76",
            [neon],
            status=Status.DRAFT,
            municipality="Kyoto",
        ),
    }


def names(query: str) -> list[str]:
    """Names of the published places the filters keep, in the filters' order."""
    filterset = LocationFilterSet(QueryDict(query), queryset=Location.objects.published())
    assert filterset.is_valid(), filterset.errors
    return [location.name for location in filterset.qs]


ALL = [
    "Dotonbori",
    "Fushimi Inari Taisha",
    "Kinkaku-ji",
    "Otaru Canal",
    "Shibuya Crossing",
    "Uji Bridge",
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("region=kansai", ["Dotonbori", "Fushimi Inari Taisha", "Kinkaku-ji", "Uji Bridge"]),
        ("region=hokkaido", ["Otaru Canal"]),
        ("prefecture=kyoto", ["Fushimi Inari Taisha", "Kinkaku-ji", "Uji Bridge"]),
        ("category=street", ["Dotonbori", "Shibuya Crossing"]),
        ("tag=neon", ["Dotonbori", "Shibuya Crossing"]),
        ("q=canal", ["Otaru Canal"]),
    ],
)
def test_each_filter_keeps_its_places(places, query, expected):
    assert names(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=kanto&region=hokkaido", ["Otaru Canal", "Shibuya Crossing"]),
        ("prefecture=osaka&prefecture=tokyo", ["Dotonbori", "Shibuya Crossing"]),
        ("category=temple&category=shrine", ["Fushimi Inari Taisha", "Kinkaku-ji"]),
        ("tag=neon&tag=snow", ["Dotonbori", "Otaru Canal", "Shibuya Crossing"]),
    ],
)
def test_a_repeated_parameter_means_any_of(places, query, expected):
    assert names(query) == expected


def test_a_place_with_two_of_the_tags_is_listed_once(places):
    places["shibuya"].tags.add(factories.TagFactory(name="snow"))
    assert names("tag=neon&tag=snow") == ["Dotonbori", "Otaru Canal", "Shibuya Crossing"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=kansai&category=street", ["Dotonbori"]),
        ("prefecture=kyoto&tag=period-drama&q=inari", ["Fushimi Inari Taisha"]),
        (
            "region=kansai&tag=neon&tag=period-drama",
            ["Dotonbori", "Fushimi Inari Taisha", "Kinkaku-ji"],
        ),
        ("region=hokkaido&category=street", []),
        ("q=kyoto&category=temple", ["Kinkaku-ji"]),
    ],
)
def test_filters_combine_with_and(places, query, expected):
    assert names(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=ＳＨＩＢＵＹＡ", ["Shibuya Crossing"]),  # full-width capitals
        ("q=shibuya", ["Shibuya Crossing"]),
        ("q=京都", ["Fushimi Inari Taisha", "Kinkaku-ji", "Uji Bridge"]),  # not 東京都
        ("q=kyoto", ["Fushimi Inari Taisha", "Kinkaku-ji", "Uji Bridge"]),
        ("q=kyo", ["Fushimi Inari Taisha", "Kinkaku-ji", "Uji Bridge"]),  # not To-kyo
        ("q=東京", ["Shibuya Crossing"]),
        ("q=キンカクジ", ["Kinkaku-ji"]),  # katakana finds the hiragana reading
        ("q=きんかくじ", ["Kinkaku-ji"]),
        ("q=kinkakuji", ["Kinkaku-ji"]),  # without the hyphen
        ("q=金閣寺", ["Kinkaku-ji"]),
        ("q=neon", ["Dotonbori", "Shibuya Crossing"]),  # a tag's name
        ("q=  ", ALL),  # blank: untouched
        ("q=atlantis", []),
    ],
)
def test_keywords_ignore_case_width_and_kana(places, query, expected):
    assert names(query) == expected


def test_near_with_radius_keeps_places_in_the_circle_nearest_first(places):
    query = "near=35.0116,135.7681&radius_km=10"
    assert names(query) == ["Kinkaku-ji", "Fushimi Inari Taisha"]


def test_near_annotates_the_great_circle_distance(places):
    filterset = LocationFilterSet(
        QueryDict("near=35.0116,135.7681&radius_km=10"), queryset=Location.objects.published()
    )
    assert filterset.is_valid()
    for location in filterset.qs:
        expected = haversine_km(*KYOTO_CENTRE, float(location.latitude), float(location.longitude))
        assert location.distance_km == pytest.approx(expected, abs=0.01)


def test_a_wider_radius_reaches_tokyo_but_not_hokkaido(places):
    assert names("near=35.0116,135.7681&radius_km=600") == [
        "Kinkaku-ji",
        "Fushimi Inari Taisha",
        "Dotonbori",
        "Shibuya Crossing",
    ]


def test_near_without_radius_sorts_every_pinned_place_by_distance(places):
    assert names("near=43.0,141.0") == [
        "Otaru Canal",
        "Shibuya Crossing",
        "Kinkaku-ji",
        "Fushimi Inari Taisha",
        "Dotonbori",
    ]


def test_near_with_another_sort_keeps_that_sort(places):
    assert names("near=35.0116,135.7681&radius_km=10&sort=name") == [
        "Fushimi Inari Taisha",
        "Kinkaku-ji",
    ]


def test_sort_by_distance_without_a_point_falls_back_to_name(places):
    assert names("sort=distance") == ALL


def test_sort_by_recent_update_puts_the_latest_change_first(places):
    now = timezone.now()
    for days, key in enumerate(["otaru", "dotonbori", "shibuya", "inari", "kinkakuji", "unpinned"]):
        Location.objects.filter(pk=places[key].pk).update(updated_at=now - timedelta(days=days))
    assert names("sort=-updated") == [
        "Otaru Canal",
        "Dotonbori",
        "Shibuya Crossing",
        "Fushimi Inari Taisha",
        "Kinkaku-ji",
        "Uji Bridge",
    ]


def test_the_default_sort_is_distance_near_a_point_and_name_otherwise():
    assert LocationFilterSet(QueryDict("near=35,135")).form["sort"].value() == "distance"
    assert LocationFilterSet(QueryDict("")).form["sort"].value() == "name"


def test_drafts_are_kept_out_by_the_queryset_not_the_filters(places):
    staff_view = LocationFilterSet(QueryDict("q=draft"), queryset=Location.objects.all())
    assert [location.name for location in staff_view.qs] == ["Kyoto Draft Alley"]
    assert names("q=draft") == []


def test_chips_remove_one_value_each_and_keep_the_rest(places):
    filterset = LocationFilterSet(
        QueryDict("region=kansai&region=kanto&tag=neon&q=street&near=35,135&radius_km=50&page=2"),
        queryset=Location.objects.published(),
    )
    assert filterset.is_valid()
    chips = {chip.label: chip.remove_url for chip in filterset.chips}
    assert chips["Kansai"] == "?region=kanto&tag=neon&q=street&near=35,135&radius_km=50"
    assert chips["#neon"] == "?region=kansai&region=kanto&q=street&near=35,135&radius_km=50"
    assert chips["“street”"] == "?region=kansai&region=kanto&tag=neon&near=35,135&radius_km=50"
    assert (
        chips["Within 50 km of 35.0000, 135.0000"]
        == "?region=kansai&region=kanto&tag=neon&q=street"
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("region=atlantis", "region"),
        ("region=kansai&region=atlantis", "region"),
        ("prefecture=nowhere", "prefecture"),
        ("category=spaceport", "category"),
        ("tag=unknown-tag", "tag"),
        ("region=kan%00sai", "region"),
        ("q=abc%00def", "q"),
        ("q=" + "x" * 201, "q"),
        ("near=nan,nan", "near"),
        ("near=inf,135", "near"),
        ("near=35,-inf", "near"),
        ("near=1e999,135", "near"),
        ("near=91,135", "near"),
        ("near=35,181", "near"),
        ("near=35", "near"),
        ("near=35,135,10", "near"),
        ("near=north,east", "near"),
        ("near=35%00,135", "near"),
        ("near=" + "9" * 400 + ",135", "near"),
        ("near=35,135&radius_km=0", "radius_km"),
        ("near=35,135&radius_km=-5", "radius_km"),
        ("near=35,135&radius_km=nan", "radius_km"),
        ("near=35,135&radius_km=inf", "radius_km"),
        ("near=35,135&radius_km=1e400", "radius_km"),
        ("near=35,135&radius_km=3001", "radius_km"),
        ("near=35,135&radius_km=ten", "radius_km"),
        ("sort=random", "sort"),
        ("sort=%00", "sort"),
    ],
)
def test_bad_values_are_form_errors_on_their_field(places, query, field):
    filterset = LocationFilterSet(QueryDict(query), queryset=Location.objects.published())
    assert not filterset.is_valid()
    assert field in filterset.errors


def test_an_unknown_choice_is_named_in_the_message(places):
    filterset = LocationFilterSet(
        QueryDict("region=kansai&tag=neon&tag=atlantis"), queryset=Location.objects.published()
    )
    assert not filterset.is_valid()
    assert filterset.errors["tag"] == [
        "Select a valid choice. atlantis is not one of the available choices."
    ]
    assert "region" not in filterset.errors


def test_a_tag_added_or_deleted_after_a_search_counts_at_once(places):
    """The chosen slugs resolve from rows held per catalogue version (no query per search):
    a tag made or deleted since is known or refused on the next search, not the next
    version of the process."""

    def tags_of(query):
        filterset = LocationFilterSet(QueryDict(query), queryset=Location.objects.published())
        return (
            [t.slug for t in filterset.form.cleaned_data["tag"]] if filterset.is_valid() else None
        )

    assert tags_of("tag=neon") == ["neon"]
    assert tags_of("tag=fog") is None
    fog = factories.TagFactory(name="fog", slug="fog")
    assert tags_of("tag=fog&tag=neon") == ["fog", "neon"]  # the options' order (name)
    fog.delete()
    assert tags_of("tag=fog") is None
    assert names("tag=neon") == names("tag=neon&tag=neon")


@pytest.mark.parametrize(
    "query",
    ["near=90,180&radius_km=3000", "near=-90,-180&radius_km=3000", "near=0,0&radius_km=0.01"],
)
def test_extreme_but_valid_points_work(places, query):
    assert isinstance(names(query), list)


def test_each_filterset_has_filters_of_its_own(places):
    """The filters are copied one level deep per FilterSet (ListFilterSet's metaclass): each
    copy's method runs on its own FilterSet, and the class's filters are never bound."""
    first = LocationFilterSet(QueryDict("q=kyoto"), queryset=Location.objects.published())
    second = LocationFilterSet(QueryDict("q=tokyo"), queryset=Location.objects.published())
    for name in ("q", "near", "tag"):
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].parent is first and second.filters[name].parent is second
        assert first.filters[name].extra is not LocationFilterSet.base_filters[name].extra
        assert not hasattr(LocationFilterSet.base_filters[name], "parent")
    assert first.filters["q"].filter.f is first.filters["q"]
    assert set(first.qs) != set(second.qs)


def test_an_unused_choice_filter_cleans_to_an_empty_list(places):
    """Django cleans an empty optional choice to `queryset.none()`, and every `if value` then
    compiled that query to find it empty; the catalogue's choice fields give `[]` instead,
    and a chosen value still cleans to its rows."""
    filterset = LocationFilterSet(QueryDict("q=canal"), queryset=Location.objects.published())
    assert filterset.is_valid(), filterset.errors
    for name in ("region", "prefecture", "category", "tag"):
        assert filterset.form.cleaned_data[name] == [], name
    assert [location.name for location in filterset.qs] == ["Otaru Canal"]
    chosen = LocationFilterSet(QueryDict("region=hokkaido&tag=neon"))
    assert chosen.is_valid(), chosen.errors
    assert [region.slug for region in chosen.form.cleaned_data["region"]] == ["hokkaido"]
    assert [tag.slug for tag in chosen.form.cleaned_data["tag"]] == ["neon"]


@pytest.mark.parametrize(
    ("limit", "queries"),
    # 6 places within 3.75 km (an 8th of 30): one circle, one query. 8: the 15 km circle
    # holds them. 12: only the whole 30 km radius does. 40: fewer than asked for, all of them.
    [(6, 1), (8, 2), (12, 3), (40, 3)],
)
def test_nearest_reads_the_smallest_circle_that_holds_enough(
    limit, queries, django_assert_num_queries
):
    """`QuerySet.nearest` gives the nearest `limit` places within the radius, nearest first
    (ties by name), as sorting every place by distance would, in one query per circle."""
    centre = (35.0, 135.75)
    # Rings of places 1, 5, 20 and 60 km north of the centre (one degree ≈ 111.2 km).
    for km, count in [(1, 6), (5, 2), (20, 4), (60, 3)]:
        for n in range(count):
            factories.LocationFactory(
                name=f"{km:02d} km place {n}",
                latitude=Decimal(f"{centre[0] + km / 111.2:.6f}"),
                longitude=Decimal(f"{centre[1] + n * 0.0001:.6f}"),
            )
    every = sorted(
        (
            (haversine_km(*centre, float(p.latitude), float(p.longitude)), p.name)
            for p in Location.objects.all()
        ),
    )
    expected = [name for km, name in every if km <= 30][:limit]
    with django_assert_num_queries(queries):
        found = Location.objects.all().nearest(*centre, 30, limit)
    assert [p.name for p in found] == expected
