"""Files for the field: a tour or a shortlist as KML (Google Earth), GPX and GeoJSON.

`trip_from_itinerary` and `trip_from_shortlist` turn the database rows into a `FieldTrip`
(plain data); `kml.py`, `gpx.py` and `geojson.py` write it. A stop without coordinates is
never dropped silently: every format lists it in the file's description.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from locations.clock import TOKYO


@dataclass(frozen=True)
class FieldPoint:
    """One stop or shortlisted place, as the files show it."""

    number: int
    name: str
    name_ja: str = ""
    starts: datetime | None = None  # aware, Asia/Tokyo; None on a shortlist
    ends: datetime | None = None
    address: str = ""
    notes: str = ""
    url: str = ""
    coordinates: tuple[float, float] | None = None  # (lat, lng)

    @property
    def title(self) -> str:
        """The name with the Japanese one beside it, as a sat-nav or a driver needs."""
        if self.name_ja and self.name_ja != self.name:
            return f"{self.name} ({self.name_ja})"
        return self.name

    @property
    def time_text(self) -> str:
        if self.starts is None:
            return ""
        text = self.starts.strftime("%H:%M")
        return f"{text}–{self.ends:%H:%M}" if self.ends and self.ends != self.starts else text

    @property
    def description(self) -> str:
        """The placemark's or waypoint's text: time, address, notes, the page's link."""
        lines = [self.time_text, self.address, self.notes, self.url]
        return "\n".join(line for line in lines if line)


@dataclass
class FieldGroup:
    """A day of a tour (a route) or a whole shortlist (no route: a ranking is not a path)."""

    name: str
    day: date | None = None
    route: bool = True
    points: list[FieldPoint] = field(default_factory=list)

    @property
    def located(self) -> list[FieldPoint]:
        return [p for p in self.points if p.coordinates is not None]


@dataclass
class FieldTrip:
    title: str
    slug: str
    description: str = ""
    groups: list[FieldGroup] = field(default_factory=list)

    @property
    def unlocated(self) -> list[tuple[FieldGroup, FieldPoint]]:
        """The points with no coordinates, with their group (they go in the description)."""
        return [(g, p) for g in self.groups for p in g.points if p.coordinates is None]

    @property
    def full_description(self) -> str:
        """The trip's description, then the stops that are not on the map, by name."""
        parts = [self.description] if self.description else []
        missing = self.unlocated
        if missing:
            lines = [_("Not on the map (no coordinates yet):")]
            for group, point in missing:
                where = ", ".join(part for part in (group.name, point.time_text) if part)
                line = f"{point.number}. {point.title} ({where})"
                if point.address:
                    line += f" — {point.address}"
                lines.append(line)
            parts.append("\n".join(lines))
        return "\n\n".join(parts)

    def filename(self, extension: str) -> str:
        return f"{self.slug or 'rokehan'}.{extension}"


def trip_from_itinerary(itinerary, *, place_url) -> FieldTrip:
    """A tour as a FieldTrip: a group per day (empty days too), a point per stop.

    Stops must be prefetched (`Itinerary.objects.with_stops()`); `place_url(place)` is the
    full link to a place's page, "" where the visitor could not open it (a draft).
    """
    groups = {}
    for offset in range(itinerary.day_count):
        day = itinerary.start_date + timedelta(days=offset)
        label = _("Day %(n)d") % {"n": offset + 1}
        groups[day] = FieldGroup(
            name=f"{label} — {date_format(day, 'WEEKDAY_DATE_FORMAT')}", day=day
        )
    for number, stop in enumerate(itinerary.stops.all(), start=1):
        group = groups.get(stop.date)
        if group is None:  # a stop outside the dates (saved around validation)
            group = groups[stop.date] = FieldGroup(
                name=date_format(stop.date, "WEEKDAY_DATE_FORMAT"), day=stop.date
            )
        group.points.append(
            FieldPoint(
                number=number,
                name=stop.name,
                name_ja=stop.name_ja,
                starts=stop.starts_at.replace(tzinfo=TOKYO),
                ends=stop.ends_at.replace(tzinfo=TOKYO),
                address=stop.address_line,
                notes="\n".join(
                    part for part in (stop.title if stop.place else "", stop.notes) if part
                ),
                url=place_url(stop.place) if stop.place else "",
                coordinates=stop.coordinates,
            )
        )
    return FieldTrip(
        title=itinerary.title,
        slug=itinerary.slug,
        description=itinerary.description,
        groups=[groups[day] for day in sorted(groups)],
    )


def trip_from_shortlist(shortlist, *, place_url) -> FieldTrip:
    """A shortlist as a FieldTrip: one group of its places in rank order (no route)."""
    group = FieldGroup(name=shortlist.title, route=False)
    for number, item in enumerate(shortlist.items.all(), start=1):
        place = item.place
        notes = []
        if item.top_choice_for:
            notes.append(_("Top choice for: %(what)s") % {"what": item.top_choice_for})
        if item.note:
            notes.append(item.note)
        has_coordinates = place.latitude is not None and place.longitude is not None
        group.points.append(
            FieldPoint(
                number=number,
                name=place.name,
                name_ja=place.name_ja,
                address=" / ".join(p for p in (place.address, place.address_ja) if p),
                notes="\n".join(notes),
                url=place_url(place),
                coordinates=(float(place.latitude), float(place.longitude))
                if has_coordinates
                else None,
            )
        )
    return FieldTrip(
        title=shortlist.title,
        slug=slugify(shortlist.title) or f"shortlist-{shortlist.pk}",
        description=shortlist.brief,
        groups=[group],
    )
