"""The API's OpenAPI schema is valid OpenAPI 3, and a schema-driven fuzz of every operation
and parameter (schemathesis) never gets a server error."""

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_schema_validates_as_openapi_3(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    validate_schema(document)  # the OpenAPI 3.0 JSON Schema, bundled with drf-spectacular
    assert set(document["paths"]) == {
        "/api/locations/",
        "/api/locations/{slug}/",
        "/api/studios/",
        "/api/studios/{slug}/",
        "/api/film-commissions/",
        "/api/shortlists/{token}/",
    }
    location_parameters = {
        p["name"] for p in document["paths"]["/api/locations/"]["get"]["parameters"]
    }
    assert location_parameters >= {
        "q",
        "region",
        "prefecture",
        "category",
        "tag",
        "near",
        "radius_km",
        "sort",
        "page",
    }


def _property_names(node) -> set[str]:
    names = set()
    if isinstance(node, dict):
        names |= set(node.get("properties", {}))
        for value in node.values():
            names |= _property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _property_names(value)
    return names


def test_the_schema_names_no_private_field(client):
    document = yaml.safe_load(client.get("/api/schema/").content)
    names = _property_names(document["components"])
    assert {"slug", "stages", "items", "cover"} <= names
    private = {"contact_name", "contact_phone", "contact_email", "private_property", "owner"}
    assert not names & private
    assert not names & {"share_token", "status", "search_text", "replies", "created_by"}


@pytest.fixture
def api_schema(db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "100000/m"}
    place = factories.LocationFactory(name="Kinkaku-ji", name_ja="金閣寺")
    place.tags.add(factories.TagFactory(name="gold"))
    factories.PhotoFactory(location=place)
    factories.SoundstageFactory(studio=factories.StudioFactory(name="Fuzz studio"))
    factories.ShortlistItemFactory(location=place)
    # Straight through WSGI, as Django's test client does it: without the test client, the
    # request signals would close the test's database connection (inside its transaction, on
    # PostgreSQL: "the connection is closed" on the next request).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_parameter_value_causes_a_server_error(api_schema):
    """Every operation, with values generated from its parameters' schemas (and broken ones
    schemathesis derives from them): 2xx, 4xx, never 5xx. Bounded: a few seconds each."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:

        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])

        check()
