"""Japanese search that forgives: kana, romaji, width and dashes all find the same place.

Runs on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in CI): the search
column is normalised in Python, so both return the same results.
"""

import pytest

from locations.models import Location
from locations.readings import suggest_readings
from locations.search import query_terms
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinkakuji():
    return factories.LocationFactory(
        name="Kinkaku-ji",
        name_ja="金閣寺",
        name_kana="きんかくじ",
        name_romaji="Kinkakuji",
        prefecture=factories.prefecture("kyoto"),
        municipality="Kyoto",
        description="A gilded pavilion by a pond.",
    )


@pytest.fixture
def ginkakuji():
    """A near neighbour that must not match: one kana and one letter away."""
    return factories.LocationFactory(
        name="Ginkaku-ji",
        name_ja="銀閣寺",
        name_kana="ぎんかくじ",
        name_romaji="Ginkakuji",
        prefecture=factories.prefecture("kyoto"),
        municipality="Kyoto",
        description="A silver pavilion.",
    )


@pytest.mark.parametrize(
    "query",
    [
        "kinkakuji",
        "Kinkakuji",
        "KINKAKUJI",
        "きんかくじ",
        "キンカクジ",
        "金閣寺",
        "Kinkaku-ji",
        "ｷﾝｶｸｼﾞ",  # half-width katakana
        "ｋｉｎｋａｋｕｊｉ",  # full-width letters
        "Kinkaku‐ji",  # U+2010 hyphen, as phones and word processors type it
        "  kinkakuji  ",
        "きんかく",
    ],
)
def test_every_spelling_finds_the_place(kinkakuji, ginkakuji, query):
    assert list(Location.objects.search(query)) == [kinkakuji]


def test_a_hyphenated_query_finds_a_name_written_without_the_hyphen(ginkakuji):
    temple = factories.LocationFactory(name="Kinkakuji Temple", name_ja="", municipality="Kyoto")
    assert list(Location.objects.search("Kinkaku-ji temple")) == [temple]


def test_a_query_of_separators_only_changes_nothing(kinkakuji, ginkakuji):
    assert set(Location.objects.search(" - ・ ")) == {kinkakuji, ginkakuji}


def test_all_terms_must_match(kinkakuji, ginkakuji):
    assert list(Location.objects.search("kinkakuji pond")) == [kinkakuji]
    assert list(Location.objects.search("kinkakuji silver")) == []


def test_query_terms_split_on_separators_and_fold_width_and_kana():
    assert query_terms("Kinkaku-ji  ＴＥＭＰＬＥ") == ["kinkaku", "ji", "temple"]
    assert query_terms("新宿・カブキチョウ") == ["新宿", "かぶきちょう"]
    assert query_terms('"kyoto"') == ["kyoto"]


# Readings suggested for a fixer to confirm.


@pytest.mark.parametrize(
    ("name_ja", "kana", "romaji"),
    [
        ("金閣寺", "きんかくじ", "Kinkakuji"),
        ("清水寺", "きよみずでら", "Kiyomizudera"),
        ("伏見稲荷大社", "ふしみいなりたいしゃ", "Fushimi Inari Taisha"),
        ("キンカクジ", "きんかくじ", "Kinkakuji"),
        ("", "", ""),
        ("   ", "", ""),
    ],
)
def test_suggested_readings(name_ja, kana, romaji):
    assert suggest_readings(name_ja) == (kana, romaji)


def test_suggested_readings_make_a_japanese_only_place_findable_in_romaji():
    kana, romaji = suggest_readings("清水寺")
    temple = factories.LocationFactory(
        name="", name_ja="清水寺", name_kana=kana, name_romaji=romaji, municipality="Kyoto"
    )
    assert list(Location.objects.search("kiyomizudera")) == [temple]
    assert list(Location.objects.search("キヨミズデラ")) == [temple]
