"""Shortlists: add with the button, notes and ranking, the read-only link, and a draft tour."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from locations.models import (
    Itinerary,
    ItineraryStatus,
    ShareReply,
    Shortlist,
    ShortlistItem,
    Status,
    Verdict,
)
from locations.planning import itinerary_from_shortlist, plan_days
from tests import factories

pytestmark = pytest.mark.django_db

ADD = reverse("shortlists:add")


@pytest.fixture
def manager(db):
    """A signed-in location manager: an account, not staff."""
    return factories.UserFactory(username="manager")


@pytest.fixture
def manager_client(manager):
    client = Client()
    client.force_login(manager)
    return client


def add(client, place, item_type="location", headers=None, **extra):
    return client.post(ADD, {"item_type": item_type, "item": place.pk, **extra}, headers=headers)


# --- Adding -----------------------------------------------------------------------------


def test_adding_starts_a_shortlist_and_redirects_back(manager_client, manager):
    location = factories.LocationFactory(name="Senso-ji")
    response = add(manager_client, location, next=location.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == location.get_absolute_url()
    shortlist = Shortlist.objects.get(owner=manager)
    assert [item.place for item in shortlist.items.all()] == [location]


def test_adding_twice_keeps_one_item_and_studios_can_be_added_too(manager_client, manager):
    location, studio = factories.LocationFactory(), factories.StudioFactory()
    add(manager_client, location)
    add(manager_client, location)
    add(manager_client, studio, item_type="studio")
    items = list(Shortlist.objects.get(owner=manager).items.all())
    assert [(i.item_type, i.place) for i in items] == [("location", location), ("studio", studio)]
    assert [i.rank for i in items] == [1, 2]


def test_adding_goes_to_the_chosen_shortlist(manager_client, manager):
    first = factories.ShortlistFactory(owner=manager, title="Chase scenes")
    factories.ShortlistFactory(owner=manager, title="Temples")  # the most recent one
    location = factories.LocationFactory()
    add(manager_client, location, shortlist=first.pk)
    assert first.items.get().location == location


def test_adding_to_someone_elses_shortlist_is_refused(manager_client):
    other = factories.ShortlistFactory()
    response = add(manager_client, factories.LocationFactory(), shortlist=other.pk)
    assert response.status_code == 302
    assert not ShortlistItem.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"item_type": "location", "item": "999999"},
        {"item_type": "castle", "item": "1"},
        {"item_type": "location", "item": "not-a-number"},
        {},
    ],
)
def test_bad_add_requests_change_nothing(manager_client, data):
    response = manager_client.post(ADD, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert not ShortlistItem.objects.exists()


def test_draft_places_cannot_be_shortlisted_by_visitors_accounts(manager_client):
    draft = factories.LocationFactory(status=Status.DRAFT)
    add(manager_client, draft)
    assert not ShortlistItem.objects.exists()


def test_htmx_add_returns_the_button_in_its_added_state(manager_client):
    location = factories.LocationFactory()
    response = add(manager_client, location, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "shortlist-button is-added" in response.text
    assert "<html" not in response.text


def test_visitors_are_sent_to_sign_in(client):
    location = factories.LocationFactory()
    response = add(client, location, next=location.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ShortlistItem.objects.exists()


def test_add_needs_post_and_csrf(manager):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(manager)
    location = factories.LocationFactory()
    assert csrf_client.get(ADD).status_code == 405
    assert add(csrf_client, location).status_code == 403
    assert not ShortlistItem.objects.exists()


def test_unsafe_next_is_ignored(manager_client):
    response = add(manager_client, factories.LocationFactory(), next="https://evil.example/")
    assert response["Location"] == reverse("shortlists:list")


def test_the_button_shows_shortlisted_places_with_one_query(manager, rf, django_assert_num_queries):
    places = [factories.LocationFactory() for _ in range(3)]
    factories.ShortlistItemFactory(shortlist__owner=manager, location=places[0])
    request = rf.get("/")
    request.user = manager
    with django_assert_num_queries(1):  # the user's shortlisted places, once per request
        html = "".join(
            render_to_string(
                "includes/shortlist_button.html",
                {"item_type": "location", "item": place, "user": manager},
                request=request,
            )
            for place in places
        )
    assert html.count("Shortlisted") == 1
    assert html.count('name="item_type" value="location"') == 2


# --- The shortlist page -----------------------------------------------------------------


@pytest.fixture
def shortlist(manager):
    shortlist = factories.ShortlistFactory(owner=manager, title="Night exteriors")
    for name in ("Dotonbori", "Shibuya Scramble Crossing", "Tokyo Tower"):
        factories.ShortlistItemFactory(
            shortlist=shortlist, location=factories.LocationFactory(name=name)
        )
    return shortlist


def test_owner_sees_items_in_rank_order(manager_client, shortlist):
    response = manager_client.get(shortlist.get_absolute_url())
    assert response.status_code == 200
    names = [row["item"].place.name for row in response.context["rows"]]
    assert names == ["Dotonbori", "Shibuya Scramble Crossing", "Tokyo Tower"]


def test_other_users_get_a_404_for_someone_elses_shortlist(fixer_client, shortlist):
    assert fixer_client.get(shortlist.get_absolute_url()).status_code == 404
    item = shortlist.items.first()
    url = reverse("shortlists:item", args=[shortlist.pk, item.pk])
    assert fixer_client.post(url, {"note": "hijack"}).status_code == 404


def test_shortlist_pages_need_an_account(client, shortlist):
    response = client.get(shortlist.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_notes_and_top_choice_are_saved(manager_client, shortlist):
    item = shortlist.items.get(location__name="Tokyo Tower")
    url = reverse("shortlists:item", args=[shortlist.pk, item.pk])
    response = manager_client.post(url, {"top_choice_for": "Sc. 12 rooftop", "note": "At dusk"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.top_choice_for, item.note) == ("Sc. 12 rooftop", "At dusk")


def test_htmx_note_save_returns_the_item(manager_client, shortlist):
    item = shortlist.items.first()
    url = reverse("shortlists:item", args=[shortlist.pk, item.pk])
    response = manager_client.post(url, {"note": "Quiet at 6am"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="item-{item.pk}"' in response.text and "Saved" in response.text
    first = manager_client.post(url, {"note": "x", "position": "1"}, HTTP_HX_REQUEST="true")
    assert '<span aria-hidden="true">↑</span>' in first.text
    assert 'class="icon-button" disabled' in first.text  # the first item cannot go up


def test_too_long_top_choice_is_a_form_error(manager_client, shortlist):
    item = shortlist.items.first()
    url = reverse("shortlists:item", args=[shortlist.pk, item.pk])
    response = manager_client.post(url, {"top_choice_for": "x" * 201}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.top_choice_for == ""


def test_moving_items_changes_the_ranking(manager_client, shortlist):
    tower = shortlist.items.get(location__name="Tokyo Tower")
    url = reverse("shortlists:move", args=[shortlist.pk, tower.pk])
    manager_client.post(url, {"direction": "up"})
    manager_client.post(url, {"direction": "up"})
    manager_client.post(url, {"direction": "up"})  # already first: stays first
    ranked = [(i.place.name, i.rank) for i in shortlist.items.all()]
    assert ranked == [("Tokyo Tower", 1), ("Dotonbori", 2), ("Shibuya Scramble Crossing", 3)]
    bad = manager_client.post(url, {"direction": "sideways"})
    assert bad.status_code == 400


def test_removing_an_item(manager_client, shortlist):
    item = shortlist.items.first()
    manager_client.post(reverse("shortlists:remove", args=[shortlist.pk, item.pk]))
    assert shortlist.items.count() == 2


def test_create_rename_and_delete_a_shortlist(manager_client, manager):
    response = manager_client.post(reverse("shortlists:list"), {"title": "Castles", "brief": ""})
    shortlist = Shortlist.objects.get(owner=manager)
    assert response["Location"] == shortlist.get_absolute_url()
    manager_client.post(shortlist.get_absolute_url(), {"title": "Castles and moats"})
    shortlist.refresh_from_db()
    assert shortlist.title == "Castles and moats"
    bad = manager_client.post(shortlist.get_absolute_url(), {"title": ""})
    assert bad.status_code == 400
    manager_client.post(reverse("shortlists:delete", args=[shortlist.pk]))
    assert not Shortlist.objects.exists()


@pytest.mark.parametrize("items", [1, 15])
def test_shortlist_page_query_count_is_bounded(
    manager_client, manager, django_assert_max_num_queries, items
):
    shortlist = factories.ShortlistFactory(owner=manager)
    for _ in range(items):
        item = factories.ShortlistItemFactory(shortlist=shortlist)
        factories.PhotoFactory(location=item.location)
        ShareReply.objects.create(item=item, verdict=Verdict.YES, name="Aiko", comment="Yes!")
    factories.ShortlistItemFactory(
        shortlist=shortlist, location=None, studio=factories.StudioFactory()
    )
    # session, user, shortlist, items (+ places), location photos, studio photos, the
    # viewers' replies (+ their places)
    with django_assert_max_num_queries(7):
        response = manager_client.get(shortlist.get_absolute_url())
    assert response.status_code == 200


# --- Sharing ----------------------------------------------------------------------------


def test_read_only_link_shows_the_list_without_an_account(client, shortlist):
    item = shortlist.items.first()
    item.note = "Best after rain"
    item.save()
    response = client.get(shortlist.get_share_url())
    assert response.status_code == 200
    assert "Night exteriors" in response.text and "Best after rain" in response.text
    assert "Save note" not in response.text  # read-only
    assert (
        client.get(reverse("shortlists:shared_package", args=[shortlist.share_token])).status_code
        == 200
    )


def test_wrong_or_regenerated_link_is_a_404(client, manager_client, shortlist):
    assert client.get(reverse("shortlists:shared", args=["nope"])).status_code == 404
    old = shortlist.get_share_url()
    manager_client.post(reverse("shortlists:regenerate", args=[shortlist.pk]))
    shortlist.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(shortlist.get_share_url()).status_code == 200


def test_shortlist_package_lists_places_with_notes(manager_client, shortlist):
    item = shortlist.items.first()
    item.top_choice_for = "Sc. 40 canal chase"
    item.save()
    response = manager_client.get(reverse("shortlists:package", args=[shortlist.pk]))
    assert response.status_code == 200
    assert "Sc. 40 canal chase" in response.text
    assert len(response.context["entries"]) == 3


def test_a_shortlist_package_shows_private_contacts_to_staff_only(fixer, manager):
    place = factories.LocationFactory(name="Kamo River", contact_phone="075-000-0001")
    for owner in (fixer, manager):
        shortlist = factories.ShortlistFactory(owner=owner)
        factories.ShortlistItemFactory(shortlist=shortlist, location=place)
        client = Client()
        client.force_login(owner)
        text = client.get(reverse("shortlists:package", args=[shortlist.pk])).text
        assert "Kamo River" in text
        assert ("075-000-0001" in text) is owner.is_staff
        assert ("Staff copy" in text) is owner.is_staff
        shared = Client().get(reverse("shortlists:shared_package", args=[shortlist.share_token]))
        assert "Kamo River" in shared.text and "075-000-0001" not in shared.text


# --- Shortlist → draft tour -------------------------------------------------------------


def located(name, prefecture, lat, lng):
    return factories.LocationFactory(
        name=name,
        prefecture=factories.prefecture(prefecture),
        latitude=Decimal(lat),
        longitude=Decimal(lng),
    )


@pytest.fixture
def japan_shortlist(fixer):
    shortlist = factories.ShortlistFactory(owner=fixer, title="Scout: Japan", brief="Period drama")
    places = [
        located("Osaka Castle", "osaka", "34.687300", "135.525900"),
        located("Sapporo Clock Tower", "hokkaido", "43.062500", "141.353600"),
        located("Kinkaku-ji", "kyoto", "35.039370", "135.729243"),
        located("Senso-ji", "tokyo", "35.714800", "139.796700"),
        located("Fushimi Inari Taisha", "kyoto", "34.967100", "135.772700"),
        located("Tokyo Tower", "tokyo", "35.658600", "139.745400"),
    ]
    for rank, place in enumerate(places, start=1):
        factories.ShortlistItemFactory(
            shortlist=shortlist, location=place, rank=rank, note=f"note {rank}"
        )
    factories.ShortlistItemFactory(
        shortlist=shortlist, location=None, rank=7, studio=factories.StudioFactory(name="Lot")
    )  # a Tokyo studio
    return shortlist


def test_days_follow_regions_along_a_short_route_from_tokyo(japan_shortlist):
    days = plan_days(list(japan_shortlist.items.select_related("location", "studio")))
    names = [[item.place.name for item in day] for day in days]
    # Kanto first (nearest Tokyo), then Kansai, then Hokkaido; within a day nearest next.
    assert names == [
        ["Tokyo Tower", "Senso-ji", "Lot"],
        ["Fushimi Inari Taisha", "Kinkaku-ji", "Osaka Castle"],
        ["Sapporo Clock Tower"],
    ]


def test_a_region_with_many_places_spills_into_a_second_day(fixer):
    shortlist = factories.ShortlistFactory(owner=fixer)
    for i in range(7):
        factories.ShortlistItemFactory(
            shortlist=shortlist,
            location=located(f"Place {i}", "tokyo", f"35.6{i}0000", "139.700000"),
        )
    days = plan_days(list(shortlist.items.all()))
    assert [len(day) for day in days] == [5, 2]


def test_shortlist_becomes_a_draft_tour(japan_shortlist, fixer):
    start = dt.date(2027, 5, 10)
    tour = itinerary_from_shortlist(shortlist=japan_shortlist, start_date=start, user=fixer)
    assert tour.status == ItineraryStatus.DRAFT and tour.title == "Scout: Japan"
    assert (tour.start_date, tour.end_date) == (start, start + dt.timedelta(days=2))
    assert tour.description == "Period drama" and tour.created_by == fixer
    stops = list(tour.stops.all())
    assert [(s.date.day, s.start_time.hour, s.name) for s in stops[:4]] == [
        (10, 9, "Tokyo Tower"),
        (10, 11, "Senso-ji"),
        (10, 13, "Lot"),
        (11, 9, "Fushimi Inari Taisha"),
    ]
    assert stops[0].end_time == dt.time(10, 30)
    assert stops[3].travel_mode == "shinkansen"  # Tokyo → Kyoto
    assert stops[-1].travel_mode == "flight"  # Kansai → Hokkaido
    assert stops[1].notes == "note 4"  # Senso-ji's note came along
    for stop in stops:
        stop.full_clean()


def test_empty_shortlist_cannot_become_a_tour(fixer):
    with pytest.raises(ValueError):
        itinerary_from_shortlist(
            shortlist=factories.ShortlistFactory(owner=fixer),
            start_date=dt.date.today(),
            user=fixer,
        )


def test_staff_turn_their_shortlist_into_a_tour_and_land_in_the_admin(
    fixer_client, japan_shortlist
):
    url = reverse("shortlists:itinerary", args=[japan_shortlist.pk])
    response = fixer_client.post(url, {"start_date": "2027-05-10"})
    created = Itinerary.objects.get()
    assert response["Location"] == reverse("admin:locations_itinerary_change", args=[created.pk])
    bad = fixer_client.post(url, {"start_date": "not a date"})
    assert bad.status_code == 302 and Itinerary.objects.count() == 1


def test_non_staff_cannot_make_tours(manager_client, manager):
    shortlist = factories.ShortlistItemFactory(shortlist__owner=manager).shortlist
    response = manager_client.post(
        reverse("shortlists:itinerary", args=[shortlist.pk]), {"start_date": "2027-05-10"}
    )
    assert response.status_code == 403
    page = manager_client.get(shortlist.get_absolute_url())
    assert "Make a draft itinerary" not in page.text


def test_out_of_range_ids_are_a_400_or_404_not_a_500(manager_client):
    huge = str(10**20)
    response = manager_client.post(
        ADD, {"item_type": "location", "item": huge}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert manager_client.get(f"/shortlists/{huge}/").status_code == 404


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31", "1999-12-31", "2100-01-01"])
def test_a_tour_outside_the_calendar_is_refused_with_its_range(
    fixer_client, japan_shortlist, start
):
    # Year 1 and 9999 once made a 500 (a deadline counted back past date.min, an end past max).
    url = reverse("shortlists:itinerary", args=[japan_shortlist.pk])
    response = fixer_client.post(url, {"start_date": start}, follow=True)
    assert "Choose a date from 2000-01-01 to 2099-12-31." in response.text
    assert not Itinerary.objects.exists()


def test_a_tour_whose_last_day_would_leave_the_calendar_is_refused(fixer_client, japan_shortlist):
    url = reverse("shortlists:itinerary", args=[japan_shortlist.pk])
    response = fixer_client.post(url, {"start_date": "2099-12-31"}, follow=True)
    assert "days must fall from 2000-01-01 to 2099-12-31." in response.text
    assert not Itinerary.objects.exists()
