"""Template helpers for catalogue pages."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def display_names(obj) -> dict:
    """The name to show first and the other one, with their languages.

    Japanese pages lead with the Japanese name when there is one; English pages with the
    English name. Works for anything with `name` and `name_ja` (locations, studios).
    """
    name, name_ja = obj.name or "", obj.name_ja or ""
    japanese_first = (get_language() or "").startswith("ja") and name_ja
    if japanese_first or not name:
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
