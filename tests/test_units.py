"""Metres and feet: exact conversion, display rounding, the template filters, the visit's choice."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from locations import units as u
from locations.models import Soundstage


@pytest.mark.parametrize(
    ("metres", "units", "shown"),
    [
        (Decimal("41.4"), "m", "41.4 m"),
        (Decimal("41.4"), "ft", "135.8 ft"),  # 135.826776
        (Decimal("32"), "m", "32 m"),
        (Decimal("32"), "ft", "105 ft"),  # 104.98688: no trailing ".0"
        (Decimal("10.5"), "ft", "34.4 ft"),  # 34.44882
        (Decimal("40.25"), "m", "40.3 m"),  # half up, not to even
        (Decimal("1000"), "ft", "3,280.8 ft"),
    ],
)
def test_a_length_is_shown_with_one_decimal_at_most(metres, units, shown):
    assert u.format_length(metres, units) == shown


@pytest.mark.parametrize(
    ("m2", "units", "shown"),
    [
        (Decimal("1325"), "m", "1,325 m²"),
        (Decimal("1325"), "ft", "14,262 sq ft"),  # 14,262.1675
        (Decimal("1324.8"), "m", "1,325 m²"),
        (Decimal("5490"), "ft", "59,094 sq ft"),  # 59,093.811
        (Decimal("60.5"), "m", "60.5 m²"),  # below 100: one decimal
        (Decimal("8"), "ft", "86.1 sq ft"),
    ],
)
def test_an_area_is_shown_in_whole_units_with_thousands_separators(m2, units, shown):
    assert u.format_area(m2, units) == shown


def test_conversions_use_the_exact_factors_and_are_not_rounded():
    assert u.length_from_metres(Decimal("41.4"), "ft") == Decimal("135.826776")
    assert u.area_from_m2(Decimal("1325"), "ft") == Decimal("14262.1675")
    assert u.length_to_metres(Decimal("131.2336"), "ft") == Decimal("40")
    assert u.area_to_m2(Decimal("107639"), "ft") == Decimal("10000")
    assert u.length_to_metres(Decimal("12"), "m") == Decimal("12")


def test_unknown_sizes_show_as_nothing():
    assert u.format_length(None, "ft") == ""
    assert u.format_area(None, "m") == ""
    assert u.format_dimensions(None, None) == ""


def test_dimensions_share_one_unit():
    assert u.format_dimensions(Decimal("41.4"), Decimal("32"), Decimal("10.5")) == (
        "41.4 × 32 × 10.5 m"
    )
    assert u.format_dimensions(Decimal("41.4"), None, units="ft") == "135.8 × ? ft"


def test_template_filters_show_a_stage_in_the_chosen_units():
    stage = Soundstage(length_m=Decimal("41.4"), width_m=Decimal("32"), height_m=Decimal("10.5"))
    template = Template(
        "{% load units %}{{ s.length_m|length_in:units }}|{{ s.area|area_in:units }}|"
        "{{ s|dims_in:units }}|{{ s|footprint_in:units }}|{{ items|length }}"
    )
    metres = template.render(Context({"s": stage, "units": "m", "items": [1, 2]}))
    feet = template.render(Context({"s": stage, "units": "ft", "items": [1, 2]}))
    assert metres == "41.4 m|1,325 m²|41.4 × 32 × 10.5 m|41.4 × 32 m|2"
    assert feet == "135.8 ft|14,260 sq ft|135.8 × 105 × 34.4 ft|135.8 × 105 ft|2"


def test_dims_leave_out_an_unknown_height():
    stage = Soundstage(length_m=Decimal("41.4"), width_m=Decimal("32"))
    assert Template("{% load units %}{{ s|dims_in:'m' }}").render(Context({"s": stage})) == (
        "41.4 × 32 m"
    )


class _Session(dict):
    modified = False


def _request(query=""):
    request = RequestFactory().get("/studios/" + query)
    request.session = _Session()
    return request


def test_the_units_default_to_metres():
    assert u.units_for(_request()) == "m"


def test_the_chosen_units_are_remembered_for_the_visit():
    request = _request("?units=ft")
    assert u.units_for(request) == "ft"
    later = _request()
    later.session = request.session
    assert u.units_for(later) == "ft"


@pytest.mark.parametrize("value", ["yards", "", "FT", "m\x00"])
def test_unknown_units_are_ignored(value):
    request = _request()
    request.session[u.SESSION_KEY] = "ft"
    request.GET = request.GET.copy()
    request.GET["units"] = value
    assert u.units_for(request) == "ft"
    assert request.session[u.SESSION_KEY] == "ft"
