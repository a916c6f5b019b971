"""StudioFilterSet: each filter over a known set, the one-stage-meets-all rule, units, bad input."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from locations.filters import StudioFilterSet, convert_sizes_query
from locations.models import Studio
from tests import factories

pytestmark = pytest.mark.django_db


_stage = factories.stage


@pytest.fixture
def studios():
    """Five studios whose stages tell the filters apart (areas: A 1,200, B 1,350 … E 626)."""
    alpha = factories.StudioFactory(name="Alpha", prefecture=factories.prefecture("tokyo"))
    _stage(alpha, "Big low", "40", "30", "6")  # 1,200 m², low grid
    _stage(alpha, "Small tall", "10", "10", "15")  # 100 m², tall
    bravo = factories.StudioFactory(
        name="Bravo", name_ja="ブラボー撮影所", prefecture=factories.prefecture("kyoto")
    )
    _stage(bravo, "Big tall", "30", "45", "14", tank=True)  # entered width-first
    charlie = factories.StudioFactory(name="Charlie", prefecture=factories.prefecture("osaka"))
    _stage(charlie, "Tank stage", "20", "15", "8", tank=True)
    delta = factories.StudioFactory(name="Delta", prefecture=factories.prefecture("chiba"))
    _stage(delta, "Cyc stage", "30", "20", "10", cyclorama=True)
    echo = factories.StudioFactory(name="Echo", prefecture=factories.prefecture("fukuoka"))
    _stage(echo, "Odd floor", None, None, None, area_m2=Decimal("626"))


def _filter(query: str) -> StudioFilterSet:
    return StudioFilterSet(QueryDict(query), queryset=Studio.objects.all())


def names(query: str) -> set[str]:
    filterset = _filter(query)
    assert filterset.is_valid(), filterset.errors
    return {studio.name for studio in filterset.qs}


ALL = {"Alpha", "Bravo", "Charlie", "Delta", "Echo"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("q=bravo", {"Bravo"}),
        ("q=ブラボー", {"Bravo"}),
        ("q=ＢＲＡＶＯ", {"Bravo"}),
        ("q=kyoto", {"Bravo"}),
        ("q=京都", {"Bravo"}),
        ("q=", ALL),
        ("region=kansai", {"Bravo", "Charlie"}),
        ("region=kansai&region=kyushu-okinawa", {"Bravo", "Charlie", "Echo"}),
        ("region=", ALL),
        ("prefecture=tokyo&prefecture=chiba", {"Alpha", "Delta"}),
        ("region=kanto&prefecture=kyoto", set()),
        ("min_area=1200", {"Alpha", "Bravo"}),
        ("min_area=626", {"Alpha", "Bravo", "Echo"}),
        ("min_length=40", {"Alpha", "Bravo"}),
        ("min_width=40", {"Alpha", "Bravo"}),  # one figure: any side may reach it
        ("min_length=20&min_width=30", {"Alpha", "Bravo", "Delta"}),  # turned round
        ("min_length=45&min_width=30", {"Bravo"}),
        ("min_length=31&min_width=31", set()),
        ("min_height=12", {"Alpha", "Bravo"}),
        ("min_height=0", {"Alpha", "Bravo", "Charlie", "Delta"}),  # Echo's height unknown
        ("tank=true", {"Bravo", "Charlie"}),
        ("tank=false", {"Alpha", "Delta", "Echo"}),
        ("cyclorama=true", {"Delta"}),
        ("cyclorama=false", {"Alpha", "Bravo", "Charlie", "Echo"}),
        ("tank=", ALL),
        ("tank=true&min_height=10", {"Bravo"}),
        ("region=kansai&min_area=1000", {"Bravo"}),
        ("min_area=1&min_area=1300", {"Bravo"}),  # a repeated key: the last value counts
    ],
)
def test_each_filter_over_a_known_set(studios, query, expected):
    assert names(query) == expected


def test_one_stage_must_meet_every_figure_at_once(studios):
    # Alpha has a 1,200 m² stage with a 6 m grid and a small 15 m tall stage:
    # it has no big tall stage.
    assert "Alpha" in names("min_area=1000")
    assert "Alpha" in names("min_height=12")
    assert names("min_area=1000&min_height=12") == {"Bravo"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("units=ft&min_length=131.2", {"Alpha", "Bravo"}),  # 39.99 m: a 40 m stage fits
        ("units=ft&min_length=132", {"Bravo"}),  # 40.23 m: the 40 m stage does not
        ("units=ft&min_width=98.4&min_length=147.6", {"Bravo"}),  # 30 × 45 m, either way round
        ("units=ft&min_area=12916", {"Alpha", "Bravo"}),  # 1,199.94 m²
        ("units=ft&min_area=12917", {"Bravo"}),  # 1,200.03 m²
        ("units=ft&min_height=45.9", {"Alpha", "Bravo"}),  # 13.99 m
        ("units=ft&min_height=49.2", {"Alpha"}),  # 14.996 m: 15 m yes, 14 m no
        ("units=m&min_length=131.2", set()),
    ],
)
def test_sizes_entered_in_feet_are_converted_to_metres(studios, query, expected):
    assert names(query) == expected


def test_units_default_to_the_visitors_remembered_choice(studios):
    filterset = StudioFilterSet(
        QueryDict("min_length=132"), queryset=Studio.objects.all(), units="ft"
    )
    assert {s.name for s in filterset.qs} == {"Bravo"}
    assert filterset.form["units"].value() == "ft"


@pytest.mark.parametrize(
    "query",
    [
        "min_area=-1",
        "min_length=-0.01",
        "min_area=nan",
        "min_area=NaN",
        "min_width=inf",
        "min_height=-Infinity",
        "min_area=1e400",
        "min_length=99999999999",
        "min_length=10001",
        "min_area=1000000",
        "min_area=abc",
        "min_area=1%00",
        "min_length=1.234",
        "tank=maybe",
        "tank=1",
        "tank=null",
        "cyclorama=yes",
        "cyclorama=True",
        "units=yards",
        "units=%00",
        "region=atlantis",
        "prefecture=%00",
        "prefecture=tokyo&prefecture=nowhere",
        "q=%00",
        "q=" + "x" * 201,
    ],
)
def test_bad_input_is_a_form_error(studios, query):
    filterset = _filter(query)
    assert not filterset.is_valid()
    assert filterset.errors


def test_an_invalid_form_has_no_stage_criteria():
    assert not _filter("min_area=-5").criteria


@pytest.mark.parametrize(
    ("query", "to_units", "expected"),
    [
        (
            "min_length=40&min_area=1000&units=m",
            "ft",
            "min_length=131.23&min_area=10763.9&units=ft",
        ),
        ("min_length=131.23&units=ft&page=3", "m", "min_length=40&units=m"),
        ("min_height=abc&units=m", "ft", "min_height=abc&units=ft"),
        ("min_height=1e999999&units=m", "ft", "min_height=1e999999&units=ft"),
        ("q=toho&units=m", "m", "q=toho&units=m"),
    ],
)
def test_switching_units_converts_the_entered_sizes(query, to_units, expected):
    from_units = "m" if "units=m" in query else "ft"
    converted = convert_sizes_query(QueryDict(query), from_units=from_units, to_units=to_units)
    assert converted == expected


def test_active_filters_become_removable_chips(studios):
    chips = _filter("region=kansai&region=kanto&min_area=1000&tank=true&units=m").active_filters()
    labels = [chip.label for chip in chips]
    assert labels == ["Kanto", "Kansai", "Area ≥ 1,000 m²", "Water tank"]
    kanto = chips[0].remove_url
    assert "region=kansai" in kanto and "region=kanto" not in kanto and "min_area=1000" in kanto


def test_blank_region_and_prefecture_values_are_ignored_not_refused(studios):
    # An emptied checkbox group or a hand-edited link: `?region=&prefecture=`.
    assert _filter("region=&prefecture=&region=kanto").is_valid()
    assert names("region=&prefecture=&region=kanto") == names("region=kanto")
    assert names("region=&prefecture=") == names("")
