"""Hostile query strings on every public list: the answer is 200, 400 or 404, never a 500.

Hypothesis builds query strings from the public parameter names (and random ones) with
random and hostile values: Japanese and full-width text, NUL bytes, huge and negative
numbers, NaN and infinities, very long strings, repeated keys and broken percent-encoding.
"""

from urllib.parse import urlencode

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

PUBLIC_LISTS = [
    "/",
    "/locations/",
    "/studios/",
    "/locations.geojson",
    "/studios.geojson",
    "/incentives/",
    "/itineraries/",
]

# The documented query-string interface of the lists, plus names a visitor might try.
PARAMETERS = [
    "q",
    "region",
    "prefecture",
    "category",
    "tag",
    "near",
    "lat",
    "lng",
    "radius_km",
    "sort",
    "page",
    "min_area",
    "min_length",
    "min_width",
    "min_height",
    "tank",
    "cyclorama",
    "units",
    "spend",
    "currency",
    "rate",
    "status",
    "featured",
    "format",
    "view",
    "bbox",
    "zoom",
]

HOSTILE_VALUES = [
    "",
    "0",
    "-1",
    "-0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "9" * 400,
    "999999999999999999999999",
    "-999999999999999999999999",
    "0x10",
    "1_000",
    " 12 ",
    "35.0116,135.7681",
    "35.0116,135.7681,5",
    "91,181",
    "NaN,NaN",
    "inf,-inf",
    "\x00",
    "kyoto\x00",
    "\u202e",
    "\n",
    "'; DROP TABLE locations_location; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "%",
    "京都",
    "金閣寺",
    "ｋｙｏｔｏ",
    "きょうと",
    "キョウト",
    "🎬",
    "true",
    "false",
    "on",
    "yes",
    "null",
    "[]",
    "{}",
    "last",
    "-name",
    "imperial",
    "metric",
    "JPY",
    "USD",
    "x" * 5000,
]

JAPANESE = st.text(
    alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF, exclude_categories=("Cs",)),
    max_size=20,
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
VALUES = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40), JAPANESE, NUMBERS)
KEYS = st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=12))
ENCODED_QUERY = st.lists(st.tuples(KEYS, VALUES), max_size=8).map(urlencode)
# Query strings no form would send: broken percent-escapes and invalid UTF-8.
RAW_QUERY = st.lists(
    st.sampled_from(
        ["q=%", "q=%E4%BA", "%ff%fe=%ff", "page=%00", "&&", "=", "==x", "q", "near=%2C%2C", ";"]
    ),
    max_size=6,
).map("&".join)
QUERY_STRINGS = st.one_of(ENCODED_QUERY, RAW_QUERY)


@pytest.fixture
def catalogue(db, settings):
    """A few records, so filters, sorting and pagination have rows to work on; rate limits
    far above the examples' count (a 429 would hide what a query does)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "100000/m", "geojson": "100000/m"}
    tag = factories.TagFactory(name="neon")
    for i in range(3):
        factories.LocationFactory(name=f"Fuzz place {i}").tags.add(tag)
    factories.SoundstageFactory(studio=factories.StudioFactory(name="Fuzz studio"))


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_hostile_query_strings_never_cause_a_server_error(client, catalogue, url):
    if client.get(url).status_code == 404:
        pytest.skip(f"{url} answers 404 on this branch: its feature has not landed yet")

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=QUERY_STRINGS)
    def check(query):
        # Each request in its own savepoint: one failing query must not poison the next.
        with transaction.atomic():
            response = client.get(url, QUERY_STRING=query)
            transaction.set_rollback(True)
        assert response.status_code in (200, 400, 404), (url, query, response.status_code)

    check()
