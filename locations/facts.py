"""A place's facts as a location manager reads them (permits, production, access, timing):
grouped, labelled, with units and choices spelt out, and the empty ones left out."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from locations.models import Location

# The facts of a place, grouped as a location manager reads them; empty ones are left out.
FACT_GROUPS = [
    (_("Permits"), ["permit_authority", "permit_lead_days", "permit_fees", "permit_notes"]),
    (
        _("Production"),
        [
            "power",
            "parking_vehicles",
            "basecamp_trucks",
            "load_in",
            "noise",
            "view_facing",
            "light_notes",
        ],
    ),
    (_("Access"), ["nearest_station", "station_walk_minutes", "unit_move_notes"]),
    (
        _("Restrictions & timing"),
        ["filming_hours", "drones", "restrictions", "best_season", "best_time_of_day"],
    ),
]
NOISE_FLAGS = ["noise_flight_path", "noise_trains", "noise_traffic"]
# Numbers read better with their unit and a label of their own.
COUNTED_FACTS = {
    "permit_lead_days": (
        _("Permit lead time"),
        ngettext_lazy("%(n)d business day", "%(n)d business days", "n"),
    ),
    "parking_vehicles": (_("Parking"), ngettext_lazy("%(n)d vehicle", "%(n)d vehicles", "n")),
    "basecamp_trucks": (
        _("Base camp"),
        ngettext_lazy("room for %(n)d truck", "room for %(n)d trucks", "n"),
    ),
    "station_walk_minutes": (
        _("Walk from station"),
        ngettext_lazy("%(n)d minute", "%(n)d minutes", "n"),
    ),
}


def fact_groups(location: Location) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group title, [(label, text), …]), …] with only the facts that are filled in."""
    groups = []
    for title, names in FACT_GROUPS:
        facts = [fact for fact in (_fact(location, name) for name in names) if fact[1]]
        if facts:
            groups.append((str(title), facts))
    return groups


def _fact(location: Location, name: str) -> tuple[str, str]:
    """(label, text) of one fact; the text is empty when nobody has filled it in."""
    if name == "noise":
        sources = [
            str(capfirst(Location._meta.get_field(flag).verbose_name))
            for flag in NOISE_FLAGS
            if getattr(location, flag)
        ]
        if location.noise_notes:
            sources.append(location.noise_notes)
        return str(_("Noise")), "; ".join(sources)
    field = Location._meta.get_field(name)
    value = getattr(location, name)
    if value is None or value == "":
        return "", ""
    if name in COUNTED_FACTS:
        label, text = COUNTED_FACTS[name]
        return str(label), text % {"n": value}
    if field.choices:
        value = getattr(location, f"get_{name}_display")()
    return str(capfirst(field.verbose_name)), str(value)
