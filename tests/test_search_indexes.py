"""PostgreSQL's trigram indexes (migration 0008): present, used, and never changing results."""

import importlib
from contextlib import contextmanager
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from locations.models import Location, Studio, Tag
from tests.factories import LocationFactory, StudioFactory, TagFactory

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only indexes"),
    pytest.mark.django_db,
]

migration = importlib.import_module("locations.migrations.0008_search_indexes")
INDEX_NAMES = {name for name, _table, _column in migration.INDEXES}

QUERIES = [
    "harbour",
    "HARBOUR",
    "ｈａｒｂｏｕｒ",
    "harbour night",
    "night-view",
    "kinkakuji",
    "Kinkaku-ji",
    "金閣寺",
    "キンカクジ",
    "きんかく",
    "町家通り",
    "京都",
    "滝",
    "京",
    "金閣",
    "鶴",
    "京都 滝",
    "kyoto",
    "zen",
    "xyzzy",
    "ab",
]


def trigram_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            [sorted(INDEX_NAMES)],
        )
        return dict(cursor.fetchall())


@contextmanager
def planner(**settings):
    """Planner switches for the enclosed queries (e.g. enable_seqscan=False)."""
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET {name} = {'on' if value else 'off'}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name in settings:
                cursor.execute(f"RESET {name}")


@pytest.fixture
def catalogue():
    call_command("generate_catalogue", "--locations", "400", "--studios", "30", stdout=StringIO())
    night = TagFactory(name="night view")
    kinkakuji = LocationFactory(
        name="Kinkaku-ji", name_ja="金閣寺", name_kana="きんかくじ", name_romaji="Kinkakuji"
    )
    kinkakuji.tags.add(night)
    LocationFactory(name="Harbour Lights", description="Night harbour with cranes.")
    StudioFactory(name="Harbour Stage Works", name_ja="港スタジオ")


def test_the_migration_created_gin_trigram_indexes():
    indexes = trigram_indexes()
    assert set(indexes) == INDEX_NAMES
    assert all("USING gin" in d and "gin_trgm_ops" in d for d in indexes.values())
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()


def test_the_migration_reverses_and_reapplies():
    with connection.schema_editor() as editor:
        migration.drop_indexes(apps, editor)
    assert trigram_indexes() == {}
    with connection.schema_editor() as editor:
        migration.create_indexes(apps, editor)
    assert set(trigram_indexes()) == INDEX_NAMES


def test_the_database_gives_japanese_text_trigrams():
    # A C-locale database would return no trigrams here and the index would never match.
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('町家通り')")
        assert len(cursor.fetchone()[0]) > 0


def plan(queryset) -> str:
    return queryset.explain()


# GIN indexes are read through bitmap scans; with sequential and plain index scans off, a
# plan must use the trigram index, or fall back to a disabled (very costly) scan.
ONLY_BITMAPS = {"enable_seqscan": False, "enable_indexscan": False}


def test_keyword_search_can_use_the_location_and_tag_indexes(catalogue):
    # The tags a term is part of are looked up first (one query), then the places. Planned
    # without the status condition: on 400 rows the planner may as well read the status
    # index and filter, which says nothing about the keyword's index.
    with planner(**ONLY_BITMAPS):
        explained = plan(Location.objects.search("harbour"))
        tags_explained = plan(Tag.objects.filter(search_name__contains="harbour"))
    assert "Bitmap Index Scan on loc_search_trgm" in explained
    assert "Bitmap Index Scan on tag_search_trgm" in tags_explained


@pytest.mark.parametrize("term", ["滝", "金閣"])
def test_a_short_japanese_term_can_use_the_grams_index(catalogue, term):
    with planner(**ONLY_BITMAPS):
        explained = plan(Location.objects.search(term))
    assert "Bitmap Index Scan on loc_grams_trgm" in explained


def test_the_grams_migration_created_its_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'loc_grams_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition and "search_grams" in definition


def test_studio_search_can_use_the_studio_index(catalogue):
    with planner(**ONLY_BITMAPS):
        explained = plan(Studio.objects.search("harbour"))
    assert "Bitmap Index Scan on studio_search_trgm" in explained


@pytest.mark.parametrize("query", QUERIES)
def test_location_results_are_the_same_with_and_without_the_indexes(catalogue, query):
    def results():
        return list(Location.objects.published().search(query).values_list("pk", flat=True))

    with planner(enable_seqscan=False):
        indexed = results()
    with planner(enable_indexscan=False, enable_bitmapscan=False):
        scanned = results()
    assert indexed == scanned
    if query in {"harbour", "金閣寺", "キンカクジ", "night-view"}:
        assert indexed  # the comparison is not vacuous


@pytest.mark.parametrize("query", ["harbour", "港", "スタジオ", "studios", "xyzzy"])
def test_studio_results_are_the_same_with_and_without_the_indexes(catalogue, query):
    def results():
        return list(Studio.objects.published().search(query).values_list("pk", flat=True))

    with planner(enable_seqscan=False):
        indexed = results()
    with planner(enable_indexscan=False, enable_bitmapscan=False):
        scanned = results()
    assert indexed == scanned
    if query != "xyzzy":
        assert indexed  # the comparison is not vacuous


def test_results_are_the_same_after_dropping_the_indexes(catalogue):
    before = {q: set(Location.objects.search(q).values_list("pk", flat=True)) for q in QUERIES}
    assert before["harbour"] and before["金閣寺"] and before["滝"]  # not a comparison of nothing
    with connection.schema_editor() as editor:
        migration.drop_indexes(apps, editor)
    after = {q: set(Location.objects.search(q).values_list("pk", flat=True)) for q in QUERIES}
    assert after == before


def test_a_page_of_studio_cards_can_be_read_in_order_from_the_largest_first_index(catalogue):
    # A size search reads its page by the matches' keys in the cards' order (largest stage
    # first, then name); with sorting priced out, the plan must walk the index in that order.
    keys = list(Studio.objects.published().values_list("pk", flat=True))
    page = Studio.objects.filter(pk__in=keys).largest_first()[:21]
    with planner(enable_sort=False, enable_seqscan=False):
        explained = plan(page)
    assert "studio_largest_first" in explained
