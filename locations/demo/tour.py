"""The demo's week-long familiarisation tour: Tokyo → Kyoto → Osaka (and Himeji) → Tokyo.

The places are the demo catalogue's real landmarks and studios, looked up by name; a place
that is missing is skipped with a note. Hotels, meetings and times are sample data and say so.
`load_demo` calls `load_tour()`; running it again rebuilds the stops and keeps the dates.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction

from locations.clock import tokyo_today
from locations.models import (
    Itinerary,
    ItineraryStatus,
    ItineraryStop,
    Location,
    Studio,
    TravelMode,
)

SLUG = "familiarisation-tour-tokyo-kyoto-osaka"
TITLE = "Familiarisation tour: Tokyo, Kyoto, Osaka (sample)"
DESCRIPTION = (
    "A week for visiting producers: Tokyo's streets and studios, Kyoto's temples, Osaka at "
    "night and a castle town, and a meeting with a film commission.\n\n"
    "Sample tour: the places are real, the schedule, hotels and meetings are examples."
)
PARTY = "Sample guests:\nProducer, overseas drama series\nLine producer\nLocation manager"

# Stations are where a tour changes trains: public landmarks with their real coordinates.
TOKYO_STATION = (Decimal("35.681236"), Decimal("139.767125"), "1-9-1 Marunouchi, Chiyoda, Tokyo")
SHINJUKU_STATION = (Decimal("35.690921"), Decimal("139.700258"), "Shinjuku Station, Tokyo")
KYOTO_STATION = (Decimal("34.985849"), Decimal("135.758767"), "Kyoto Station, Shimogyo, Kyoto")
SHIN_OSAKA_STATION = (Decimal("34.733480"), Decimal("135.500109"), "Shin-Osaka Station, Osaka")
NAMBA_STATION = (Decimal("34.662700"), Decimal("135.501800"), "Namba, Osaka")


@dataclass(frozen=True)
class Planned:
    """One stop of the plan: a location or a studio (candidate names), or a titled stop."""

    day: int
    start: str
    end: str | None
    mode: str
    notes: str = ""
    location: tuple[str, ...] = ()
    studio: tuple[str, ...] = ()
    title: str = ""
    point: tuple | None = None


CAR, TRAIN, SHINKANSEN, WALK = (
    TravelMode.CAR,
    TravelMode.TRAIN,
    TravelMode.SHINKANSEN,
    TravelMode.WALK,
)

# fmt: off
PLAN = [
    # Day 1, Tokyo: arrival, Asakusa, Shibuya at night.
    Planned(0, "14:00", None, TRAIN, title="Hotel check-in, Shinjuku (sample)",
            point=SHINJUKU_STATION,
            notes="Sample stop: the hotel is chosen for each tour. Narita Express or the "
            "Limousine Bus from the airport."),
    Planned(0, "16:00", "17:30", TRAIN, location=("Senso-ji", "Sensō-ji", "Sensoji"),
            notes="Nakamise-dori and the Kaminarimon gate."),
    Planned(0, "19:00", "20:30", TRAIN,
            location=("Shibuya Scramble Crossing", "Shibuya Crossing"),
            notes="The crossing at its busiest, from street level and from above."),
    # Day 2, Tokyo studios.
    Planned(1, "09:30", "12:00", CAR, studio=("Toho Studios",),
            notes="Stage walk-through: stages 8 and 9 are the largest floors found in Japan."),
    Planned(1, "14:00", "16:00", CAR, studio=("Kadokawa Daiei Studio",),
            notes="Stage G and the workshops."),
    Planned(1, "18:00", "19:00", CAR, location=("Tokyo Tower",),
            notes="The tower lit at dusk from Shiba Park."),
    # Day 3, Tokyo.
    Planned(2, "10:00", "12:30", CAR, studio=("Toei Tokyo Studio",),
            notes="Period-drama sets and the largest stage on the lot."),
    Planned(2, "14:00", None, TRAIN, title="Free afternoon",
            notes="Time for calls home and the production office."),
    # Day 4, to Kyoto: the film commission, Kinkaku-ji.
    Planned(3, "08:30", None, TRAIN, title="Tokyo Station: Nozomi to Kyoto",
            point=TOKYO_STATION,
            notes="Check out first; luggage goes ahead by takkyubin from the hotel's desk."),
    Planned(3, "11:15", "11:30", SHINKANSEN, title="Kyoto Station: arrival",
            point=KYOTO_STATION, notes="Meet the Kyoto driver at the Hachijo exit (sample)."),
    Planned(3, "13:00", "14:30", CAR, title="Meeting with the Kyoto Film Commission",
            notes="Sample meeting: permits for temples and streets, local crew. The "
            "commission confirms the venue."),
    Planned(3, "15:30", "17:00", CAR, location=("Kinkaku-ji", "Kinkakuji"),
            notes="The pavilion across the pond; closes at 17:00."),
    # Day 5, Kyoto early, then Osaka at night.
    Planned(4, "07:00", "09:00", CAR, location=("Fushimi Inari Taisha", "Fushimi Inari"),
            notes="Early, before the crowds: the torii tunnels above the main shrine."),
    Planned(4, "10:30", "12:00", CAR, location=("Arashiyama Bamboo Grove",),
            notes="The path is narrow and busy by mid-morning."),
    Planned(4, "15:00", None, TRAIN, title="Hotel check-in, Namba (sample)",
            point=NAMBA_STATION, notes="Sample stop: the hotel is chosen for each tour."),
    Planned(4, "19:00", "21:00", WALK, location=("Dotonbori", "Dōtonbori"),
            notes="Osaka at night: the canal, the neon and the Glico sign."),
    # Day 6, a castle town and Osaka Castle.
    Planned(5, "09:30", "12:00", SHINKANSEN, location=("Himeji Castle",),
            notes="Shinkansen from Shin-Osaka; the keep and the grounds."),
    Planned(5, "14:30", "16:30", SHINKANSEN, location=("Osaka Castle",),
            notes="The keep from the park and the moats."),
    # Day 7, back to Tokyo.
    Planned(6, "09:00", None, TRAIN, title="Shin-Osaka Station: Nozomi to Tokyo",
            point=SHIN_OSAKA_STATION),
    Planned(6, "12:00", "12:15", SHINKANSEN, title="Tokyo Station: arrival",
            point=TOKYO_STATION),
    Planned(6, "13:00", "14:30", CAR,
            title="Debrief lunch with the production office (sample)",
            notes="What to scout again, which permits to start, next steps."),
]
# fmt: on


def _find(model, names):
    for name in names:
        place = model.objects.filter(name__iexact=name).first()
        if place is not None:
            return place
    return None


def _next_monday(today: date) -> date:
    """The coming Monday (1–7 days ahead). So near on purpose: Shibuya's road-use permission
    needs 5 business days, so the sample tour shows what a missed permit deadline looks like."""
    return today + timedelta(days=7 - today.weekday())


@transaction.atomic
def load_tour(stdout=None, *, start_date: date | None = None) -> Itinerary:
    """Create or refresh the demo tour (keyed by its slug) and return it.

    A new tour starts on the coming Monday (or `start_date`); an existing one keeps its
    dates, and its stops are rebuilt from the plan above.
    """

    def say(message):
        if stdout is not None:
            stdout.write(message)

    itinerary = Itinerary.objects.filter(slug=SLUG).first()
    if itinerary is None:
        first = start_date or _next_monday(tokyo_today())
        itinerary = Itinerary(slug=SLUG, start_date=first)
    if start_date is not None:
        itinerary.start_date = start_date
    itinerary.title = TITLE
    itinerary.description = DESCRIPTION
    itinerary.party = PARTY
    itinerary.party_size = 3
    itinerary.status = ItineraryStatus.PUBLISHED
    itinerary.end_date = itinerary.start_date + timedelta(days=6)
    itinerary.save()
    itinerary.stops.all().delete()

    stops, skipped = [], []
    for planned in PLAN:
        stop = ItineraryStop(
            itinerary=itinerary,
            date=itinerary.start_date + timedelta(days=planned.day),
            start_time=time.fromisoformat(planned.start),
            end_time=time.fromisoformat(planned.end) if planned.end else None,
            travel_mode=planned.mode,
            notes=planned.notes,
            title=planned.title,
        )
        if planned.location:
            stop.location = _find(Location, planned.location)
            missing = stop.location is None
        elif planned.studio:
            stop.studio = _find(Studio, planned.studio)
            missing = stop.studio is None
        else:
            missing = False
            if planned.point is not None:
                stop.latitude, stop.longitude, stop.address = planned.point
        if missing:
            skipped.append((planned.location or planned.studio)[0])
            continue
        stops.append(stop)
    ItineraryStop.objects.bulk_create(stops)
    say(f"Tour “{itinerary.title}”: {len(stops)} stops from {itinerary.start_date:%Y-%m-%d}.")
    if skipped:
        say("Skipped (not in the catalogue): " + ", ".join(skipped))
    return itinerary
