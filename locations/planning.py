"""Writes that span models: a draft tour from a shortlist, a tour copied as a template."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from locations.models import (
    Itinerary,
    ItineraryStatus,
    ItineraryStop,
    Location,
    Shortlist,
    ShortlistItem,
)
from locations.models.common import unique_slug
from locations.permits import FIRST_DATE, LAST_DATE
from locations.travel import distance_km, nearest_neighbour_order, suggest_mode

# Tours start where the guests land: Tokyo Station.
TOKYO = (35.681236, 139.767125)
FIRST_STOP_AT = time(9, 0)
STOP_EVERY = timedelta(hours=2)
STOP_LENGTH = timedelta(minutes=90)
# 09:00, 11:00 … 17:00: a sixth stop in a region moves to another day.
MAX_STOPS_PER_DAY = 5


@dataclass
class _Candidate:
    """A shortlisted place with the point used to route it (its own, else its prefecture's)."""

    item: object
    region: object
    coordinates: tuple[float, float]


def _candidate(item) -> _Candidate:
    place = item.place
    if place.latitude is not None and place.longitude is not None:
        point = (float(place.latitude), float(place.longitude))
    else:
        point = (float(place.prefecture.latitude), float(place.prefecture.longitude))
    return _Candidate(item=item, region=place.prefecture.region, coordinates=point)


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def plan_days(items, *, start: tuple[float, float] = TOKYO) -> list[list]:
    """Group shortlist items into days: one region per day (split after five stops), regions
    in a short route from `start` (nearest region first, then the nearest next one), and
    within a day nearest-neighbour order from where the previous day ended."""
    by_region: dict = {}
    for candidate in map(_candidate, items):
        by_region.setdefault(candidate.region.pk, []).append(candidate)
    days: list[list] = []
    here = start
    while by_region:
        region_pk = min(
            by_region,
            key=lambda pk: distance_km(here, _centroid([c.coordinates for c in by_region[pk]])),
        )
        ordered = nearest_neighbour_order(by_region.pop(region_pk), here)
        for i in range(0, len(ordered), MAX_STOPS_PER_DAY):
            days.append([c.item for c in ordered[i : i + MAX_STOPS_PER_DAY]])
        here = ordered[-1].coordinates
    return days


@transaction.atomic
def itinerary_from_shortlist(*, shortlist: Shortlist, start_date: date, user) -> Itinerary:
    """A draft tour visiting every place on the shortlist, from `start_date`.

    One day per region along a short route (see `plan_days`), stops at 09:00, 11:00 …,
    90 minutes each, with a travel mode suggested by the distance from the previous stop.
    Raises ValueError for an empty shortlist, or for days outside the site's calendar.
    """
    items = list(
        shortlist.items.select_related(
            "location__prefecture__region", "studio__prefecture__region"
        ).order_by("rank", "added_at", "pk")
    )
    if not items:
        raise ValueError(_("The shortlist is empty: add places before planning a tour."))
    days = plan_days(items)
    end_date = _within_calendar(start_date, len(days) - 1)
    itinerary = Itinerary.objects.create(
        title=shortlist.title,
        slug=unique_slug(Itinerary, shortlist.title),
        description=shortlist.brief,
        start_date=start_date,
        end_date=end_date,
        status=ItineraryStatus.DRAFT,
        created_by=user,
        updated_by=user,
    )
    stops = []
    here = TOKYO
    for day_index, day_items in enumerate(days):
        day = start_date + timedelta(days=day_index)
        for slot, item in enumerate(day_items):
            starts = datetime.combine(day, FIRST_STOP_AT) + slot * STOP_EVERY
            point = _candidate(item).coordinates
            notes = "\n".join(
                part
                for part in (
                    _("Top choice for: %(need)s") % {"need": item.top_choice_for}
                    if item.top_choice_for
                    else "",
                    item.note,
                )
                if part
            )
            stops.append(
                ItineraryStop(
                    itinerary=itinerary,
                    date=day,
                    start_time=starts.time(),
                    end_time=(starts + STOP_LENGTH).time(),
                    location=item.location,
                    studio=item.studio,
                    notes=notes,
                    travel_mode=suggest_mode(distance_km(here, point)),
                )
            )
            here = point
    ItineraryStop.objects.bulk_create(stops)
    return itinerary


def _within_calendar(first: date, days_after: int) -> date:
    """The tour's last day, `days_after` its first; ValueError when either lies outside the
    calendar the site counts permits and sun times for (`locations.permits.FIRST_DATE`…)."""
    if FIRST_DATE <= first <= LAST_DATE - timedelta(days=days_after):
        return first + timedelta(days=days_after)
    raise ValueError(
        _("A tour's days must fall from %(first)s to %(last)s.")
        % {"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}
    )


@transaction.atomic
def duplicate_itinerary(
    *, itinerary: Itinerary, user, start_date: date | None = None, title: str = ""
) -> Itinerary:
    """A draft copy of a tour and its stops, as a template for the next one.

    The copy gets a new slug and a new private link; with `start_date` every date moves by
    the same number of days, so the days of the week may change but the plan's shape stays.
    """
    shift = (start_date - itinerary.start_date) if start_date else timedelta(0)
    _within_calendar(itinerary.start_date + shift, (itinerary.end_date - itinerary.start_date).days)
    title = title or _("%(title)s (copy)") % {"title": itinerary.title}
    copy = Itinerary.objects.create(
        title=title,
        slug=unique_slug(Itinerary, title),
        description=itinerary.description,
        start_date=itinerary.start_date + shift,
        end_date=itinerary.end_date + shift,
        party_size=itinerary.party_size,
        party=itinerary.party,
        status=ItineraryStatus.DRAFT,
        created_by=user,
        updated_by=user,
    )
    ItineraryStop.objects.bulk_create(
        ItineraryStop(
            itinerary=copy,
            date=stop.date + shift,
            start_time=stop.start_time,
            end_time=stop.end_time,
            location_id=stop.location_id,
            studio_id=stop.studio_id,
            title=stop.title,
            latitude=stop.latitude,
            longitude=stop.longitude,
            address=stop.address,
            notes=stop.notes,
            travel_mode=stop.travel_mode,
        )
        for stop in itinerary.stops.order_by("date", "start_time", "pk")
    )
    return copy


@transaction.atomic
def add_to_shortlist(*, user, place, shortlist: Shortlist | None = None):
    """Put a location or a studio on `shortlist` (default: the user's most recently used one,
    created when the user has none). Returns (item, created); adding twice changes nothing."""
    if shortlist is None:
        shortlist = Shortlist.objects.owned_by(user).first()
        if shortlist is None:
            shortlist = Shortlist.objects.create(owner=user, title=_("My shortlist"))
    kind = "location" if isinstance(place, Location) else "studio"
    existing = shortlist.items.filter(**{kind: place}).first()
    if existing is not None:
        return existing, False
    last = shortlist.items.order_by("-rank").values_list("rank", flat=True).first() or 0
    item = ShortlistItem.objects.create(shortlist=shortlist, rank=last + 1, **{kind: place})
    # The list just used becomes the one the next "add" goes to.
    shortlist.save(update_fields=["updated_at"])
    return item, True


@transaction.atomic
def move_shortlist_item(*, item, direction: str) -> None:
    """Swap an item with its neighbour ("up" = towards first place) and renumber 1…n."""
    items = list(item.shortlist.items.order_by("rank", "added_at", "pk"))
    i = next(n for n, other in enumerate(items) if other.pk == item.pk)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
    for rank, other in enumerate(items, start=1):
        other.rank = rank
    ShortlistItem.objects.bulk_update(items, ["rank"])
