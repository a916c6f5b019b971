"""Bulk import and export: the command, the admin's preview + confirm, and the round trip."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.importers import (
    LOCATION_COLUMNS,
    STUDIO_COLUMNS,
    LocationImporter,
    StudioImporter,
)
from locations.models import Job, Location, Soundstage, Status, Studio, Tag
from tests import factories

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
LOCATION_HEADER = ",".join(LOCATION_COLUMNS)
STUDIO_HEADER = ",".join(STUDIO_COLUMNS)

LOCATIONS = f"""{LOCATION_HEADER}
Kinkaku-ji,金閣寺,temple,Kyoto,Kyoto,"1 Kinkakujicho, Kita Ward",35.039370,135.729243,\
The Golden Pavilion.,gold;pond,published
Dotonbori,道頓堀,street,大阪府,Osaka,,34.668723,135.501295,Canal-side neon street.,neon;night,draft
"""

STUDIOS = f"""{STUDIO_HEADER}
Sample Studio East,サンプル東スタジオ,Tokyo,Setagaya,35.640000,139.600000,https://example.com/,\
Stage A,40,25,12,,no,yes,review
Sample Studio East,,,,,,,Stage B,30,20,10,550,yes,no,
Sample Studio West,サンプル西スタジオ,26,Kyoto,35.010000,135.700000,,Stage 1,24,18,9,,false,1,draft
"""


def write(tmp_path, text, name="file.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run_command(kind, path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", kind, str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def failing_command(kind, path):
    """Run the command expecting failure; return its error lines."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_catalogue", kind, str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


def counts():
    return (
        Location.objects.count(),
        Tag.objects.count(),
        Studio.objects.count(),
        Soundstage.objects.count(),
    )


# Happy paths


def test_locations_import_from_the_command_line(tmp_path):
    output = run_command("locations", write(tmp_path, LOCATIONS))
    assert "locations: 2 new, 0 updated, 0 unchanged" in output
    kinkakuji = Location.objects.get(name="Kinkaku-ji")
    assert kinkakuji.prefecture.slug == "kyoto"
    assert kinkakuji.category.slug == "temple"
    assert kinkakuji.address == "1 Kinkakujicho, Kita Ward"
    assert (kinkakuji.latitude, kinkakuji.longitude) == (
        Decimal("35.039370"),
        Decimal("135.729243"),
    )
    assert sorted(t.name for t in kinkakuji.tags.all()) == ["gold", "pond"]
    assert kinkakuji.status == Status.PUBLISHED
    assert (kinkakuji.name_kana, kinkakuji.name_romaji) == ("きんかくじ", "Kinkakuji")
    assert Location.objects.get(name="Dotonbori").prefecture.slug == "osaka"


def test_studios_import_one_row_per_stage(tmp_path):
    output = run_command("studios", write(tmp_path, STUDIOS))
    assert "studios: 2 new" in output and "stages: 3 new" in output
    east = Studio.objects.get(name="Sample Studio East")
    assert (east.prefecture.slug, east.status, east.website) == (
        "tokyo",
        Status.REVIEW,
        "https://example.com/",
    )
    stages = {s.name: s for s in east.stages.all()}
    assert stages["Stage A"].floor_area_m2 == Decimal("1000")
    assert (stages["Stage A"].tank, stages["Stage A"].cyclorama) == (False, True)
    assert stages["Stage B"].floor_area_m2 == Decimal("550")
    assert (stages["Stage B"].tank, stages["Stage B"].cyclorama) == (True, False)
    assert (east.stage_count, east.largest_stage_m2) == (2, Decimal("1000"))
    west = Studio.objects.get(name="Sample Studio West")
    assert west.prefecture.slug == "kyoto"
    assert west.stages.get().cyclorama is True


@pytest.mark.parametrize(
    "written",
    ["Kyoto", "kyoto", "KYOTO", "京都府", "京都", "26", "Kyoto Prefecture", "Kyoto-fu", "２６"],
)
def test_a_prefecture_may_be_written_many_ways(tmp_path, written):
    text = f"{LOCATION_HEADER}\nKinkaku-ji,,temple,{written},,,,,,,\n"
    run_command("locations", write(tmp_path, text))
    assert Location.objects.get().prefecture.slug == "kyoto"


@pytest.mark.parametrize("written", ["1", "01", "Hokkaido", "北海道"])
def test_jis_codes_with_or_without_the_leading_zero(tmp_path, written):
    text = f"{LOCATION_HEADER}\nShiretoko,,nature,{written},,,,,,,\n"
    run_command("locations", write(tmp_path, text))
    assert Location.objects.get().prefecture.slug == "hokkaido"


@pytest.mark.parametrize("written", ["temple", "Temple", "TEMPLE", "寺院"])
def test_a_category_may_be_its_slug_or_name(tmp_path, written):
    text = f"{LOCATION_HEADER}\nKinkaku-ji,,{written},Kyoto,,,,,,,\n"
    run_command("locations", write(tmp_path, text))
    assert Location.objects.get().category.slug == "temple"


def test_an_excel_file_with_a_byte_order_mark_imports(tmp_path):
    run_command("locations", write(tmp_path, LOCATIONS, encoding="utf-8-sig"))
    assert Location.objects.count() == 2


def test_existing_tags_are_reused_whatever_their_case(tmp_path):
    factories.TagFactory(name="Neon")
    run_command("locations", write(tmp_path, LOCATIONS))
    assert list(Location.objects.get(name="Dotonbori").tags.values_list("name", flat=True)) == [
        "Neon",
        "night",
    ]
    assert Tag.objects.filter(name__iexact="neon").count() == 1


def test_the_dry_run_saves_nothing(tmp_path):
    output = run_command("locations", write(tmp_path, LOCATIONS), "--dry-run")
    assert "Dry run" in output and "2 new" in output
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("name", ["locations.csv", "studios.csv"])
def test_the_documented_examples_import_cleanly(name):
    kind = name.removesuffix(".csv")
    output = run_command(kind, EXAMPLES / name)
    assert "0 updated" in output
    assert re.search(rf"{kind}: [1-9]\d* new, 0 updated, 0 unchanged", output)  # rows came in
    again = run_command(kind, EXAMPLES / name)
    assert "0 new" in again
    assert re.search(rf"{kind}: 0 new, 0 updated, [1-9]\d* unchanged", again)


# Re-import


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    locations, studios = write(tmp_path, LOCATIONS), write(tmp_path, STUDIOS, "s.csv")
    run_command("locations", locations)
    run_command("studios", studios)
    before = counts()
    stamps = list(Location.objects.values_list("updated_at", flat=True))
    history = Location.history.count() + Studio.history.count() + Soundstage.history.count()

    assert "0 new, 0 updated, 2 unchanged" in run_command("locations", locations)
    output = run_command("studios", studios)
    assert "studios: 0 new, 0 updated, 2 unchanged" in output
    assert "stages: 0 new, 0 updated, 3 unchanged" in output
    assert counts() == before
    assert list(Location.objects.values_list("updated_at", flat=True)) == stamps
    assert Location.history.count() + Studio.history.count() + Soundstage.history.count() == (
        history
    )


def test_a_changed_row_updates_its_record_only(tmp_path):
    run_command("locations", write(tmp_path, LOCATIONS))
    changed = LOCATIONS.replace("The Golden Pavilion.", '"The Golden Pavilion, by the pond."')
    changed = changed.replace("gold;pond", "gold")
    output = run_command("locations", write(tmp_path, changed))
    assert "0 new, 1 updated, 1 unchanged" in output
    kinkakuji = Location.objects.get(name="Kinkaku-ji")
    assert kinkakuji.description == "The Golden Pavilion, by the pond."
    assert [t.name for t in kinkakuji.tags.all()] == ["gold"]
    assert Location.objects.count() == 2


def test_a_changed_stage_size_updates_that_stage(tmp_path):
    run_command("studios", write(tmp_path, STUDIOS))
    changed = STUDIOS.replace("Stage B,30,20,10,550", "Stage B,30,20,11,")
    output = run_command("studios", write(tmp_path, changed))
    assert "stages: 0 new, 1 updated, 2 unchanged" in output
    stage = Soundstage.objects.get(name="Stage B")
    assert (stage.height_m, stage.area_m2, stage.floor_area_m2) == (
        Decimal("11.00"),
        None,
        Decimal("600"),
    )
    assert Soundstage.objects.count() == 3


def test_fields_outside_the_file_are_kept(tmp_path):
    run_command("locations", write(tmp_path, LOCATIONS))
    Location.objects.filter(name="Kinkaku-ji").update(
        permit_authority="Temple office", name_romaji="Kinkaku-ji"
    )
    changed = LOCATIONS.replace("The Golden Pavilion.", "The Golden Pavilion by its pond.")
    assert "1 updated" in run_command("locations", write(tmp_path, changed))
    kinkakuji = Location.objects.get(name="Kinkaku-ji")
    assert (kinkakuji.permit_authority, kinkakuji.name_romaji) == ("Temple office", "Kinkaku-ji")
    assert kinkakuji.description == "The Golden Pavilion by its pond."


def test_an_empty_status_keeps_the_stored_one(tmp_path):
    run_command("locations", write(tmp_path, LOCATIONS))
    run_command("locations", write(tmp_path, LOCATIONS.replace(",published\n", ",\n")))
    assert Location.objects.get(name="Kinkaku-ji").status == Status.PUBLISHED


# Bad rows: the line, the reason, and nothing written


GOOD_ROW = "Kinkaku-ji,金閣寺,temple,Kyoto,Kyoto,,35.039370,135.729243,Fine row.,gold,draft"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("Tokyo Tower,,building,Tokio,,,,,,,", 'line 3: unknown prefecture "Tokio"'),
        (
            "Tokyo Tower,,building,Tokyo,,,50.1,139.745433,,,",
            "line 3: latitude 50.1 is outside Japan (20–46)",
        ),
        (
            "Tokyo Tower,,building,Tokyo,,,35.658581,100,,,",
            "line 3: longitude 100 is outside Japan (122–154)",
        ),
        (
            "Tokyo Tower,,building,Tokyo,,,35.658581,,,,",
            "line 3: latitude and longitude go together: fill both or neither",
        ),
        (",東京タワー,building,Tokyo,,,,,,,", "line 3: name is required"),
        ("Tokyo Tower,,building,,,,,,,,", "line 3: prefecture is required"),
        ("Tokyo Tower,,tower,Tokyo,,,,,,,", 'line 3: unknown category "tower"'),
        ("Tokyo Tower,,building,Tokyo,,,abc,139.7,,,", 'line 3: latitude "abc" is not a number'),
        (
            "Tokyo Tower,,building,Tokyo,,,,,,,live",
            'line 3: status "live" is not one of draft, review, published',
        ),
        ("T" * 201 + ",,building,Tokyo,,,,,,,", "line 3: name: Ensure this value has at most 200"),
        ("Tokyo Tower,,building,Tokyo,,,,,,,,extra", "line 3: 12 values but the header has 11"),
        (GOOD_ROW, "line 3: same name, prefecture and municipality as line 2"),
        # A NUL once reached PostgreSQL in the lookups of a preview (a 500 there).
        ("Tokyo\x00 Tower,,building,Tok\x00yo,,,,,,,", "line 3: a cell holds a null character"),
    ],
)
def test_a_bad_location_row_is_named_and_nothing_is_written(tmp_path, bad_row, message):
    text = f"{LOCATION_HEADER}\n{GOOD_ROW}\n{bad_row}\n"
    errors = failing_command("locations", write(tmp_path, text))
    assert any(line.startswith(message) for line in errors), errors
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("Studio X,,Tokio,,,,,Stage 1,30,20,10,,no,no,", 'line 3: unknown prefecture "Tokio"'),
        (
            "Studio X,,Tokyo,,50.1,139.6,,Stage 1,30,20,10,,no,no,",
            "line 3: latitude 50.1 is outside Japan (20–46)",
        ),
        (",,Tokyo,,,,,Stage 1,30,20,10,,no,no,", "line 3: studio is required"),
        ("Studio X,,Tokyo,,,,,Stage 1,abc,20,10,,no,no,", 'line 3: length_m "abc" is not a number'),
        ("Studio\x00 X,,Tokyo,,,,,Stage 1,30,20,10,,no,no,", "line 3: a cell holds a null"),
        (
            "Studio X,,Tokyo,,,,,Stage 1,30,20,10,,maybe,no,",
            'line 3: tank "maybe" is not yes or no',
        ),
        (
            "Studio X,,Tokyo,,,,,Stage 1,0,20,10,,no,no,",
            "line 3: length_m 0 must be greater than 0",
        ),
        ("Studio X,,Tokyo,,,,,,30,20,10,,no,no,", "line 3: stage is required when"),
        ("Studio X,,Tokyo,,,,not a url,Stage 1,30,20,10,,no,no,", "line 3: website: Enter a valid"),
        (
            "Good Studio,,Kyoto,,,,,Stage 2,30,20,10,,no,no,",
            'line 3: prefecture "Kyoto" differs from line 2 for the same studio',
        ),
        (
            "Good Studio,,,,,,,Stage 1,30,20,10,,no,no,",
            'line 3: stage "Stage 1" of "Good Studio" is already on line 2',
        ),
    ],
)
def test_a_bad_studio_row_is_named_and_nothing_is_written(tmp_path, bad_row, message):
    good = "Good Studio,,Tokyo,,,,,Stage 1,30,20,10,,no,no,draft"
    errors = failing_command("studios", write(tmp_path, f"{STUDIO_HEADER}\n{good}\n{bad_row}\n"))
    assert any(line.startswith(message) for line in errors), errors
    assert counts() == (0, 0, 0, 0)


def test_every_bad_row_is_reported_at_once(tmp_path):
    text = (
        f"{LOCATION_HEADER}\n"
        f"{GOOD_ROW}\n"
        "Tokyo Tower,,building,Tokio,,,,,,,\n"
        "Shibuya,,street,Tokyo,,,50.1,139.7,,,\n"
        ",,street,Tokyo,,,,,,,\n"
    )
    errors = failing_command("locations", write(tmp_path, text))
    assert errors == [
        'line 3: unknown prefecture "Tokio"',
        "line 4: latitude 50.1 is outside Japan (20–46)",
        "line 5: name is required",
    ]


def test_a_bad_row_also_leaves_existing_records_untouched(tmp_path):
    run_command("locations", write(tmp_path, LOCATIONS))
    changed = LOCATIONS.replace("The Golden Pavilion.", "Changed.") + "Bad,,street,Tokio,,,,,,,\n"
    failing_command("locations", write(tmp_path, changed))
    assert Location.objects.get(name="Kinkaku-ji").description == "The Golden Pavilion."


def test_the_header_line_counts_as_line_one_with_multiline_cells(tmp_path):
    text = f'{LOCATION_HEADER}\nA,,street,Tokyo,,,,,"two\nlines",,\nB,,street,Tokio,,,,,,,\n'
    assert failing_command("locations", write(tmp_path, text)) == [
        'line 3: unknown prefecture "Tokio"'
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (LOCATION_HEADER.replace(",category", ""), "line 1: missing column(s): category"),
        (LOCATION_HEADER + ",colour", "line 1: unknown column(s): colour"),
        (LOCATION_HEADER.replace(",", ";"), "line 1: columns must be separated by commas"),
    ],
)
def test_a_wrong_header_is_a_clear_error(tmp_path, header, message):
    errors = failing_command("locations", write(tmp_path, f"{header}\nA,,street,Tokyo\n"))
    assert errors[0].startswith(message)


def test_columns_may_come_in_any_order(tmp_path):
    text = "prefecture,name,category,name_ja,municipality,address,latitude,longitude,"
    text += "description,tags,status\nKyoto,Kinkaku-ji,temple,,,,,,,,\n"
    run_command("locations", write(tmp_path, text))
    assert Location.objects.get().prefecture.slug == "kyoto"


def test_an_unreadable_row_is_named(tmp_path):
    huge = "x" * 200_000  # over the csv module's field limit
    text = f'{LOCATION_HEADER}\n{GOOD_ROW}\n"{huge}",,street,Tokyo,,,,,,,\n'
    errors = failing_command("locations", write(tmp_path, text))
    assert errors[0].startswith("line 3: not readable as CSV")


def test_a_too_long_tag_is_named(tmp_path):
    text = f"{LOCATION_HEADER}\nA,,street,Tokyo,,,,,,{'t' * 61};ok,\n"
    errors = failing_command("locations", write(tmp_path, text))
    assert errors == [f'line 2: tag "{"t" * 61}" is longer than 60 characters']


def test_a_file_that_is_not_utf8_is_refused_with_advice(tmp_path):
    errors = failing_command("locations", write(tmp_path, LOCATIONS, encoding="cp932"))
    assert errors == ['line 1: the file is not UTF-8: in Excel, save as "CSV UTF-8"']


def test_an_empty_file_is_refused(tmp_path):
    errors = failing_command("studios", write(tmp_path, ""))
    assert errors[0].startswith("line 1: the file is empty")


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_catalogue", "locations", str(tmp_path / "nope.csv"))


# Who may publish


def test_an_import_by_a_fixer_does_not_publish(fixer):
    report = LocationImporter(user=fixer).run(LOCATIONS)
    assert report.ok
    kinkakuji = Location.objects.get(name="Kinkaku-ji")
    assert kinkakuji.status == Status.REVIEW
    assert kinkakuji.created_by == fixer
    assert 'line 2: status "published" saved as "review": an editor publishes it' in [
        str(note) for note in report.notes
    ]


def test_an_import_by_a_fixer_does_not_unpublish(fixer):
    LocationImporter().run(LOCATIONS)
    report = LocationImporter(user=fixer).run(LOCATIONS.replace(",published\n", ",draft\n"))
    assert report.ok
    assert Location.objects.get(name="Kinkaku-ji").status == Status.PUBLISHED


def test_an_import_by_an_editor_publishes(editor):
    StudioImporter(user=editor).run(STUDIOS.replace(",review\n", ",published\n"))
    assert Studio.objects.get(name="Sample Studio East").status == Status.PUBLISHED


# The admin: preview, confirm, export


def import_url(model_name):
    return reverse(f"admin:locations_{model_name}_import")


def test_the_admin_import_previews_then_imports_for_a_fixer(fixer_client, fixer):
    file = io.BytesIO(LOCATIONS.encode())
    file.name = "locations.csv"
    preview = fixer_client.post(import_url("location"), {"file": file})
    assert preview.status_code == 200
    assert Location.objects.count() == 0  # the preview saves nothing
    content = preview.content.decode()
    assert "locations: 2 new, 0 updated, 0 unchanged" in content
    assert "Kinkaku-ji" in content and "saved as &quot;review&quot;" in content
    payload = preview.context["payload"]

    done = fixer_client.post(import_url("location"), {"payload": payload, "confirm": "1"})
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:locations_location_changelist")
    assert Location.objects.count() == 2
    assert Location.objects.get(name="Kinkaku-ji").status == Status.REVIEW
    assert set(Location.objects.values_list("created_by", flat=True)) == {fixer.pk}


def test_the_admin_import_preview_lists_errors_and_offers_no_confirm(fixer_client):
    file = io.BytesIO(f"{LOCATION_HEADER}\n{GOOD_ROW}\nX,,street,Tokio,,,,,,,\n".encode())
    file.name = "locations.csv"
    response = fixer_client.post(import_url("location"), {"file": file})
    content = response.content.decode()
    assert "line 3: unknown prefecture &quot;Tokio&quot;" in content
    assert response.context["payload"] is None
    assert 'name="confirm"' not in content
    assert Location.objects.count() == 0


def test_the_admin_imports_studios(fixer_client):
    file = io.BytesIO(STUDIOS.encode())
    file.name = "studios.csv"
    preview = fixer_client.post(import_url("studio"), {"file": file})
    payload = preview.context["payload"]
    fixer_client.post(import_url("studio"), {"payload": payload, "confirm": "1"})
    assert (Studio.objects.count(), Soundstage.objects.count()) == (2, 3)


def test_a_tampered_or_foreign_preview_is_refused(fixer_client, editor):
    file = io.BytesIO(LOCATIONS.encode())
    file.name = "locations.csv"
    editor_client = Client()
    editor_client.force_login(editor)
    payload = editor_client.post(import_url("location"), {"file": file}).context["payload"]
    for bad in (payload[:-2] + "xx", payload):  # altered; previewed by another user
        response = fixer_client.post(import_url("location"), {"payload": bad, "confirm": "1"})
        assert response.status_code == 302
    assert Location.objects.count() == 0


def test_a_user_without_add_permission_cannot_import(client, db):
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    client.force_login(viewer)
    assert client.get(import_url("location")).status_code == 403


def export(client, model_name, query=""):
    response = client.get(reverse(f"admin:locations_{model_name}_export") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    return response.content


def test_an_exported_file_imports_back_with_no_changes(fixer_client):
    LocationImporter().run(LOCATIONS)
    StudioImporter().run(STUDIOS)
    factories.LocationFactory(
        name="=HYPERLINK(1)", name_ja="", description="-5 m below the road", status="review"
    )
    factories.StudioFactory(name="Studio Without Stages")
    for model_name, importer in (("location", LocationImporter), ("studio", StudioImporter)):
        report = importer().run(export(fixer_client, model_name))
        assert report.ok, report.errors
        assert {(o.label, o.action, o.changes) for o in report.outcomes if o.changes} == set()
        assert {o.action for o in report.outcomes} == {"unchanged"}


def test_export_follows_the_list_filters(fixer_client):
    LocationImporter().run(LOCATIONS)
    rows = list(
        csv.reader(
            io.StringIO(
                export(fixer_client, "location", "?status__exact=draft").decode("utf-8-sig")
            )
        )
    )
    assert [row[1] for row in rows] == ["name", "Dotonbori"]


def test_the_export_action_exports_the_selection(fixer_client):
    LocationImporter().run(LOCATIONS)
    dotonbori = Location.objects.get(name="Dotonbori")
    response = fixer_client.post(
        reverse("admin:locations_location_changelist"),
        {"action": "export_selected", "_selected_action": [dotonbori.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows] == ["name", "Dotonbori"]


def test_export_escapes_formulas_in_text_but_not_numbers(fixer_client):
    for i, dangerous in enumerate(["=1+1", "+81 75", "-cmd", "@SUM(A1)", "\tTab"]):
        factories.LocationFactory(
            name=f"Place {i}", name_ja=dangerous, description=dangerous, municipality="Kyoto"
        )
    rows = list(csv.DictReader(io.StringIO(export(fixer_client, "location").decode("utf-8-sig"))))
    assert {row["name_ja"] for row in rows} == {"'=1+1", "'+81 75", "'-cmd", "'@SUM(A1)", "'\tTab"}
    assert all(row["description"].startswith("'") for row in rows)
    assert {row["municipality"] for row in rows} == {"Kyoto"}
    assert {row["longitude"] for row in rows} == {"139.700400"}  # numbers as they are


def test_studio_export_has_one_row_per_stage(fixer_client):
    StudioImporter().run(STUDIOS)
    rows = list(csv.DictReader(io.StringIO(export(fixer_client, "studio").decode("utf-8-sig"))))
    assert [(r["studio"], r["stage"], r["area_m2"], r["tank"]) for r in rows] == [
        ("Sample Studio East", "Stage A", "", "no"),
        ("Sample Studio East", "Stage B", "550.00", "yes"),
        ("Sample Studio West", "Stage 1", "", "no"),
    ]


def _many_locations(n: int) -> str:
    rows = [
        f"Place {i},場所{i},temple,Kyoto,Kyoto,,35.0{i:04d},135.7,A sample place.,gold;pond,draft"
        for i in range(n)
    ]
    return LOCATION_HEADER + "\n" + "\n".join(rows) + "\n"


def _many_studios(n: int) -> str:
    rows = [
        f"Studio {i},スタジオ{i},Tokyo,Setagaya,35.6,139.6,,Stage {j},40,25,12,,no,yes,draft"
        for i in range(n)
        for j in range(2)
    ]
    return STUDIO_HEADER + "\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("kind", "make"), [("locations", _many_locations), ("studios", _many_studios)]
)
def test_reimporting_an_unchanged_file_costs_the_same_queries_for_3_or_30_rows(
    tmp_path, kind, make
):
    # The existing records are read in batches, not one query per row (the admin's preview
    # runs the import inside a request).
    queries = {}
    for n in (3, 30):
        path = write(tmp_path, make(n), name=f"{kind}-{n}.csv")
        run_command(kind, path)
        with CaptureQueriesContext(connection) as captured:
            output = run_command(kind, path)
        assert "0 new, 0 updated" in output
        queries[n] = len(captured)
    assert queries[30] == queries[3]


def test_the_admin_preview_names_a_null_character_instead_of_failing(fixer_client):
    file = io.BytesIO(f"{LOCATION_HEADER}\n{GOOD_ROW}\nA\x00B,,street,Tok\x00yo,,,,,,,\n".encode())
    file.name = "locations.csv"
    response = fixer_client.post(import_url("location"), {"file": file})
    assert response.status_code == 200
    assert "line 3: a cell holds a null character (NUL)" in response.content.decode()
    assert response.context["payload"] is None
    assert Location.objects.count() == 0


def test_a_large_file_with_a_null_character_is_previewed_here_not_queued(fixer_client, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1  # two rows: large enough for a background job
    file = io.BytesIO(f"{LOCATION_HEADER}\n{GOOD_ROW}\nA\x00B,,street,Tokyo,,,,,,,\n".encode())
    file.name = "locations.csv"
    response = fixer_client.post(import_url("location"), {"file": file})
    assert response.status_code == 200
    assert "line 3: a cell holds a null character (NUL)" in response.content.decode()
    assert not Job.objects.exists() and Location.objects.count() == 0


def test_coordinates_in_another_prefecture_are_noted_not_refused(tmp_path):
    # Sapporo's coordinates on a row for Okinawa: a swapped or copied cell, worth a look.
    text = f"{LOCATION_HEADER}\nShuri test,,park,Okinawa,,,43.06,141.35,,,draft\n{GOOD_ROW}\n"
    out = run_command("locations", write(tmp_path, text))
    assert "line 2: 43.06, 141.35 lie in Hokkaido, not Okinawa: check the coordinates" in out
    assert out.count(" lie in ") == 1  # Kinkaku-ji lies in Kyoto
    assert Location.objects.count() == 2


def test_no_demo_place_is_noted_as_lying_in_another_prefecture():
    from locations.demo.loader import load_places
    from locations.prefecture_bounds import misplaced_in

    load_places()
    places = Location.objects.select_related("prefecture").exclude(latitude=None)
    assert places.count() > 40
    # Remote islands lie in no prefecture's box, and a town by a border in its own, widened.
    assert misplaced_in(47, 24.34, 124.16) is None  # Ishigaki, Okinawa
    for place in places:
        lat, lng = float(place.latitude), float(place.longitude)
        assert misplaced_in(place.prefecture.code, lat, lng) is None, place.slug
