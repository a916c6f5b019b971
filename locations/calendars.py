"""A tour as an iCalendar file (RFC 5545) that guests import into their phone's calendar."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event

from locations.permits import stop_deadline

TOKYO = ZoneInfo("Asia/Tokyo")
PRODID = "-//Rokehan//Familiarisation tours//EN"


def calendar_uid(itinerary) -> str:
    return f"itinerary-{itinerary.pk}@rokehan"


def stop_uid(stop) -> str:
    """Stable per stop, so a re-imported calendar updates its events instead of doubling them."""
    return f"stop-{stop.pk}.itinerary-{stop.itinerary_id}@rokehan"


def _location_text(stop) -> str:
    return ", ".join(part for part in (stop.name, stop.address_line) if part)


def permit_uid(stop) -> str:
    return f"permit-{stop.pk}.itinerary-{stop.itinerary_id}@rokehan"


def itinerary_calendar(itinerary, *, absolute_url, permit_deadlines: bool = False) -> bytes:
    """One VEVENT per stop, in Asia/Tokyo time with its VTIMEZONE.

    With `permit_deadlines`, each stop at a location with a known permit lead time also
    gets an all-day event on its last day to apply (locations.permits).

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
        if permit_deadlines:
            deadline = stop_deadline(stop)
            if deadline is not None:
                calendar.add_component(_permit_event(stop, deadline, stamp, absolute_url))
    calendar.add_missing_timezones(
        first_date=date(itinerary.start_date.year, 1, 1),
        last_date=date(itinerary.end_date.year + 1, 1, 1),
    )
    return calendar.to_ical()


def _permit_event(stop, deadline, stamp, absolute_url) -> Event:
    """An all-day event on the last day to apply for the permits of `stop`."""
    event = Event.new(
        uid=permit_uid(stop),
        stamp=stamp,
        start=deadline.apply_by,
        end=deadline.apply_by + timedelta(days=1),
        summary=_("Apply for permits: %(place)s") % {"place": stop.name},
    )
    lines = [
        ngettext(
            "Last day to apply for the shoot on %(date)s (%(n)d business day ahead).",
            "Last day to apply for the shoot on %(date)s (%(n)d business days ahead).",
            deadline.lead_days,
        )
        % {"date": stop.date.isoformat(), "n": deadline.lead_days}
    ]
    if stop.location.permit_authority:
        lines.append(stop.location.permit_authority)
    lines.append(absolute_url(stop.location.get_absolute_url()))
    event.add("DESCRIPTION", "\n".join(lines))
    return event
