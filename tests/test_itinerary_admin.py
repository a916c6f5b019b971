"""The tour planner's admin, as a Fixers user: inline stops, checks, copies, private links."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from locations.demo.tour import SLUG, load_tour
from locations.models import Itinerary, ItineraryStatus
from tests import factories

pytestmark = pytest.mark.django_db

MON = dt.date(2027, 4, 5)
CHANGELIST = "admin:locations_itinerary_changelist"


def management(prefix="stops", total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def tour_data(**overrides):
    data = {
        "title": "Spring recce",
        "slug": "",
        "status": "draft",
        "start_date": "2027-04-05",
        "end_date": "2027-04-07",
        "party_size": "2",
        "party": "Jane Doe — producer",
        "description": "",
    }
    data.update(overrides)
    return data


def stop_data(n, **fields):
    base = {
        "date": "2027-04-05",
        "start_time": "09:00",
        "end_time": "",
        "location": "",
        "studio": "",
        "title": "",
        "travel_mode": "car",
        "notes": "",
        "address": "",
        "latitude": "",
        "longitude": "",
    }
    base.update(fields)
    return {f"stops-{n}-{key}": value for key, value in base.items()}


def test_fixers_may_plan_tours_and_only_editors_delete_them(fixer, editor):
    for perm in ("add_itinerary", "change_itinerary", "view_itinerary", "add_itinerarystop"):
        assert fixer.has_perm(f"locations.{perm}") and editor.has_perm(f"locations.{perm}")
    assert not fixer.has_perm("locations.delete_itinerary")
    assert editor.has_perm("locations.delete_itinerary")
    assert editor.has_perm("locations.delete_itinerarystop")


def test_admin_pages_load_for_a_fixer(fixer_client):
    tour = factories.ItineraryStopFactory().itinerary
    for url in (
        reverse(CHANGELIST),
        reverse("admin:locations_itinerary_add"),
        reverse("admin:locations_itinerary_change", args=[tour.pk]),
    ):
        assert fixer_client.get(url).status_code == 200, url


def test_fixer_adds_a_tour_with_its_stops_inline(fixer_client, fixer):
    location = factories.LocationFactory(name="Senso-ji")
    studio = factories.StudioFactory(name="Toho Studios")
    data = {
        **tour_data(),
        **management(total=3),
        **stop_data(0, start_time="10:00", end_time="11:30", location=str(location.pk)),
        **stop_data(1, date="2027-04-06", start_time="09:30", studio=str(studio.pk)),
        **stop_data(2, start_time="08:00", title="Hotel check-out", travel_mode="train"),
        "_save": "Save",
    }
    response = fixer_client.post(reverse("admin:locations_itinerary_add"), data)
    assert response.status_code == 302, response.context["errors"]
    tour = Itinerary.objects.get(title="Spring recce")
    assert tour.slug == "spring-recce"
    assert tour.created_by == fixer and tour.updated_by == fixer
    assert tour.status == ItineraryStatus.DRAFT
    assert [s.name for s in tour.stops.all()] == ["Hotel check-out", "Senso-ji", "Toho Studios"]


def test_the_change_page_lists_stops_by_date_and_time(fixer_client):
    tour = factories.ItineraryFactory()
    factories.ItineraryStopFactory(itinerary=tour, start_time=dt.time(15), end_time=None)
    factories.ItineraryStopFactory(
        itinerary=tour, date=MON + dt.timedelta(days=1), start_time=dt.time(8), end_time=None
    )
    factories.ItineraryStopFactory(itinerary=tour, start_time=dt.time(9), end_time=None)
    response = fixer_client.get(reverse("admin:locations_itinerary_change", args=[tour.pk]))
    forms = response.context["inline_admin_formsets"][0].formset.forms
    assert [(f.instance.date.day, f.instance.start_time.hour) for f in forms[:3]] == [
        (5, 9),
        (5, 15),
        (6, 8),
    ]


@pytest.mark.parametrize(
    ("stop", "message"),
    [
        (
            {"date": "2027-04-09", "title": "Late"},
            "2027-04-09 is outside the trip: choose a day from 2027-04-05 to 2027-04-07.",
        ),
        (
            {"start_time": "10:00", "end_time": "09:00", "title": "Backwards"},
            "The stop must end after it starts (10:00).",
        ),
        ({"title": ""}, "Give this stop a title"),
    ],
)
def test_bad_stops_are_refused_with_a_clear_message_and_nothing_is_saved(
    fixer_client, stop, message
):
    data = {**tour_data(), **management(total=1), **stop_data(0, notes="x", **stop)}
    response = fixer_client.post(reverse("admin:locations_itinerary_add"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Itinerary.objects.exists()


def test_tour_ending_before_it_starts_is_refused(fixer_client):
    data = {**tour_data(end_date="2027-04-01"), **management(total=0)}
    response = fixer_client.post(reverse("admin:locations_itinerary_add"), data)
    assert "The last day cannot be before the first day." in response.text
    assert not Itinerary.objects.exists()


def test_shrinking_the_trip_flags_stops_left_outside(fixer_client):
    tour = factories.ItineraryFactory(start_date=MON, end_date=MON + dt.timedelta(days=2))
    stop = factories.ItineraryStopFactory(
        itinerary=tour, date=MON + dt.timedelta(days=2), location=None, title="Dinner"
    )
    data = {
        **tour_data(title=tour.title, slug=tour.slug, end_date="2027-04-06"),
        **management(total=1, initial=1),
        **stop_data(0, date="2027-04-07", title="Dinner", start_time="09:00", end_time="10:00"),
        "stops-0-id": str(stop.pk),
        "stops-0-itinerary": str(tour.pk),
    }
    response = fixer_client.post(reverse("admin:locations_itinerary_change", args=[tour.pk]), data)
    assert "is outside the trip" in response.text
    tour.refresh_from_db()
    assert tour.end_date == MON + dt.timedelta(days=2)


def test_overlapping_stops_are_saved_with_a_warning_and_flagged(fixer_client):
    data = {
        **tour_data(),
        **management(total=2),
        **stop_data(0, start_time="10:00", end_time="12:00", title="Recce A"),
        **stop_data(1, start_time="11:00", end_time="13:00", title="Recce B"),
        "_continue": "Save and continue",
    }
    response = fixer_client.post(reverse("admin:locations_itinerary_add"), data, follow=True)
    text = response.text
    assert "These stops overlap on the same day" in text
    assert "Recce A" in text and "Recce B" in text
    assert text.count("⚠ overlaps") == 2  # the inline rows' flag
    changelist = fixer_client.get(reverse(CHANGELIST))
    assert changelist.context["cl"].result_list[0].has_overlaps


def test_duplicate_action_copies_tour_and_stops_as_a_draft_on_new_dates(fixer_client, fixer):
    tour = factories.ItineraryFactory(title="Autumn tour", party="Jane Doe")
    stop = factories.ItineraryStopFactory(
        itinerary=tour, date=MON + dt.timedelta(days=2), notes="Bring ID"
    )
    url = reverse(CHANGELIST)
    action = {"action": "duplicate_as_template", ACTION_CHECKBOX_NAME: [tour.pk]}
    confirm = fixer_client.post(url, action)
    assert confirm.status_code == 200 and "New first day" in confirm.text
    assert Itinerary.objects.count() == 1

    response = fixer_client.post(url, {**action, "apply": "1", "start_date": "2027-10-04"})
    assert response.status_code == 302
    copy = Itinerary.objects.exclude(pk=tour.pk).get()
    assert copy.title == "Autumn tour (copy)" and copy.slug == "autumn-tour-copy"
    assert copy.status == ItineraryStatus.DRAFT and copy.created_by == fixer
    assert copy.share_token != tour.share_token
    assert (copy.start_date, copy.end_date) == (dt.date(2027, 10, 4), dt.date(2027, 10, 10))
    copied = copy.stops.get()
    assert copied.date == dt.date(2027, 10, 6)
    assert (copied.location, copied.notes) == (stop.location, "Bring ID")
    assert tour.stops.get() == stop  # the original is untouched


def test_duplicate_without_a_date_keeps_the_dates(fixer_client):
    tour = factories.ItineraryStopFactory().itinerary
    fixer_client.post(
        reverse(CHANGELIST),
        {"action": "duplicate_as_template", ACTION_CHECKBOX_NAME: [tour.pk], "apply": "1"},
    )
    copy = Itinerary.objects.exclude(pk=tour.pk).get()
    assert (copy.start_date, copy.end_date) == (tour.start_date, tour.end_date)
    assert copy.stops.count() == 1


def test_regenerate_button_on_the_change_page_revokes_the_old_link(fixer_client, client):
    tour = factories.ItineraryFactory(status=ItineraryStatus.DRAFT)
    old_token = tour.share_token
    url = reverse("admin:locations_itinerary_change", args=[tour.pk])
    page = fixer_client.get(url)
    assert f"http://testserver{tour.get_share_url()}" in page.text
    data = {
        **tour_data(
            title=tour.title, slug=tour.slug, start_date="2027-04-05", end_date="2027-04-11"
        ),
        **management(total=0),
        "_regenerate_share_link": "1",
    }
    response = fixer_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    tour.refresh_from_db()
    assert tour.share_token != old_token


def test_regenerate_action_makes_new_links(fixer_client):
    tours = [factories.ItineraryFactory(), factories.ItineraryFactory()]
    before = {t.pk: t.share_token for t in tours}
    fixer_client.post(
        reverse(CHANGELIST),
        {"action": "regenerate_share_links", ACTION_CHECKBOX_NAME: [t.pk for t in tours]},
    )
    after = dict(Itinerary.objects.values_list("pk", "share_token"))
    assert all(after[pk] != token for pk, token in before.items())


# --- The demo tour -----------------------------------------------------------------------


def _demo_places():
    kyoto, osaka = factories.prefecture("kyoto"), factories.prefecture("osaka")
    hyogo = factories.prefecture("hyogo")
    places = [
        ("Shibuya Scramble Crossing", None, "35.659500", "139.700400"),
        ("Senso-ji", None, "35.714800", "139.796700"),
        ("Tokyo Tower", None, "35.658600", "139.745400"),
        ("Kinkaku-ji", kyoto, "35.039370", "135.729243"),
        ("Fushimi Inari Taisha", kyoto, "34.967100", "135.772700"),
        ("Dotonbori", osaka, "34.668700", "135.501300"),
        ("Osaka Castle", osaka, "34.687300", "135.525900"),
        ("Himeji Castle", hyogo, "34.839400", "134.693900"),
    ]
    for name, prefecture, lat, lng in places:
        extra = {"prefecture": prefecture} if prefecture else {}
        factories.LocationFactory(name=name, latitude=lat, longitude=lng, **extra)
    for name in ("Toho Studios", "Kadokawa Daiei Studio"):
        factories.StudioFactory(name=name)


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


def test_demo_tour_is_a_published_week_and_skips_missing_places():
    _demo_places()  # no Arashiyama Bamboo Grove, no Toei Tokyo Studio
    out = Out()
    tour = load_tour(out, start_date=MON)
    assert tour.status == ItineraryStatus.PUBLISHED and tour.day_count == 7
    stops = list(tour.stops.all())
    assert stops[0].title.startswith("Hotel check-in")
    assert any(s.title == "Meeting with the Kyoto Film Commission" for s in stops)
    to_kyoto = next(s for s in stops if s.title == "Kyoto Station: arrival")
    assert to_kyoto.travel_mode == "shinkansen"
    assert {s.location.name for s in stops if s.location} >= {"Kinkaku-ji", "Dotonbori"}
    assert "Arashiyama Bamboo Grove" in out.lines[-1] and "Toei Tokyo Studio" in out.lines[-1]
    for stop in stops:
        stop.full_clean()  # every stop is valid, inside the week


def test_demo_tour_loads_again_without_doubling():
    _demo_places()
    first = load_tour(start_date=MON)
    count = first.stops.count()
    again = load_tour()
    assert Itinerary.objects.filter(slug=SLUG).count() == 1
    assert again.start_date == MON and again.stops.count() == count


def test_a_copy_outside_the_calendar_is_refused_and_no_copy_is_made(fixer_client):
    fits = factories.ItineraryFactory(start_date=MON, end_date=MON)
    long = factories.ItineraryFactory(start_date=MON, end_date=MON + dt.timedelta(days=6))
    action = {"action": "duplicate_as_template", ACTION_CHECKBOX_NAME: [fits.pk, long.pk]}
    url = reverse(CHANGELIST)
    refused = fixer_client.post(url, {**action, "apply": "1", "start_date": "9999-12-31"})
    assert refused.status_code == 200
    assert "Choose a date from 2000-01-01 to 2099-12-31." in refused.text
    # The first tour fits from 2099-12-31, the week-long one does not: neither is copied.
    response = fixer_client.post(
        url, {**action, "apply": "1", "start_date": "2099-12-31"}, follow=True
    )
    assert "days must fall from 2000-01-01 to 2099-12-31." in response.text
    assert Itinerary.objects.count() == 2


def test_the_change_form_refuses_days_outside_the_calendar(fixer_client):
    url = reverse("admin:locations_itinerary_add")
    data = {**tour_data(start_date="0001-01-01", end_date="0001-01-03"), **management()}
    response = fixer_client.post(url, data)
    assert response.status_code == 200
    assert "Choose a date from 2000-01-01 to 2099-12-31." in response.text
    assert not Itinerary.objects.exists()
