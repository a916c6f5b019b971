"""Template helpers for catalogue pages."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from locations.models.common import is_japanese

register = template.Library()


def _english_and_japanese(obj, field: str) -> tuple[str, str]:
    """`obj.<field>` (or `<field>_en`, as prefectures have) and `obj.<field>_ja`."""
    english = getattr(obj, field, None)
    if english is None:
        english = getattr(obj, f"{field}_en", None)
    return english or "", getattr(obj, f"{field}_ja", None) or ""


@register.simple_tag
def display_names(obj, field: str = "name") -> dict:
    """The text to show first and the other one, with their languages.

    Japanese pages lead with the Japanese text when there is one; English pages with the
    English text; either falls back to the other. Works for anything with `name` (or `name_en`)
    and `name_ja`: locations, studios, stops, regions, prefectures; with `field`, for other
    pairs such as `description`/`description_ja` or `address`/`address_ja`.
    """
    name, name_ja = _english_and_japanese(obj, field)
    if (is_japanese() and name_ja) or not name:
        primary, primary_lang, secondary, secondary_lang = name_ja, "ja", name, "en"
    else:
        primary, primary_lang, secondary, secondary_lang = name, "en", name_ja, "ja"
    if secondary == primary:
        secondary = ""
    return {
        "primary": primary,
        "primary_lang": primary_lang,
        "secondary": secondary,
        "secondary_lang": secondary_lang,
    }


@register.simple_tag
def choice_input(choice, label=None) -> str:
    """One checkbox (or radio) of a multiple-choice field: `<label for><input …> label</label>`.

    The markup Django's `checkbox_option.html` gives, built directly: the filter forms have
    ~140 options, and rendering each through the widget templates was about a third of a list
    page's time. `choice` is a `BoundWidget` (`{% for choice in form.field %}`).
    """
    data = choice.data
    return format_html(
        '<label for="{}"><input type="{}" name="{}" value="{}"{}> {}</label>',
        data["attrs"].get("id", ""),
        data["type"],
        data["name"],
        data["value"],
        flatatt(data["attrs"]),
        data["label"] if label is None else label,
    )
