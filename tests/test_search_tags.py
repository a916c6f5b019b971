"""A place's tags are part of its search column: every way a tag changes keeps it true.

Keyword search finds a place by a tag's name through `Location.search_text` (migration 0011),
so the column must follow the tags: added or removed on either side of the relation, a tag
renamed or deleted. Each test searches through the public list, as a visitor would.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locations.models import Location, Tag
from locations.search import compact, normalize, query_terms, search_document
from tests import factories

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return sorted(Location.objects.published().search(query).values_list("name", flat=True))


@pytest.fixture
def pier():
    return factories.LocationFactory(name="Old Pier", description="Wooden boards.")


def test_a_tag_added_to_a_place_finds_it_and_removing_it_does_not(pier):
    tag = factories.TagFactory(name="night-view")
    assert found("night") == []
    pier.tags.add(tag)
    assert found("night") == ["Old Pier"]
    pier.tags.remove(tag)
    assert found("night") == []


def test_tags_set_from_the_tag_side_and_cleared(pier):
    other = factories.LocationFactory(name="Canal Steps")
    tag = factories.TagFactory(name="harbour")
    tag.locations.set([pier, other])
    assert found("harbour") == ["Canal Steps", "Old Pier"]
    tag.locations.clear()
    assert found("harbour") == []
    pier.tags.add(tag)
    pier.tags.clear()
    assert found("harbour") == []


def test_a_renamed_tag_is_found_by_its_new_name_only(pier):
    tag = factories.TagFactory(name="neon")
    pier.tags.add(tag)
    tag.name = "snow"
    tag.save()
    assert found("neon") == []
    assert found("snow") == ["Old Pier"]


def test_a_deleted_tag_no_longer_finds_its_places(pier):
    tag = factories.TagFactory(name="neon")
    pier.tags.add(tag)
    Tag.objects.get(pk=tag.pk).delete()
    assert found("neon") == []
    pier.refresh_from_db()
    assert pier.search_text == pier.build_search_text()


def test_a_tag_is_found_written_together_and_in_kana_width(pier):
    pier.tags.add(factories.TagFactory(name="night-view"))
    assert found("nightview") == ["Old Pier"]
    assert found("ＮＩＧＨＴ") == ["Old Pier"]


def test_saving_a_place_keeps_its_tags_in_the_column(pier):
    pier.tags.add(factories.TagFactory(name="neon"))
    pier = Location.objects.get(pk=pier.pk)
    pier.description = "Concrete now."
    pier.save()
    assert found("neon") == ["Old Pier"]
    assert found("concrete") == ["Old Pier"]


def test_a_tag_change_does_not_touch_the_places_history_or_date(pier):
    updated, versions = pier.updated_at, pier.history.count()
    pier.tags.add(factories.TagFactory(name="neon"))
    pier.refresh_from_db()
    assert pier.updated_at == updated
    assert pier.history.count() == versions


WORDS = st.text(alphabet="Kinkaku-ji 金閣寺・ー。ab.c_ｱ", max_size=40)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(WORDS, max_size=3), query=WORDS)
def test_the_compacted_column_matches_every_term_the_spaced_text_did(parts, query):
    """Dropping the spaced copy lost nothing: a term is in a part's normalised text only
    where it is in its compacted text too (terms hold no separator)."""
    document = search_document(*parts)
    for term in query_terms(query):
        if any(term in normalize(part) for part in parts):
            assert term in document
        assert (term in document) == any(term in compact(part) for part in parts)


def test_renaming_or_deleting_a_tag_on_more_places_than_one_batch_rewrites_them_all():
    from locations.models.locations import REFRESH_BATCH

    base = factories.LocationFactory.build()
    places = Location.objects.bulk_create(
        Location(
            name=f"Bulk Place {n}",
            slug=f"bulk-place-{n}",
            category=base.category,
            prefecture=base.prefecture,
            status=base.status,
        )
        for n in range(REFRESH_BATCH + 5)
    )
    tag = factories.TagFactory(name="neon")
    Location.tags.through.objects.bulk_create(
        Location.tags.through(location_id=place.pk, tag_id=tag.pk) for place in places
    )
    tag.name = "snow"
    tag.save()
    assert len(found("snow")) == REFRESH_BATCH + 5
    tag.delete()
    assert found("snow") == []


def test_a_fixer_renames_a_tag_in_the_admin_and_visitors_find_places_by_the_new_name(
    client, fixer, pier
):
    from django.urls import reverse

    tag = factories.TagFactory(name="neon")
    pier.tags.add(tag)
    list_url = reverse("locations:list")
    assert "Old Pier" in client.get(list_url, {"q": "neon"}).content.decode()

    client.force_login(fixer)
    response = client.post(reverse("admin:locations_tag_change", args=[tag.pk]), {"name": "snow"})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    assert "Old Pier" in client.get(list_url, {"q": "snow"}).content.decode()
    assert "Old Pier" not in client.get(list_url, {"q": "neon"}).content.decode()
    # Written together, as a visitor might type `night-view`'s kind of tag.
    pier.tags.add(factories.TagFactory(name="night-view"))
    assert "Old Pier" in client.get(list_url, {"q": "nightview"}).content.decode()
