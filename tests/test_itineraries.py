"""Tours: validation, the day-by-day page, the calendar file, private links and the package."""

import datetime as dt
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from locations.models import Itinerary, ItineraryStatus, ItineraryStop, Status
from tests import factories

pytestmark = pytest.mark.django_db

MON = dt.date(2027, 4, 5)
TUE = MON + dt.timedelta(days=1)


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def place(name, lat, lng, **kwargs):
    return factories.LocationFactory(
        name=name, latitude=Decimal(str(lat)), longitude=Decimal(str(lng)), **kwargs
    )


@pytest.fixture
def tokyo_tour():
    """A published two-day tour; stops created out of order on purpose."""
    tour = factories.ItineraryFactory(
        title="Tokyo in two days",
        start_date=MON,
        end_date=TUE,
        party_size=2,
        description="Two days in Tokyo.\n\nStreets, temples, a tower.",
    )
    shibuya = place(
        "Shibuya Scramble Crossing", 35.6595, 139.7004, name_ja="渋谷スクランブル交差点"
    )
    sensoji = place("Senso-ji", 35.7148, 139.7967, name_ja="浅草寺", address="2-3-1 Asakusa")
    tower = place("Tokyo Tower", 35.6586, 139.7454, name_ja="東京タワー")
    factories.PhotoFactory(location=sensoji, caption="Kaminarimon at dawn", is_cover=True)
    stops = {
        # Senso-ji → Tokyo Tower is ~8 km by car (about 25 min) but only 10 min are planned.
        "tower": factories.ItineraryStopFactory(
            itinerary=tour, date=MON, start_time=t("11:40"), end_time=t("12:30"), location=tower
        ),
        "sensoji": factories.ItineraryStopFactory(
            itinerary=tour,
            date=MON,
            start_time=t("10:00"),
            end_time=t("11:30"),
            location=sensoji,
            notes="Meet the temple office at the main hall.",
            travel_mode="train",
        ),
        "hotel": factories.ItineraryStopFactory(
            itinerary=tour,
            date=MON,
            start_time=t("08:00"),
            end_time=None,
            location=None,
            title="Hotel check-out",
            latitude=Decimal("35.690921"),
            longitude=Decimal("139.700258"),
            address="Shinjuku, Tokyo",
        ),
        "shibuya": factories.ItineraryStopFactory(
            itinerary=tour, date=TUE, start_time=t("19:00"), end_time=t("20:00"), location=shibuya
        ),
    }
    return tour, stops


# --- Validation -------------------------------------------------------------------------


def test_itinerary_cannot_end_before_it_starts():
    tour = Itinerary(title="Backwards", start_date=TUE, end_date=MON)
    with pytest.raises(ValidationError) as error:
        tour.full_clean()
    assert error.value.message_dict["end_date"] == ["The last day cannot be before the first day."]
    with pytest.raises(IntegrityError), transaction.atomic():
        tour.save()


def test_a_one_day_tour_is_fine():
    tour = Itinerary(title="Day trip", start_date=MON, end_date=MON)
    tour.full_clean()
    tour.save()
    assert tour.day_count == 1


def test_stop_outside_the_trip_is_refused_with_the_trip_dates():
    tour = factories.ItineraryFactory(start_date=MON, end_date=TUE)
    stop = ItineraryStop(itinerary=tour, date=MON - dt.timedelta(days=1), start_time=t("09:00"))
    stop.title = "Too early"
    with pytest.raises(ValidationError) as error:
        stop.full_clean()
    assert error.value.message_dict["date"] == [
        "2027-04-04 is outside the trip: choose a day from 2027-04-05 to 2027-04-06."
    ]


def test_stop_must_end_after_it_starts():
    tour = factories.ItineraryFactory()
    stop = ItineraryStop(
        itinerary=tour, date=MON, start_time=t("10:00"), end_time=t("09:00"), title="Lunch"
    )
    with pytest.raises(ValidationError) as error:
        stop.full_clean()
    assert error.value.message_dict["end_time"] == ["The stop must end after it starts (10:00)."]
    with pytest.raises(IntegrityError), transaction.atomic():
        stop.save()


def test_stop_is_a_location_or_a_studio_not_both():
    tour = factories.ItineraryFactory()
    stop = ItineraryStop(
        itinerary=tour,
        date=MON,
        start_time=t("10:00"),
        location=factories.LocationFactory(),
        studio=factories.StudioFactory(),
    )
    with pytest.raises(ValidationError) as error:
        stop.full_clean()
    assert error.value.message_dict["studio"] == ["Choose a location or a studio, not both."]
    with pytest.raises(IntegrityError), transaction.atomic():
        stop.save()


def test_stop_with_neither_place_needs_a_title():
    tour = factories.ItineraryFactory()
    stop = ItineraryStop(itinerary=tour, date=MON, start_time=t("10:00"))
    with pytest.raises(ValidationError) as error:
        stop.full_clean()
    assert "Give this stop a title" in error.value.message_dict["title"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        stop.save()
    stop.title = "Meeting with the Kyoto Film Commission"
    stop.full_clean()
    stop.save()


def test_stop_coordinates_must_lie_in_japan():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ItineraryStopFactory(
            location=None, title="Paris", latitude=Decimal("48.85"), longitude=Decimal("2.35")
        )


def test_share_token_is_long_random_and_regenerable():
    a, b = factories.ItineraryFactory(), factories.ItineraryFactory()
    assert len(a.share_token) >= 40 and a.share_token != b.share_token
    old = a.share_token
    a.regenerate_share_token()
    a.refresh_from_db()
    assert a.share_token != old


def test_slug_is_made_from_the_title():
    assert factories.ItineraryFactory(title="Kyoto Temples Week").slug == "kyoto-temples-week"
    assert factories.ItineraryFactory(title="Kyoto Temples Week").slug == "kyoto-temples-week-2"


def test_overlapping_stops_are_flagged_by_the_database():
    tour = factories.ItineraryFactory()
    stop = lambda start, end=None, day=MON: factories.ItineraryStopFactory(  # noqa: E731
        itinerary=tour, date=day, start_time=t(start), end_time=t(end) if end else None
    )
    long = stop("10:00", "12:00")
    inside = stop("11:00")  # a moment during the long stop
    after = stop("12:00", "13:00")  # starts as the long one ends: fine
    same_start_a, same_start_b = stop("15:00"), stop("15:00")
    other_day = stop("10:30", "11:30", day=TUE)
    flags = dict(tour.stops.with_overlaps().values_list("pk", "overlaps"))
    assert flags == {
        long.pk: True,
        inside.pk: True,
        after.pk: False,
        same_start_a.pk: True,
        same_start_b.pk: True,
        other_day.pk: False,
    }
    assert Itinerary.objects.with_overlap_flag().get(pk=tour.pk).has_overlaps


# --- Tours list -------------------------------------------------------------------------


def test_list_shows_published_tours_and_hides_drafts_from_visitors(client):
    factories.ItineraryFactory(title="Published week")
    factories.ItineraryFactory(title="Secret draft", status=ItineraryStatus.DRAFT)
    response = client.get(reverse("itineraries:list"))
    assert response.status_code == 200
    assert "Published week" in response.text
    assert "Secret draft" not in response.text


def test_staff_see_drafts_badged_in_the_list(fixer_client):
    factories.ItineraryFactory(title="Secret draft", status=ItineraryStatus.DRAFT)
    response = fixer_client.get(reverse("itineraries:list"))
    assert "Secret draft" in response.text
    assert "badge-draft" in response.text


@pytest.mark.parametrize("tours", [1, 20])
def test_list_query_count_does_not_grow_with_tours(client, django_assert_max_num_queries, tours):
    for _ in range(tours):
        factories.ItineraryStopFactory()
    with django_assert_max_num_queries(1):  # tours with their stop counts
        response = client.get(reverse("itineraries:list"))
    assert response.text.count('class="tour-card"') == tours


# --- Day by day -------------------------------------------------------------------------


def test_day_view_orders_stops_by_day_and_time(client, tokyo_tour):
    tour, _ = tokyo_tour
    response = client.get(tour.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    positions = [
        text.index(name)
        for name in ("Hotel check-out", "Senso-ji", "Tokyo Tower", "Shibuya Scramble Crossing")
    ]
    assert positions == sorted(positions)
    assert text.index('id="day-1"') < text.index("Hotel check-out") < text.index('id="day-2"')


def test_day_view_shows_legs_with_distance_estimate_and_warning(client, tokyo_tour):
    tour, stops = tokyo_tour
    response = client.get(tour.get_absolute_url())
    days = {day.number: day for day in response.context["days"]}
    legs = [row.leg for row in days[1].rows]
    assert legs[0] is None  # the first stop of the tour has no way in
    hotel_to_sensoji, sensoji_to_tower = legs[1], legs[2]
    assert hotel_to_sensoji.mode == "train"
    assert hotel_to_sensoji.km == pytest.approx(9.1, abs=0.1)
    assert not hotel_to_sensoji.too_tight  # 2 h planned
    assert sensoji_to_tower.km == pytest.approx(7.8, abs=0.1)
    assert (sensoji_to_tower.gap_minutes, sensoji_to_tower.minutes) == (10, 25)
    assert sensoji_to_tower.too_tight
    text = response.text
    assert "7.8 km · Car · about 25 min" in text
    assert "Only 10 min planned for this journey" in text
    assert "One journey has less time than the travel estimate" in text
    # The overnight leg into day 2 names where it starts.
    assert days[2].rows[0].leg.overnight
    assert "From Tokyo Tower:" in text


def test_day_view_links_places_shows_covers_and_notes(client, tokyo_tour):
    tour, stops = tokyo_tour
    text = client.get(tour.get_absolute_url()).text
    sensoji = stops["sensoji"].location
    assert f'href="{sensoji.get_absolute_url()}"' in text
    from locations.templatetags.photos import photo_sources

    assert photo_sources(sensoji.cover, "card").src in text
    assert sensoji.cover.image.url not in text
    assert 'alt="Kaminarimon at dawn"' in text
    assert "Meet the temple office at the main hall." in text
    assert "浅草寺" in text


def test_day_view_draws_each_days_route_from_a_data_attribute(client, tokyo_tour):
    tour, _ = tokyo_tour
    response = client.get(tour.get_absolute_url())
    day1 = response.context["days"][0]
    assert [p["name"] for p in json.loads(day1.route_json)] == [
        "Hotel check-out",
        "Senso-ji",
        "Tokyo Tower",
    ]
    assert 'class="route-map"' in response.text and "data-route=" in response.text
    assert "<script>" not in response.text  # CSP: no inline script
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text)


def test_draft_places_on_a_tour_are_left_out_for_visitors_and_unlinked_on_its_link(
    client, tokyo_tour
):
    tour, stops = tokyo_tour
    tower = stops["tower"].location
    tower.status = Status.DRAFT
    tower.save()
    for url in (
        tour.get_absolute_url(),
        reverse("itineraries:package", args=[tour.slug]),
        reverse("itineraries:ics", args=[tour.slug]),
    ):
        assert "Tokyo Tower" not in client.get(url).content.decode(), url
    # The private link shows the whole tour as staff shared it, without a link to the draft.
    text = client.get(tour.get_share_url()).text
    assert "Tokyo Tower" in text
    assert f'href="{tower.get_absolute_url()}"' not in text


def test_free_days_are_shown_as_such(client):
    tour = factories.ItineraryFactory(start_date=MON, end_date=MON + dt.timedelta(days=2))
    factories.ItineraryStopFactory(itinerary=tour, date=MON)
    response = client.get(tour.get_absolute_url())
    assert [len(day.rows) for day in response.context["days"]] == [1, 0, 0]
    assert "Nothing planned: a free day." in response.text


def test_draft_tour_is_a_404_for_visitors_and_shown_to_staff(fixer_client):
    client = Client()
    tour = factories.ItineraryFactory(status=ItineraryStatus.DRAFT)
    assert client.get(tour.get_absolute_url()).status_code == 404
    assert client.get(reverse("itineraries:ics", args=[tour.slug])).status_code == 404
    assert client.get(reverse("itineraries:package", args=[tour.slug])).status_code == 404
    response = fixer_client.get(tour.get_absolute_url())
    assert response.status_code == 200 and "badge-draft" in response.text


def test_unknown_tour_is_a_404(client):
    assert client.get(reverse("itineraries:detail", args=["no-such-tour"])).status_code == 404


def test_day_view_refuses_post(client, tokyo_tour):
    tour, _ = tokyo_tour
    assert client.post(tour.get_absolute_url()).status_code == 405


@pytest.mark.parametrize("stops_per_day", [1, 12])
def test_day_view_query_count_is_bounded(client, django_assert_max_num_queries, stops_per_day):
    tour = factories.ItineraryFactory(start_date=MON, end_date=TUE)
    for day in (MON, TUE):
        for i in range(stops_per_day):
            stop = factories.ItineraryStopFactory(
                itinerary=tour, date=day, start_time=dt.time(8 + i % 12, 0), end_time=None
            )
            factories.PhotoFactory(location=stop.location)
        factories.ItineraryStopFactory(
            itinerary=tour,
            date=day,
            start_time=t("21:00"),
            end_time=None,
            location=None,
            studio=factories.StudioFactory(),
        )
    # tour, stops (+ places, regions), location photos, studio photos
    with django_assert_max_num_queries(4):
        response = client.get(tour.get_absolute_url())
    assert response.status_code == 200


# --- Calendar ---------------------------------------------------------------------------


def test_calendar_has_one_event_per_stop_in_tokyo_time(client, tokyo_tour):
    tour, stops = tokyo_tour
    response = client.get(reverse("itineraries:ics", args=[tour.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="{tour.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Tokyo"]
    assert str(calendar["DESCRIPTION"]) == tour.description  # line breaks survive
    events = {str(e["SUMMARY"]): e for e in calendar.events}
    assert set(events) == {
        "Hotel check-out",
        "Senso-ji",
        "Tokyo Tower",
        "Shibuya Scramble Crossing",
    }

    sensoji = events["Senso-ji"]
    tokyo = ZoneInfo("Asia/Tokyo")
    assert sensoji.start == dt.datetime(2027, 4, 5, 10, 0, tzinfo=tokyo)
    assert sensoji.end == dt.datetime(2027, 4, 5, 11, 30, tzinfo=tokyo)
    assert sensoji["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert str(sensoji["LOCATION"]) == "Senso-ji, 2-3-1 Asakusa"
    geo = sensoji["GEO"]
    assert (geo.latitude, geo.longitude) == pytest.approx((35.7148, 139.7967))
    description = str(sensoji["DESCRIPTION"])
    assert "Meet the temple office at the main hall." in description
    assert "浅草寺" in description
    place_url = "http://testserver" + stops["sensoji"].location.get_absolute_url()
    assert place_url in description and str(sensoji["URL"]) == place_url

    hotel = events["Hotel check-out"]
    assert str(hotel["LOCATION"]) == "Hotel check-out, Shinjuku, Tokyo"
    assert "DTEND" not in hotel  # a moment, not a span


def test_calendar_uids_are_stable_between_downloads(client, tokyo_tour):
    tour, _ = tokyo_tour
    url = reverse("itineraries:ics", args=[tour.slug])
    uids = [
        sorted(str(e["UID"]) for e in Calendar.from_ical(client.get(url).content).events)
        for _ in range(2)
    ]
    assert uids[0] == uids[1] and len(set(uids[0])) == 4


# --- Private links ----------------------------------------------------------------------


def test_private_link_shows_a_draft_without_an_account(client):
    tour = factories.ItineraryFactory(title="Draft for the producer", status=ItineraryStatus.DRAFT)
    factories.ItineraryStopFactory(itinerary=tour)
    response = client.get(tour.get_share_url())
    assert response.status_code == 200
    assert "Draft for the producer" in response.text
    assert 'name="robots" content="noindex, nofollow"' in response.text
    ics = client.get(reverse("itineraries:shared_ics", args=[tour.share_token]))
    assert ics.status_code == 200 and len(Calendar.from_ical(ics.content).events) == 1
    package = client.get(reverse("itineraries:shared_package", args=[tour.share_token]))
    assert package.status_code == 200


def test_wrong_private_link_is_a_404(client):
    factories.ItineraryFactory(status=ItineraryStatus.DRAFT)
    assert client.get(reverse("itineraries:shared", args=["not-the-token"])).status_code == 404


def test_regenerated_private_link_revokes_the_old_one(client):
    tour = factories.ItineraryFactory(status=ItineraryStatus.DRAFT)
    old_url = tour.get_share_url()
    tour.regenerate_share_token()
    assert client.get(old_url).status_code == 404
    assert client.get(tour.get_share_url()).status_code == 200


# --- Scout package ----------------------------------------------------------------------


@pytest.fixture
def package_tour():
    tour = factories.ItineraryFactory(title="Kansai recce")
    kinkakuji = place(
        "Kinkaku-ji",
        35.039370,
        135.729243,
        name_ja="金閣寺",
        address_ja="京都府京都市北区金閣寺町1",
        prefecture=factories.prefecture("kyoto"),
        permit_authority="Temple office (Rokuon-ji)",
        permit_lead_days=20,
        contact_name="Temple office",
        contact_phone="075-000-0000",
    )
    for i in range(4):
        factories.PhotoFactory(location=kinkakuji, caption=f"Pavilion photo {i}", order=i)
    studio = factories.StudioFactory(name="Sample Kyoto Studio", contact_email="desk@example.jp")
    factories.SoundstageFactory(studio=studio, name="Stage 1")
    factories.ItineraryStopFactory(itinerary=tour, location=kinkakuji)
    factories.ItineraryStopFactory(
        itinerary=tour, location=None, studio=studio, start_time=t("14:00"), end_time=t("15:00")
    )
    factories.ItineraryStopFactory(
        itinerary=tour, location=None, title="Lunch", start_time=t("12:00"), end_time=t("13:00")
    )
    return tour


def test_package_has_each_place_with_up_to_three_photos_and_permits(client, package_tour):
    response = client.get(reverse("itineraries:package", args=[package_tour.slug]))
    assert response.status_code == 200
    text = response.text
    assert [e.place.name for e in response.context["entries"]] == [
        "Kinkaku-ji",
        "Sample Kyoto Studio",
    ]
    assert text.count("<figcaption>Pavilion photo") == 3  # the best three, not all four
    assert "Pavilion photo 3" not in text
    assert "Temple office (Rokuon-ji)" in text
    assert "20 working days" in text
    assert "京都府京都市北区金閣寺町1" in text
    assert "Stage 1" in text
    assert "Lunch" in text  # in the schedule
    assert "35.03937" in text  # coordinates for the paper copy


def test_package_shows_private_contacts_to_staff_only(fixer_client, package_tour):
    url = reverse("itineraries:package", args=[package_tour.slug])
    visitor_text = Client().get(url).text
    assert "075-000-0000" not in visitor_text and "desk@example.jp" not in visitor_text
    staff_text = fixer_client.get(url).text
    assert "075-000-0000" in staff_text and "desk@example.jp" in staff_text
    assert "Staff copy" in staff_text


def test_package_query_count_is_bounded(client, django_assert_max_num_queries, package_tour):
    for _ in range(8):
        factories.PhotoFactory(
            location=factories.ItineraryStopFactory(itinerary=package_tour).location
        )
    # tour, stops, location photos, studio photos, studio stages
    with django_assert_max_num_queries(5):
        response = client.get(reverse("itineraries:package", args=[package_tour.slug]))
    assert response.status_code == 200
