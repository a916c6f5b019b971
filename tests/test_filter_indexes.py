"""The indexes the list's filters read, present on both databases: the tag links by tag
(migration 0023), which PostgreSQL plans a tag filter's lookup with; a category within a
region or prefecture, or near a point (0024); the studio size search's stages and studios
(0025); and on PostgreSQL a keyword's page in name order from one index (0026)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict

from locations.filters import LocationFilterSet
from locations.models import Location, Soundstage, Studio
from tests.factories import LocationFactory, StudioFactory, TagFactory
from tests.test_search_indexes import planner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "name", "columns"),
    [
        (Location.tags.through, "loc_tags_tag_location", ["tag_id", "location_id"]),
        (Location, "loc_cat_pref_status_id", ["category_id", "prefecture_id", "status", "id"]),
        (Location, "loc_cat_status_lat_lng", ["category_id", "status", "latitude", "longitude"]),
        (Studio, "studio_status_pref_id", ["status", "prefecture_id", "id"]),
        (Soundstage, "stage_area_height_studio", ["floor_area_m2", "height_m", "studio_id"]),
    ],
)
def test_the_filters_indexes_are_there(model, name, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    index = constraints.get(name)
    assert index is not None, sorted(constraints)
    assert index["index"] and not index["unique"]
    assert index["columns"] == columns


def _plan(queryset) -> str:
    """PostgreSQL's plan for `queryset` with only plain index scans allowed: the tables are
    tiny here, and a large one gets the same plan by cost (docs/performance.md)."""
    with planner(enable_seqscan=False, enable_bitmapscan=False):
        return queryset.explain()


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_tag_filter_reads_its_places_from_the_index():
    night = TagFactory(name="night view")
    for place in LocationFactory.create_batch(3):
        place.tags.add(night)
    links = Location.tags.through.objects.filter(tag__in=[night]).values("location_id")
    assert "loc_tags_tag_location" in _plan(links)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_studio_size_search_reads_its_stages_from_the_index():
    StudioFactory.create_batch(3)
    stages = Soundstage.objects.filter(floor_area_m2__gte=800, height_m__gte=8).values("studio")
    assert "stage_area_height_studio" in _plan(stages)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db(transaction=True)  # VACUUM (the visibility map) runs outside one
def test_a_keywords_page_in_name_order_reads_the_covering_index_alone():
    # The list's own query for a keyword above the count's cap: the page in name order,
    # the card rows' columns. Should the cards read a column the index does not carry, or
    # the order change, PostgreSQL would go back to reading a table row per place walked.
    LocationFactory.create_batch(5, description="A harbour at night.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE locations_location")
    places = Location.objects.visible_to(AnonymousUser()).card_rows()
    filterset = LocationFilterSet(QueryDict("q=harbour"), queryset=places)
    assert filterset.is_valid()
    explained = _plan(filterset.qs[:26])
    assert "Index Only Scan using loc_status_name_cover" in explained, explained
