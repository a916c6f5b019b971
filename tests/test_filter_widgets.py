"""The sidebars' widgets (locations.filters.widgets) write Django's markup, byte for byte."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from locations.filters import widgets

NASTY = ['"><script>alert(1)</script>', "O'Brien & <co>", "京都 駅", mark_safe("<b>safe</b>")]


@pytest.mark.parametrize("value", [None, "", "harbour", 12.5, 0, *NASTY])
@pytest.mark.parametrize(
    ("ours", "django"),
    [(widgets.TextInput, forms.TextInput), (widgets.NumberInput, forms.NumberInput)],
)
def test_inputs_write_djangos_markup(ours, django, value):
    attrs = {"type": "search", "placeholder": 'Temple, "neon", 京都', "required": True}
    attrs |= {"disabled": False, "aria-invalid": "true", "step": 0.5}
    extra = {"id": "id_q", "data-x": NASTY[0]}
    mine = ours(attrs=dict(attrs)).render("q", value, dict(extra))
    assert mine == django(attrs=dict(attrs)).render("q", value, dict(extra))
    assert "<script>" not in mine


@pytest.mark.parametrize("value", [None, "", "true", "false", "nope", *NASTY])
@pytest.mark.parametrize(
    "choices",
    [
        [("", "Any"), ("true", "Yes"), ("false", "No")],
        [("m", "metres"), ("ft", "feet"), (NASTY[0], NASTY[1])],
        [("Group <1>", [("a", "A"), ("b", NASTY[0])]), ("c", "C")],
    ],
)
def test_selects_write_djangos_markup(choices, value):
    attrs = {"class": "autosubmit", "multiple": False}
    mine = widgets.Select(attrs=attrs, choices=choices).render("tank", value, {"id": "id_tank"})
    assert mine == forms.Select(attrs=attrs, choices=choices).render(
        "tank", value, {"id": "id_tank"}
    )
    assert "<script>" not in mine
