"""The indexes the list's filters read, present on both databases: the tag links by tag
(migration 0023), which PostgreSQL plans a tag filter's lookup with; a category within a
region or prefecture, or near a point (0024); the studio size search's stages and studios
(0025)."""

import pytest
from django.db import connection

from locations.models import Location, Soundstage, Studio
from tests.factories import LocationFactory, TagFactory

pytestmark = pytest.mark.django_db

TABLE = Location.tags.through._meta.db_table


def test_the_link_table_has_a_tag_first_index_covering_the_place():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    index = constraints.get("loc_tags_tag_location")
    assert index is not None, sorted(constraints)
    assert index["index"] and not index["unique"]
    assert index["columns"] == ["tag_id", "location_id"]


@pytest.mark.parametrize(
    ("model", "name", "columns"),
    [
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
    assert index["index"] and index["columns"] == columns


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_tag_filter_reads_its_places_from_the_index():
    night = TagFactory(name="night view")
    for place in LocationFactory.create_batch(3):
        place.tags.add(night)
    links = Location.tags.through.objects.filter(tag__in=[night]).values("location_id")
    with connection.cursor() as cursor:
        # The table is tiny here; a large one gets this plan by cost (docs/performance.md).
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        try:
            explained = links.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_bitmapscan")
    assert "loc_tags_tag_location" in explained, explained
