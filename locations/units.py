"""Metres and feet: conversion and display of stage sizes.

Fixers think in metres and m², producers often in feet and square feet. Sizes are stored in
metres; they are converted with the exact factors below (1 m = 3.28084 ft, 1 m² = 10.7639 sq ft)
and only rounded for display, so a figure shown in feet is the stored figure in feet.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from locations.models.studios import M_TO_FT, SQM_TO_SQFT

METRES = "m"
FEET = "ft"
UNITS = (METRES, FEET)
DEFAULT_UNITS = METRES
SESSION_KEY = "units"

ONE = Decimal("1")
TENTH = Decimal("0.1")


def length_from_metres(value_m: Decimal, units: str) -> Decimal:
    """A length in `units`, unrounded."""
    value_m = Decimal(value_m)
    return value_m * M_TO_FT if units == FEET else value_m


def length_to_metres(value: Decimal, units: str) -> Decimal:
    """A length entered in `units`, in metres (exact to Decimal precision, not rounded)."""
    value = Decimal(value)
    return value / M_TO_FT if units == FEET else value


def area_from_m2(value_m2: Decimal, units: str) -> Decimal:
    """An area in m² or square feet, unrounded."""
    value_m2 = Decimal(value_m2)
    return value_m2 * SQM_TO_SQFT if units == FEET else value_m2


def area_to_m2(value: Decimal, units: str) -> Decimal:
    """An area entered in m² or square feet, in m²."""
    value = Decimal(value)
    return value / SQM_TO_SQFT if units == FEET else value


def length_unit(units: str) -> str:
    """The length unit's symbol: "m" or "ft"."""
    return _("ft") if units == FEET else _("m")


def area_unit(units: str) -> str:
    """The area unit's symbol: "m²" or "sq ft"."""
    return _("sq ft") if units == FEET else _("m²")


def _number(value: Decimal, step: Decimal) -> str:
    """Round half up to `step`, drop a trailing ".0", group thousands: 1324.8 → "1,325"."""
    rounded = value.quantize(step, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(ONE)
    return f"{rounded:,}"


def length_number(value_m: Decimal | None, units: str) -> str:
    """A length's number in `units` with one decimal at most: 41.4 → "41.4" or "135.8"."""
    if value_m is None:
        return ""
    return _number(length_from_metres(value_m, units), TENTH)


def area_number(value_m2: Decimal | None, units: str) -> str:
    """An area's number: whole units from 100 up ("14,262"), one decimal below ("60.5")."""
    if value_m2 is None:
        return ""
    value = area_from_m2(value_m2, units)
    return _number(value, ONE if abs(value) >= 100 else TENTH)


def format_length(value_m: Decimal | None, units: str = METRES) -> str:
    """ "41.4 m" or "135.8 ft"; "" when unknown."""
    if value_m is None:
        return ""
    return f"{length_number(value_m, units)} {length_unit(units)}"


def format_area(value_m2: Decimal | None, units: str = METRES) -> str:
    """ "1,325 m²" or "14,262 sq ft"; "" when unknown."""
    if value_m2 is None:
        return ""
    return f"{area_number(value_m2, units)} {area_unit(units)}"


def format_dimensions(*sides_m: Decimal | None, units: str = METRES) -> str:
    """Sides joined with "×" and one unit: "41.4 × 32 × 10.5 m"; unknown sides show "?".

    Returns "" when no side is known.
    """
    if all(side is None for side in sides_m):
        return ""
    numbers = [length_number(side, units) if side is not None else "?" for side in sides_m]
    return f"{' × '.join(numbers)} {length_unit(units)}"


def clean_units(value) -> str | None:
    """`value` when it names a unit system ("m" or "ft"), else None."""
    return value if value in UNITS else None


def units_for(request, *, remember: bool = True) -> str:
    """The visitor's units: `?units=` when valid (remembered in the session), else the session's.

    Remembered for the visit so that every studio page shows the sizes the same way.
    """
    chosen = clean_units(request.GET.get("units"))
    if chosen is not None:
        if remember and request.session.get(SESSION_KEY) != chosen:
            request.session[SESSION_KEY] = chosen
        return chosen
    return clean_units(request.session.get(SESSION_KEY)) or DEFAULT_UNITS
