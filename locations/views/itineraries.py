"""Tours for guests: the list, the day-by-day view, the calendar file and the scout package.

A draft tour is seen by signed-in staff at its address and by anyone holding its private link
(`/itineraries/shared/<token>/`); everyone else gets a 404.
"""

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from locations.calendars import itinerary_calendar
from locations.clock import tokyo_today
from locations.models import Itinerary, ItineraryStop, Status
from locations.models.common import pick_language
from locations.permits import PermitDeadline, stop_deadline
from locations.sun import SunTimes, sun_times
from locations.travel import Leg, legs_into


@dataclass
class StopRow:
    """A stop as the day view shows it: with the leg that reaches it and a link when allowed."""

    stop: ItineraryStop
    number: int
    leg: Leg | None
    place_url: str | None
    overlaps: bool
    # The location's permit deadline for this day (None when its lead time is unknown).
    deadline: PermitDeadline | None = None
    sun: SunTimes | None = None


@dataclass
class Day:
    date: date
    number: int
    rows: list[StopRow] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"day-{self.number}"

    @property
    def route_json(self) -> str:
        """The day's route for static/js/route.js (read from a data attribute: no inline JS);
        names in the page's language."""
        points = [
            {
                "n": row.number,
                "lat": round(row.stop.coordinates[0], 6),
                "lng": round(row.stop.coordinates[1], 6),
                "name": pick_language(row.stop.name, row.stop.name_ja),
                "time": row.stop.start_time.strftime("%H:%M"),
                "url": row.place_url or "",
            }
            for row in self.rows
            if row.stop.coordinates
        ]
        return json.dumps(points, ensure_ascii=False)

    @property
    def has_route(self) -> bool:
        return any(row.stop.coordinates for row in self.rows)


def place_url_for(place, user) -> str | None:
    """A link to a place's page, unless the visitor would meet a 404 there (a draft)."""
    if place is None:
        return None
    if place.status == Status.PUBLISHED or (user.is_authenticated and user.is_staff):
        return place.get_absolute_url()
    return None


def days_of(itinerary: Itinerary, user) -> list[Day]:
    """Every day of the trip (empty ones too), each with its stops in order, the legs, the
    permit deadlines and the sunrise and sunset at each stop."""
    stops = list(itinerary.stops.all())
    today = tokyo_today()
    days = {
        itinerary.start_date + timedelta(days=i): Day(
            date=itinerary.start_date + timedelta(days=i), number=i + 1
        )
        for i in range(itinerary.day_count)
    }
    for number, (stop, leg) in enumerate(zip(stops, legs_into(stops), strict=True), start=1):
        row = StopRow(
            stop=stop,
            number=number,
            leg=leg,
            place_url=place_url_for(stop.place, user),
            overlaps=getattr(stop, "overlaps", False),
            deadline=stop_deadline(stop, today=today),
            sun=sun_times(*stop.coordinates, stop.date) if stop.coordinates else None,
        )
        day = days.get(stop.date)
        if day is None:  # only possible for data saved around validation (e.g. a raw import)
            day = days[stop.date] = Day(date=stop.date, number=len(days) + 1)
        day.rows.append(row)
    return sorted(days.values(), key=lambda d: d.date)


def _day_view(request, itinerary: Itinerary, *, shared: bool):
    days = days_of(itinerary, request.user)
    context = {
        "itinerary": itinerary,
        "days": days,
        "shared": shared,
        "tight_legs": sum(1 for d in days for r in d.rows if r.leg and r.leg.too_tight),
        "late_permits": late_permits(days),
    }
    return render(request, "itineraries/detail.html", context)


def late_permits(days: list[Day]) -> list[StopRow]:
    """The stops whose permit deadline has passed or is today."""
    return [r for d in days for r in d.rows if r.deadline and r.deadline.too_close]


def _calendar_response(request, itinerary: Itinerary) -> HttpResponse:
    """The tour's calendar; `?permits=1` adds each permit's last day to apply (all-day)."""
    body = itinerary_calendar(
        itinerary,
        absolute_url=request.build_absolute_uri,
        permit_deadlines=request.GET.get("permits") == "1",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{itinerary.slug}.ics"'
    return response


@dataclass
class PackageEntry:
    """A place in a scout package, with what the tour or the shortlist says about it."""

    place: object
    kind: str
    stops: list = field(default_factory=list)
    note: str = ""
    top_choice_for: str = ""


def package_route_json(entries: list[PackageEntry], user) -> str:
    """The package map's points, numbered as in the package."""
    points = [
        {
            "n": n,
            "lat": round(float(entry.place.latitude), 6),
            "lng": round(float(entry.place.longitude), 6),
            "name": entry.place.local_name,
            "time": "",
            "url": place_url_for(entry.place, user) or "",
        }
        for n, entry in enumerate(entries, start=1)
        if entry.place.latitude is not None and entry.place.longitude is not None
    ]
    return json.dumps(points, ensure_ascii=False)


def _package(request, itinerary: Itinerary, *, shared: bool):
    days = days_of(itinerary, request.user)
    entries: dict[tuple, PackageEntry] = {}
    for day in days:
        for row in day.rows:
            stop = row.stop
            if stop.place is None:
                continue
            kind = "location" if stop.location_id else "studio"
            key = (kind, stop.place.pk)
            entries.setdefault(key, PackageEntry(place=stop.place, kind=kind)).stops.append(stop)
    return render_package(
        request,
        title=itinerary.title,
        entries=list(entries.values()),
        shared=shared,
        itinerary=itinerary,
        days=days,
        late_permits=late_permits(days),
    )


def render_package(request, *, title: str, entries: list[PackageEntry], shared: bool, **extra):
    """The printable scout package of a tour or a shortlist: its places with a route map."""
    context = {
        "title": title,
        "entries": entries,
        "route_json": package_route_json(entries, request.user),
        "shared": shared,
        **extra,
    }
    return render(request, "itineraries/package.html", context)


def _visible(request):
    return Itinerary.objects.visible_to(request.user)


def _public_stops(request) -> bool:
    """Visitors of a tour's public page see only stops at published places; staff and holders
    of the private link (chosen by staff to share the whole tour) see every stop."""
    return not request.user.is_staff


@require_safe
def itinerary_list(request):
    """Published tours; signed-in staff also see drafts (badged)."""
    itineraries = _visible(request).for_list()
    return render(request, "itineraries/list.html", {"itineraries": itineraries})


@require_safe
def itinerary_detail(request, slug):
    itinerary = get_object_or_404(
        _visible(request).with_stops(published_places=_public_stops(request)), slug=slug
    )
    return _day_view(request, itinerary, shared=False)


@require_safe
def itinerary_shared(request, token):
    """The private link: any status, no account; a wrong or regenerated token is a 404."""
    itinerary = get_object_or_404(Itinerary.objects.with_stops(), share_token=token)
    return _day_view(request, itinerary, shared=True)


@require_safe
def itinerary_ics(request, slug):
    itinerary = get_object_or_404(
        _visible(request).with_stops(published_places=_public_stops(request)), slug=slug
    )
    return _calendar_response(request, itinerary)


@require_safe
def itinerary_shared_ics(request, token):
    itinerary = get_object_or_404(Itinerary.objects.with_stops(), share_token=token)
    return _calendar_response(request, itinerary)


@require_safe
def itinerary_package(request, slug):
    itinerary = get_object_or_404(
        _visible(request).with_stops(stages=True, published_places=_public_stops(request)),
        slug=slug,
    )
    return _package(request, itinerary, shared=False)


@require_safe
def itinerary_shared_package(request, token):
    itinerary = get_object_or_404(Itinerary.objects.with_stops(stages=True), share_token=token)
    return _package(request, itinerary, shared=True)
