"""/api/locations/ answers exactly what /locations/ lists for the same query string: the
same places in the same order, page by page (a property test over random filter mixes)."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.django_db

CARD_LINK = re.compile(r'class="card-title"><a href="/locations/([^/"]+)/"')

# Real public places with their real coordinates, in three regions; one draft.
PLACES = [
    ("Kinkaku-ji", "金閣寺", "kyoto", "temple", "35.039370", "135.729243", ["gold", "garden"]),
    ("Kiyomizu-dera", "清水寺", "kyoto", "temple", "34.994857", "135.785046", ["wood"]),
    ("Fushimi Inari Taisha", "伏見稲荷大社", "kyoto", "shrine", "34.967140", "135.772670", []),
    ("Todai-ji", "東大寺", "nara", "temple", "34.688992", "135.839822", ["wood"]),
    ("Shitenno-ji", "四天王寺", "osaka", "temple", "34.653607", "135.516400", []),
    ("Dotonbori", "道頓堀", "osaka", "street", "34.668723", "135.501295", ["neon"]),
    ("Osaka Castle", "大阪城", "osaka", "castle", "34.687315", "135.526201", ["garden"]),
    ("Himeji Castle", "姫路城", "hyogo", "castle", "34.839449", "134.693906", []),
    ("Senso-ji", "浅草寺", "tokyo", "temple", "35.714765", "139.796655", ["neon"]),
    (
        "Shibuya Crossing",
        "渋谷スクランブル交差点",
        "tokyo",
        "street",
        "35.659482",
        "139.700531",
        ["neon"],
    ),
    ("Tokyo Tower", "東京タワー", "tokyo", "urban", "35.658581", "139.745433", []),
    ("Kotoku-in", "高徳院", "kanagawa", "temple", "35.316698", "139.535713", []),
    (
        "Sapporo Clock Tower",
        "札幌市時計台",
        "hokkaido",
        "historic-district",
        "43.062575",
        "141.353640",
        [],
    ),
    ("Unpinned temple", "未確認寺", "kyoto", "temple", None, None, []),
]

REGIONS = ["kansai", "kanto", "hokkaido", "kyushu-okinawa"]
PREFECTURES = ["kyoto", "osaka", "nara", "tokyo", "hokkaido", "okinawa"]
CATEGORIES = ["temple", "shrine", "street", "castle", "urban", "nature"]
TAGS = ["neon", "wood", "garden", "gold"]
TERMS = [
    "",
    "寺",
    "temple",
    "京都",
    "kyoto",
    "ｋｙｏｔｏ",
    "castle",
    "城",
    "てら",
    "neon",
    "ji",
    "tower",
]
POINTS = ["35.0116,135.7681", "35.6812,139.7671", "34.6937,135.5023"]


@pytest.fixture
def catalogue(settings):
    settings.LOCATIONS_PER_PAGE = 4  # several pages from a small catalogue
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "100000/m", "search": "100000/m"}
    tags = {}
    for name, name_ja, pref, cat, lat, lng, tag_names in PLACES:
        place = factories.LocationFactory(
            name=name,
            name_ja=name_ja,
            prefecture=factories.prefecture(pref),
            category=factories.category(cat),
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lng) if lng else None,
            municipality="",
            description="",
        )
        for tag_name in tag_names:
            if tag_name not in tags:
                tags[tag_name] = factories.TagFactory(name=tag_name, slug=tag_name)
            place.tags.add(tags[tag_name])
    factories.LocationFactory(name="Draft temple", name_ja="下書き寺", status="draft")


def html_slugs(client, query: str) -> list[str] | str:
    """The places the list page shows, "invalid" for its "filters could not be used" box
    (every field's errors, the sort menu's too), "404" past the end."""
    response = client.get(f"/locations/?{query}")
    if response.status_code == 404:
        return "404"
    assert response.status_code == 200
    found = CARD_LINK.findall(response.text)
    if not found and 'class="form-errors"' in response.text:
        return "invalid"
    return found


def api_slugs(client, query: str) -> list[str] | str:
    """The places the API answers, "invalid" for a 400, "404" past the end."""
    response = client.get(f"/api/locations/?{query}")
    if response.status_code in (400, 404):
        return {400: "invalid", 404: "404"}[response.status_code]
    assert response.status_code == 200, response.content[:300]
    return [row["slug"] for row in response.json()["results"]]


def test_the_issues_example_gives_the_same_places(client, catalogue):
    query = urlencode({"region": "kansai", "q": "寺"})
    expected = ["kinkaku-ji", "kiyomizu-dera", "shitenno-ji", "todai-ji"]
    assert html_slugs(client, query) == expected
    assert api_slugs(client, query) == expected
    # Page 2: the last one (the draft temple is on neither).
    assert html_slugs(client, query + "&page=2") == ["unpinned-temple"]
    assert api_slugs(client, query + "&page=2") == ["unpinned-temple"]
    # A sort nobody offers is an error on both: a 400, and the page's "could not be used" box.
    assert html_slugs(client, "sort=price") == api_slugs(client, "sort=price") == "invalid"


def _multi(name, values):
    return st.lists(st.sampled_from(values), max_size=2, unique=True).map(
        lambda picked: [(name, value) for value in picked]
    )


def _maybe(name, values):
    return st.one_of(st.just([]), st.sampled_from(values).map(lambda v: [(name, v)]))


QUERIES = st.tuples(
    _maybe("q", TERMS),
    _multi("region", REGIONS),
    _multi("prefecture", PREFECTURES),
    _multi("category", CATEGORIES),
    _multi("tag", TAGS),
    _maybe("near", POINTS),
    _maybe("radius_km", ["5", "50", "400", "0.5", "-1"]),
    _maybe("sort", ["name", "-updated", "distance", "price"]),
    _maybe("page", ["1", "2", "3", "0", "x"]),
).map(lambda parts: urlencode([pair for part in parts for pair in part]))


def test_random_filter_mixes_give_the_same_places_in_the_same_order(client, catalogue):
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=QUERIES)
    def check(query):
        api, html = api_slugs(client, query), html_slugs(client, query)
        if api == "invalid":
            # The list page shows the form's errors (a later page of nothing is a 404).
            assert html in ("invalid", "404"), query
        else:
            assert api == html, query

    check()
