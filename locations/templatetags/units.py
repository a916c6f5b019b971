"""Template filters that show stored metres in the visitor's units.

    {% load units %}
    {{ stage.length_m|length_in:units }}      → "41.4 m" or "135.8 ft"
    {{ stage.floor_area_m2|area_in:units }}   → "1,325 m²" or "14,262 sq ft"
    {{ stage|dims_in:units }}                 → "41.4 × 32 × 10.5 m"
    {{ stage|footprint_in:units }}            → "41.4 × 32 m"

(Not named `length`: that would hide Django's built-in `|length` in templates that load this.)
"""

from django import template

from locations import units as u

register = template.Library()


@register.filter
def length_in(value_m, units=u.METRES):
    """A length stored in metres, formatted in `units`; "" when unknown."""
    return u.format_length(value_m, units)


@register.filter
def area_in(value_m2, units=u.METRES):
    """An area stored in m², formatted in m² or sq ft; "" when unknown."""
    return u.format_area(value_m2, units)


@register.filter
def dims_in(stage, units=u.METRES):
    """Length × width × height of a stage; just length × width when the height is unknown."""
    height = getattr(stage, "height_m", None)
    if height is None:
        return footprint_in(stage, units)
    return u.format_dimensions(stage.length_m, stage.width_m, height, units=units)


@register.filter
def footprint_in(stage, units=u.METRES):
    """Length × width of a stage's floor."""
    return u.format_dimensions(stage.length_m, stage.width_m, units=units)
