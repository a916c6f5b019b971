"""One keyword search everywhere (issue 18.3): locations, studios, film commissions, their API
lists and the admin's search boxes fold width, case and kana alike, readings included; and
blank parameters are ignored on every list, never an error on one and dropped on another.

Runs on whichever database DATABASE_URL names: the search column is normalised in Python.
"""

import json

import pytest
from django.http import QueryDict
from django.urls import reverse

from locations.filters import FilmCommissionFilterSet, LocationFilterSet, StudioFilterSet
from locations.models import FilmCommission, Location, Studio
from locations.search import keyword_search
from tests import factories

pytestmark = pytest.mark.django_db

# Kyoto as a visitor may type it: half-width and full-width katakana, full-width romaji,
# hiragana, romaji in any case, kanji.
KYOTO = ["ｷｮｳﾄ", "キョウト", "ｋｙｏｔｏ", "きょうと", "kyoto", "KYOTO", "京都"]


@pytest.fixture
def places():
    """One record of each kind in Kyoto and one in Tokyo; none says "Kyoto" in its own text
    except the commission's English name, so the readings and width folding do the work."""
    kyoto, tokyo = factories.prefecture("kyoto"), factories.prefecture("tokyo")
    factories.LocationFactory(name="Kinkaku-ji", name_ja="金閣寺", prefecture=kyoto)
    factories.LocationFactory(name="Senso-ji", name_ja="浅草寺", prefecture=tokyo)
    factories.StudioFactory(name="Uzumasa Lot", name_ja="太秦撮影所", prefecture=kyoto)
    factories.StudioFactory(name="Chofu Lot", name_ja="調布撮影所", prefecture=tokyo)
    FilmCommission.objects.create(
        name="Kyoto Film Commission", name_ja="京都フィルムコミッション", prefecture=kyoto
    )
    FilmCommission.objects.create(name="Tokyo Location Box", prefecture=tokyo)


LISTS = {
    "/locations/": ("Kinkaku-ji", "Senso-ji"),
    "/studios/": ("Uzumasa Lot", "Chofu Lot"),
    "/film-commissions/": ("Kyoto Film Commission", "Tokyo Location Box"),
}
API_LISTS = {
    "/api/locations/": LISTS["/locations/"],
    "/api/studios/": LISTS["/studios/"],
    "/api/film-commissions/": LISTS["/film-commissions/"],
}


def api_names(response) -> list[str]:
    data = response.json()
    rows = data["results"] if isinstance(data, dict) else data
    return [row["name"] for row in rows]


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize("query", KYOTO)
@pytest.mark.parametrize("path", LISTS)
def test_every_list_finds_kyoto_however_it_is_typed(client, path, query):
    kyoto, tokyo = LISTS[path]
    response = client.get(path, {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert kyoto in html
    assert tokyo not in html


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize("query", KYOTO)
@pytest.mark.parametrize("path", API_LISTS)
def test_every_api_list_finds_kyoto_however_it_is_typed(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    assert api_names(response) == [API_LISTS[path][0]]


ADMIN_LISTS = {
    "location": LISTS["/locations/"],
    "studio": LISTS["/studios/"],
    "filmcommission": LISTS["/film-commissions/"],
}


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize("query", KYOTO)
@pytest.mark.parametrize("model_name", ADMIN_LISTS)
def test_the_admin_search_boxes_find_kyoto_however_it_is_typed(fixer_client, model_name, query):
    url = reverse(f"admin:locations_{model_name}_changelist")
    response = fixer_client.get(url, {"q": query})
    assert response.status_code == 200
    names = [obj.name for obj in response.context["cl"].result_list]
    assert names == [ADMIN_LISTS[model_name][0]]


@pytest.mark.usefixtures("places")
def test_the_admin_prefecture_autocomplete_folds_width(fixer_client):
    # Models without a stored search column: Django's search over search_fields, width-folded.
    query = {"app_label": "locations", "model_name": "location", "field_name": "prefecture"}
    response = fixer_client.get(reverse("admin:autocomplete"), {**query, "term": "ｋｙｏｔｏ"})
    assert [row["text"] for row in response.json()["results"]] == ["Kyoto (京都府)"]


@pytest.mark.usefixtures("places")
def test_kyoto_does_not_find_tokyo_nor_tokyo_kyoto():
    # 京都 is inside 東京都 and "kyo" inside "tokyo": prefecture names match from the start.
    for model in (Location, Studio, FilmCommission):
        assert keyword_search(model.objects.all(), "東京").count() == 1
        assert keyword_search(model.objects.all(), "とうきょう").count() == 1
        assert keyword_search(model.objects.all(), "きょう").count() == 1


def test_a_saved_commission_rebuilds_its_search_text():
    office = FilmCommission.objects.create(
        name="Kobe Film Office", city="Kobe", prefecture=factories.prefecture("hyogo")
    )
    office.name_ja = "神戸フィルムオフィス"
    office.save(update_fields=["name_ja"])
    office.refresh_from_db()
    assert office.search_text == "kobefilmoffice | 神戸ふぃるむおふぃす | kobe"


# Blank parameters: every list's parameters, all blank, are the list without parameters.

BLANK = {
    "/locations/": "q=&region=&prefecture=&category=&tag=&near=&radius_km=&sort=",
    "/locations.geojson": "q=&region=&prefecture=&category=&tag=&near=&radius_km=&sort=",
    "/studios/": "q=&region=&prefecture=&min_area=&min_length=&min_width=&min_height="
    "&tank=&cyclorama=&units=",
    "/studios.geojson": "q=&region=&prefecture=&min_area=&min_length=&min_width="
    "&min_height=&tank=&cyclorama=&units=",
    "/film-commissions/": "q=&prefecture=",
}
API_BLANK = {
    "/api/locations/": BLANK["/locations/"],
    "/api/studios/": BLANK["/studios/"],
    "/api/film-commissions/": BLANK["/film-commissions/"],
}


def listed(path: str, html: str) -> set[str]:
    names = {name for pair in LISTS.values() for name in pair}
    if path.endswith(".geojson"):
        return {f["properties"]["name"] for f in json.loads(html)["features"]}
    return {name for name in names if name in html}


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize("path", BLANK)
def test_blank_parameters_are_ignored_on_every_list(client, path):
    plain = client.get(path)
    blank = client.get(f"{path}?{BLANK[path]}")
    assert blank.status_code == plain.status_code == 200
    html = blank.content.decode()
    assert "errorlist" not in html
    assert listed(path, html) == listed(path, plain.content.decode())
    assert listed(path, html)  # not a comparison of two empty lists


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize("path", API_BLANK)
def test_blank_parameters_are_ignored_on_every_api_list(client, path):
    plain = client.get(path)
    blank = client.get(f"{path}?{API_BLANK[path]}")
    assert blank.status_code == plain.status_code == 200
    assert api_names(blank) == api_names(plain) != []


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize(
    ("filterset_class", "model", "query", "narrowed"),
    [
        (LocationFilterSet, Location, "prefecture=&prefecture=kyoto&region=", "prefecture=kyoto"),
        (StudioFilterSet, Studio, "region=&prefecture=kyoto&min_width=", "prefecture=kyoto"),
        (FilmCommissionFilterSet, FilmCommission, "q=ｷｮｳﾄ&prefecture=", "q=ｷｮｳﾄ"),
    ],
)
def test_a_blank_value_beside_a_real_one_changes_nothing(filterset_class, model, query, narrowed):
    def names(string):
        filterset = filterset_class(QueryDict(string), queryset=model.objects.all())
        assert filterset.is_valid(), filterset.errors
        return sorted(obj.name for obj in filterset.qs)

    assert names(query) == names(narrowed)
    assert len(names(narrowed)) == 1


@pytest.mark.parametrize("path", [*LISTS, *API_LISTS])
def test_an_overlong_keyword_is_refused_the_same_way_everywhere(client, path):
    response = client.get(path, {"q": "x" * 201})
    if path.startswith("/api/"):
        assert response.status_code == 400
        assert "q" in response.json()
    else:
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
