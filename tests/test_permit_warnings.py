"""Tour stops too close for their permits: warned on the tour, the package, the calendar
(apply-by days as all-day events) and in the admin."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from locations.clock import tokyo_today
from locations.permits import apply_by
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tour():
    """A tour from tomorrow: Shibuya tomorrow (5 business days: too late), Kyoto in 60 days."""
    start = tokyo_today() + dt.timedelta(days=1)
    tour = factories.ItineraryFactory(
        title="Late permits", start_date=start, end_date=start + dt.timedelta(days=70)
    )
    late = factories.LocationFactory(name="Shibuya Crossing", permit_lead_days=5)
    fine = factories.LocationFactory(name="Kiyomizu-dera", permit_lead_days=5)
    factories.ItineraryStopFactory(itinerary=tour, location=late, date=start)
    factories.ItineraryStopFactory(
        itinerary=tour, location=fine, date=start + dt.timedelta(days=60)
    )
    factories.ItineraryStopFactory(
        itinerary=tour, location=factories.LocationFactory(name="Unknown lead"), date=start
    )
    return tour


def test_the_tour_page_warns_about_the_late_stop_only(client, tour):
    html = client.get(tour.get_absolute_url()).content.decode()
    start = html.index("data-late-permits")
    warning = html[start : html.index("</div>", start)]
    assert "Shibuya Crossing" in warning
    assert "Kiyomizu-dera" not in warning and "Unknown lead" not in warning
    assert "the last day to apply was" in warning
    assert html.count("stop-permit-late") == 1
    assert "Permits: apply by" in html  # the fine stop shows its deadline too


def test_the_package_warns_too(client, tour):
    html = client.get(reverse("itineraries:package", args=[tour.slug])).content.decode()
    assert "data-late-permits" in html and "Shibuya Crossing" in html


def test_the_private_link_warns_too(client, tour):
    html = client.get(tour.get_share_url()).content.decode()
    assert "data-late-permits" in html


def test_a_tour_with_time_to_spare_has_no_warning(client):
    stop = factories.ItineraryStopFactory(location__permit_lead_days=3)
    assert stop.date - tokyo_today() > dt.timedelta(days=10)
    html = client.get(stop.itinerary.get_absolute_url()).content.decode()
    assert "data-late-permits" not in html
    assert "Sunrise" in html and "sunset" in html  # each stop shows the day's sun


def test_the_calendar_can_add_the_apply_by_days_as_all_day_events(client, tour):
    url = reverse("itineraries:ics", args=[tour.slug])
    plain = Calendar.from_ical(client.get(url).content)
    assert not [e for e in plain.walk("VEVENT") if "permit" in str(e["UID"])]

    calendar = Calendar.from_ical(client.get(url + "?permits=1").content)
    permits = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("permit-")]
    assert len(permits) == 2  # the two stops with a lead time
    days = {e.decoded("DTSTART") for e in permits}
    expected = {apply_by(s.date, 5) for s in tour.stops.filter(location__permit_lead_days=5)}
    assert days == expected
    for event in permits:
        start = event.decoded("DTSTART")
        assert type(start) is dt.date  # all day, no time
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert str(event["SUMMARY"]).startswith("Apply for permits: ")


def test_the_admin_warns_on_the_tour_and_marks_the_stop(fixer_client, tour):
    url = reverse("admin:locations_itinerary_change", args=[tour.pk])
    html = fixer_client.get(url).content.decode()
    assert "These stops are too close for their permits:" in html
    assert "Shibuya Crossing" in html
    assert html.count("⚠") >= 1 and "(passed)" in html
