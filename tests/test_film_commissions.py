"""Film commissions: CSV import, who covers a location, the directory page and its include."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from locations.demo.commissions import load_commissions
from locations.models import FilmCommission, Prefecture
from tests import factories
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("restore_language")]

URL = "/film-commissions/"
HEADER = "name,name_ja,prefecture,city,website,email,phone,languages,permit_lead_days,notes\n"
SAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "film_commissions.csv"


def write_csv(tmp_path, rows: str, header: str = HEADER, encoding="utf-8") -> Path:
    path = tmp_path / "commissions.csv"
    path.write_text(header + rows, encoding=encoding)
    return path


def run_import(path, **options):
    call_command("import_film_commissions", str(path), **options)


def commission(name, prefecture=None, city="", **kwargs):
    return FilmCommission.objects.create(
        name=name,
        prefecture=factories.prefecture(prefecture) if prefecture else None,
        city=city,
        **kwargs,
    )


# Import.


def test_the_sample_file_imports_cleanly():
    run_import(SAMPLE)
    assert FilmCommission.objects.count() == 6
    kobe = FilmCommission.objects.get(name="Kobe Film Office")
    assert (kobe.prefecture.slug, kobe.city, kobe.website) == (
        "hyogo",
        "Kobe",
        "https://www.kobefilm.jp/",
    )
    assert FilmCommission.objects.get(name="Japan Film Commission").prefecture is None


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Kyoto", "kyoto"),
        ("京都府", "kyoto"),
        ("京都", "kyoto"),
        ("kyoto", "kyoto"),
        ("26", "kyoto"),
        ("ＫＹＯＴＯ", "kyoto"),
        ("01", "hokkaido"),
        ("北海道", "hokkaido"),
    ],
)
def test_a_prefecture_may_be_written_by_name_slug_or_jis_code(tmp_path, written, slug):
    run_import(write_csv(tmp_path, f"Test Office,テスト,{written},,,,,,,\n"))
    assert FilmCommission.objects.get(name="Test Office").prefecture.slug == slug


def test_importing_again_updates_without_duplicates(tmp_path):
    run_import(write_csv(tmp_path, "Test Office,テスト,Kyoto,,https://a.example/,,,Japanese,5,\n"))
    slug = FilmCommission.objects.get().slug
    run_import(
        write_csv(tmp_path, "Test Office,テスト,Kyoto,,https://b.example/,,,Japanese,7,Call\n")
    )
    office = FilmCommission.objects.get()
    assert (office.website, office.permit_lead_days, office.notes, office.slug) == (
        "https://b.example/",
        7,
        "Call",
        slug,
    )


def test_bad_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    commission("Existing Office", "tokyo", notes="unchanged")
    rows = (
        "Good Office,良い,Tokyo,,,,,,,\n"  # line 2: fine
        "Nowhere Office,,Atlantis,,,,,,,\n"  # line 3
        "Bad Link,,Tokyo,,not a url,,,,,\n"  # line 4
        "Bad Mail,,Tokyo,,,nobody@,,,,\n"  # line 5
        "Bad Days,,Tokyo,,,,,,soon,\n"  # line 6
        ",名無し,Tokyo,,,,,,,\n"  # line 7: no name
        "City Without Prefecture,,,Kobe,,,,,,\n"  # line 8
        "Good Office,重複,Osaka,,,,,,,\n"  # line 9: same name twice
        "Existing Office,,Tokyo,,,,,,-3,changed\n"  # line 10: negative days
    )
    with pytest.raises(CommandError) as error:
        run_import(write_csv(tmp_path, rows))
    message = str(error.value)
    for line in (3, 4, 5, 6, 7, 8, 9, 10):
        assert f"line {line}: " in message
    assert "line 2:" not in message
    assert "Atlantis" in message
    assert "website" in message
    assert "same name as line 2" in message
    assert list(FilmCommission.objects.values_list("name", "notes")) == [
        ("Existing Office", "unchanged")
    ]


def test_missing_columns_are_refused(tmp_path):
    with pytest.raises(CommandError, match="missing columns: city, website"):
        run_import(write_csv(tmp_path, "A,,Tokyo\n", header="name,name_ja,prefecture\n"))


def test_a_shift_jis_file_asks_for_its_encoding(tmp_path):
    path = write_csv(tmp_path, "神戸フィルムオフィス,,兵庫県,,,,,,,\n", encoding="cp932")
    with pytest.raises(CommandError, match="cp932"):
        run_import(path)
    run_import(path, encoding="cp932")
    assert FilmCommission.objects.get().prefecture.slug == "hyogo"


def test_a_dry_run_writes_nothing(tmp_path):
    run_import(write_csv(tmp_path, "Test Office,,Kyoto,,,,,,,\n"), dry_run=True)
    assert not FilmCommission.objects.exists()


def test_a_city_office_needs_its_prefecture_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        FilmCommission.objects.create(name="Floating", city="Kobe")


# Who covers a location.


@pytest.fixture
def hyogo_offices():
    return {
        "kobe": commission("Kobe Film Office", "hyogo", "Kobe", city_ja="神戸市"),
        "himeji": commission("Himeji Film Office", "hyogo", "Himeji"),
        "hyogo": commission("Hyogo Prefecture Office", "hyogo"),
        "national": commission("Japan Film Commission"),
        "osaka": commission("Osaka Film Council", "osaka"),
    }


@pytest.mark.parametrize(
    "municipality", ["Kobe", "Kobe City", "kobe-shi", "神戸市", "Chuo-ku, Kobe"]
)
def test_for_location_puts_the_city_first_then_prefecture_then_national(
    hyogo_offices, municipality
):
    location = factories.LocationFactory(prefecture=factories.prefecture("hyogo"))
    location.municipality = municipality
    names = [c.name for c in FilmCommission.objects.for_location(location)]
    assert names == ["Kobe Film Office", "Hyogo Prefecture Office", "Japan Film Commission"]


def test_for_location_without_a_city_office_gives_prefecture_then_national(hyogo_offices):
    location = factories.LocationFactory(
        prefecture=factories.prefecture("hyogo"), municipality="Ashiya"
    )
    names = [c.name for c in FilmCommission.objects.for_location(location)]
    assert names == ["Hyogo Prefecture Office", "Japan Film Commission"]


def test_for_location_elsewhere_gives_only_the_national_body(hyogo_offices):
    location = factories.LocationFactory(prefecture=factories.prefecture("aomori"))
    assert [c.name for c in FilmCommission.objects.for_location(location)] == [
        "Japan Film Commission"
    ]


def test_for_prefecture_puts_prefecture_wide_offices_first(hyogo_offices):
    names = [c.name for c in FilmCommission.objects.for_prefecture(factories.prefecture("hyogo"))]
    assert names == [
        "Hyogo Prefecture Office",
        "Himeji Film Office",
        "Kobe Film Office",
        "Japan Film Commission",
    ]


# The directory page.


def test_the_directory_lists_national_first_then_north_to_south(client):
    load_commissions()
    html = client.get(URL).content.decode()
    order = [
        "Japan Film Commission",
        "Sapporo Film Commission",
        "Tokyo Location Box",
        "Osaka Film Council",
        "Kobe Film Office",
        "Okinawa Film Office",
    ]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Kansai · Hyogo" in html
    assert "Apply about 14 days ahead" in html
    assert "(verified Nov. 24, 2026)" in html
    assert "(not yet verified)" in html


def test_filtering_by_prefecture_keeps_the_national_body(client):
    load_commissions()
    html = client.get(URL, {"prefecture": "hyogo"}).content.decode()
    assert "Kobe Film Office" in html
    assert "Japan Film Commission" in html
    assert "Tokyo Location Box" not in html


@pytest.mark.parametrize("query", ["神戸", "kobe", "ＫＯＢＥ"])
def test_searching_in_either_script(client, query):
    load_commissions()
    html = client.get(URL, {"q": query}).content.decode()
    assert "Kobe Film Office" in html
    assert "Tokyo Location Box" not in html


def test_an_unknown_prefecture_is_a_form_error(client):
    load_commissions()
    response = client.get(URL, {"prefecture": "atlantis"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist' in html
    assert "Kobe Film Office" not in html


@pytest.mark.parametrize("count", [1, 30])
def test_the_directory_needs_few_queries(client, django_assert_max_num_queries, count):
    prefectures = list(Prefecture.objects.all())
    for n in range(count):
        commission(f"Office {n}", prefectures[n % 47].slug, notes="sample")
    with django_assert_max_num_queries(2):  # commissions with places, prefecture choices
        assert client.get(URL).status_code == 200


@pytest.mark.usefixtures("japanese_catalogue")
def test_the_directory_in_japanese(client):
    load_commissions()
    html = client.get(URL, headers={"accept-language": "ja"}).content.decode()
    assert '<html lang="ja">' in html
    assert "<h1>フィルムコミッション</h1>" in html
    assert "関西 · 兵庫県" in html
    assert "神戸フィルムオフィス" in html
    assert "14 日前までに申請" in html


# The include for location and prefecture pages.


def test_the_include_says_who_to_ask_and_how_long_it_takes():
    load_commissions()
    location = factories.LocationFactory(municipality="Shibuya")
    html = render_to_string(
        "includes/film_commissions.html",
        {"film_commissions": FilmCommission.objects.for_location(location)},
    )
    assert "Who to ask about permits here, and how long it takes" in html
    assert html.index("Tokyo Location Box") < html.index("Japan Film Commission")
    assert "Police road-use permission takes about 3–5 days" in html
    assert reverse("film_commissions:list") in html


def test_the_include_without_commissions():
    html = render_to_string("includes/film_commissions.html", {"film_commissions": []})
    assert "No film commission is recorded for this area yet." in html


# Demo data and admin.


def test_demo_commissions_load_idempotently():
    first, second = load_commissions(), load_commissions()
    assert (first.created, second.unchanged, second.updated) == (6, 6, 0)
    assert FilmCommission.objects.count() == 6
    okinawa = FilmCommission.objects.get(name="Okinawa Film Office")
    assert okinawa.permit_lead_days == 14
    assert "seal" in okinawa.notes
    assert all(not (c.phone or c.email) for c in FilmCommission.objects.all())


def test_fixers_edit_and_search_film_commissions_in_the_admin(fixer_client):
    load_commissions()
    url = reverse("admin:locations_filmcommission_changelist")
    html = fixer_client.get(url, {"q": "神戸"}).content.decode()
    assert "Kobe Film Office" in html
    assert "Tokyo Location Box" not in html
    assert fixer_client.get(reverse("admin:locations_filmcommission_add")).status_code == 200


def test_a_place_page_shows_an_edited_commission_at_once(client):
    """A place's page is shared by visitors per catalogue version: editing a film commission
    (a new lead time, say) sets a new version, so the next visitor sees the edit."""
    office = commission("Kyoto Film Office", "kyoto", permit_lead_days=10)
    place = factories.LocationFactory(name="Nijo Castle", prefecture=factories.prefecture("kyoto"))
    assert "Apply about 10 days ahead" in client.get(place.get_absolute_url()).content.decode()
    office.permit_lead_days = 21
    office.save()
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Apply about 21 days ahead" in page and "Apply about 10 days" not in page
    office.delete()
    assert "Kyoto Film Office" not in client.get(place.get_absolute_url()).content.decode()


def test_a_shared_commissions_section_is_each_places_own(client):
    """The section is rendered once per list of commissions and language, and shared by the
    places that list the same ones."""
    commission("Kyoto Film Office", "kyoto", name_ja="京都フィルムオフィス")
    commission("Tokyo Location Box", "tokyo")
    commission("Japan Film Commission")

    def section(place, **headers):
        page = client.get(place.get_absolute_url(), headers=headers).content.decode()
        return page[page.index('<section class="film-commissions"') :].split("</section>")[0]

    kyoto = [
        factories.LocationFactory(name=name, prefecture=factories.prefecture("kyoto"))
        for name in ("Nijo Castle", "Tofuku-ji")
    ]
    tokyo = factories.LocationFactory(name="Tokyo Tower", prefecture=factories.prefecture("tokyo"))
    assert section(kyoto[0]) == section(kyoto[1])
    assert "Kyoto Film Office" in section(kyoto[0]) and "Tokyo Location Box" not in section(
        kyoto[1]
    )
    assert "Tokyo Location Box" in section(tokyo) and "Kyoto Film Office" not in section(tokyo)
    assert "Japan Film Commission" in section(tokyo)
    japanese = section(kyoto[1], accept_language="ja")
    assert "京都フィルムオフィス" in japanese and "Who to ask about permits" not in japanese
