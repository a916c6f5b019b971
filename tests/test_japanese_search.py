"""Japanese search that forgives: kana, romaji, width and dashes all find the same place.

Runs on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in CI): the search
column is normalised in Python, so both return the same results.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locations.models import Location
from locations.readings import suggest_readings
from locations.search import (
    normalize,
    query_terms,
    search_document,
    search_grams,
    short_term_token,
)
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


@pytest.mark.parametrize("query", ["Kinkakuji Kyōto", "KINKAKUJI KYÔTO", "kinkakuji kyoto"])
def test_hepburn_macrons_and_circumflexes_find_the_plain_spelling(kinkakuji, ginkakuji, query):
    assert list(Location.objects.search(query)) == [kinkakuji]


def test_a_place_written_with_macrons_is_found_without_them(client, ginkakuji):
    shrine = factories.LocationFactory(name="Meiji Jingū", municipality="Shibuya, Tōkyō")
    assert list(Location.objects.search("jingu tokyo")) == [shrine]
    page = client.get("/locations/", {"q": "Tōkyō"})
    assert [p.pk for p in page.context["locations"]] == [shrine.pk]


def test_japanese_voicing_marks_still_tell_words_apart():
    # Decomposed, が is か plus a combining mark: only the marks on Latin letters go.
    assert normalize("ばら") != normalize("はら")
    assert normalize("ガイド") == "がいど"
    assert normalize("Ōsaka Café") == "osaka cafe"


# Readings suggested for a fixer to confirm.


@pytest.mark.parametrize(
    ("name_ja", "kana", "romaji"),
    [
        ("金閣寺", "きんかくじ", "Kinkakuji"),
        ("清水寺", "きよみずでら", "Kiyomizudera"),
        ("伏見稲荷大社", "ふしみいなりたいしゃ", "Fushimi Inari Taisha"),
        ("キンカクジ", "きんかくじ", "Kinkakuji"),
        # pykakasi reads 通り's okurigana with the kanji and then again on its own.
        ("銀座通り", "ぎんざどおり", "Ginzadoori"),
        ("中通り", "なかどおり", "Nakadoori"),
        ("曲り角", "まがりかど", "Magarikado"),  # one dictionary word: nothing repeated
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


# Short Japanese terms (one or two characters) go through the indexed search_grams column.


@pytest.mark.parametrize(
    "term, found",
    [("滝", True), ("大滝", True), ("の", True), ("近く", True), ("滝壺", False), ("く大", False)],
)
def test_a_short_japanese_term_finds_exactly_the_places_containing_it(term, found):
    place = factories.LocationFactory(name="Falls", name_ja="大滝", description_ja="大滝の近く")
    assert (place in Location.objects.search(term)) is found


def test_an_edit_updates_the_short_term_index():
    place = factories.LocationFactory(name="Falls", name_ja="大滝")
    place.name_ja = "鶴の湯"
    place.save()
    assert list(Location.objects.search("鶴")) == [place]
    assert list(Location.objects.search("滝")) == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="京都滝大のくア・ー|ab -", max_size=30),
    term=st.text(alphabet="京都滝大のくア", min_size=1, max_size=2),
)
def test_a_short_term_is_a_token_exactly_when_it_is_in_the_text(text, term):
    document = search_document(text)
    token = short_term_token(normalize(term))
    assert token is not None
    assert (token in search_grams(document)) == (normalize(term) in document)


def test_the_list_page_finds_a_place_by_one_japanese_character(client):
    factories.LocationFactory(name="Nachi Falls", name_ja="那智の滝")
    factories.LocationFactory(name="Kegon Falls", name_ja="華厳滝", status="draft")
    factories.LocationFactory(name="Tokyo Tower", name_ja="東京タワー")
    html = client.get("/locations/", {"q": "滝"}).content.decode()
    assert "那智の滝" in html or "Nachi Falls" in html
    assert "Kegon Falls" not in html and "Tokyo Tower" not in html


@pytest.mark.parametrize("query", ["%", "_", "🎌", " - ・ "])
def test_a_keyword_with_nothing_to_search_for_says_so(client, kinkakuji, query):
    page = client.get("/locations/", {"q": query})
    assert page.status_code == 200
    assert "Nothing to search for in" in page.text
    assert list(page.context["locations"]) == []  # not the whole catalogue, silently
    assert client.get("/api/locations/", {"q": query}).status_code == 400


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor refuses a transaction
def test_the_migration_rebuilds_columns_stored_with_accents(ginkakuji):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    from locations.models import FilmCommission, Studio, Tag

    migration = import_module("locations.migrations.0022_search_without_latin_accents")
    shrine = factories.LocationFactory(name="Meiji Jingū", municipality="Tōkyō")
    studio = factories.StudioFactory(name="Ōizumi Studio")
    tag = Tag.objects.create(name="Jōkamachi", slug="jokamachi")
    commission = FilmCommission.objects.create(
        name="Kōbe FC", prefecture=factories.prefecture("hyogo")
    )
    FilmCommission.objects.filter(pk=commission.pk).update(search_text="kōbefc")
    # As the columns were stored before 0022: the accents kept.
    Location.objects.filter(pk=shrine.pk).update(search_text="meijijingū | tōkyō")
    Studio.objects.filter(pk=studio.pk).update(search_text="ōizumistudio")
    Tag.objects.filter(pk=tag.pk).update(search_name="jōkamachi")
    with connection.schema_editor() as schema_editor:
        migration.rebuild(apps, schema_editor)
    assert list(Location.objects.search("jingu tokyo")) == [shrine]
    assert list(Studio.objects.search("oizumi")) == [studio]
    assert Tag.objects.get(pk=tag.pk).search_name == "jokamachi"
    assert FilmCommission.objects.get(pk=commission.pk).search_text == "kobefc"


# Romaji long vowels: pykakasi's suggestions spell them as the kana do (Yokochou, Oosaka).


def test_a_suggested_romaji_with_long_vowels_is_found_by_its_hepburn_spelling(client):
    kana, romaji = suggest_readings("道頓堀")
    assert romaji == "Doutonbori"  # what pykakasi suggests and a fixer may well keep
    canal = factories.LocationFactory(
        name="", name_ja="道頓堀", name_kana=kana, name_romaji=romaji, municipality=""
    )
    hall = factories.LocationFactory(
        name="", name_ja="両国国技館", name_romaji="Ryougoku Kokugikan"
    )
    for query, place in [("dotonbori", canal), ("Doutonbori", canal), ("ryogoku", hall)]:
        assert list(Location.objects.search(query)) == [place], query
    page = client.get("/locations/", {"q": "Dotonbori"})
    assert [p.pk for p in page.context["locations"]] == [canal.pk]


def test_long_vowels_are_folded_in_romaji_only_not_in_queries_or_english_text():
    tour = factories.LocationFactory(name="Harbour Tour Pier", name_romaji="")
    historic = factories.LocationFactory(name="Historic Storehouse", name_romaji="")
    assert list(Location.objects.search("tour")) == [tour]  # not "tor" in "historic"
    assert list(Location.objects.search("harbor")) == []
    assert "storehose" not in historic.search_text  # English text is stored as written


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor refuses a transaction
def test_the_migration_adds_the_short_vowel_romaji_to_stored_places():
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("locations.migrations.0027_search_text_short_vowel_romaji")
    alley = factories.LocationFactory(name="Alley", name_romaji="Houzenji Yokochou")
    plain = factories.LocationFactory(name="Kinkaku-ji", name_romaji="Kinkakuji")
    expected = {alley.pk: alley.search_text, plain.pk: plain.search_text}
    # As stored before 0027: without the short-vowel part.
    before = alley.search_text.removesuffix(" | hozenjiyokocho")
    assert before != alley.search_text
    Location.objects.filter(pk=alley.pk).update(search_text=before)
    for _ in range(2):  # running it again adds nothing twice
        with connection.schema_editor() as schema_editor:
            migration.add_short_vowels(apps, schema_editor)
        stored = dict(Location.objects.values_list("pk", "search_text"))
        assert stored == expected
    assert list(Location.objects.search("hozenji")) == [alley]  # not in "houzenji"
