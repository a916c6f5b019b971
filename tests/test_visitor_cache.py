"""Pages shared by anonymous visitors (locations.caching): fast on a hit, never stale or leaked.

The list pages and a location's page render their costly part once per URL, language,
catalogue version and visitor settings (units, comparison); signed-in users always get a
fresh render. These tests pin what must vary and what an edit must change at once.
"""

import re
import threading
import time
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse, QueryDict
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.caching import (
    VERSION_KEY,
    CatalogueVersionMiddleware,
    build_once,
    bump_catalogue_version,
    canonical_query,
    catalogue_version,
    visitor_fragment,
)
from locations.filters import LocationFilterSet
from locations.models import Location, Status
from tests import factories

pytestmark = pytest.mark.django_db

LOCATIONS = reverse("locations:list")
STUDIOS = reverse("studios:list")


@pytest.fixture
def kyoto():
    return factories.LocationFactory(
        name="Kinkaku-ji",
        prefecture=factories.prefecture("kyoto"),
        latitude=Decimal("35.039370"),
        longitude=Decimal("135.729243"),
    )


@pytest.fixture
def draft():
    return factories.LocationFactory(name="Secret Alley", status=Status.DRAFT)


@pytest.fixture
def toho():
    studio = factories.StudioFactory(name="Toho Studios", prefecture=factories.prefecture("tokyo"))
    factories.stage(studio, "Stage 8", "41.4", "32", "13")
    return studio


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def without_csrf(page: str) -> str:
    """The page with its CSRF token blanked: the token is masked anew on every response."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", page)


@pytest.mark.parametrize("params", ["", "?q=kinkaku", "?region=kansai&sort=name", "?page=1"])
def test_a_visitors_repeat_list_page_runs_no_query(
    client, kyoto, params, django_assert_num_queries
):
    first = html(client.get(LOCATIONS + params))
    assert "Kinkaku-ji" in first
    with django_assert_num_queries(0):
        again = html(client.get(LOCATIONS + params))
    assert without_csrf(again) == without_csrf(first)


@pytest.mark.parametrize("page", ["kyoto", "toho"])
def test_a_visitors_repeat_detail_page_runs_no_query(
    client, page, request, django_assert_num_queries
):
    url = request.getfixturevalue(page).get_absolute_url()
    first = html(client.get(url))
    with django_assert_num_queries(0):
        again = html(client.get(url))
    assert without_csrf(again) == without_csrf(first)
    assert "<title>" in again and " — Rokehan</title>" in again


def test_a_missing_place_is_a_404_every_time_and_never_cached(client):
    for _ in range(2):
        assert client.get(reverse("locations:detail", args=["nowhere"])).status_code == 404


def test_an_edit_shows_at_once_on_every_cached_page(client, kyoto, toho):
    for url in (LOCATIONS, kyoto.get_absolute_url(), STUDIOS):
        client.get(url)
    kyoto.name = "Rokuon-ji"
    kyoto.save()
    toho.name = "Toho Studios Seijo"
    toho.save()
    assert "Rokuon-ji" in html(client.get(LOCATIONS))
    assert "Rokuon-ji" in html(client.get(kyoto.get_absolute_url()))
    assert "Toho Studios Seijo" in html(client.get(STUDIOS))


def test_an_unpublished_place_or_studio_is_gone_at_once_from_its_cached_page(client, kyoto, toho):
    for item in (kyoto, toho):
        assert client.get(item.get_absolute_url()).status_code == 200
        item.status = Status.DRAFT
        item.save()
        assert client.get(item.get_absolute_url()).status_code == 404


def test_signed_in_users_are_never_served_nor_stored_a_visitors_page(fixer, kyoto, draft):
    visitor, staff = Client(), Client()
    staff.force_login(fixer)
    for _ in range(2):
        assert "Secret Alley" not in html(visitor.get(LOCATIONS))
        staff_page = html(staff.get(LOCATIONS))
        assert "Secret Alley" in staff_page
        # Staff get the shortlist form; visitors get the sign-in link.
        assert reverse("shortlists:add") in staff_page
        assert "Sign in to shortlist" in html(visitor.get(LOCATIONS))
    assert "Secret Alley" in html(staff.get(draft.get_absolute_url()))


@pytest.mark.parametrize("url", ["/", LOCATIONS, STUDIOS])
def test_a_signed_in_users_shortlist_forms_never_reach_a_visitor(fixer, url):
    # The home page used to cache its cards whoever rendered them first: a signed-in user's
    # shortlist forms, CSRF token included, were then served to everyone. Cards are shared
    # (locations.cards); their shortlist buttons never are.
    factories.LocationFactory(name="Kinkaku-ji", featured=True)
    factories.StudioFactory(name="Toho Studios")
    staff, visitor = Client(), Client()
    staff.force_login(fixer)
    assert reverse("shortlists:add") in html(staff.get(url))
    page = html(visitor.get(url))
    assert ("Toho Studios" if url == STUDIOS else "Kinkaku-ji") in page
    assert reverse("shortlists:add") not in page and "Sign in to shortlist" in page
    assert reverse("shortlists:add") in html(staff.get(url))


def test_a_visitors_repeat_home_page_runs_no_query(client, kyoto, django_assert_num_queries):
    first = html(client.get("/"))
    with django_assert_num_queries(0):
        again = html(client.get("/"))
    assert without_csrf(again) == without_csrf(first)


def test_the_page_around_a_shared_fragment_is_each_visitors_own(kyoto):
    first, second = Client(), Client()
    one = html(first.get(LOCATIONS))
    two = html(second.get(LOCATIONS))
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in one and token in two
    # The language form's CSRF token is rendered per request, not cached with the results.
    assert one.split(token)[1][:64] != two.split(token)[1][:64]


def test_the_htmx_partial_and_the_whole_page_are_cached_apart(client, kyoto):
    page = html(client.get(LOCATIONS))
    partial = html(client.get(LOCATIONS, headers={"hx-request": "true"}))
    assert page.startswith("<!doctype html>") and not partial.lstrip().startswith("<!doctype")
    assert "Kinkaku-ji" in partial
    # The partial holds the results only, never the cached page's filter form.
    assert 'id="filter-form"' in page and 'id="filter-form"' not in partial
    assert without_csrf(html(client.get(LOCATIONS))) == without_csrf(page)


def test_the_language_is_part_of_the_key(client, kyoto):
    english = html(client.get(LOCATIONS, headers={"accept-language": "en"}))
    assert 'lang="en"' in english and "Show places" in english  # the fragment is cached
    japanese = html(client.get(LOCATIONS, headers={"accept-language": "ja"}))
    assert "撮影場所" in japanese or "ロケ地" in japanese
    assert "寺院、ネオン、京都、渋谷" in japanese  # the search box's placeholder
    # Inside the cached fragment (the heading around it is rendered per request anyway).
    assert "場所を表示" in japanese and "Show places" not in japanese


def test_each_visitor_sees_studios_in_their_own_units(toho):
    metric, imperial = Client(), Client()
    assert "sq ft" not in html(metric.get(STUDIOS))
    imperial.get(STUDIOS + "?units=ft")  # remembered in this visitor's session
    assert "sq ft" in html(imperial.get(STUDIOS))
    assert "sq ft" not in html(metric.get(STUDIOS))


def test_a_shared_studio_card_lists_the_stages_of_each_search(client, toho):
    factories.stage(toho, "Insert Stage", "10", "8", "5")
    everything = html(client.get(STUDIOS, {"min_area": "50"}))  # both stages fit
    assert "Insert Stage" in everything and "Stage 8" in everything
    assert "2 stages fit" in everything
    big = html(client.get(STUDIOS, {"min_area": "1000"}))  # Stage 8 alone: 1,325 m²
    assert "Stage 8" in big and "Insert Stage" not in big
    assert "1 stage fits" in big
    assert "Insert Stage" in html(client.get(STUDIOS))


def test_a_place_deleted_after_its_row_was_read_has_no_card_and_no_error(rf, kyoto):
    other = factories.LocationFactory(name="Nijo Castle")
    rows = list(Location.objects.card_rows().order_by("name"))  # the page's keys
    kyoto.delete()  # meanwhile, in another request
    request = rf.get(LOCATIONS)
    request.user = AnonymousUser()
    page = Template("{% load catalogue %}{% location_cards rows %}")
    cards = page.render(RequestContext(request, {"rows": rows}))
    assert "Nijo Castle" in cards and "Kinkaku-ji" not in cards
    assert cards.count('<li class="card location-card">') == 1
    assert other.pk in {row.pk for row in rows}


def test_the_shared_site_navigation_follows_the_section_and_the_user(fixer):
    # The main navigation is rendered once per section, language and kind of user.
    def nav(client, url):
        page = html(client.get(url))
        return page[page.index('<nav class="site-nav"') : page.index("</nav>")]

    visitor = Client()
    for url, current in ((LOCATIONS, "Locations"), (STUDIOS, "Studios"), (LOCATIONS, "Locations")):
        links = nav(visitor, url)
        assert re.search(rf'aria-current="page">{current}</a>', links)
        assert len(re.findall("aria-current", links)) == 1
        assert "Shortlists" not in links and "Admin" not in links
    staff = Client()
    staff.force_login(fixer)
    assert "Shortlists</a>" in nav(staff, LOCATIONS) and "Admin</a>" in nav(staff, LOCATIONS)
    assert "Admin" not in nav(visitor, LOCATIONS)


def test_each_visitor_sees_their_own_comparison_and_units_on_a_studio(toho):
    comparing, browsing = Client(), Client()
    stage = toho.stages.get()
    html(browsing.get(toho.get_absolute_url()))
    html(comparing.get(reverse("studios:compare") + f"?stage={stage.pk}&units=ft"))
    assert "1 stage ticked for comparison" in html(comparing.get(STUDIOS))
    assert "ticked for comparison" not in html(browsing.get(STUDIOS))
    ticked = rf'name="stage" value="{stage.pk}"[^>]*checked'
    assert re.search(ticked, html(comparing.get(toho.get_absolute_url())))
    assert not re.search(ticked, html(browsing.get(toho.get_absolute_url())))
    assert "135.8 × 105 × 42.7 ft" in html(comparing.get(toho.get_absolute_url()))
    assert "135.8 × 105 × 42.7 ft" not in html(browsing.get(toho.get_absolute_url()))


def test_only_one_request_builds_a_missing_body_and_the_others_wait_for_it():
    builds = []

    def build():
        builds.append(threading.get_ident())
        time.sleep(0.3)  # long enough for the other threads to find the lock taken
        return "body"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(build_once("test:body", build)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["body"] * 4
    assert len(builds) == 1
    assert caches["visitors"].get("test:body:building") is None  # the lock is released


def test_a_failed_build_is_not_cached_and_the_next_request_builds_again():
    assert build_once("test:failed", lambda: None) is None
    assert build_once("test:failed", lambda: "body") == "body"
    with pytest.raises(ZeroDivisionError):
        build_once("test:raises", lambda: 1 / 0)
    assert build_once("test:raises", lambda: "body") == "body"  # the lock was released


def test_a_fragment_holding_a_csrf_token_is_never_shared(rf):
    request = rf.get(LOCATIONS)
    request.user = AnonymousUser()
    builds = []

    def build():
        builds.append(1)
        return '<form><input type="hidden" name="csrfmiddlewaretoken" value="secret"></form>'

    for _ in range(2):
        assert "secret" in visitor_fragment(request, "test-form", build)
    assert len(builds) == 2
    assert visitor_fragment(request, "test-plain", lambda: "<p>ok</p>") == "<p>ok</p>"


# Keys from the parameters a page reads, not the raw query string (issue 18).
GEOJSON = reverse("locations:geojson")


@pytest.mark.parametrize(
    ("first", "same"),
    [
        ("", "?utm_source=x&page=1"),
        ("", "?q=&region=&sort=name&fbclid=abc"),
        ("?region=kansai&prefecture=kyoto", "?prefecture=kyoto&x=1&region=kansai"),
        ("?region=kanto&region=kansai", "?region=kansai&region=kanto&region=kansai"),
        ("?q=kinkaku", "?q=+kinkaku+&page=1&page=1"),
        ("?near=35.0,135.7", "?near=35.0,135.7&sort=distance"),
    ],
)
def test_made_up_reordered_or_blank_parameters_are_answered_from_the_cache(
    client, kyoto, first, same, django_assert_num_queries
):
    page = html(client.get(LOCATIONS + first))
    with django_assert_num_queries(0):
        again = html(client.get(LOCATIONS + same))
    # The same shared body (the header's language switcher returns each visitor to their URL).
    assert main(again) == main(page)


def test_a_real_difference_is_a_different_page(client, kyoto):
    html(client.get(LOCATIONS + "?region=kansai"))
    tokyo = html(client.get(LOCATIONS + "?region=kanto"))
    assert "Kinkaku-ji" not in tokyo
    assert "Kinkaku-ji" in html(client.get(LOCATIONS + "?region=kansai&sort=-updated"))


def main(page: str) -> str:
    return without_csrf(page.split("<main", 1)[1].split("</main>", 1)[0])


def test_a_shared_page_never_carries_a_visitors_made_up_parameters(client, settings):
    settings.LOCATIONS_PER_PAGE = 2
    factories.LocationFactory.create_batch(3, prefecture=factories.prefecture("kyoto"))
    first = html(client.get(LOCATIONS + "?region=kansai&utm_source=evil&q="))
    assert 'href="?region=kansai&amp;page=2"' in first
    assert "evil" not in main(first)  # the shared part of the page
    # The next visitor of the clean URL is served that entry, with clean links.
    assert 'href="?region=kansai&amp;page=2"' in html(client.get(LOCATIONS + "?region=kansai"))


def test_fifty_made_up_geojson_urls_cost_one_build(client, kyoto, django_assert_num_queries):
    first = client.get(GEOJSON, {"utm_source": "0"})
    assert first.status_code == 200
    for n in range(1, 50):
        with django_assert_num_queries(0):
            response = client.get(GEOJSON, {f"x{n}": str(n), "page": str(n), "q": ""})
        assert response.content == first.content


def test_an_invalid_filter_is_still_reported_under_a_canonical_key(
    client, kyoto, django_assert_num_queries
):
    page = html(client.get(LOCATIONS + "?radius_km=abc&near=35,135&junk=1"))
    assert "Some filters could not be used" in page
    assert "Kinkaku-ji" not in page.split("Some filters could not be used")[1]
    # The same invalid search, spelt otherwise, is that entry: the errors without a query.
    with django_assert_num_queries(0):
        again = html(client.get(LOCATIONS + "?near=35,135&radius_km=+abc+&x=2"))
    assert main(again) == main(page)


def test_while_a_new_version_builds_the_others_get_the_previous_one():
    assert build_once("test:versioned", lambda: "old", "v1") == "old"
    caches["visitors"].add("test:versioned:building", 1, 60)  # another request is building v2
    try:
        assert build_once("test:versioned", lambda: "never built", "v2") == "old"
    finally:
        caches["visitors"].delete("test:versioned:building")
    assert build_once("test:versioned", lambda: "new", "v2") == "new"
    assert build_once("test:versioned", lambda: "never built", "v2") == "new"


def test_a_local_value_is_kept_in_the_process_for_its_version_only():
    built = []

    def build(value):
        built.append(value)
        return value

    assert build_once("test:local", lambda: build("a"), "v1", local=True) == "a"
    caches["visitors"].clear()  # the process keeps v1's value: no round trip, no rebuild
    assert build_once("test:local", lambda: build("never"), "v1", local=True) == "a"
    assert build_once("test:local", lambda: build("b"), "v2", local=True) == "b"
    assert built == ["a", "b"]


def test_a_previous_versions_value_is_never_kept_as_the_new_ones():
    assert build_once("test:local-prev", lambda: "old", "v1", local=True) == "old"
    caches["visitors"].add("test:local-prev:building", 1, 60)  # another request builds v2
    try:
        assert build_once("test:local-prev", lambda: "never", "v2", local=True) == "old"
    finally:
        caches["visitors"].delete("test:local-prev:building")
    # The builder is done: v2's own value, not the old one served meanwhile.
    assert build_once("test:local-prev", lambda: "new", "v2", local=True) == "new"


def test_a_request_reads_one_catalogue_version_and_sees_its_own_edits():
    seen = []

    def view(request):
        seen.append(catalogue_version())
        cache.set(VERSION_KEY, "another-process-edit", None)  # another process saves a place
        seen.append(catalogue_version())
        bump_catalogue_version()  # this request saves one itself
        seen.append(catalogue_version())
        return HttpResponse()

    CatalogueVersionMiddleware(view)(RequestFactory().get("/"))
    first, during, after_own_edit = seen
    assert during == first  # one version for the whole page
    assert after_own_edit not in (first, "another-process-edit")
    assert catalogue_version() == after_own_edit  # outside a request: read each time
    cache.set(VERSION_KEY, "later", None)
    assert catalogue_version() == "later"


def test_the_canonical_query_keeps_only_what_the_page_reads():
    data = QueryDict("region=kanto&x=1&q=+temple+&region=kansai&region=kanto&page=1&sort=")
    query = canonical_query(data, LocationFilterSet, keep=["page"], defaults={"page": "1"})
    assert query.urlencode() == "q=temple&region=kansai&region=kanto"
    assert canonical_query(QueryDict("page=2&page=3"), keep=["page"]).urlencode() == "page=3"


def test_with_the_visitors_cache_off_every_visit_is_a_first_visit(client, kyoto, settings):
    # VISITOR_CACHE=off (bench/run.py's first visits): the page is built on every request.
    settings.VISITOR_CACHE = False
    html(client.get(LOCATIONS))
    with CaptureQueriesContext(connection) as again:
        assert "Kinkaku-ji" in html(client.get(LOCATIONS))
    assert len(again) > 0


def test_a_new_search_reads_the_filter_options_from_the_cache(client, kyoto):
    html(client.get(LOCATIONS + "?category=temple&region=kansai"))
    with CaptureQueriesContext(connection) as new_search:
        page = html(client.get(LOCATIONS + "?category=temple&region=kansai&sort=-updated"))
    # Neither the options nor the chosen values (the ticks, the regions' prefectures) are read
    # again: they are held per catalogue version.
    options = re.compile(r'FROM "locations_(region|prefecture|category|tag)"')
    assert not [q["sql"] for q in new_search if options.search(q["sql"])]
    assert re.search(
        r'<input type="checkbox" name="category" value="temple" id="id_category_\d+" checked>', page
    )
    assert 'value="kyoto" id="id_prefecture_' in page


def ticked(page: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)"[^>]* id="id_{name}_\d+" checked>', page)


def test_each_search_ticks_its_own_choices_from_the_shared_markup(client, kyoto):
    """The options' markup is drawn once per field and shared by every search: the ticks
    are each search's own, in either list and language."""
    for url in (LOCATIONS, STUDIOS):
        page = html(client.get(url + "?region=kansai&prefecture=kyoto&prefecture=osaka"))
        assert ticked(page, "region") == ["kansai"]
        assert ticked(page, "prefecture") == ["kyoto", "osaka"]
        page = html(client.get(url + "?prefecture=tokyo", headers={"accept-language": "ja"}))
        assert (ticked(page, "region"), ticked(page, "prefecture")) == ([], ["tokyo"])
        assert "関西" in page
        page = html(client.get(url))
        assert (ticked(page, "region"), ticked(page, "prefecture")) == ([], [])
    page = html(client.get(LOCATIONS + "?category=temple&category=street"))
    assert sorted(ticked(page, "category")) == ["street", "temple"]
    assert ticked(html(client.get(LOCATIONS)), "category") == []


def test_a_new_tag_shows_in_the_filter_options_at_once(client, kyoto):
    assert "torii" not in html(client.get(LOCATIONS))
    kyoto.tags.add(factories.TagFactory(name="torii", slug="torii"))
    assert 'name="tag" value="torii"' in html(client.get(LOCATIONS))


@pytest.mark.parametrize("url", [LOCATIONS, STUDIOS])
def test_prefecture_options_sit_under_their_regions_title(client, url):
    page = html(client.get(url))
    kansai = page.index(">Kansai</p>")
    assert kansai < page.index('value="kyoto"') < page.index('value="osaka"')
    assert page.index('value="tokyo"') < kansai  # Kanto comes before Kansai
    # Each prefecture once, in the one list of its region.
    assert page.count('name="prefecture" value="kyoto"') == 1
