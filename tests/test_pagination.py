"""The capped paginator: same rows as Django's on every page, no COUNT(*) past the cap."""

import threading
from decimal import Decimal

import pytest
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.models import Location
from locations.pagination import CappedPaginator
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    # Same names twice so that the pk tie-breaker matters; coordinates for the distance sort.
    for i in range(23):
        factories.LocationFactory(
            name=f"Place {i % 9:02d}",
            prefecture=factories.prefecture(["kyoto", "osaka", "nara"][i // 9]),
            latitude=Decimal("35.0") + Decimal(i) / 100,
            longitude=Decimal("135.7"),
        )


def capped(queryset, per_page=5, cap=10):
    paginator = CappedPaginator(queryset, per_page)
    paginator.count_cap = cap
    return paginator


ORDERINGS = [("name", "pk"), ("-updated_at", "pk")]


@pytest.mark.parametrize("order", ORDERINGS)
def test_every_page_holds_the_rows_djangos_paginator_gives(places, order):
    queryset = Location.objects.published().for_list().order_by(*order)
    plain = Paginator(queryset, 5)
    paginator = capped(queryset)
    for number in plain.page_range:
        expected = plain.page(number)
        page = paginator.page(number)
        assert [p.pk for p in page] == [p.pk for p in expected]
        assert page.has_next() == expected.has_next()
        assert page.has_previous() == expected.has_previous()
        assert page.end_index() == expected.end_index()


def test_rows_sorted_by_distance_are_those_of_djangos_paginator(places):
    queryset = (
        Location.objects.published()
        .for_list()
        .within_km(35.0, 135.7, 100)
        .order_by("distance_km", "name", "pk")
    )
    expected = [p.pk for p in Paginator(queryset, 5).page(4)]
    assert [p.pk for p in capped(queryset).page(4)] == expected


def test_above_the_cap_the_count_stops_at_the_cap_and_pages_are_unknown(places):
    paginator = capped(Location.objects.all())
    assert paginator.count == 10
    assert paginator.count_is_capped
    assert paginator.num_pages is None
    assert paginator.page(5).has_next() is False
    with pytest.raises(EmptyPage):
        paginator.page(6)


def test_below_the_cap_the_count_is_exact(places):
    paginator = capped(Location.objects.all(), cap=1000)
    assert (paginator.count, paginator.count_is_capped, paginator.num_pages) == (23, False, 5)


def test_get_page_past_the_end_of_a_capped_list_gives_the_last_page(places):
    page = capped(Location.objects.order_by("name", "pk")).get_page(99)
    assert page.number == 5
    assert len(page) == 3


def test_the_list_shows_a_capped_count_and_a_deep_page_keeps_its_rows(client, places, settings):
    settings.LOCATIONS_PER_PAGE = 2
    CappedPaginator.count_cap, old = 3, CappedPaginator.count_cap
    try:
        response = client.get(reverse("locations:list"), {"page": 11})
    finally:
        CappedPaginator.count_cap = old
    html = response.content.decode()
    assert "<strong>3+</strong> places" in html
    expected = list(Location.objects.order_by("name", "pk")[20:22])
    assert [p.pk for p in response.context["locations"]] == [p.pk for p in expected]
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert client.get(reverse("locations:list"), {"page": 13}).status_code == 404


def test_below_the_cap_the_page_is_read_by_the_keys_of_the_matches(places):
    """Below the cap, the matches' keys stand in for the search's conditions when the page's
    rows are read: the rows, order and distances of Django's paginator, and the WHERE
    evaluated once. A search that joins another table keeps its conditions."""
    kansai = [factories.prefecture(slug).pk for slug in ("kyoto", "osaka")]
    near = (
        Location.objects.published()
        .filter(prefecture_id__in=kansai)
        .within_km(35.0, 135.7, 100)
        .order_by("distance_km", "name", "pk")
    )
    joined = Location.objects.filter(prefecture__slug__in=["kyoto", "osaka"]).order_by("name", "pk")
    for queryset, condition, narrowed in (
        (near, '"prefecture_id" IN', True),
        (joined, '"slug" IN', False),
    ):
        expected = Paginator(queryset, 5)
        paginator = capped(queryset, cap=1000)
        for number in expected.page_range:
            with CaptureQueriesContext(connection) as queries:
                rows = list(paginator.page(number))
            wanted = list(expected.page(number))
            assert [p.pk for p in rows] == [p.pk for p in wanted]
            assert [getattr(p, "distance_km", 0) for p in rows] == [
                getattr(p, "distance_km", 0) for p in wanted
            ]
            assert (condition not in queries[-1]["sql"]) == narrowed
        assert (paginator.count, paginator.num_pages) == (18, 4)


def test_no_match_below_the_cap_reads_no_rows(places):
    paginator = capped(Location.objects.filter(name="Nowhere"), cap=1000)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page(1)
    assert (list(page), paginator.count, len(queries)) == ([], 0, 1)


def test_keys_stand_in_only_as_far_as_the_database_takes_parameters():
    from locations.pagination import _narrowable

    queryset = Location.objects.filter(name="x")
    assert _narrowable(queryset, 400)
    # SQLite takes one parameter per key, 999 in all: 600 keys read the page as before.
    assert _narrowable(queryset, 600) == (connection.vendor == "postgresql")


def test_a_search_that_can_match_nothing_counts_nothing(places):
    # Django compiles no SQL for these (EmptyResultSet): the keys are read without a query.
    for queryset in (Location.objects.none(), Location.objects.filter(pk__in=[])):
        paginator = capped(queryset, cap=1000)
        with CaptureQueriesContext(connection) as queries:
            page = paginator.get_page(1)
        assert (list(page), paginator.count, len(queries)) == ([], 0, 0)


class SlowToCount(list):
    """A list whose length waits for a signal: a count query still running in one thread."""

    def __init__(self, *args, started, release):
        super().__init__(*args)
        self.started, self.release = started, release

    def __len__(self):
        self.started.set()
        self.release.wait(10)
        return super().__len__()


def test_one_requests_count_does_not_hold_up_another_threads_paginator():
    """gthread workers serve requests in threads: a paginator counting (a query of several
    ms) must not make another request's paginator wait (functools.cached_property on Python
    3.11 locks each property across every instance)."""
    started, release = threading.Event(), threading.Event()
    slow = CappedPaginator(SlowToCount(range(30), started=started, release=release), 10)
    counting = threading.Thread(target=lambda: slow.count)
    counting.start()
    try:
        assert started.wait(5)
        other = {}
        reader = threading.Thread(
            target=lambda: other.update(count=CappedPaginator(range(7), 5).count)
        )
        reader.start()
        reader.join(2)
        assert other == {"count": 7}  # answered while the first one is still counting
    finally:
        release.set()
        counting.join(5)
    assert slow.count == 30
