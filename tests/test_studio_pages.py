"""The studio pages over HTTP: list, detail, stage comparison and GeoJSON."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from locations.models import ReferenceStage, Status
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("studios:list")
COMPARE = reverse("studios:compare")
GEOJSON = reverse("studios:geojson")


_stage = factories.stage


@pytest.fixture
def toho():
    """A studio with the two published 41.4 × 32 m floors (1,325 m² as published)."""
    studio = factories.StudioFactory(
        name="Toho Studios",
        name_ja="東宝スタジオ",
        slug="toho-studios",
        is_sample=False,
        source="Japanese Wikipedia, 東宝スタジオ",
        contact_name="Ms Contact",
        contact_email="stages@example.com",
    )
    for name in ("Stage 8", "Stage 9"):
        _stage(studio, name, "41.4", "32", area_m2=Decimal("1325"), is_sample=False)
    return studio


@pytest.fixture
def mixed():
    """A studio with a 1,200 m² low stage and a small tall one, and a smaller tall studio."""
    big = factories.StudioFactory(name="Big Low Studio")
    _stage(big, "Big low", "40", "30", "6")
    _stage(big, "Small tall", "10", "10", "15")
    other = factories.StudioFactory(name="Tall Studio")
    _stage(other, "Tall", "30", "20", "14")
    return big, other


def get_ok(url, client=None) -> str:
    """The page's HTML, after checking it answered 200 (a fresh visitor unless `client`)."""
    response = (client or Client()).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _card_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title">\s*<a href="[^"]+">([^<]+)</a>', html)


# The list


def test_the_list_shows_studios_largest_stage_first(toho, mixed):
    response = get_ok(LIST)
    assert _card_names(response) == ["Toho Studios", "Big Low Studio", "Tall Studio"]
    assert "3 studios" in response


def test_the_list_shows_each_cards_matching_stages_only(mixed):
    html = get_ok(LIST + "?min_height=12")
    assert _card_names(html) == ["Big Low Studio", "Tall Studio"]
    assert "Small tall" in html and "Big low" not in html
    assert "10 × 10 × 15 m" in html


def test_a_big_low_stage_and_a_small_tall_one_are_not_a_big_tall_stage(mixed):
    html = get_ok(LIST + "?min_area=1000&min_height=12")
    assert _card_names(html) == []
    assert "No studio has one stage that meets all of these figures." in html


def test_the_list_shows_sizes_in_feet_when_chosen(toho):
    html = get_ok(LIST + "?units=ft")
    assert "135.8 × 105 ft" in html
    assert "14,262 sq ft" in html
    assert "1,325 m²" not in html


def test_the_list_marks_sample_data(mixed):
    assert 'class="badge badge-sample"' in get_ok(LIST)


def test_the_form_keeps_its_values_and_active_filters_are_removable_chips(mixed):
    html = get_ok(LIST + "?min_area=500&region=kanto&tank=false")
    assert 'name="min_area" value="500"' in html
    assert re.search(r'<input[^>]+value="kanto"[^>]+checked', html)
    assert re.search(r'<option value="false" selected>', html)
    assert 'href="?region=kanto&amp;tank=false&amp;units=m"' in html  # removes the area chip


def test_pagination_keeps_the_filters(settings, mixed):
    settings.STUDIOS_PER_PAGE = 1
    html = get_ok(LIST + "?min_height=12")
    assert 'href="?min_height=12&amp;page=2"' in html


@pytest.mark.parametrize("number", ["2", "999", "abc", "-1", "1e9", "%00"])
def test_any_page_number_gets_a_page(settings, mixed, client, number):
    settings.STUDIOS_PER_PAGE = 1
    assert client.get(LIST + "?page=" + number).status_code == 200


def test_the_units_switch_keeps_the_search_with_converted_figures(mixed):
    html = get_ok(LIST + "?min_length=40&units=m")
    assert 'href="?min_length=131.23&amp;units=ft"' in html


def test_an_htmx_request_gets_the_results_partial(mixed, client):
    response = client.get(LIST + "?min_height=12", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Big Low Studio" in html
    assert "HX-Request" in response["Vary"]


def test_the_map_uses_the_geojson_with_the_same_filters(mixed):
    html = get_ok(LIST + "?min_height=12&page=1")
    assert f'data-geojson-url="{GEOJSON}?min_height=12"' in html


@pytest.mark.parametrize(
    "query",
    [
        "min_area=-1",
        "min_area=nan",
        "min_length=inf",
        "min_height=1e400",
        "min_width=99999999999999999999999",
        "min_area=%00",
        "tank=maybe",
        "cyclorama=1",
        "units=yards",
        "region=atlantis",
        "prefecture=%00",
        "q=%00",
        "q=%E4%BA%AC%E9%83%BD&q=%00",
        "min_area=1&min_area=abc",
    ],
)
def test_bad_input_shows_a_form_error_never_a_500(mixed, client, query):
    response = client.get(LIST + "?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html or "errorlist" in html
    assert _card_names(html) == []
    geojson = client.get(GEOJSON + "?" + query)
    assert geojson.status_code == 400
    assert "errors" in geojson.json()


def test_the_list_query_count_does_not_grow_with_the_studios(client, django_assert_max_num_queries):
    studio = factories.StudioFactory()
    factories.PhotoFactory(location=None, studio=studio)
    _stage(studio, "A", "30", "20", "10")

    # The matches' keys, the page of studios (a few columns), their listed stages' keys;
    # for cards not drawn yet their full rows, stages and photos; the regions and
    # prefectures the form offers and checks (read once per catalogue version: the new
    # studios below set a new one).
    with django_assert_max_num_queries(8) as one:
        client.get(LIST + "?min_height=5&region=kanto")
    for _ in range(19):
        other = factories.StudioFactory()
        factories.PhotoFactory(location=None, studio=other)
        _stage(other, "A", "30", "20", "10")
        _stage(other, "B", "20", "20", "10")
    with django_assert_max_num_queries(len(one.captured_queries)) as twenty:
        response = client.get(LIST + "?min_height=5&region=kanto")
    assert len(_card_names(response.content.decode())) == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)
    # Another search listing the same stages: every card is drawn, only keys are read.
    with django_assert_max_num_queries(3):
        response = client.get(LIST + "?min_height=4&region=kanto")
    assert len(_card_names(response.content.decode())) == 20


# Drafts


def test_drafts_are_hidden_from_visitors_everywhere(client, toho):
    draft = factories.StudioFactory(name="Secret Studio", slug="secret", status=Status.DRAFT)
    secret_stage = _stage(draft, "Secret stage", "99", "60")
    assert "Secret Studio" not in get_ok(LIST)
    assert "Secret Studio" not in client.get(GEOJSON).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    compared = client.get(COMPARE + f"?stage={secret_stage.pk}")
    assert "Secret stage" not in compared.content.decode()
    assert "not found or is not published" in compared.content.decode()


def test_staff_see_drafts_marked_as_drafts(fixer_client):
    draft = factories.StudioFactory(name="Secret Studio", slug="secret", status=Status.DRAFT)
    stage = _stage(draft, "Secret stage", "99", "60")
    html = fixer_client.get(LIST).content.decode()
    assert "Secret Studio" in html and 'class="badge badge-draft"' in html
    assert "Secret Studio" in fixer_client.get(GEOJSON).content.decode()
    detail = fixer_client.get(draft.get_absolute_url()).content.decode()
    assert 'class="badge badge-draft"' in detail
    assert "Secret stage" in fixer_client.get(COMPARE + f"?stage={stage.pk}").content.decode()


# A studio


def test_the_stage_table_shows_both_areas_whatever_the_units(client, toho):
    metres = get_ok(toho.get_absolute_url() + "?units=m")
    feet = get_ok(toho.get_absolute_url() + "?units=ft")
    for html in (metres, feet):
        assert html.count("1,325 m²") == 2
        assert html.count("14,262 sq ft") == 2
    assert "41.4 × 32 m" in metres
    assert "135.8 × 105 ft" in feet


def test_each_stage_shows_its_source_and_check_date(toho):
    html = get_ok(toho.get_absolute_url())
    assert "checked 24 Nov 2026" not in html  # the factory's stages have no date …
    stage = toho.stages.get(name="Stage 8")
    stage.source = "https://example.org/toho-stage-8"
    stage.verified_on = "2026-11-24"
    stage.save()
    html = get_ok(toho.get_absolute_url())
    assert 'href="https://example.org/toho-stage-8"' in html
    assert "checked 24 Nov 2026" in html


def test_the_private_contact_is_for_staff_only(fixer_client, toho):
    toho.contact_phone = "03 3749 0000"
    toho.save()
    visitor = get_ok(toho.get_absolute_url())
    assert "Ms Contact" not in visitor and "stages@example.com" not in visitor
    assert "3749" not in visitor
    html = fixer_client.get(toho.get_absolute_url()).content.decode()
    assert 'class="private"' in html and "Ms Contact" in html
    # One tap to call from the field: the number without its spaces, as on a location's page.
    assert 'href="tel:0337490000"' in html


def test_a_japanese_page_shows_the_japanese_name_first(client, toho):
    html = client.get(toho.get_absolute_url(), headers={"Accept-Language": "ja"})
    text = html.content.decode()
    assert text.index("東宝スタジオ") < text.index("Toho Studios</span>")


def test_an_unknown_studio_is_404(client):
    assert client.get(reverse("studios:detail", kwargs={"slug": "nowhere"})).status_code == 404


def test_each_stage_row_can_be_ticked_for_comparison(toho):
    html = get_ok(toho.get_absolute_url())
    assert f'action="{COMPARE}"' in html
    for stage in toho.stages.all():
        assert f'name="stage" value="{stage.pk}"' in html


# Comparison


def _plan_widths(html: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect class="plan-floor"[^>]* width="([\d.]+)"', html)]


def test_compared_stages_are_drawn_to_one_scale(client, toho, mixed):
    stage_8 = toho.stages.get(name="Stage 8")
    tall = mixed[1].stages.get()
    html = get_ok(COMPARE + f"?stage={stage_8.pk}&stage={tall.pk}")
    widths = _plan_widths(html)  # stage 8, tall, then Pinewood 007 (114 m), Korda 5 (59.6 m)
    assert len(widths) == 4
    assert widths[2] == 592  # the longest floor fills the drawing (600 less padding)
    assert widths[0] / widths[2] == pytest.approx(41.4 / 114, abs=0.001)
    assert widths[1] / widths[2] == pytest.approx(30 / 114, abs=0.001)
    assert widths[3] / widths[2] == pytest.approx(59.6 / 114, abs=0.001)


def test_a_floor_published_only_as_an_area_is_drawn_as_a_square(client):
    stage = _stage(factories.StudioFactory(), "Stage 7", None, None, area_m2=Decimal("626"))
    html = get_ok(COMPARE + f"?stage={stage.pk}")
    match = re.search(r'<rect class="plan-floor"[^>]* width="([\d.]+)" height="([\d.]+)"', html)
    assert match.group(1) == match.group(2)
    assert float(match.group(1)) == pytest.approx(626**0.5 * 592 / 114, abs=0.1)
    assert "area only" in html


def test_reference_stages_abroad_are_shown_with_their_source(client):
    html = get_ok(COMPARE)
    for reference in ReferenceStage.objects.all():
        assert reference.studio in html and reference.name in html
    assert "https://pinewoodgroup.com/studios/pinewood-studios/stages-facilities/stages/" in html
    assert "English Wikipedia, Korda Studios" in html
    assert "24 Nov 2026" in html
    assert "5,490 m²" in html and "59,094 sq ft" in html


def test_no_stages_explains_how_to_tick_them(client):
    html = get_ok(COMPARE)
    assert "No stages ticked yet" in html
    assert "tick the stages you want to compare" in html


@pytest.mark.parametrize(
    "value", ["abc", "-1", "0", "1.5", "%00", "99999999999999999999999", "", "1e3"]
)
def test_unusable_stage_ids_are_left_out_with_a_message(client, toho, value):
    stage = toho.stages.get(name="Stage 8")
    response = client.get(COMPARE + f"?stage={stage.pk}&stage={value}")
    assert response.status_code == 200
    html = response.content.decode()
    assert _plan_widths(html)[0] > 0 and "Stage 8" in html
    if value:
        assert "1 requested stage was not found or is not published" in html


def test_the_comparison_is_remembered_so_stages_can_be_added_from_another_studio(
    client, toho, mixed
):
    stage_8 = toho.stages.get(name="Stage 8")
    client.get(COMPARE + f"?stage={stage_8.pk}")
    other = mixed[1]
    html = get_ok(other.get_absolute_url(), client)
    # The other studio's compare form keeps Toho's stage ticked, so one more tick adds to it.
    assert re.search(rf'name="stage" value="{stage_8.pk}"[^>]*checked', html)
    assert "Also in your comparison" in html
    assert "1 stage ticked for comparison" in get_ok(LIST, client)


def test_the_compare_page_shows_sizes_in_the_remembered_units(client, toho):
    client.get(LIST + "?units=ft")
    stage = toho.stages.get(name="Stage 8")
    html = get_ok(COMPARE + f"?stage={stage.pk}", client)
    assert "135.8 × 105 ft" in html
    assert "Scale: the bar is" in html and " ft" in html


# Units remembered for the visit


def test_the_chosen_units_are_remembered_for_the_visit(client, toho):
    client.get(LIST + "?units=ft")
    assert client.session["units"] == "ft"
    assert "135.8 × 105 ft" in get_ok(toho.get_absolute_url(), client)
    client.get(LIST + "?units=m")
    assert "41.4 × 32 m" in get_ok(toho.get_absolute_url(), client)


# GeoJSON


def test_the_geojson_agrees_with_the_html_list(client, toho, mixed):
    factories.StudioFactory(name="Unplaced", latitude=None, longitude=None)
    for query in ("", "?min_height=12", "?min_area=1000", "?q=toho"):
        listed = [n for n in _card_names(get_ok(LIST + query)) if n != "Unplaced"]
        response = client.get(GEOJSON + query)
        assert response["Content-Type"] == "application/geo+json"
        names = [f["properties"]["name"] for f in response.json()["features"]]
        assert names == listed


def test_the_geojson_features_have_names_links_and_coordinates(client, toho):
    data = client.get(GEOJSON).json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [139.6, 35.64]}
    props = feature["properties"]
    assert props["name"] == "Toho Studios" and props["name_ja"] == "東宝スタジオ"
    assert props["url"] == "/studios/toho-studios/"
    assert props["largest_stage_m2"] == 1325.0
    assert props["prefecture"] == "Tokyo"


def test_the_geojson_is_not_paginated(client, settings):
    settings.STUDIOS_PER_PAGE = 2
    for _ in range(5):
        factories.StudioFactory()
    assert len(client.get(GEOJSON + "?page=2").json()["features"]) == 5
