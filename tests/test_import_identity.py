"""Place identity in imports: same-name places, `ref`, municipality, and optional columns."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from locations.importers import LocationImporter
from locations.models import Compass, Location, Power, Tag
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "ref,name,name_ja,category,prefecture,municipality,latitude,longitude,tags"


def run(text: str, **kwargs):
    return LocationImporter().run(text, **kwargs)


def history_rows() -> int:
    return Location.history.count()


def test_same_name_places_in_one_prefecture_import_with_readable_slugs():
    text = f"""{HEADER}
,Hachiman-jinja,八幡神社,shrine,Kanagawa,Fujisawa,35.34,139.49,
,Hachiman-jinja,八幡神社,shrine,Kanagawa,Kamakura,35.32,139.55,
"""
    report = run(text)
    assert report.ok, report.errors
    slugs = sorted(Location.objects.values_list("slug", flat=True))
    assert slugs == ["hachiman-jinja", "hachiman-jinja-kamakura"]


def test_rows_with_refs_are_separate_places_even_in_one_municipality():
    text = f"""{HEADER}
ST-0101,Hachiman-jinja,八幡神社,shrine,Kanagawa,Kamakura,35.32,139.55,
ST-0102,Hachiman-jinja,八幡神社,shrine,Kanagawa,Kamakura,35.33,139.56,
"""
    assert run(text).ok
    places = Location.objects.order_by("ref")
    assert [(p.ref, p.slug) for p in places] == [
        ("ST-0101", "hachiman-jinja"),
        ("ST-0102", "hachiman-jinja-kamakura"),
    ]


def test_importing_the_same_file_twice_changes_nothing():
    text = f"""{HEADER}
ST-0101,Hachiman-jinja,八幡神社,shrine,Kanagawa,Kamakura,35.32,139.55,shrine;sample
ST-0102,Hachiman-jinja,八幡神社,shrine,Kanagawa,Kamakura,35.33,139.56,
,Hachiman-jinja,八幡神社,shrine,Kanagawa,Fujisawa,35.34,139.49,
"""
    assert run(text).ok
    before = (history_rows(), list(Location.objects.values_list("pk", "updated_at")))
    again = run(text)
    assert again.summary() == "locations: 0 new, 0 updated, 3 unchanged"
    assert (history_rows(), list(Location.objects.values_list("pk", "updated_at"))) == before


def test_two_rows_for_the_same_place_without_refs_name_both_lines():
    text = f"""{HEADER}
,Hachiman-jinja,,shrine,Kanagawa,Kamakura,,,
,Inari-jinja,,shrine,Kanagawa,Kamakura,,,
,Hachiman-jinja,,shrine,Kanagawa,Kamakura,,,
"""
    report = run(text)
    assert [str(e) for e in report.errors] == [
        "line 4: same name, prefecture and municipality as line 2: give each row a ref "
        "(its own id) to import both"
    ]
    assert not Location.objects.exists()


def test_the_same_ref_twice_names_both_lines():
    text = f"""{HEADER}
A1,Hachiman-jinja,,shrine,Kanagawa,Kamakura,,,
A1,Inari-jinja,,shrine,Kanagawa,Zushi,,,
"""
    assert [str(e) for e in run(text).errors] == ['line 3: same ref "A1" as line 2']


def test_a_row_matching_two_stored_places_names_them_and_imports_nothing():
    kanagawa = factories.prefecture("kanagawa")
    for ref in ("A1", "A2"):
        factories.LocationFactory(
            name="Hachiman-jinja", prefecture=kanagawa, municipality="Kamakura", ref=ref
        )
    text = f"""{HEADER}
,Tsurugaoka Hachimangu,,shrine,Kanagawa,Kamakura,,,
,Hachiman-jinja,,shrine,Kanagawa,Kamakura,,,
"""
    report = run(text)
    assert [str(e) for e in report.errors] == [
        "line 3: matches 2 stored places (hachiman-jinja, hachiman-jinja-kamakura): "
        "add a ref column to say which, or tell them apart by municipality"
    ]
    assert Location.objects.count() == 2


def test_a_first_import_with_refs_adopts_the_places_imported_without():
    first = f"""{HEADER}
,Hachiman-jinja,,shrine,Kanagawa,Kamakura,,,
"""
    assert run(first).ok
    place = Location.objects.get()
    with_ref = first.replace(",Hachiman-jinja,,", "KFC-7,Hachiman-jinja,八幡神社,")
    report = run(with_ref)
    assert report.summary() == "locations: 0 new, 1 updated, 0 unchanged"
    place.refresh_from_db()
    assert (place.ref, place.name_ja) == ("KFC-7", "八幡神社")
    # From now on the ref identifies it, whatever else the row says.
    renamed = with_ref.replace("Kamakura", "Kamakura-shi")
    assert run(renamed).summary() == "locations: 0 new, 1 updated, 0 unchanged"
    assert Location.objects.get().municipality == "Kamakura-shi"


def test_a_new_place_of_a_stored_name_is_noted_for_the_fixer():
    factories.LocationFactory(
        name="Hachiman-jinja", prefecture=factories.prefecture("kanagawa"), municipality="Zushi"
    )
    report = run(f"{HEADER}\n,Hachiman-jinja,,shrine,Kanagawa,Kamakura,,,\n", dry_run=True)
    assert report.ok
    assert [str(n) for n in report.notes] == [
        "line 2: a new place: 1 stored place(s) of this name in the prefecture "
        "(hachiman-jinja (Zushi)); if this row is one of them, give it its ref"
    ]


def test_a_station_file_with_same_name_stations_imports_from_the_command_line(tmp_path):
    """Eleven names used twice in one prefecture, as in Japan's station list (8,463 rows;
    `make bench`-sized files are timed in docs/performance.md, not here)."""
    lines = [HEADER]
    for i in range(1500):
        name = f"Sample Station {i % 1489}"
        lines.append(f"ST{i:05d},{name},,transport,Osaka,Town {i},34.6,135.5,station")
    path = tmp_path / "stations.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_catalogue", "locations", str(path), stdout=out, stderr=io.StringIO())
    assert "locations: 1500 new, 0 updated, 0 unchanged" in out.getvalue()
    assert Location.objects.filter(name="Sample Station 3").count() == 2
    assert Tag.objects.get(name="station").locations.count() == 1500
    # The search column holds the tag (the links were made in bulk, without signals).
    assert Location.objects.search("station").count() == 1500
    out = io.StringIO()
    call_command("import_catalogue", "locations", str(path), stdout=out, stderr=io.StringIO())
    assert "locations: 0 new, 0 updated, 1500 unchanged" in out.getvalue()


EXTRA_HEADER = (
    "name,category,prefecture,municipality,permit_lead_days,view_facing,power,"
    "noise_trains,featured,verified_on,name_kana,description_ja"
)


def test_optional_columns_set_their_fields_and_absent_ones_are_kept():
    place = factories.LocationFactory(
        name="Kiyomizu-dera",
        prefecture=factories.prefecture("kyoto"),
        municipality="Kyoto",
        permit_authority="Temple office",
        description="Stored description.",
    )
    text = f"""{EXTRA_HEADER}
Kiyomizu-dera,temple,Kyoto,Kyoto,10,W,three,yes,yes,2026-11-30,きよみずでら,京都の寺。
"""
    report = run(text)
    assert report.ok, report.errors
    place.refresh_from_db()
    assert (place.permit_lead_days, place.view_facing, place.power) == (10, Compass.W, Power.THREE)
    assert (place.noise_trains, place.featured) == (True, True)
    assert place.verified_on == datetime.date(2026, 11, 30)
    assert (place.name_kana, place.description_ja) == ("きよみずでら", "京都の寺。")
    # Columns the file does not have are left alone.
    assert (place.permit_authority, place.description) == ("Temple office", "Stored description.")


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("-3,,,,,,,", 'line 2: permit_lead_days "-3" is not a whole number of 0 or more'),
        (",up,,,,,,", 'line 2: view_facing "up" is not one of N, NE, E, SE, S, SW, W, NW'),
        (",,,,,30/11/2026,,", 'line 2: verified_on "30/11/2026" is not a date (YYYY-MM-DD)'),
        (",,,maybe,,,,", 'line 2: noise_trains "maybe" is not yes or no'),
    ],
)
def test_a_bad_optional_cell_is_named(cells, message):
    text = f"{EXTRA_HEADER}\nKiyomizu-dera,temple,Kyoto,Kyoto,{cells}\n"
    report = run(text)
    assert [str(e) for e in report.errors] == [message]
    assert not Location.objects.exists()


def test_a_choice_may_be_written_as_its_label_in_either_language():
    text = f"{EXTRA_HEADER}\nKiyomizu-dera,temple,Kyoto,Kyoto,,north-east,,,,,,\n"
    assert run(text).ok
    assert Location.objects.get().view_facing == Compass.NE


def test_an_exported_file_with_every_column_imports_back_unchanged(admin_client):
    place = factories.LocationFactory(
        ref="KFC-1",
        name_kana="さんぷる",  # empty readings would be filled with suggestions
        name_romaji="Sanpuru",
        permit_lead_days=5,
        view_facing=Compass.SE,
        noise_traffic=True,
        verified_on=datetime.date(2026, 10, 1),
        permit_notes="=HYPERLINK(evil)",
    )
    place.tags.add(factories.TagFactory(name="neon"))
    response = admin_client.get("/admin/locations/location/export/")
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("ref,name,name_ja,category")
    assert "'=HYPERLINK(evil)" in body  # formula-escaped, and unescaped on import
    report = run(body)
    assert report.summary() == "locations: 0 new, 0 updated, 1 unchanged", report.outcomes


def test_the_command_refuses_a_file_that_would_duplicate_a_place(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(
        f"{HEADER}\n,Hachiman-jinja,,shrine,Kanagawa,,,,\n,Hachiman-jinja,,shrine,Kanagawa,,,,\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_catalogue", "locations", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 3: same name, prefecture and municipality as line 2" in err.getvalue()
