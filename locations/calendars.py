"""A tour as an iCalendar file (RFC 5545) that guests import into their phone's calendar."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

TOKYO = ZoneInfo("Asia/Tokyo")
PRODID = "-//Rokehan//Familiarisation tours//EN"


def calendar_uid(itinerary) -> str:
    return f"itinerary-{itinerary.pk}@rokehan"


def stop_uid(stop) -> str:
    """Stable per stop, so a re-imported calendar updates its events instead of doubling them."""
    return f"stop-{stop.pk}.itinerary-{stop.itinerary_id}@rokehan"


def _location_text(stop) -> str:
    return ", ".join(part for part in (stop.name, stop.address_line) if part)


def itinerary_calendar(itinerary, *, absolute_url) -> bytes:
    """One VEVENT per stop, in Asia/Tokyo time with its VTIMEZONE.

    SUMMARY is the place's name (or the stop's title), LOCATION its name and address, GEO its
    coordinates, DESCRIPTION the notes and the place's page. `absolute_url(path)` turns a
    site path into a full URL. Stops must be in `itinerary.stops.all()` (prefetched or not).
    """
    calendar = Calendar.new(prodid=PRODID, name=itinerary.title, uid=calendar_uid(itinerary))
    calendar.add("X-WR-TIMEZONE", "Asia/Tokyo")
    if itinerary.description:
        # Not `calendar.description =`: icalendar 7.3 copies it unescaped into X-WR-CALDESC,
        # and a line break there makes to_ical() fail.
        calendar.add("DESCRIPTION", itinerary.description)
    stamp = itinerary.updated_at or itinerary.created_at
    for stop in itinerary.stops.all():
        event = Event.new(
            uid=stop_uid(stop),
            stamp=stamp,
            start=stop.starts_at.replace(tzinfo=TOKYO),
            summary=stop.name,
        )
        if stop.end_time:
            event.end = stop.ends_at.replace(tzinfo=TOKYO)
        location = _location_text(stop)
        if location:
            event.add("LOCATION", location)
        if stop.coordinates:
            event.add("GEO", stop.coordinates)
        description = [stop.notes] if stop.notes else []
        if stop.place is not None:
            url = absolute_url(stop.place.get_absolute_url())
            event.add("URL", url)
            description.append(_("Details: %(url)s") % {"url": url})
        if stop.name_ja and stop.name_ja != stop.name:
            description.insert(0, stop.name_ja)
        if description:
            event.add("DESCRIPTION", "\n\n".join(description))
        calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=date(itinerary.start_date.year, 1, 1),
        last_date=date(itinerary.end_date.year + 1, 1, 1),
    )
    return calendar.to_ical()
